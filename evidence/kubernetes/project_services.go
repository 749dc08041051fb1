package kubernetes

// service reads how a Service is published.
func (p *projector) service(o *object, ref string) error {
	var spec struct {
		Type  string `json:"type"`
		Ports []struct {
			NodePort int `json:"nodePort"`
		} `json:"ports"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	typ := spec.Type
	if typ == "" {
		typ = "ClusterIP" // the API server's default
	}
	ports := []int{}
	for _, port := range spec.Ports {
		if port.NodePort != 0 {
			ports = append(ports, port.NodePort)
		}
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	p.c.Services = append(p.c.Services, Service{
		Namespace: ns, Name: o.Metadata.Name, Tenant: tenant, InScope: in, Type: typ, NodePorts: ports, Ref: ref,
	})
	return nil
}
