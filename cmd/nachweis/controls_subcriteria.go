package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/nachweis/nachweis/controls"
)

// subcriterionRow is one sub-criterion as --view subcriteria lists it.
type subcriterionRow struct {
	Framework string                    `json:"framework"`
	Criterion string                    `json:"criterion"`
	ID        string                    `json:"id"`
	Type      controls.SubcriterionType `json:"type"`
	Sharpens  string                    `json:"sharpens,omitempty"`
	Title     controls.Text             `json:"criterion_title"`
}

// subcriteriaOf lists the sub-criteria of the frameworks' requirements in
// catalogue order (only C5:2026 has any).
func subcriteriaOf(model *controls.Model, frameworks []string) []subcriterionRow {
	out := []subcriterionRow{}
	for _, fw := range frameworks {
		cat := model.Catalog(fw)
		if cat == nil {
			continue
		}
		for _, r := range cat.Requirements {
			for _, s := range r.Subcriteria {
				out = append(out, subcriterionRow{Framework: fw, Criterion: r.ID, ID: s.ID, Type: s.Type, Sharpens: s.Sharpens, Title: r.Title})
			}
		}
	}
	return out
}

// writeSubcriteriaText lists the sub-criteria with their type and a count
// per type, e.g. "c5-2026: 168 criteria, 623 sub-criteria (462 basic, 132
// additional-complementing, 29 additional-sharpening)".
func writeSubcriteriaText(w io.Writer, model *controls.Model, frameworks []string, lang string) error {
	rows := subcriteriaOf(model, frameworks)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FRAMEWORK\tCRITERION\tSUB-CRITERION\tTYPE\tSHARPENS\tCRITERION TITLE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Framework, r.Criterion, r.ID, r.Type, dash(r.Sharpens), r.Title.In(lang))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, fw := range frameworks {
		cat := model.Catalog(fw)
		if cat == nil {
			continue
		}
		n := map[controls.SubcriterionType]int{}
		total := 0
		for _, r := range cat.Requirements {
			for _, s := range r.Subcriteria {
				n[s.Type]++
				total++
			}
		}
		if total == 0 {
			continue
		}
		if _, err := fmt.Fprintf(w, "%s: %d criteria, %d sub-criteria (%d %s, %d %s, %d %s), %d general conditions\n", fw, len(cat.Requirements), total,
			n[controls.Basic], controls.Basic, n[controls.AdditionalComplementing], controls.AdditionalComplementing,
			n[controls.AdditionalSharpening], controls.AdditionalSharpening, len(cat.GeneralConditions)); err != nil {
			return err
		}
	}
	return nil
}
