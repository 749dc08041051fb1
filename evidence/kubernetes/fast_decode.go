package kubernetes

import (
	"encoding/json"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// The fast path decodes the objects that make up most of a cluster's
// evidence (pods and their controllers) with jsonscan.Decoder straight
// into the structs encoding/json would fill, in one pass that also
// validates the JSON and refuses duplicate keys. It reads exactly the
// fields the encoding/json structs of the slow path declare, with the
// same types, so that what it decodes is what encoding/json would; where
// encoding/json could read a key differently (a key that matches a field
// only case-insensitively) it stops and the object is decoded with
// encoding/json instead.

// fields lists the JSON names of a struct's fields as encoding/json
// matches them, for the case-insensitive check of other keys.
type fields []string

var (
	objectFields      = fields{"apiVersion", "kind", "metadata", "spec", "status", "provisioner", "parameters", "type", "rules", "roleRef", "subjects", "items"}
	metaFields        = fields{"name", "namespace", "creationTimestamp", "labels", "annotations", "selfLink", "ownerReferences"}
	ownerFields       = fields{"kind", "name", "controller"}
	podSpecFields     = fields{"containers", "initContainers", "ephemeralContainers", "volumes", "hostNetwork", "hostPID", "hostIPC", "securityContext"}
	containerFields   = fields{"name", "image", "securityContext", "resources"}
	resourcesFields   = fields{"limits"}
	limitsFields      = fields{"memory"}
	scFields          = fields{"privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "allowPrivilegeEscalation", "readOnlyRootFilesystem", "seccompProfile", "capabilities", "windowsOptions"}
	seccompFields     = fields{"type"}
	capabilityFields  = fields{"add"}
	windowsFields     = fields{"hostProcess"}
	volumeFields      = fields{"name", "hostPath"}
	hostPathFields    = fields{"path"}
	workloadFields    = fields{"replicas", "template", "jobTemplate"}
	templateFields    = fields{"metadata", "spec"}
	templateMetaField = fields{"labels"}
	jobTemplateFields = fields{"spec"}
	jobSpecFields     = fields{"template"}
	dsStatusFields    = fields{"currentNumberScheduled"}
)

// other handles a key that is none of the struct's fields: encoding/json
// ignores it unless it matches a field case-insensitively, in which case
// the decoder stops (the object is left to encoding/json). A key beyond
// ASCII might fold to a field's name (the Kelvin sign to k) and stops it
// too.
func other(d *jsonscan.Decoder, key []byte, fs fields) {
	for _, c := range key {
		if c >= 0x80 {
			d.Stop()
			return
		}
	}
	for _, f := range fs {
		if len(f) == len(key) && asciiEqualFold(f, key) {
			d.Stop()
			return
		}
	}
	d.Skip()
}

func asciiEqualFold(a string, b []byte) bool {
	for i := range len(a) {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// fastMeta is what the fast path reads of an object's metadata.
type fastMeta struct {
	name, namespace, selfLink string
	owner                     owner  // as controllerOf finds it
	templateHash              string // the pod-template-hash label
}

func readMeta(d *jsonscan.Decoder, m *fastMeta) {
	if !d.Object() {
		return
	}
	for {
		key, ok := d.Key()
		if !ok {
			return
		}
		switch string(key) {
		case "name":
			m.name = d.String()
		case "namespace":
			m.namespace = d.String()
		case "selfLink":
			m.selfLink = d.String()
		case "creationTimestamp":
			d.StringBytes()
		case "labels":
			if d.Object() {
				for {
					k, ok := d.Key()
					if !ok {
						break
					}
					v := d.StringBytes()
					if string(k) == "pod-template-hash" {
						m.templateHash = string(v)
					}
				}
			}
		case "annotations":
			skipStringMap(d)
		case "ownerReferences":
			readOwners(d, m)
		default:
			other(d, key, metaFields)
		}
	}
}

// readOwners finds the controlling owner as controllerOf does: the first
// reference with controller true, else the first reference.
func readOwners(d *jsonscan.Decoder, m *fastMeta) {
	if !d.Array() {
		return
	}
	first, found := true, false
	for d.Elem() {
		var o owner
		controller := false
		if d.Object() {
			for {
				key, ok := d.Key()
				if !ok {
					break
				}
				switch string(key) {
				case "kind":
					o.kind = d.String()
				case "name":
					o.name = d.String()
				case "controller":
					controller, _ = d.Bool()
				default:
					other(d, key, ownerFields)
				}
			}
		}
		if first || controller && !found {
			m.owner = o
		}
		found = found || controller
		first = false
	}
}

func skipStringMap(d *jsonscan.Decoder) {
	if d.Object() {
		for {
			if _, ok := d.Key(); !ok {
				return
			}
			d.StringBytes()
		}
	}
}

// readStringMap reads a map[string]string as encoding/json does: null is
// nil, {} an empty map, a null value "".
func readStringMap(d *jsonscan.Decoder) map[string]string {
	if !d.Object() {
		return nil
	}
	m := map[string]string{}
	for {
		key, ok := d.Key()
		if !ok {
			return m
		}
		m[string(key)] = d.String()
	}
}

// readStrings reads a []string: null is nil, [] an empty slice.
func readStrings(d *jsonscan.Decoder) []string {
	if !d.Array() {
		return nil
	}
	out := []string{}
	for d.Elem() {
		out = append(out, d.String())
	}
	return out
}

func readBoolPtr(d *jsonscan.Decoder) *bool {
	if v, set := d.Bool(); set {
		return &v
	}
	return nil
}

func readInt64Ptr(d *jsonscan.Decoder) *int64 {
	if v, set := d.Int64(); set {
		return &v
	}
	return nil
}

// readRaw reads a json.RawMessage: a copy of the value's bytes, "null"
// included.
func readRaw(d *jsonscan.Decoder) json.RawMessage {
	raw := d.Raw()
	if raw == nil {
		return nil
	}
	return append(json.RawMessage(nil), raw...)
}

func readPodSpec(d *jsonscan.Decoder, s *podSpec) {
	if !d.Object() {
		return
	}
	for {
		key, ok := d.Key()
		if !ok {
			return
		}
		switch string(key) {
		case "containers":
			s.Containers = readContainers(d)
		case "initContainers":
			s.InitContainers = readContainers(d)
		case "ephemeralContainers":
			s.EphemeralContainers = readContainers(d)
		case "volumes":
			readVolumes(d, s)
		case "hostNetwork":
			s.HostNetwork, _ = d.Bool()
		case "hostPID":
			s.HostPID, _ = d.Bool()
		case "hostIPC":
			s.HostIPC, _ = d.Bool()
		case "securityContext":
			s.SecurityContext = readSecurityContext(d)
		default:
			other(d, key, podSpecFields)
		}
	}
}

func readContainers(d *jsonscan.Decoder) []container {
	if !d.Array() {
		return nil
	}
	out := []container{}
	for d.Elem() {
		out = append(out, container{})
		c := &out[len(out)-1]
		if !d.Object() {
			continue
		}
		for {
			key, ok := d.Key()
			if !ok {
				break
			}
			switch string(key) {
			case "name":
				c.Name = d.String()
			case "image":
				c.Image = d.String()
			case "securityContext":
				c.SecurityContext = readSecurityContext(d)
			case "resources":
				readResources(d, c)
			default:
				other(d, key, containerFields)
			}
		}
	}
	return out
}

func readResources(d *jsonscan.Decoder, c *container) {
	if !d.Object() {
		return
	}
	for {
		key, ok := d.Key()
		if !ok {
			return
		}
		if string(key) != "limits" {
			other(d, key, resourcesFields)
			continue
		}
		if !d.Object() {
			continue
		}
		for {
			key, ok := d.Key()
			if !ok {
				break
			}
			if string(key) == "memory" {
				c.Resources.Limits.Memory = readRaw(d)
			} else {
				other(d, key, limitsFields)
			}
		}
	}
}

func readSecurityContext(d *jsonscan.Decoder) *securityContext {
	if !d.Object() {
		return nil
	}
	sc := &securityContext{}
	for {
		key, ok := d.Key()
		if !ok {
			return sc
		}
		switch string(key) {
		case "privileged":
			sc.Privileged = readBoolPtr(d)
		case "runAsUser":
			sc.RunAsUser = readInt64Ptr(d)
		case "runAsGroup":
			sc.RunAsGroup = readInt64Ptr(d)
		case "runAsNonRoot":
			sc.RunAsNonRoot = readBoolPtr(d)
		case "allowPrivilegeEscalation":
			sc.AllowPrivilegeEscalation = readBoolPtr(d)
		case "readOnlyRootFilesystem":
			sc.ReadOnlyRootFilesystem = readBoolPtr(d)
		case "seccompProfile":
			sc.SeccompProfile = nil
			if d.Object() {
				sc.SeccompProfile = &seccompProfile{}
				for {
					key, ok := d.Key()
					if !ok {
						break
					}
					if string(key) == "type" {
						sc.SeccompProfile.Type = d.String()
					} else {
						other(d, key, seccompFields)
					}
				}
			}
		case "capabilities":
			if d.Object() {
				sc.Capabilities = &capabilities{}
				for {
					key, ok := d.Key()
					if !ok {
						break
					}
					if string(key) == "add" {
						sc.Capabilities.Add = readStrings(d)
					} else {
						other(d, key, capabilityFields)
					}
				}
			}
		case "windowsOptions":
			if d.Object() {
				sc.WindowsOptions = &windowsOptions{}
				for {
					key, ok := d.Key()
					if !ok {
						break
					}
					if string(key) == "hostProcess" {
						sc.WindowsOptions.HostProcess = readBoolPtr(d)
					} else {
						other(d, key, windowsFields)
					}
				}
			}
		default:
			other(d, key, scFields)
		}
	}
}

func readVolumes(d *jsonscan.Decoder, s *podSpec) {
	s.Volumes = nil
	if !d.Array() {
		return
	}
	s.Volumes = []volume{}
	for d.Elem() {
		s.Volumes = append(s.Volumes, volume{})
		v := &s.Volumes[len(s.Volumes)-1]
		if !d.Object() {
			continue
		}
		for {
			key, ok := d.Key()
			if !ok {
				break
			}
			switch string(key) {
			case "name":
				v.Name = d.String()
			case "hostPath":
				if d.Object() {
					v.HostPath = &hostPath{}
					for {
						key, ok := d.Key()
						if !ok {
							break
						}
						if string(key) == "path" {
							v.HostPath.Path = d.String()
						} else {
							other(d, key, hostPathFields)
						}
					}
				}
			default:
				other(d, key, volumeFields)
			}
		}
	}
}

func readWorkloadSpec(d *jsonscan.Decoder, s *workloadSpec) {
	if !d.Object() {
		return
	}
	for {
		key, ok := d.Key()
		if !ok {
			return
		}
		switch string(key) {
		case "replicas":
			s.Replicas = readInt64Ptr(d)
		case "template":
			readTemplate(d, &s.Template)
		case "jobTemplate":
			if !d.Object() {
				continue
			}
			for {
				key, ok := d.Key()
				if !ok {
					break
				}
				if string(key) != "spec" {
					other(d, key, jobTemplateFields)
					continue
				}
				if !d.Object() {
					continue
				}
				for {
					key, ok := d.Key()
					if !ok {
						break
					}
					if string(key) == "template" {
						readTemplate(d, &s.JobTemplate.Spec.Template)
					} else {
						other(d, key, jobSpecFields)
					}
				}
			}
		default:
			other(d, key, workloadFields)
		}
	}
}

func readTemplate(d *jsonscan.Decoder, t *podTemplate) {
	if !d.Object() {
		return
	}
	for {
		key, ok := d.Key()
		if !ok {
			return
		}
		switch string(key) {
		case "metadata":
			if !d.Object() {
				continue
			}
			for {
				key, ok := d.Key()
				if !ok {
					break
				}
				if string(key) == "labels" {
					t.Metadata.Labels = readStringMap(d)
				} else {
					other(d, key, templateMetaField)
				}
			}
		case "spec":
			t.Spec = readRaw(d)
		default:
			other(d, key, templateFields)
		}
	}
}

func readDaemonSetStatus(d *jsonscan.Decoder, s *daemonSetStatus) {
	if !d.Object() {
		return
	}
	for {
		key, ok := d.Key()
		if !ok {
			return
		}
		if string(key) == "currentNumberScheduled" {
			s.CurrentNumberScheduled = readInt64Ptr(d)
		} else {
			other(d, key, dsStatusFields)
		}
	}
}

// decodePodSpec decodes a pod spec (a controller's template) the fast
// way, else with encoding/json: either way as encoding/json does, with
// its error.
func decodePodSpec(raw []byte, spec *podSpec) error {
	d := jsonscan.NewDecoder(raw)
	readPodSpec(d, spec)
	if d.Done() == nil {
		return nil
	}
	*spec = podSpec{}
	return json.Unmarshal(raw, spec)
}
