package kubernetes

import "slices"

type securityContext struct {
	Privileged   *bool  `json:"privileged"`
	RunAsUser    *int64 `json:"runAsUser"`
	RunAsNonRoot *bool  `json:"runAsNonRoot"`
}

type container struct {
	Name            string           `json:"name"`
	SecurityContext *securityContext `json:"securityContext"`
}

type podSpec struct {
	Containers          []container `json:"containers"`
	InitContainers      []container `json:"initContainers"`
	EphemeralContainers []container `json:"ephemeralContainers"`
	Volumes             []struct {
		Name     string `json:"name"`
		HostPath *struct {
			Path string `json:"path"`
		} `json:"hostPath"`
	} `json:"volumes"`
	HostNetwork     bool             `json:"hostNetwork"`
	HostPID         bool             `json:"hostPID"`
	HostIPC         bool             `json:"hostIPC"`
	SecurityContext *securityContext `json:"securityContext"`
}

func (p *projector) pod(o *object, ref string) error {
	var spec podSpec
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	pod := Pod{
		Namespace:            ns,
		Name:                 o.Metadata.Name,
		Tenant:               tenant,
		InScope:              in,
		PrivilegedContainers: []string{},
		HostPathVolumes:      []string{},
		HostNetwork:          spec.HostNetwork,
		HostPID:              spec.HostPID,
		HostIPC:              spec.HostIPC,
		RunAsRootContainers:  []string{},
		OwnerKind:            ownerKind(&o.Metadata),
		Ref:                  ref,
	}
	var podUser *int64
	var podNonRoot *bool
	if sc := spec.SecurityContext; sc != nil {
		podUser, podNonRoot = sc.RunAsUser, sc.RunAsNonRoot
	}
	for _, list := range [][]container{spec.InitContainers, spec.Containers, spec.EphemeralContainers} {
		for _, c := range list {
			user, nonRoot := podUser, podNonRoot
			if sc := c.SecurityContext; sc != nil {
				if sc.Privileged != nil && *sc.Privileged {
					pod.PrivilegedContainers = append(pod.PrivilegedContainers, c.Name)
				}
				if sc.RunAsUser != nil {
					user = sc.RunAsUser
				}
				if sc.RunAsNonRoot != nil {
					nonRoot = sc.RunAsNonRoot
				}
			}
			if (nonRoot == nil || !*nonRoot) && (user == nil || *user == 0) {
				pod.RunAsRootContainers = append(pod.RunAsRootContainers, c.Name)
			}
		}
	}
	for _, v := range spec.Volumes {
		if v.HostPath != nil {
			pod.HostPathVolumes = append(pod.HostPathVolumes, v.Name)
		}
	}
	slices.Sort(pod.PrivilegedContainers)
	slices.Sort(pod.RunAsRootContainers)
	slices.Sort(pod.HostPathVolumes)
	p.c.Pods = append(p.c.Pods, pod)
	return nil
}

// ownerKind is the kind of the controlling owner, else of the first owner.
func ownerKind(m *objectMeta) string {
	for _, r := range m.OwnerReferences {
		if r.Controller != nil && *r.Controller {
			return r.Kind
		}
	}
	if len(m.OwnerReferences) > 0 {
		return m.OwnerReferences[0].Kind
	}
	return ""
}

func (p *projector) workload(o *object, kind, ref string) error {
	var spec struct {
		Replicas *int64 `json:"replicas"`
		Template struct {
			Metadata struct {
				Labels map[string]string `json:"labels"`
			} `json:"metadata"`
		} `json:"template"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status struct {
		CurrentNumberScheduled *int64 `json:"currentNumberScheduled"`
	}
	if kind == "DaemonSet" {
		if err := decodeRaw("status", o.Status, &status); err != nil {
			return err
		}
	}
	replicas := spec.Replicas
	switch {
	case kind == "DaemonSet":
		replicas = status.CurrentNumberScheduled
	case replicas == nil:
		one := int64(1) // the API server's default
		replicas = &one
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	p.c.Workloads = append(p.c.Workloads, Workload{
		Kind:           kind,
		Namespace:      ns,
		Name:           o.Metadata.Name,
		Tenant:         tenant,
		InScope:        in,
		Replicas:       replicas,
		TemplateLabels: orEmpty(spec.Template.Metadata.Labels),
		Ref:            ref,
	})
	return nil
}

func (p *projector) pdb(o *object, ref string) error {
	var spec struct {
		Selector *labelSelector `json:"selector"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	if spec.Selector == nil {
		return nil // a null selector selects no pods (policy/v1)
	}
	ns := o.Metadata.Namespace
	p.c.PDBsByNamespace[ns] = append(p.c.PDBsByNamespace[ns], PDB{
		Name:        o.Metadata.Name,
		MatchLabels: orEmpty(spec.Selector.MatchLabels),
		Ref:         ref,
	})
	return nil
}
