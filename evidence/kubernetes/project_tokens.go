package kubernetes

// serviceAccountTokenType is the type of the Secrets that hold a service
// account's long-lived token (created by hand, or by the token controller
// of clusters before Kubernetes 1.24).
const serviceAccountTokenType = "kubernetes.io/service-account-token"

// secret reads a Secret's type and, for a service account token, its
// metadata. Nothing else of a Secret is read: its data never reaches the
// projection, whatever an imported file holds.
func (p *projector) secret(o *object, ref string) error {
	var typ string
	if err := decodeRaw("type", o.Type, &typ); err != nil {
		return err
	}
	if typ != serviceAccountTokenType {
		return nil
	}
	created, err := timestampNS("creationTimestamp", o.Metadata.CreationTimestamp)
	if err != nil {
		return err
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	p.c.ServiceAccountTokens = append(p.c.ServiceAccountTokens, ServiceAccountToken{
		Namespace: ns, Name: o.Metadata.Name, Tenant: tenant, InScope: in, CreatedNS: created, Ref: ref,
	})
	return nil
}
