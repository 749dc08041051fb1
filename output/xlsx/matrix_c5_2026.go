package xlsx

// Columns of the matrix that subcriterionRows reads and rewrites, by
// position before it inserts its two columns after the criterion id
// (matrix.go has the others).
const (
	matColID     = 1
	matColReason = 4
)

// notDeclaredAdditional is the reason of an additional sub-criterion the
// provider has not put in scope.
var notDeclaredAdditional = t(
	"Zusatzkriterium; vom Anbieter nicht in den Umfang aufgenommen (scope.c5_2026_additional)",
	"additional criterion; not put in scope by the provider (scope.c5_2026_additional)")

// subcriterionRows turns the criterion rows of a C5:2026 matrix into one
// row per sub-criterion, with the sub-criterion id and its type in two
// columns after the criterion id. A basic sub-criterion, and an additional
// one the provider put in scope, carries the criterion's outcome (the
// measures are mapped to criteria; see controls.SubcriterionResult); any
// other additional one is out of scope, with the reason and no outcome.
// The columns of the criterion rows are kept as they are, whatever they
// are, so that the matrix of each framework has the same structure.
func subcriterionRows(lang string, tb *table, vs []*verification) *table {
	out := *tb
	out.cols = insert(tb.cols, matColID+1,
		column{t("Teilkriterium", "Sub-criterion"), 14},
		column{t("Typ", "Type"), 20})
	out.rows = nil
	for i, row := range tb.rows {
		for _, s := range vs[i].req.Subcriteria {
			r := insert(append([]any(nil), row...), matColID+1, any(s.ID), any(s.Type.Label(lang)))
			if !s.Addressed {
				r[matColInScope+2] = no.In(lang)
				r[matColReason+2] = notDeclaredAdditional.In(lang)
				r[matColOutcome+2] = "–"
				r[matColBasis+2] = "–"
			}
			out.rows = append(out.rows, r)
		}
	}
	out.outcomeCols = nil
	for _, c := range tb.outcomeCols {
		if c > matColID {
			c += 2
		}
		out.outcomeCols = append(out.outcomeCols, c)
	}
	shift := func(c int) int {
		if c > matColID {
			return c + 2
		}
		return c
	}
	out.flagCols = nil
	for _, c := range tb.flagCols {
		out.flagCols = append(out.flagCols, shift(c))
	}
	if tb.manualFrom > 0 {
		out.manualFrom = shift(tb.manualFrom)
	}
	if tb.titleCols > matColID {
		// The sub-criterion id and its type are printed on every page
		// beside the criterion id.
		out.titleCols = tb.titleCols + 2
	}
	out.validations = nil
	for _, v := range tb.validations {
		if v.col > matColID {
			v.col += 2
		}
		out.validations = append(out.validations, v)
	}
	return &out
}

// insert returns s with vs inserted at position i.
func insert[T any](s []T, i int, vs ...T) []T {
	out := make([]T, 0, len(s)+len(vs))
	out = append(out, s[:i]...)
	out = append(out, vs...)
	return append(out, s[i:]...)
}
