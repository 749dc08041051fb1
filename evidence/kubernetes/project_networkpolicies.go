package kubernetes

import (
	"encoding/json"
	"fmt"
	"slices"
)

type labelSelector struct {
	MatchLabels      map[string]string `json:"matchLabels"`
	MatchExpressions []struct {
		Key      string   `json:"key"`
		Operator string   `json:"operator"`
		Values   []string `json:"values"`
	} `json:"matchExpressions"`
}

func (s *labelSelector) empty() bool {
	return s == nil || len(s.MatchLabels) == 0 && len(s.MatchExpressions) == 0
}

// matches reports whether the selector selects an object with labels, as
// the API server evaluates a label selector. An operator it does not know
// counts as selecting, so that an unknown selector never hides a path
// between namespaces.
func (s *labelSelector) matches(labels map[string]string) bool {
	for k, v := range s.MatchLabels {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	for _, e := range s.MatchExpressions {
		v, ok := labels[e.Key]
		switch e.Operator {
		case "In":
			if !ok || !slices.Contains(e.Values, v) {
				return false
			}
		case "NotIn":
			if ok && slices.Contains(e.Values, v) {
				return false
			}
		case "Exists":
			if !ok {
				return false
			}
		case "DoesNotExist":
			if ok {
				return false
			}
		}
	}
	return true
}

type networkPolicyRule struct {
	From  []networkPolicyPeer `json:"from"`
	To    []json.RawMessage   `json:"to"`
	Ports []json.RawMessage   `json:"ports"`
}

type networkPolicyPeer struct {
	NamespaceSelector *labelSelector `json:"namespaceSelector"`
	IPBlock           *struct {
		CIDR   string   `json:"cidr"`
		Except []string `json:"except"`
	} `json:"ipBlock"`
}

// admitsAllNamespaces names the ingress rules and peers that admit traffic
// from every namespace.
func admitsAllNamespaces(rules []networkPolicyRule) []string {
	via := []string{}
	for i, r := range rules {
		rule := fmt.Sprintf("ingress rule %d", i+1)
		if len(r.From) == 0 {
			via = append(via, rule+": no from (any source)")
			continue
		}
		for _, peer := range r.From {
			if peer.NamespaceSelector != nil && peer.NamespaceSelector.empty() {
				via = append(via, rule+": namespaceSelector {}")
			}
			if b := peer.IPBlock; b != nil && (b.CIDR == "0.0.0.0/0" || b.CIDR == "::/0") && len(b.Except) == 0 {
				via = append(via, rule+": ipBlock "+b.CIDR)
			}
		}
	}
	return via
}

func (p *projector) networkPolicy(o *object, ref string) error {
	var spec struct {
		PodSelector *labelSelector      `json:"podSelector"`
		PolicyTypes []string            `json:"policyTypes"`
		Ingress     []networkPolicyRule `json:"ingress"`
		Egress      []networkPolicyRule `json:"egress"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	types := spec.PolicyTypes
	if len(types) == 0 {
		// Kubernetes default: Ingress always, Egress when egress rules exist.
		types = []string{"Ingress"}
		if len(spec.Egress) > 0 {
			types = append(types, "Egress")
		}
	}
	np := NetworkPolicy{
		AdmitsTenantNamespaces: []string{},
		Name:                   o.Metadata.Name,
		SelectsAllPods:         spec.PodSelector.empty(),
		PolicyTypes:            types,
		IngressRules:           len(spec.Ingress),
		EgressRules:            len(spec.Egress),
		AdmitsAllNamespacesVia: []string{},
		Ref:                    ref,
	}
	if slices.Contains(types, "Ingress") {
		for _, r := range spec.Ingress {
			if len(r.From) == 0 && len(r.Ports) == 0 {
				np.AllowsAllIngress = true
			}
		}
		np.AdmitsAllNamespacesVia = admitsAllNamespaces(spec.Ingress)
		np.AdmitsAllNamespaces = len(np.AdmitsAllNamespacesVia) > 0
		var selectors []*labelSelector
		for _, r := range spec.Ingress {
			for _, peer := range r.From {
				if !peer.NamespaceSelector.empty() {
					selectors = append(selectors, peer.NamespaceSelector)
				}
			}
		}
		if len(selectors) > 0 {
			p.peerSelectors[o.Metadata.Namespace+"/"+o.Metadata.Name] = selectors
		}
	}
	if slices.Contains(types, "Egress") {
		for _, r := range spec.Egress {
			if len(r.To) == 0 && len(r.Ports) == 0 {
				np.AllowsAllEgress = true
			}
		}
	}
	ns := o.Metadata.Namespace
	p.c.NetworkPoliciesByNamespace[ns] = append(p.c.NetworkPoliciesByNamespace[ns], np)
	return nil
}

// finishStages fills AdmitsTenantNamespaces: for each policy of a tenant
// namespace, the tenant's other namespaces in the evidence whose labels a
// namespaceSelector of its ingress rules selects.
func (p *projector) finishStages() {
	if len(p.peerSelectors) == 0 {
		return
	}
	byTenant := map[string][]string{}
	for ns, t := range p.tenants {
		byTenant[t] = append(byTenant[t], ns)
	}
	for ns, policies := range p.c.NetworkPoliciesByNamespace {
		tenant, ok := p.tenants[ns]
		if !ok {
			continue
		}
		for i := range policies {
			selectors := p.peerSelectors[ns+"/"+policies[i].Name]
			var admits []string
			for _, other := range byTenant[tenant] {
				n, known := p.c.Namespaces[other]
				if other == ns || !known {
					continue
				}
				if slices.ContainsFunc(selectors, func(s *labelSelector) bool { return s.matches(n.Labels) }) {
					admits = append(admits, other)
				}
			}
			slices.Sort(admits)
			if admits != nil {
				policies[i].AdmitsTenantNamespaces = admits
			}
		}
	}
}
