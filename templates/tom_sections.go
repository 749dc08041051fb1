package templates

import (
	"fmt"
	"slices"

	"github.com/nachweis/nachweis/controls"
)

// tomSectionSpec is one of the sections 3–8: a point of Art. 32(1), for
// point b split into confidentiality, integrity and availability as in
// document-specs §1.2, with its sub-headings.
type tomSectionSpec struct {
	key   string
	title controls.Text
	subs  []tomSubSpec
}

// tomSubSpec is a sub-heading and the categories of the measures under
// it. Under point b the sub-headings are the classic control categories,
// each under the protection goal it serves (document-specs §1.2:
// confidentiality: Zutritt, Zugang, Zugriff, Trennung; integrity:
// Weitergabe, Eingabe; availability: Verfügbarkeit); points a, c and d
// have headings of their own, so that no classic category appears under
// a goal it does not belong to.
type tomSubSpec struct {
	// title is empty for a classic category: its label.
	title controls.Text
	cats  []controls.Category
}

func classic(c controls.Category) tomSubSpec { return tomSubSpec{cats: []controls.Category{c}} }

var tomSectionSpecs = []tomSectionSpec{
	{"a", controls.Text{DE: "Pseudonymisierung und Verschlüsselung (Art. 32 Abs. 1 lit. a DSGVO)", EN: "Pseudonymisation and encryption (Art. 32(1)(a) GDPR)"}, []tomSubSpec{
		{controls.Text{DE: "Transportverschlüsselung", EN: "Encryption in transit"}, []controls.Category{controls.Weitergabe}},
		{controls.Text{DE: "Verschlüsselung gespeicherter Daten und Schlüsselverwaltung", EN: "Encryption at rest and key management"},
			[]controls.Category{controls.Zutritt, controls.Zugang, controls.Zugriff, controls.Trennung, controls.Eingabe, controls.Verfuegbarkeit, controls.Organisation, controls.Auftrag}},
	}},
	{"b-confidentiality", controls.Text{DE: "Vertraulichkeit (Art. 32 Abs. 1 lit. b DSGVO)", EN: "Confidentiality (Art. 32(1)(b) GDPR)"}, []tomSubSpec{
		classic(controls.Zutritt), classic(controls.Zugang), classic(controls.Zugriff), classic(controls.Trennung),
	}},
	{"b-integrity", controls.Text{DE: "Integrität (Art. 32 Abs. 1 lit. b DSGVO)", EN: "Integrity (Art. 32(1)(b) GDPR)"}, []tomSubSpec{
		classic(controls.Weitergabe), classic(controls.Eingabe),
	}},
	{"b-availability", controls.Text{DE: "Verfügbarkeit und Belastbarkeit (Art. 32 Abs. 1 lit. b DSGVO)", EN: "Availability and resilience (Art. 32(1)(b) GDPR)"}, []tomSubSpec{
		classic(controls.Verfuegbarkeit),
	}},
	{"c", controls.Text{DE: "Rasche Wiederherstellbarkeit (Art. 32 Abs. 1 lit. c DSGVO)", EN: "Ability to restore availability and access in a timely manner (Art. 32(1)(c) GDPR)"}, []tomSubSpec{
		{controls.Text{DE: "Datensicherung, Wiederherstellung und Notfallmanagement", EN: "Backup, restore and contingency management"}, controls.Categories},
	}},
	{"d", controls.Text{DE: "Verfahren zur regelmäßigen Überprüfung, Bewertung und Evaluierung (Art. 32 Abs. 1 lit. d DSGVO)", EN: "Process for regularly testing, assessing and evaluating (Art. 32(1)(d) GDPR)"}, []tomSubSpec{
		{controls.Text{DE: "Informationssicherheits- und Datenschutzmanagement", EN: "Information security and data protection management"},
			[]controls.Category{controls.Organisation, controls.Zutritt, controls.Zugang, controls.Zugriff, controls.Trennung, controls.Weitergabe, controls.Eingabe, controls.Verfuegbarkeit}},
		classic(controls.Auftrag),
	}},
}

// tomSectionKey maps a measure to its section: the Art. 32(1) point, and
// for point b the protection goal of its category (transfer and input
// control are integrity, availability control is availability, access,
// system access, data access and separation control confidentiality). A
// measure of point b whose category is none of those (organisation,
// order control) belongs to the management system of point d.
func tomSectionKey(m TOMMeasure) string {
	if m.Art32 != "b" {
		return m.Art32
	}
	switch m.Category {
	case controls.Weitergabe, controls.Eingabe:
		return "b-integrity"
	case controls.Verfuegbarkeit:
		return "b-availability"
	case controls.Zutritt, controls.Zugang, controls.Zugriff, controls.Trennung:
		return "b-confidentiality"
	}
	return "d"
}

// tomSections groups the measures into the sections 3–8 and their
// sub-headings, numbers them, and returns the measures in body order with
// their section numbers set. Sections and sub-headings without measures
// are left out.
func tomSections(measures []TOMMeasure, lang string) ([]TOMSection, []TOMMeasure) {
	bySection := map[string][]TOMMeasure{}
	for _, m := range measures {
		k := tomSectionKey(m)
		bySection[k] = append(bySection[k], m)
	}
	var sections []TOMSection
	var ordered []TOMMeasure
	for _, spec := range tomSectionSpecs {
		ms := bySection[spec.key]
		if len(ms) == 0 {
			continue
		}
		s := TOMSection{No: fmt.Sprint(len(sections) + 3), Key: spec.key, Title: spec.title.In(lang)}
		placed := map[string]bool{}
		for _, sub := range spec.subs {
			var in []TOMMeasure
			for _, m := range ms {
				if !placed[m.ID] && slices.Contains(sub.cats, m.Category) {
					in = append(in, m)
					placed[m.ID] = true
				}
			}
			if len(in) == 0 {
				continue
			}
			title, cat := sub.title.In(lang), controls.Category("")
			if title == "" {
				cat = sub.cats[0]
				title = cat.Label(lang)
			}
			ss := TOMSubsection{No: fmt.Sprintf("%s.%d", s.No, len(s.Subsections)+1), Category: cat, Title: title}
			for _, m := range in {
				m.Section = ss.No
				ss.Measures = append(ss.Measures, m)
				ordered = append(ordered, m)
			}
			s.Subsections = append(s.Subsections, ss)
		}
		// A category the section's headings do not name still gets its
		// measures stated, under its own label.
		for _, m := range ms {
			if placed[m.ID] {
				continue
			}
			ss := TOMSubsection{No: fmt.Sprintf("%s.%d", s.No, len(s.Subsections)+1), Category: m.Category, Title: m.Category.Label(lang)}
			for _, x := range ms {
				if !placed[x.ID] && x.Category == m.Category {
					x.Section = ss.No
					ss.Measures = append(ss.Measures, x)
					ordered = append(ordered, x)
					placed[x.ID] = true
				}
			}
			s.Subsections = append(s.Subsections, ss)
		}
		sections = append(sections, s)
	}
	return sections, ordered
}
