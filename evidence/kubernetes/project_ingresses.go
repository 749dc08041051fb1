package kubernetes

import "encoding/json"

func (p *projector) ingress(o *object, ref string) error {
	var spec struct {
		DefaultBackend json.RawMessage `json:"defaultBackend"`
		Backend        json.RawMessage `json:"backend"` // extensions/v1beta1
		Rules          []struct {
			Host string `json:"host"`
		} `json:"rules"`
		TLS []struct {
			Hosts []string `json:"hosts"`
		} `json:"tls"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	hosts := []string{}
	for _, r := range spec.Rules {
		h := r.Host
		if h == "" {
			h = "*"
		}
		hosts = append(hosts, h)
	}
	if isSet(spec.DefaultBackend) || isSet(spec.Backend) {
		hosts = append(hosts, "*")
	}
	tls := []string{}
	for _, t := range spec.TLS {
		tls = append(tls, t.Hosts...)
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	p.c.Ingresses = append(p.c.Ingresses, Ingress{
		Namespace: ns,
		Name:      o.Metadata.Name,
		Tenant:    tenant,
		InScope:   in,
		Hosts:     sortedUnique(hosts),
		TLSHosts:  sortedUnique(tls),
		Ref:       ref,
	})
	return nil
}
