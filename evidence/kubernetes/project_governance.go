package kubernetes

import "slices"

// resourceQuota reads the resources a ResourceQuota limits.
func (p *projector) resourceQuota(o *object, ref string) error {
	var spec struct {
		Hard map[string]any `json:"hard"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	hard := make([]string, 0, len(spec.Hard))
	for k := range spec.Hard {
		hard = append(hard, k)
	}
	slices.Sort(hard)
	ns := o.Metadata.Namespace
	p.c.ResourceQuotasByNamespace[ns] = append(p.c.ResourceQuotasByNamespace[ns], ResourceQuota{Name: o.Metadata.Name, Hard: hard, Ref: ref})
	return nil
}

// limitRange reads the memory default and maximum a LimitRange sets for
// containers.
func (p *projector) limitRange(o *object, ref string) error {
	type quantities map[string]rawQuantity
	var spec struct {
		Limits []struct {
			Type    string     `json:"type"`
			Default quantities `json:"default"`
			Max     quantities `json:"max"`
		} `json:"limits"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	lr := LimitRange{Name: o.Metadata.Name, Ref: ref}
	for _, l := range spec.Limits {
		if l.Type != "Container" {
			continue
		}
		if q := l.Default["memory"]; q != "" {
			lr.DefaultMemoryLimit = string(q)
		}
		if q := l.Max["memory"]; q != "" {
			lr.MaxMemory = string(q)
		}
	}
	ns := o.Metadata.Namespace
	p.c.LimitRangesByNamespace[ns] = append(p.c.LimitRangesByNamespace[ns], lr)
	return nil
}
