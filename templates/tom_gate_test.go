package templates

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/approval"
	"github.com/nachweis/nachweis/evidence/config"
)

var tomGateNow = time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)

func tomGateDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// tomGateModel has one automated and one attested measure.
func tomGateModel() *controls.Model {
	return &controls.Model{Measures: []controls.Measure{
		{
			ID: "TOM-VER-02", Category: controls.Verfuegbarkeit, Type: controls.Technical, Art32: "b",
			Title:        controls.Text{DE: "Tägliche Datensicherung", EN: "Daily backup"},
			Description:  controls.Text{DE: "Kundendaten werden täglich gesichert.", EN: "Customer data is backed up daily."},
			Requirements: []string{"gdpr:32(1)(b)", "iso27001:A.8.13", "c5:OPS-06"},
			Checks:       []string{"BAK-FRESH-01"},
		},
		{
			ID: "TOM-AUF-01", Category: controls.Auftrag, Type: controls.Organisational, Art32: "d",
			Title:        controls.Text{DE: "Verarbeitung nur auf dokumentierte Weisung", EN: "Processing only on documented instructions"},
			Description:  controls.Text{DE: "Daten werden nur auf dokumentierte Weisung verarbeitet.", EN: "Data is processed only on documented instructions."},
			Requirements: []string{"gdpr:28(3)(a)"},
			Attestation:  true,
		},
	}}
}

func tomGateConfig() *config.Config {
	return &config.Config{
		Organisation:   config.Organisation{Name: "Beispiel Cloud GmbH", Address: "Musterstraße 12, 90402 Nürnberg"},
		Classification: config.Classification{Customer: config.Text{DE: "Vertraulich – nur für den Auftraggeber", EN: "Confidential – for the customer only"}},
		Tenants: []config.Tenant{
			{ID: "acme", Name: "ACME GmbH", Namespaces: []string{"acme-prod"}, Contract: &config.Contract{Reference: "AVV-2025-017", Date: tomGateDay(2025, 3, 1)}},
			{ID: "globex", Name: "Globex Logistik AG"},
		},
	}
}

var tomGateEvidenceRef = controls.EvidenceRef{Source: "restic/web01", File: "sources/restic/web01/snapshots.json", CollectedAt: tomGateNow}

// tomGateResults are results for acme in which both measures hold: the check
// passes and the attestation is valid.
func tomGateResults() *controls.Results {
	return &controls.Results{
		RunID: "0b5d3562-31c1-84a9-9c4b-99a914ccd85c", EvaluatedAt: tomGateNow, EvidenceCutoff: tomGateNow,
		BundleDigest: "sha256:00", ToolVersion: "test", Tenant: "acme",
		Checks: []controls.CheckResult{{
			ID: "BAK-FRESH-01", Title: controls.Text{DE: "Datensicherungen sind aktuell", EN: "Backups are fresh"}, Status: controls.Pass,
			Findings: []controls.Finding{
				{Resource: "backup/tenant/acme", Tenant: "acme", Status: controls.Pass, Evidence: []controls.EvidenceRef{tomGateEvidenceRef}},
				{Resource: "backup/tenant/globex", Tenant: "globex", Status: controls.Fail, Evidence: []controls.EvidenceRef{{Source: "restic/shared", File: "sources/restic/shared/snapshots.json"}}},
			},
		}},
		Measures: []controls.MeasureResult{
			{ID: "TOM-AUF-01", Status: controls.Attested, Attestation: "ATT-1"},
			{ID: "TOM-VER-02", Status: controls.Pass, Checks: []string{"BAK-FRESH-01"}},
		},
		Attestations: []controls.AttestationRecord{{
			ID: "ATT-1", Measure: "TOM-AUF-01", By: "Anna Schmidt", Role: "Datenschutzkoordination",
			Date: tomGateDay(2026, 6, 21), ValidUntil: tomGateDay(2027, 6, 20),
		}},
		Evidence: []controls.EvidenceItem{
			{ID: "EV-0b5d3562-0001", Source: "restic/shared", Kind: "restic/snapshots", File: "sources/restic/shared/snapshots.json", SHA256: "11", CollectedAt: tomGateNow},
			{ID: "EV-0b5d3562-0002", Source: "restic/web01", Kind: "restic/snapshots", File: "sources/restic/web01/snapshots.json", SHA256: "22", CollectedAt: tomGateNow},
		},
	}
}

// tomFailBackup makes BAK-FRESH-01 fail for acme on a resource whose name
// needs escaping.
func tomFailBackup(r *controls.Results, cfg *config.Config) {
	c := &r.Checks[0]
	c.Status = controls.Fail
	c.Findings[0].Status = controls.Fail
	c.Findings[0].Resource = "backup/tenant/acme_*prod*"
	c.Findings[0].Expected = controls.Message{ID: "expected", Text: controls.Text{DE: "neuester erfolgreicher Snapshot jünger als 26 Std.", EN: "newest successful snapshot younger than 26 h"}}
	c.Findings[0].Measured = controls.Message{ID: "measured", Text: controls.Text{DE: "neuester erfolgreicher Snapshot vom 20.11.2026, 19:00 Uhr (MEZ), Alter 3 Tage", EN: "newest successful snapshot 3 days ago (2026-11-20 19:00 CET)"}}
	r.Measures[1].Status = controls.Fail
}

// tomAcceptBackup covers the failure with exception EXC-1, with or without a
// customer text.
func tomAcceptBackup(text controls.Text) func(*controls.Results, *config.Config) {
	return func(r *controls.Results, cfg *config.Config) {
		tomFailBackup(r, cfg)
		r.Checks[0].Status = controls.Exception
		r.Checks[0].Findings[0].Status = controls.Exception
		r.Checks[0].Findings[0].ExceptionID = "EXC-1"
		r.Measures[1].Status = controls.Exception
		r.Exceptions = []controls.ExceptionRecord{{
			ID: "EXC-1", Check: "BAK-FRESH-01", Scope: "tenant:acme", RiskID: "R-7", RiskOwner: "Jonas Becker",
			ApprovedOn: tomGateDay(2026, 9, 1), ExpiresOn: tomGateDay(2027, 2, 28),
			CompensatingMeasure: controls.Text{DE: "interne Risikobeschreibung", EN: "internal risk description"}, CustomerText: text, Applied: 1,
		}}
	}
}

func TestTOMReleaseGate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*controls.Results, *config.Config)
		// released, blocker ids, strings the German body must and must
		// not contain, and strings the internal release checklist must
		// contain (the body never shows a finding's details).
		released  bool
		blockers  []string
		contains  []string
		absent    []string
		checklist []string
	}{
		{
			name:     "all met or attested",
			modify:   func(*controls.Results, *config.Config) {},
			released: true,
			contains: []string{"Kundendaten werden täglich gesichert.", "| TOM-VER-02 | erfüllt | BAK-FRESH-01 geprüft am 23.11.2026 | EV-0b5d3562-0002 |",
				"| TOM-AUF-01 | manuell bestätigt | bestätigt durch: Datenschutzkoordination \\[Bezeichnung nicht übersetzt\\], am 21.06.2026, gültig bis 20.06.2027 |"},
			absent: []string{"**Entwurf.**", "EV-0b5d3562-0001", "Anna Schmidt"},
		},
		{
			name:     "a failed check blocks and is not stated",
			modify:   tomFailBackup,
			blockers: []string{"TOM-VER-02"},
			contains: []string{
				"**Nicht nachgewiesen** (Status „nicht erfüllt“). Diese Maßnahme wird erst zugesagt",
				"| TOM-VER-02 | nicht erfüllt | BAK-FRESH-01 geprüft am 23.11.2026 | EV-0b5d3562-0002 | nicht nachgewiesen |",
			},
			absent: []string{"backup/tenant/acme", "newest successful snapshot"},
			checklist: []string{
				"## TOM-VER-02 Tägliche Datensicherung\n\n- Abschnitt der Anlage: 3.1; Status: nicht erfüllt\n- Prüfung BAK-FRESH-01 nicht erfüllt für backup/tenant/acme\\_\\*prod\\*; erwartet: neuester erfolgreicher Snapshot jünger als 26 Std.; gemessen: neuester erfolgreicher Snapshot vom 20.11.2026, 19:00 Uhr (MEZ), Alter 3 Tage\n",
			},
		},
		{
			name:      "an accepted exception without customer text blocks",
			modify:    tomAcceptBackup(controls.Text{}),
			blockers:  []string{"TOM-VER-02"},
			absent:    []string{"interne Risikobeschreibung", "fehlt der Text"},
			checklist: []string{"Für die akzeptierte Abweichung (Risikoakzeptanz) EXC-1 fehlt der Text für den Auftraggeber."},
		},
		{
			name:     "an accepted exception's customer text replaces the statement",
			modify:   tomAcceptBackup(controls.Text{DE: "Kundendaten werden bis zum 28.02.2027 alle drei Tage gesichert.", EN: "Until 2027-02-28 customer data is backed up every three days."}),
			released: true,
			contains: []string{"#### TOM-VER-02 Tägliche Datensicherung\n\nKundendaten werden bis zum 28.02.2027 alle drei Tage gesichert.\n",
				"| akzeptierte Abweichung (Risikoakzeptanz) | BAK-FRESH-01 geprüft am 23.11.2026 | EV-0b5d3562-0002 | akzeptierte Abweichung (Risikoakzeptanz) EXC-1, befristet bis 28.02.2027 |"},
			absent: []string{"Kundendaten werden täglich gesichert.", "interne Risikobeschreibung", "R-7"},
		},
		{
			name: "a measure not used is not applicable and does not block",
			modify: func(r *controls.Results, cfg *config.Config) {
				tomFailBackup(r, cfg)
				why := controls.Text{DE: "Keine Datensicherung im Vertrag.", EN: "No backup in the contract."}
				r.Measures[1] = controls.MeasureResult{ID: "TOM-VER-02", Status: controls.NotApplicable, Justification: why,
					Reasons: []controls.Reason{{Message: controls.NewMessage("measure_not_used", map[string]any{"justification": why})}}}
				cfg.Scope.MeasuresNotApplicable = []config.MeasureDecision{{ID: "TOM-VER-02", Justification: config.Text{DE: "Datensicherung ist nicht Teil des Vertrags.", EN: "Backups are not part of the contract."}, DecidedBy: "Thomas Weber (ISB)", DecidedOn: tomGateDay(2026, 3, 2)}}
			},
			released: true,
			contains: []string{"Diese Maßnahme entfällt. Begründung: Datensicherung ist nicht Teil des Vertrags. (Entscheidung: Thomas Weber (ISB), 02.03.2026)",
				"Art: technisch; Nachweisart: entfällt (nicht anwendbar)\n",
				"| TOM-VER-02 | nicht anwendbar | – | EV-0b5d3562-0002 | entfällt |"},
			absent: []string{"Kundendaten werden täglich gesichert.", "**Entwurf.**", "Nachweisart: automatisiert geprüft"},
		},
		{
			name: "an expired attestation blocks",
			modify: func(r *controls.Results, _ *config.Config) {
				r.Measures[0] = controls.MeasureResult{ID: "TOM-AUF-01", Status: controls.AttestationExpired, Attestation: "ATT-1"}
				r.Attestations[0].ValidUntil = tomGateDay(2026, 10, 14)
				r.Attestations[0].Expired = true
			},
			blockers:  []string{"TOM-AUF-01"},
			contains:  []string{"**Nicht nachgewiesen** (Status „Bestätigung abgelaufen“)."},
			checklist: []string{"- Abschnitt der Anlage: 4.1; Status: Bestätigung abgelaufen\n- Bestätigung abgelaufen am 14.10.2026.\n"},
		},
		{
			name: "a missing attestation blocks",
			modify: func(r *controls.Results, _ *config.Config) {
				r.Measures[0] = controls.MeasureResult{ID: "TOM-AUF-01", Status: controls.NoEvidence, Reasons: []controls.Reason{{Message: controls.NewMessage("no_attestation", nil)}}}
				r.Attestations = nil
			},
			blockers:  []string{"TOM-AUF-01"},
			contains:  []string{"Nachweisart: Bestätigung durch die verantwortliche Rolle (liegt nicht vor)"},
			checklist: []string{"Status: nicht bewertet – Nachweis fehlt\n- Nachweis fehlt: Es liegt keine Bestätigung der verantwortlichen Rolle vor.\n"},
		},
		{
			name: "a measure the results do not hold blocks",
			modify: func(r *controls.Results, _ *config.Config) {
				r.Measures = r.Measures[:1]
			},
			blockers:  []string{"TOM-VER-02"},
			checklist: []string{"- Die Maßnahme wurde in diesem Lauf nicht bewertet.\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, cfg := tomGateResults(), tomGateConfig()
			tt.modify(res, cfg)
			in := TOMInput{Results: res, Config: cfg, Model: tomGateModel(), Tenant: "acme", Lang: "de"}
			d, err := BuildTOMData(in)
			if err != nil {
				t.Fatal(err)
			}
			if d.GatePassed != tt.released {
				t.Errorf("gate passed = %v, want %v", d.GatePassed, tt.released)
			}
			if tt.released {
				// The gate passes, but nobody approved the content yet:
				// a draft saying so. An approval of exactly this
				// content releases it.
				if d.Released || d.DraftReason != "keine Freigabe für genau diesen Inhalt erfasst ist" {
					t.Errorf("gate passed without approval: released=%v reason=%q", d.Released, d.DraftReason)
				}
				in.Control.Approvals = &approval.Set{}
				if err := in.Control.Approvals.Add(approval.Record{Document: d.Control.Series, Version: d.Control.Version, Content: d.Control.Content,
					Step: approval.Approved, Name: "Dr. Erika Mustermann", Role: "Datenschutzbeauftragte", At: tomGateNow.Add(time.Hour)}); err != nil {
					t.Fatal(err)
				}
				if d, err = BuildTOMData(in); err != nil {
					t.Fatal(err)
				}
			}
			var blockers []string
			for _, b := range d.Blockers {
				blockers = append(blockers, b.ID)
			}
			if diff := cmp.Diff(tt.blockers, blockers); diff != "" {
				t.Errorf("blockers (-want +got):\n%s", diff)
			}
			r, err := TOMAndChecklist(in)
			if err != nil {
				t.Fatal(err)
			}
			doc, list := r.Document, r.Checklist
			if diff := cmp.Diff(tt.blockers, r.Blockers); diff != "" {
				t.Errorf("rendered blockers (-want +got):\n%s", diff)
			}
			wantStatus, wantWatermark := "Entwurf", "Entwurf – nicht alle Maßnahmen nachgewiesen"
			if tt.released {
				wantStatus, wantWatermark = "Freigegeben", ""
			}
			if d.Released != tt.released || doc.Draft == tt.released || doc.Status != wantStatus || doc.Watermark != wantWatermark {
				t.Errorf("released=%v draft=%v status=%q watermark=%q, want released=%v status=%q", d.Released, doc.Draft, doc.Status, doc.Watermark, tt.released, wantStatus)
			}
			md := string(doc.Markdown)
			for _, s := range tt.contains {
				if !strings.Contains(md, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(md, s) {
					t.Errorf("body contains %q", s)
				}
			}
			if !tt.released && !strings.HasPrefix(md, "\n**Entwurf.** Diese Anlage ist nicht freigegeben") {
				t.Error("a draft that does not say so first")
			}
			if (list == nil) != tt.released {
				t.Errorf("release checklist %q for a released=%v annex", list, tt.released)
			}
			for _, s := range tt.checklist {
				if !strings.Contains(string(list), s) {
					t.Errorf("release checklist lacks %q", s)
				}
			}
			if list != nil && !strings.Contains(string(list), "**Vertraulich – intern.**") {
				t.Error("release checklist is not classified internal")
			}
			if t.Failed() {
				t.Logf("body:\n%s\nchecklist:\n%s", md, list)
			}
		})
	}
}

func TestTOMRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		in   func() TOMInput
		want string
	}{
		{"unknown tenant", func() TOMInput {
			return TOMInput{Results: tomGateResults(), Config: tomGateConfig(), Model: tomGateModel(), Tenant: "initech", Lang: "de"}
		}, `tenant "initech": not defined in the configuration (known: acme, globex)`},
		{"results of another tenant", func() TOMInput {
			return TOMInput{Results: tomGateResults(), Config: tomGateConfig(), Model: tomGateModel(), Tenant: "globex", Lang: "de"}
		}, `tenant "globex": the results were evaluated for tenant acme`},
		{"results of all tenants", func() TOMInput {
			r := tomGateResults()
			r.Tenant = ""
			return TOMInput{Results: r, Config: tomGateConfig(), Model: tomGateModel(), Tenant: "acme", Lang: "de"}
		}, `the results were evaluated for all tenants`},
		{"language", func() TOMInput {
			return TOMInput{Results: tomGateResults(), Config: tomGateConfig(), Model: tomGateModel(), Tenant: "acme", Lang: "fr"}
		}, `language "fr": expected de or en`},
		{"missing inputs", func() TOMInput { return TOMInput{Lang: "de"} }, "missing results, configuration, control model, tenant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := TOM(tt.in())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("TOM = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestTOMNamesOnlyItsApprovers: the annex goes to the customer; of the
// provider's people it names only who signs it (name and role of the
// approver), not who prepared or reviewed it.
func TestTOMNamesOnlyItsApprovers(t *testing.T) {
	in := TOMInput{Results: tomGateResults(), Config: tomGateConfig(), Model: tomGateModel(), Tenant: "acme", Lang: "de"}
	d, err := BuildTOMData(in)
	if err != nil {
		t.Fatal(err)
	}
	in.Control.Approvals = &approval.Set{}
	for _, r := range []approval.Record{
		{Step: approval.Prepared, Name: "Max Vorbereiter", Role: "Compliance-Team"},
		{Step: approval.Reviewed, Name: "Jonas Prüfer", Role: "ISB"},
		{Step: approval.Approved, Name: "Dr. Erika Mustermann", Role: "Datenschutzbeauftragte"},
	} {
		r.Document, r.Version, r.Content, r.At = d.Control.Series, d.Control.Version, d.Control.Content, tomGateNow
		if err := in.Control.Approvals.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	r, err := TOMAndChecklist(in)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	text.Write(r.Document.Markdown)
	for _, f := range r.Document.Cover {
		text.WriteString(f.Label + ": " + f.Value + "\n")
	}
	if !r.Released || !strings.Contains(text.String(), "Freigabe: Dr. Erika Mustermann (Datenschutzbeauftragte), 23.11.2026") ||
		!strings.Contains(text.String(), "| Dr. Erika Mustermann | Datenschutzbeauftragte |") {
		t.Errorf("released=%v; the annex does not name its approver:\n%s", r.Released, text.String())
	}
	for _, name := range []string{"Max Vorbereiter", "Compliance-Team", "Jonas Prüfer"} {
		if strings.Contains(text.String(), name) {
			t.Errorf("the annex names %q, who did not sign it", name)
		}
	}
}
