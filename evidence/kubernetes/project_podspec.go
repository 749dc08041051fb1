package kubernetes

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PodSpec is a pod template of a controller the checks assess, or a pod
// that is not reported through such a controller, with the
// security-relevant settings of its containers. Each setting names the
// container and the field it was read from, relative to the pod spec
// (a controller's spec.template.spec, a CronJob's
// spec.jobTemplate.spec.template.spec, a pod's spec).
type PodSpec struct {
	// Kind is Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
	// CronJob or Pod.
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Tenant    string `json:"tenant"`
	InScope   bool   `json:"in_scope"`
	// Workload names it in results: "<kind in lower case>/<namespace>/<name>",
	// e.g. deployment/acme-prod/web or pod/acme-prod/debug.
	Workload string `json:"workload"`
	// Pods is the number of pods reported through it: the pods its
	// controller made, 1 for a pod of its own.
	Pods int `json:"pods"`
	// Privileged: securityContext.privileged true, an added capability
	// of DangerousCapabilities, or a Windows host process.
	Privileged []Setting `json:"privileged"`
	// HostPath: every hostPath volume, the value its path.
	HostPath []Setting `json:"host_path"`
	// HostNamespaces: hostNetwork, hostPID and hostIPC when true.
	HostNamespaces []Setting `json:"host_namespaces"`
	// RunAsRoot: containers whose effective runAsNonRoot is not true and
	// whose effective runAsUser is 0 or unset (value "0" or "unset"), and
	// containers whose effective runAsGroup is 0.
	RunAsRoot []Setting `json:"run_as_root"`
	// Hardening: allowPrivilegeEscalation not false, no seccomp profile
	// RuntimeDefault or Localhost, readOnlyRootFilesystem not true.
	Hardening []Setting `json:"hardening"`
	// NoMemoryLimit: containers and init containers without
	// resources.limits.memory.
	NoMemoryLimit []Setting `json:"no_memory_limit"`
	// Images are the images of every container.
	Images []Image `json:"images"`
	Ref    string  `json:"ref"`
}

// Setting is one container setting (or pod setting, Container "") a check
// reads.
type Setting struct {
	Container string `json:"container"`
	// Field is the path in the pod spec the value was read from, or
	// where it is missing: containers[app].securityContext.privileged,
	// securityContext.runAsUser (the pod's, inherited by the
	// container), volumes[logs].hostPath.path, hostNetwork.
	Field string `json:"field"`
	// Value is the value found, "unset" when the field is absent.
	Value string `json:"value"`
	// Pod and Ref name the pod the setting was seen on when it is not in
	// the controller's template (a pod of an older revision, or changed
	// by an admission webhook); "" for the spec's own settings.
	Pod string `json:"pod,omitempty"`
	Ref string `json:"ref,omitempty"`
}

// Image is the image of one container, parsed as the container runtime
// resolves a reference.
type Image struct {
	Container string `json:"container"`
	// Field is the path of the image in the pod spec:
	// containers[app].image.
	Field string `json:"field"`
	// Image is the reference as written.
	Image string `json:"image"`
	// Registry is the registry host ("docker.io" when the reference
	// names none), Repository the path below it ("library/nginx").
	Registry   string `json:"registry"`
	Repository string `json:"repository"`
	// Tag is "" when the reference has none (the runtime pulls latest);
	// Digest is "sha256:…" when the reference pins one.
	Tag    string `json:"tag"`
	Digest string `json:"digest"`
	// Pod and Ref are set as for a Setting.
	Pod string `json:"pod,omitempty"`
	Ref string `json:"ref,omitempty"`
}

// DangerousCapabilities are the Linux capabilities that count as
// privileged access when a container adds them: each lets a process
// reach beyond its container (mount file systems, load kernel modules,
// trace other processes, read any file by handle, reconfigure the host's
// network, raw device and kernel access, BPF programs) and none is among
// what the Pod Security Standards' baseline allows to add. "ALL" adds
// every one of them.
var DangerousCapabilities = []string{
	"ALL", "BPF", "DAC_READ_SEARCH", "MAC_ADMIN", "MAC_OVERRIDE", "NET_ADMIN", "PERFMON",
	"SYS_ADMIN", "SYS_BOOT", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO",
}

type securityContext struct {
	Privileged               *bool           `json:"privileged"`
	RunAsUser                *int64          `json:"runAsUser"`
	RunAsGroup               *int64          `json:"runAsGroup"`
	RunAsNonRoot             *bool           `json:"runAsNonRoot"`
	AllowPrivilegeEscalation *bool           `json:"allowPrivilegeEscalation"`
	ReadOnlyRootFilesystem   *bool           `json:"readOnlyRootFilesystem"`
	SeccompProfile           *seccompProfile `json:"seccompProfile"`
	Capabilities             *capabilities   `json:"capabilities"`
	WindowsOptions           *windowsOptions `json:"windowsOptions"`
}

type seccompProfile struct {
	Type string `json:"type"`
}

type capabilities struct {
	Add []string `json:"add"`
}

type windowsOptions struct {
	HostProcess *bool `json:"hostProcess"`
}

type container struct {
	Name            string           `json:"name"`
	Image           string           `json:"image"`
	SecurityContext *securityContext `json:"securityContext"`
	Resources       struct {
		Limits struct {
			Memory json.RawMessage `json:"memory"`
		} `json:"limits"`
	} `json:"resources"`
}

type podSpec struct {
	Containers          []container      `json:"containers"`
	InitContainers      []container      `json:"initContainers"`
	EphemeralContainers []container      `json:"ephemeralContainers"`
	Volumes             []volume         `json:"volumes"`
	HostNetwork         bool             `json:"hostNetwork"`
	HostPID             bool             `json:"hostPID"`
	HostIPC             bool             `json:"hostIPC"`
	SecurityContext     *securityContext `json:"securityContext"`
}

type volume struct {
	Name     string    `json:"name"`
	HostPath *hostPath `json:"hostPath"`
}

type hostPath struct {
	Path string `json:"path"`
}

// newPodSpec computes the settings of spec for the object kind/ns/name.
func newPodSpec(kind, ns, name, tenant string, in bool, spec *podSpec, ref string) *PodSpec {
	s := &PodSpec{
		Kind: kind, Namespace: ns, Name: name, Tenant: tenant, InScope: in,
		Workload:       strings.ToLower(kind) + "/" + ns + "/" + name,
		Privileged:     []Setting{},
		HostPath:       []Setting{},
		HostNamespaces: []Setting{},
		RunAsRoot:      []Setting{},
		Hardening:      []Setting{},
		NoMemoryLimit:  []Setting{},
		Images:         []Image{},
		Ref:            ref,
	}
	for _, h := range []struct {
		field string
		on    bool
	}{{"hostNetwork", spec.HostNetwork}, {"hostPID", spec.HostPID}, {"hostIPC", spec.HostIPC}} {
		if h.on {
			s.HostNamespaces = append(s.HostNamespaces, Setting{Field: h.field, Value: "true"})
		}
	}
	for _, v := range spec.Volumes {
		if v.HostPath != nil {
			s.HostPath = append(s.HostPath, Setting{Field: "volumes[" + v.Name + "].hostPath.path", Value: v.HostPath.Path})
		}
	}
	pod := spec.SecurityContext
	if pod == nil {
		pod = &securityContext{}
	}
	if w := pod.WindowsOptions; w != nil && w.HostProcess != nil && *w.HostProcess {
		s.Privileged = append(s.Privileged, Setting{Field: "securityContext.windowsOptions.hostProcess", Value: "true"})
	}
	for _, group := range []struct {
		list   string
		cs     []container
		limits bool // ephemeral containers have no resources
	}{{"initContainers", spec.InitContainers, true}, {"containers", spec.Containers, true}, {"ephemeralContainers", spec.EphemeralContainers, false}} {
		for _, c := range group.cs {
			s.container(group.list, &c, pod, group.limits)
		}
	}
	return s
}

// container adds the settings of one container; pod is the pod's
// securityContext, whose runAsUser, runAsGroup, runAsNonRoot and
// seccompProfile the container inherits unless it sets its own.
func (s *PodSpec) container(list string, c *container, pod *securityContext, limits bool) {
	path := list + "[" + c.Name + "]."
	add := func(to *[]Setting, field, value string) {
		*to = append(*to, Setting{Container: c.Name, Field: field, Value: value})
	}
	sc := c.SecurityContext
	if sc == nil {
		sc = &securityContext{}
	}
	if sc.Privileged != nil && *sc.Privileged {
		add(&s.Privileged, path+"securityContext.privileged", "true")
	}
	if sc.Capabilities != nil {
		for _, capability := range sc.Capabilities.Add {
			if slices.Contains(DangerousCapabilities, normalCapability(capability)) {
				add(&s.Privileged, path+"securityContext.capabilities.add", capability)
			}
		}
	}
	if w := sc.WindowsOptions; w != nil && w.HostProcess != nil && *w.HostProcess {
		add(&s.Privileged, path+"securityContext.windowsOptions.hostProcess", "true")
	}

	// Effective identity: the container's field, else the pod's.
	userField, user := inherited(path, "runAsUser", sc.RunAsUser, pod.RunAsUser)
	_, nonRoot := inherited(path, "runAsNonRoot", sc.RunAsNonRoot, pod.RunAsNonRoot)
	groupField, group := inherited(path, "runAsGroup", sc.RunAsGroup, pod.RunAsGroup)
	if nonRoot == nil || !*nonRoot {
		switch {
		case user == nil:
			add(&s.RunAsRoot, userField, "unset")
		case *user == 0:
			add(&s.RunAsRoot, userField, "0")
		}
	}
	if group != nil && *group == 0 {
		add(&s.RunAsRoot, groupField, "0")
	}

	switch ape := sc.AllowPrivilegeEscalation; {
	case ape == nil:
		add(&s.Hardening, path+"securityContext.allowPrivilegeEscalation", "unset")
	case *ape:
		add(&s.Hardening, path+"securityContext.allowPrivilegeEscalation", "true")
	}
	seccompField, seccomp := path+"securityContext.seccompProfile.type", ""
	switch {
	case sc.SeccompProfile != nil:
		seccomp = sc.SeccompProfile.Type
	case pod.SeccompProfile != nil:
		seccompField, seccomp = "securityContext.seccompProfile.type", pod.SeccompProfile.Type
	}
	if seccomp != "RuntimeDefault" && seccomp != "Localhost" {
		if seccomp == "" {
			seccomp = "unset"
		}
		add(&s.Hardening, seccompField, seccomp)
	}
	switch ro := sc.ReadOnlyRootFilesystem; {
	case ro == nil:
		add(&s.Hardening, path+"securityContext.readOnlyRootFilesystem", "unset")
	case !*ro:
		add(&s.Hardening, path+"securityContext.readOnlyRootFilesystem", "false")
	}

	if limits {
		if !isSet(c.Resources.Limits.Memory) {
			add(&s.NoMemoryLimit, path+"resources.limits.memory", "unset")
		}
	}
	if c.Image != "" {
		img := parseImage(c.Image)
		img.Container, img.Field = c.Name, path+"image"
		s.Images = append(s.Images, img)
	}
}

// inherited returns the field path and the effective value of a
// securityContext field: the container's when set, else the pod's; the
// path names the container's field when neither is set.
func inherited[T any](path, field string, own, pod *T) (string, *T) {
	switch {
	case own != nil:
		return path + "securityContext." + field, own
	case pod != nil:
		return "securityContext." + field, pod
	}
	return path + "securityContext." + field, nil
}

// normalCapability spells a capability as DangerousCapabilities does:
// upper case, without the CAP_ prefix container runtimes also accept.
func normalCapability(c string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	return strings.TrimPrefix(c, "CAP_")
}

// parseImage splits an image reference into registry, repository, tag and
// digest: the first path component is the registry when it contains a
// dot or a colon or is localhost, else the registry is docker.io, whose
// one-component names live under library/.
func parseImage(ref string) Image {
	img := Image{Image: ref}
	name := strings.TrimSpace(ref)
	if at := strings.IndexByte(name, '@'); at >= 0 {
		name, img.Digest = name[:at], name[at+1:]
	}
	if colon := strings.LastIndexByte(name, ':'); colon > strings.LastIndexByte(name, '/') {
		name, img.Tag = name[:colon], name[colon+1:]
	}
	first, rest, found := strings.Cut(name, "/")
	switch {
	case found && (strings.ContainsAny(first, ".:") || first == "localhost"):
		img.Registry, img.Repository = first, rest
	case found:
		img.Registry, img.Repository = "docker.io", name
	default:
		img.Registry, img.Repository = "docker.io", "library/"+name
	}
	if img.Registry == "index.docker.io" || img.Registry == "registry-1.docker.io" {
		img.Registry = "docker.io"
	}
	return img
}

// merge adds the settings of a pod reported through s that s does not
// have already, marked with the pod's name and ref, and counts the pod.
func (s *PodSpec) merge(pod *PodSpec) {
	s.Pods++
	for _, l := range []struct{ to, from *[]Setting }{
		{&s.Privileged, &pod.Privileged}, {&s.HostPath, &pod.HostPath}, {&s.HostNamespaces, &pod.HostNamespaces},
		{&s.RunAsRoot, &pod.RunAsRoot}, {&s.Hardening, &pod.Hardening}, {&s.NoMemoryLimit, &pod.NoMemoryLimit},
	} {
		for _, st := range *l.from {
			if !slices.ContainsFunc(*l.to, func(x Setting) bool {
				return x.Container == st.Container && x.Field == st.Field && x.Value == st.Value
			}) {
				st.Pod, st.Ref = pod.Name, pod.Ref
				*l.to = append(*l.to, st)
			}
		}
	}
	for _, img := range pod.Images {
		if !slices.ContainsFunc(s.Images, func(x Image) bool { return x.Container == img.Container && x.Image == img.Image }) {
			img.Pod, img.Ref = pod.Name, pod.Ref
			s.Images = append(s.Images, img)
		}
	}
}

// rawQuantity is a resource quantity as the API server sent it: a string
// ("512Mi"), or a number in hand-written manifests.
type rawQuantity string

func (q *rawQuantity) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*q = rawQuantity(s)
		return nil
	}
	var f float64
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("quantity %s: want a string such as 512Mi or a number", data)
	}
	*q = rawQuantity(strconv.FormatFloat(f, 'f', -1, 64))
	return nil
}
