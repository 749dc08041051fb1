package kubernetes

import "slices"

func (p *projector) binding(o *object, kind, ref string) {
	b := Binding{
		Kind:      kind,
		Namespace: o.Metadata.Namespace,
		Name:      o.Metadata.Name,
		RoleKind:  o.RoleRef.Kind,
		RoleName:  o.RoleRef.Name,
		Subjects:  make([]Subject, 0, len(o.Subjects)),
		Ref:       ref,
	}
	if kind == "ClusterRoleBinding" {
		b.Namespace = ""
	}
	for _, s := range o.Subjects {
		b.Subjects = append(b.Subjects, Subject{Kind: s.Kind, Name: s.Name, Namespace: s.Namespace})
	}
	p.c.Bindings = append(p.c.Bindings, b)
}

type policyRule struct {
	APIGroups       []string `json:"apiGroups"`
	Resources       []string `json:"resources"`
	ResourceNames   []string `json:"resourceNames"`
	NonResourceURLs []string `json:"nonResourceURLs"`
	Verbs           []string `json:"verbs"`
}

func (p *projector) role(o *object, kind, ref string) error {
	var rules []policyRule
	if err := decodeRaw("rules", o.Rules, &rules); err != nil {
		return err
	}
	r := Role{
		Kind:            kind,
		Namespace:       o.Metadata.Namespace,
		Name:            o.Metadata.Name,
		Default:         o.Metadata.Labels["kubernetes.io/bootstrapping"] == "rbac-defaults",
		WildcardVerbsOn: []string{},
		Ref:             ref,
	}
	if kind == "ClusterRole" {
		r.Namespace = ""
	} else {
		r.Tenant, r.InScope = p.inScope(r.Namespace)
	}
	for _, rule := range rules {
		allVerbs := slices.Contains(rule.Verbs, "*")
		if allVerbs {
			for _, g := range rule.APIGroups {
				for _, res := range rule.Resources {
					r.WildcardVerbsOn = append(r.WildcardVerbsOn, qualifiedResource(res, g))
				}
			}
			for _, u := range rule.NonResourceURLs {
				r.WildcardVerbsOn = append(r.WildcardVerbsOn, "url:"+u)
			}
		}
		if secretsWildcard(rule, allVerbs) {
			r.SecretsWildcard = true
		}
	}
	r.WildcardVerbsOn = sortedUnique(r.WildcardVerbsOn)
	p.c.Roles = append(p.c.Roles, r)
	return nil
}

// qualifiedResource names a resource as kubectl does: "pods" in the core
// group, "deployments.apps" in another one, "*.*" for all of all groups.
func qualifiedResource(resource, group string) string {
	if group == "" {
		return resource
	}
	return resource + "." + group
}

// secretsWildcard reports whether a rule lets read every Secret through a
// wildcard: verb "*" on secrets or on every resource, or get, list or
// watch on every resource, in the core group. A rule limited to
// resourceNames grants only the named objects.
func secretsWildcard(rule policyRule, allVerbs bool) bool {
	if len(rule.ResourceNames) > 0 {
		return false
	}
	if !slices.Contains(rule.APIGroups, "") && !slices.Contains(rule.APIGroups, "*") {
		return false
	}
	allResources := slices.Contains(rule.Resources, "*")
	if allVerbs {
		return allResources || slices.Contains(rule.Resources, "secrets")
	}
	if !allResources {
		return false
	}
	for _, v := range []string{"get", "list", "watch"} {
		if slices.Contains(rule.Verbs, v) {
			return true
		}
	}
	return false
}
