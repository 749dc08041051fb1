package oscal

import (
	"fmt"
	"io"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

// WriteComponentDefinition writes the provider's measures as an OSCAL
// 1.1.3 component-definition: one component per measure (a service for a
// technical measure, a process or procedure for an organisational one)
// with its texts, its category, how it is assessed, and per framework the
// requirements it supports. The source of each control implementation is
// the catalog file below Root (controls/catalogs/...); those are nachweis
// catalogs, not OSCAL catalogs, so the requirement reference also
// travels in a prop.
func WriteComponentDefinition(w io.Writer, in Input) error {
	if err := in.check(); err != nil {
		return fmt.Errorf("write OSCAL component definition: %w", err)
	}
	return writeJSON(w, buildComponentDefinition(in), "component definition")
}

func buildComponentDefinition(in Input) *cdDocument {
	r, m := in.Results, in.Model
	ids := newIDs(r.RunID, "component-definition")
	frameworks := r.Frameworks
	if len(frameworks) == 0 {
		frameworks = controls.Frameworks
	}
	var comps []component
	for _, x := range m.Measures {
		var p props
		p.add("measure-id", x.ID)
		p.add("measure-type", string(x.Type))
		p.add("tom-category", string(x.Category))
		p.add("gdpr-art32-point", "32(1)("+x.Art32+")")
		p.add("title-de", x.Title.DE)
		for _, c := range x.Checks {
			p.add("assessed-by-check", c)
		}
		if x.Attestation {
			p.add("assessed-by", "attestation")
		}
		typ := "service"
		if x.Type == controls.Organisational {
			typ = "process-procedure"
		}
		comp := component{
			UUID: ids.of("component/" + x.ID), Type: typ,
			Title: x.ID + " " + x.Title.EN, Description: strings.TrimSpace(x.Description.EN), Props: p,
		}
		for _, fw := range frameworks {
			var reqs []implementedRequirement
			for _, ref := range x.Requirements {
				rfw, id, err := controls.ParseRef(ref)
				if err != nil || rfw != fw {
					continue
				}
				var rp props
				rp.add("framework", fw)
				rp.add("requirement", ref)
				title := ""
				if q, ok := m.Requirement(fw, id); ok {
					title = ": " + q.Title.EN
				}
				reqs = append(reqs, implementedRequirement{
					UUID:        ids.of("component/" + x.ID + "/" + ref),
					ControlID:   ControlID(fw, id),
					Description: fmt.Sprintf("%s supports %s %s%s.", x.ID, frameworkName(fw), id, title),
					Props:       rp,
				})
			}
			if len(reqs) == 0 {
				continue
			}
			var cp props
			cp.add("framework", fw)
			source := href(in.Root, in.ControlsDir+controls.CatalogFile(fw))
			if source == "" {
				source = "#"
			}
			comp.ControlImplementations = append(comp.ControlImplementations, controlImplementation{
				UUID:                    ids.of("component/" + x.ID + "/" + fw),
				Source:                  source,
				Description:             fmt.Sprintf("The %s requirements %s supports.", frameworkName(fw), x.ID),
				Props:                   cp,
				ImplementedRequirements: reqs,
			})
		}
		comps = append(comps, comp)
	}
	var mp props
	mp.add("tool", "nachweis "+in.ToolVersion)
	mp.add("run-id", r.RunID)
	return &cdDocument{ComponentDefinition: componentDefinition{
		UUID: ids.of("component-definition"),
		Metadata: metadata{
			Title:        "Technical and organisational measures" + orgSuffix(in.Organisation),
			LastModified: timestamp(r.EvaluatedAt),
			Version:      r.RunID,
			OSCALVersion: OSCALVersion,
			Props:        mp,
		},
		Components: comps,
	}}
}
