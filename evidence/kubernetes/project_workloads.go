package kubernetes

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// availabilityKinds are the workloads of Cluster.Workloads: what runs
// replicas of a service (K8S-AVAIL-01). ReplicaSets are assessed through
// their Deployments, Jobs and CronJobs run to completion.
var availabilityKinds = map[string]bool{"Deployment": true, "StatefulSet": true, "DaemonSet": true}

// owner is the controlling owner of an object: kind and name, in the
// object's namespace.
type owner struct{ kind, name string }

// podObject is a pod as read, before it is reported through its owner.
type podObject struct {
	spec  *PodSpec
	owner owner
	// templateHash is the pod-template-hash label a Deployment's
	// ReplicaSet puts on its pods.
	templateHash string
}

// controller is a controller as read: its identity, its owner and its
// pod spec, which is decoded only when the checks assess the controller
// (a ReplicaSet of a Deployment in the evidence never is).
type controller struct {
	kind, namespace, name, tenant string
	inScope                       bool
	owner                         owner
	raw                           json.RawMessage
	// at is the JSON pointer of raw in the object (/spec/template/spec).
	at   string
	ref  string
	spec *PodSpec
}

// podSpec decodes the controller's pod spec once.
func (c *controller) podSpec() (*PodSpec, error) {
	if c.spec != nil {
		return c.spec, nil
	}
	var spec podSpec
	if len(c.raw) > 0 {
		if err := decodePodSpec(c.raw, &spec); err != nil {
			return nil, jsonscan.AtObject(c.ref, c.kind+" "+qualified(c.namespace, c.name), jsonscan.UnderPointer(c.at, c.raw, err))
		}
	}
	c.spec = newPodSpec(c.kind, c.namespace, c.name, c.tenant, c.inScope, &spec, c.ref)
	c.raw = nil
	return c.spec, nil
}

func (p *projector) pod(o *object, ref string) error {
	var spec podSpec
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	p.addPod(o.Metadata.Namespace, o.Metadata.Name, controllerOf(&o.Metadata), o.Metadata.Labels["pod-template-hash"], &spec, ref)
	return nil
}

// addPod records a pod read from the evidence (ns, name, its controlling
// owner, its pod-template-hash label and spec).
func (p *projector) addPod(ns, name string, own owner, templateHash string, spec *podSpec, ref string) {
	tenant, in := p.inScope(ns)
	s := newPodSpec("Pod", ns, name, tenant, in, spec, ref)
	s.Pods = 1
	p.pods = append(p.pods, podObject{spec: s, owner: own, templateHash: templateHash})
}

// controllerOf is the controlling owner, else the first owner; the zero
// owner for an object without owners.
func controllerOf(m *objectMeta) owner {
	for _, r := range m.OwnerReferences {
		if r.Controller != nil && *r.Controller {
			return owner{r.Kind, r.Name}
		}
	}
	if len(m.OwnerReferences) > 0 {
		return owner{m.OwnerReferences[0].Kind, m.OwnerReferences[0].Name}
	}
	return owner{}
}

// podTemplate is a controller's pod template as the projection reads it:
// the labels, and the spec raw until the controller is assessed.
type podTemplate struct {
	Metadata struct {
		Labels map[string]string `json:"labels"`
	} `json:"metadata"`
	Spec json.RawMessage `json:"spec"`
}

// workloadSpec is what the projection reads of a controller's spec.
type workloadSpec struct {
	Replicas    *int64      `json:"replicas"`
	Template    podTemplate `json:"template"`
	JobTemplate struct {
		Spec struct {
			Template podTemplate `json:"template"`
		} `json:"spec"`
	} `json:"jobTemplate"`
}

// daemonSetStatus is what the projection reads of a DaemonSet's status.
type daemonSetStatus struct {
	CurrentNumberScheduled *int64 `json:"currentNumberScheduled"`
}

// workload reads a controller: its pod template for the pod checks, and
// for Deployments, StatefulSets and DaemonSets its replicas and template
// labels for the availability check.
func (p *projector) workload(o *object, kind, ref string) error {
	var spec workloadSpec
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status daemonSetStatus
	if kind == "DaemonSet" {
		if err := decodeRaw("status", o.Status, &status); err != nil {
			return err
		}
	}
	p.addWorkload(kind, o.Metadata.Namespace, o.Metadata.Name, controllerOf(&o.Metadata), &spec, &status, ref)
	return nil
}

// addWorkload records a controller read from the evidence; status is read
// for a DaemonSet only.
func (p *projector) addWorkload(kind, ns, name string, own owner, spec *workloadSpec, status *daemonSetStatus, ref string) {
	tenant, in := p.inScope(ns)
	tmpl, at := &spec.Template, "/spec/template/spec"
	if kind == "CronJob" {
		tmpl, at = &spec.JobTemplate.Spec.Template, "/spec/jobTemplate/spec/template/spec"
	}
	p.controllers[ownerKey(kind, ns, name)] = &controller{
		kind: kind, namespace: ns, name: name, tenant: tenant, inScope: in,
		owner: own, raw: tmpl.Spec, at: at, ref: ref,
	}
	if !availabilityKinds[kind] {
		return
	}
	replicas := spec.Replicas
	switch {
	case kind == "DaemonSet":
		replicas = status.CurrentNumberScheduled
	case replicas == nil:
		one := int64(1) // the API server's default
		replicas = &one
	}
	p.c.Workloads = append(p.c.Workloads, Workload{
		Kind:           kind,
		Namespace:      ns,
		Name:           name,
		Tenant:         tenant,
		InScope:        in,
		Replicas:       replicas,
		TemplateLabels: orEmpty(tmpl.Metadata.Labels),
		Ref:            ref,
	})
}

func ownerKey(kind, ns, name string) string { return kind + "/" + ns + "/" + name }

// assessed tells whether the pod checks assess a controller's template
// on its own: a ReplicaSet whose Deployment, and a Job whose CronJob, is
// in the evidence is assessed through it.
func (p *projector) assessed(c *controller) bool {
	switch c.kind {
	case "ReplicaSet":
		return !(c.owner.kind == "Deployment" && p.controllers[ownerKey("Deployment", c.namespace, c.owner.name)] != nil)
	case "Job":
		return !(c.owner.kind == "CronJob" && p.controllers[ownerKey("CronJob", c.namespace, c.owner.name)] != nil)
	}
	return true
}

// reportedThrough returns the assessed controller a pod is reported
// through, nil when none is in the evidence: the pod's controller, or the
// Deployment of its ReplicaSet, or the CronJob of its Job. A pod whose
// ReplicaSet is missing is reported through the Deployment the
// ReplicaSet's name and the pod-template-hash label name
// (<deployment>-<hash>), when that Deployment is in the evidence.
func (p *projector) reportedThrough(pod *podObject) *controller {
	ns := pod.spec.Namespace
	c := p.controllers[ownerKey(pod.owner.kind, ns, pod.owner.name)]
	if c == nil {
		if d, ok := strings.CutSuffix(pod.owner.name, "-"+pod.templateHash); ok && pod.owner.kind == "ReplicaSet" && pod.templateHash != "" {
			return p.controllers[ownerKey("Deployment", ns, d)]
		}
		return nil
	}
	if p.assessed(c) {
		return c
	}
	return p.controllers[ownerKey(c.owner.kind, ns, c.owner.name)]
}

// finishPodSpecs reports every pod through the controller whose template
// the checks assess, or on its own, and groups the specs by namespace,
// sorted by kind and name.
func (p *projector) finishPodSpecs() error {
	slices.SortFunc(p.pods, func(a, b podObject) int {
		return cmp.Or(cmp.Compare(a.spec.Namespace, b.spec.Namespace), cmp.Compare(a.spec.Name, b.spec.Name))
	})
	add := func(s *PodSpec) {
		p.c.PodSpecsByNamespace[s.Namespace] = append(p.c.PodSpecsByNamespace[s.Namespace], s)
	}
	for _, c := range p.controllers {
		if !p.assessed(c) {
			continue
		}
		spec, err := c.podSpec()
		if err != nil {
			return err
		}
		add(spec)
	}
	for i := range p.pods {
		pod := &p.pods[i]
		p.c.Pods = append(p.c.Pods, pod.spec)
		if c := p.reportedThrough(pod); c != nil {
			spec, err := c.podSpec()
			if err != nil {
				return err
			}
			spec.merge(pod.spec)
			continue
		}
		add(pod.spec)
	}
	for _, l := range p.c.PodSpecsByNamespace {
		slices.SortFunc(l, func(a, b *PodSpec) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name)) })
	}
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
