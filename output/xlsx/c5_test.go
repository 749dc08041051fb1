package xlsx

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
)

func TestIsC5(t *testing.T) {
	for fw, want := range map[string]bool{"c5": true, "c5-2020": true, "c5-2026": true, "iso27001": false, "gdpr": false, "c50": false, "": false} {
		if got := isC5(fw); got != want {
			t.Errorf("isC5(%q) = %v, want %v", fw, got, want)
		}
	}
}

// dropDown is a drop-down as a reader sees it: the column header, the
// rows it covers, the values it offers and whether other values are
// refused.
type dropDown struct {
	Header string
	Sqref  string
	Values []string
	Stop   bool
}

// dropDowns reads the data validations of a sheet with excelize and
// resolves their sources on the legend sheet.
func dropDowns(t *testing.T, data []byte, sheet string) []dropDown {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []dropDown
	for _, dv := range dvs {
		if dv.Type != "list" {
			t.Errorf("%s: validation of type %s", dv.Sqref, dv.Type)
			continue
		}
		first, _, _ := strings.Cut(dv.Sqref, ":")
		col, _, err := excelize.SplitCellName(first)
		if err != nil {
			t.Fatal(err)
		}
		header, err := f.GetCellValue(sheet, col+"1")
		if err != nil {
			t.Fatal(err)
		}
		src, rng, ok := strings.Cut(dv.Formula1, "!")
		if !ok {
			t.Fatalf("%s: drop-down source %q is not a range", header, dv.Formula1)
		}
		src = strings.Trim(src, "'")
		from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
		_, r1, _ := excelize.CellNameToCoordinates(from)
		_, r2, _ := excelize.CellNameToCoordinates(to)
		d := dropDown{Header: header, Sqref: dv.Sqref, Stop: dv.ErrorStyle != nil && *dv.ErrorStyle == "stop"}
		for r := r1; r <= r2; r++ {
			name, _ := excelize.CoordinatesToCellName(2, r)
			v, err := f.GetCellValue(src, name)
			if err != nil {
				t.Fatal(err)
			}
			d.Values = append(d.Values, v)
		}
		out = append(out, d)
	}
	return out
}

// TestC5DropDowns: the C5 matrix has drop-downs on the columns a person
// fills, over every criterion row, with the values of the legend; the
// sub-service organisations are the configuration's sub-processors. The
// other matrices have neither the columns nor drop-downs.
func TestC5DropDowns(t *testing.T) {
	cfg := demoConfig(t)
	var subs []string
	for _, sp := range cfg.SubProcessors {
		subs = append(subs, sp.Name)
	}
	if len(subs) < 2 {
		t.Fatalf("the demo has %d sub-processors", len(subs))
	}
	want := map[string][]dropDown{
		"de": {
			{"Zusatzkriterium adressiert", "T2:T122", []string{"Ja", "Nein"}, true},
			{"Korrespondierende Kontrollen Kunde", "U2:U122", []string{"Ja", "Nein"}, true},
			{"Subdienstleister", "V2:V122", append([]string{"keiner"}, subs...), false},
			{"Prüfhandlung", "W2:W122", []string{"Befragung", "Beobachtung", "Einsichtnahme", "Nachvollzug"}, false},
			{"Prüfergebnis", "X2:X122", []string{"keine Abweichung", "Abweichung", "nicht geprüft"}, true},
		},
		"en": {
			{"Additional criterion addressed", "T2:T122", []string{"Yes", "No"}, true},
			{"Complementary customer controls", "U2:U122", []string{"Yes", "No"}, true},
			{"Sub-service organisation", "V2:V122", append([]string{"none"}, subs...), false},
			{"Test procedure", "W2:W122", []string{"Inquiry", "Observation", "Inspection", "Reperformance"}, false},
			{"Auditor result", "X2:X122", []string{"no deviation", "deviation", "not tested"}, true},
		},
	}
	for lang, w := range want {
		data := renderMatrix(t, controls.C5, lang)
		if diff := cmp.Diff(w, dropDowns(t, data, "Matrix")); diff != "" {
			t.Errorf("%s drop-downs (-want +got):\n%s", lang, diff)
		}
		_, wb := workbookRows(t, data)
		rows := wb["Matrix"]
		if got := rows[0][len(rows[0])-1]; got != t2(lang, "Kommentar Prüfer", "Auditor comment") {
			t.Errorf("%s: last column %q, want the auditor comment", lang, got)
		}
		for _, r := range rows[1:] {
			for c := matColC5; c < len(rows[0]); c++ {
				if cell(r, c) != "" {
					t.Errorf("%s %s: %s filled with %q; a person fills it", lang, r[1], rows[0][c], cell(r, c))
				}
			}
		}
	}
	// In the C5:2026 matrix the same drop-downs sit on the same columns,
	// two further right (after the sub-criterion and its type), over
	// the 623 sub-criterion rows.
	got26 := dropDowns(t, renderMatrix(t, controls.C5_2026, "de"), "Matrix")
	var want26 []dropDown
	for _, d := range want["de"] {
		col := strings.TrimRight(d.Sqref[:strings.Index(d.Sqref, ":")], "0123456789")
		shifted := string(rune(col[0] + 2))
		d.Sqref = shifted + "2:" + shifted + "624"
		want26 = append(want26, d)
	}
	if diff := cmp.Diff(want26, got26); diff != "" {
		t.Errorf("C5:2026 drop-downs (-want +got):\n%s", diff)
	}
	for _, fw := range []string{controls.ISO27001, controls.GDPR} {
		data := renderMatrix(t, fw, "de")
		if got := dropDowns(t, data, "Matrix"); len(got) != 0 {
			t.Errorf("%s matrix has drop-downs %v", fw, got)
		}
		_, wb := workbookRows(t, data)
		if n := len(wb["Matrix"][0]); n != matColC5 {
			t.Errorf("%s matrix has %d columns, want %d", fw, n, matColC5)
		}
	}
}

// TestSubServiceEntries: a tenant's own sub-processors appear in its own
// matrix and the provider's, never in another tenant's.
func TestSubServiceEntries(t *testing.T) {
	cfg := &config.Config{
		SubProcessors: []config.SubProcessor{{Name: "DC GmbH", Service: config.Text{DE: "Rechenzentrum", EN: "data centre"}, Location: "DE", Method: config.MethodCarveOut}},
		Tenants: []config.Tenant{
			{ID: "acme", SubProcessors: []config.SubProcessor{{Name: "Acme Mail"}, {Name: "DC GmbH"}}},
			{ID: "globex", SubProcessors: []config.SubProcessor{{Name: "Globex SMS"}}},
		},
	}
	names := func(es []entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.value)
		}
		return out
	}
	for tenant, want := range map[string][]string{
		"":       {"keiner", "DC GmbH", "Acme Mail", "Globex SMS"},
		"acme":   {"keiner", "DC GmbH", "Acme Mail"},
		"globex": {"keiner", "DC GmbH", "Globex SMS"},
	} {
		if diff := cmp.Diff(want, names(subServiceEntries("de", cfg, tenant))); diff != "" {
			t.Errorf("tenant %q (-want +got):\n%s", tenant, diff)
		}
	}
	if got := subServiceEntries("de", cfg, "")[1].meaning; got != "Rechenzentrum, DE; Carve-out-Methode (Kontrollen des Subdienstleisters nicht Gegenstand der Prüfung)" {
		t.Errorf("meaning %q", got)
	}
	if got := names(subServiceEntries("en", nil, "")); !cmp.Equal(got, []string{"none"}) {
		t.Errorf("without configuration %q", got)
	}
}

// TestMatrixScope: "Im Umfang" comes from the recorded scope decisions,
// with who decided when; a decision the results do not reflect is an
// error rather than a scope nobody decided.
func TestMatrixScope(t *testing.T) {
	res, m, _ := demoFixture(t)
	cfg := demoConfig(t)

	// The demo's GDPR decisions.
	for lang, want := range map[string]string{
		"de": "(entschieden von Dr. Erika Mustermann (DSB) am 02.03.2026)",
		"en": "(decided by Dr. Erika Mustermann (DSB) on 2026-03-02)",
	} {
		_, wb := workbookRows(t, renderMatrix(t, controls.GDPR, lang))
		rows := wb["Matrix"]
		r := rowByID(t, rows, 1, "28(5)")
		if got := cell(r, matColInScope); got != no.In(lang) {
			t.Errorf("%s 28(5) in scope %q", lang, got)
		}
		if got := cell(r, matColInScope+1); !strings.HasSuffix(got, want) || !strings.HasPrefix(got, firstWords(cfg.Scope.NotApplicable[0].Justification.In(lang))) {
			t.Errorf("%s 28(5) reason %q, want the justification and %q", lang, got, want)
		}
		if got := cell(rowByID(t, rows, 1, "32(1)(b)"), matColInScope); got != yes.In(lang) {
			t.Errorf("%s 32(1)(b) in scope %q", lang, got)
		}
	}

	// A C5 criterion taken out of scope by a decision.
	decision := config.ScopeDecision{Framework: controls.C5, ID: "PS-01", Justification: config.Text{DE: "Keine eigenen Rechenzentren.", EN: "No own data centres."},
		DecidedBy: "Thomas Weber (ISB)", DecidedOn: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)}
	decided := *cfg
	decided.Scope.NotApplicable = append(append([]config.ScopeDecision(nil), cfg.Scope.NotApplicable...), decision)
	outOfScope := *res
	outOfScope.Requirements = append([]controls.RequirementResult(nil), res.Requirements...)
	for i, r := range outOfScope.Requirements {
		if r.Framework == controls.C5 && r.ID == "PS-01" {
			outOfScope.Requirements[i].Status, outOfScope.Requirements[i].Basis = controls.NotApplicable, controls.NoBasis
			outOfScope.Requirements[i].Justification = controls.Text{DE: decision.Justification.DE, EN: decision.Justification.EN}
		}
	}
	var buf bytes.Buffer
	if err := WriteMatrix(&buf, MatrixInput{Framework: controls.C5, Results: &outOfScope, Model: m, Config: &decided, Lang: "de"}); err != nil {
		t.Fatal(err)
	}
	_, wb := workbookRows(t, buf.Bytes())
	ps01 := rowByID(t, wb["Matrix"], 1, "PS-01")
	if got := []string{cell(ps01, matColInScope), cell(ps01, matColInScope+1)}; !cmp.Equal(got, []string{"Nein", "Keine eigenen Rechenzentren. (entschieden von Thomas Weber (ISB) am 15.01.2026)"}) {
		t.Errorf("PS-01 in scope, reason %q", got)
	}

	// The same decision with results that still assess PS-01.
	err := WriteMatrix(&bytes.Buffer{}, MatrixInput{Framework: controls.C5, Results: res, Model: m, Config: &decided, Lang: "de"})
	if want := "write matrix: " + cfg.File + ": scope decision " + controls.C5 + ":PS-01 is not reflected in the results (outcome "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("WriteMatrix error %v, want %q…", err, want)
	}
}

func firstWords(s string) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(3, len(f))], " ")
}

// TestScopeOfMeasuresNotUsed: a requirement out of scope because every
// measure behind it is recorded as not used names those decisions.
func TestScopeOfMeasuresNotUsed(t *testing.T) {
	cfg := &config.Config{Scope: config.Scope{MeasuresNotApplicable: []config.MeasureDecision{{
		ID: "TOM-VER-15", Justification: config.Text{DE: "Velero wird nicht eingesetzt.", EN: "Velero is not used."},
		DecidedBy: "Thomas Weber (ISB)", DecidedOn: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
	}}}}
	v := &verification{
		req:      &controls.RequirementResult{Framework: controls.C5, ID: "OPS-07", Status: controls.NotApplicable, Justification: controls.Text{DE: "Alle unterstützenden Maßnahmen sind als nicht eingesetzt erfasst.", EN: "every supporting measure is recorded as not used"}},
		measures: []*controls.MeasureResult{{ID: "TOM-VER-15", Status: controls.NotApplicable}},
	}
	inScope, reason := scopeOf("de", MatrixInput{Framework: controls.C5, Config: cfg}, v)
	want := "Alle unterstützenden Maßnahmen sind als nicht eingesetzt erfasst.\nTOM-VER-15 nicht eingesetzt: Velero wird nicht eingesetzt. (entschieden von Thomas Weber (ISB) am 02.03.2026)"
	if inScope != "Nein" || reason != want {
		t.Errorf("scopeOf = %q, %q; want Nein, %q", inScope, reason, want)
	}
	if inScope, reason := scopeOf("de", MatrixInput{Framework: controls.C5}, v); inScope != "Nein" || reason != v.req.Justification.DE {
		t.Errorf("without configuration: %q, %q", inScope, reason)
	}
}
