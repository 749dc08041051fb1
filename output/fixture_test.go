package output

import (
	"fmt"
	"time"

	"github.com/nachweis/nachweis/controls"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// msg is a finding's or reason's message as the engine renders it: an id
// with its German and English text.
func msg(id, de, en string) controls.Message {
	return controls.Message{ID: id, Text: controls.Text{DE: de, EN: en}}
}

// fixture is a representative evaluation: all seven outcomes, German texts
// with umlauts, a failing check with more findings than the summary shows,
// a finding covered by an accepted exception, an expired exception and
// attestation, and a collector error behind a no-evidence check.
func fixture() *controls.Results {
	evaluated := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	collected := time.Date(2026, 11, 23, 13, 58, 12, 0, time.UTC)
	cutoff := collected
	backupDate := time.Date(2026, 11, 23, 13, 40, 0, 0, time.UTC)
	attDate := day(2026, 2, 10)

	var backup []controls.Finding
	for i := 1; i <= 7; i++ {
		backup = append(backup, controls.Finding{
			Resource: fmt.Sprintf("restic:s3:backup.example.net/db-%d", i),
			Status:   controls.Fail,
			Message:  msg("stale", "Der neueste Snapshot ist älter als erlaubt.", "The newest snapshot is older than allowed."),
			Expected: msg("expected", "≤ 26 Std.", "≤ 26 h"),
			Measured: msg("measured", fmt.Sprintf("%d Std.", 26+i*4), fmt.Sprintf("%d h", 26+i*4)),
		})
	}
	backup[0].Evidence = []controls.EvidenceRef{{
		Source:      "restic/db-backups",
		File:        "evidence/restic/db-1.json",
		SHA256:      "9b3c8f0e5d1a2b4c6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5",
		Pointer:     "/snapshots/0/time",
		CollectedAt: backupDate,
	}}
	backup = append(backup, controls.Finding{
		Resource: "restic:s3:backup.example.net/db-8",
		Status:   controls.Pass,
		Message:  msg("fresh", "Snapshot aktuell.", "Snapshot current."),
		Expected: msg("expected", "≤ 26 Std.", "≤ 26 h"),
		Measured: msg("measured", "3 Std.", "3 h"),
	})

	checks := []controls.CheckResult{
		{
			ID:          "BAK-01",
			Title:       controls.Text{DE: "Datensicherungen sind höchstens 26 Stunden alt", EN: "Backups are at most 26 hours old"},
			Description: controls.Text{DE: "Jedes Restic-Repository hat einen Snapshot, der jünger als 26 Stunden ist.", EN: "Every restic repository has a snapshot younger than 26 hours."},
			Severity:    controls.High,
			Measures:    []string{"TOM-BAK-01"},
			Status:      controls.Fail,
			Policy:      "policies/backup/restic.rego",
			Line:        12,
			Findings:    backup,
		},
		{
			ID:          "GH-2FA-01",
			Title:       controls.Text{DE: "Zwei-Faktor-Authentisierung in der GitHub-Organisation erzwungen", EN: "Two-factor authentication enforced in the GitHub organisation"},
			Description: controls.Text{DE: "Die Organisation verlangt 2FA von allen Mitgliedern.", EN: "The organisation requires 2FA of every member."},
			Severity:    controls.Critical,
			Measures:    []string{"TOM-ACC-02"},
			Status:      controls.NoEvidence,
			Reason: msg("evidence_missing_error", "Nachweis github.organization fehlt: 403 Forbidden (the token is not an organisation owner)",
				"evidence github.organization missing: 403 Forbidden (the token is not an organisation owner)"),
			Policy:   "policies/github/twofa.rego",
			Findings: []controls.Finding{},
		},
		{
			ID:          "K8S-NET-01",
			Title:       controls.Text{DE: "Standardmäßig kein Netzverkehr zwischen Namespaces", EN: "Default-deny network policy in every tenant namespace"},
			Description: controls.Text{DE: "Jeder Mandanten-Namespace hat eine NetworkPolicy, die eingehenden Verkehr standardmäßig verbietet.", EN: "Every tenant namespace has a NetworkPolicy that denies ingress by default."},
			Severity:    controls.Medium,
			Measures:    []string{"TOM-NET-01"},
			Status:      controls.Exception,
			Policy:      "policies/kubernetes/netpol_default_deny.rego",
			Line:        9,
			Findings: []controls.Finding{
				{Resource: "namespace/legacy-batch", Status: controls.Exception, Message: msg("fail", "Keine NetworkPolicy mit Default-Deny für Ingress.", "No default-deny NetworkPolicy for ingress."),
					Expected: msg("expected", "Default-Deny für Ingress", "default-deny ingress"), Measured: msg("measured", "keine Policy", "no policy"), ExceptionID: "EXC-2026-003"},
				{Resource: "namespace/tenant-müller", Tenant: "mueller", Status: controls.Pass, Message: msg("pass", "Default-Deny vorhanden.", "Default-deny in place.")},
			},
		},
		{
			ID:          "K8S-POD-01",
			Title:       controls.Text{DE: "Pods laufen nicht als root", EN: "Pods do not run as root"},
			Description: controls.Text{DE: "Alle Container setzen runAsNonRoot.", EN: "All containers set runAsNonRoot."},
			Severity:    controls.Low,
			Measures:    []string{"TOM-HARD-01"},
			Status:      controls.Pass,
			Policy:      "policies/kubernetes/pod_security.rego",
			Line:        20,
			Findings: []controls.Finding{
				{Resource: "deployment/shop/api", Tenant: "acme", Status: controls.Pass, Message: msg("pass", "runAsNonRoot gesetzt.", "runAsNonRoot set.")},
			},
		},
		{
			ID:          "K8S-TLS-01",
			Title:       controls.Text{DE: "Ingress nur über TLS mit gültigem Zertifikat", EN: "Ingress only over TLS with a valid certificate"},
			Description: controls.Text{DE: "Jeder Ingress terminiert TLS mit einem Zertifikat, das noch mindestens 14 Tage gültig ist.", EN: "Every ingress terminates TLS with a certificate valid for at least 14 more days."},
			Severity:    controls.High,
			Measures:    []string{"TOM-ENC-01"},
			Status:      controls.Fail,
			Policy:      "policies/kubernetes/ingress_tls.rego",
			Line:        7,
			Findings: []controls.Finding{
				{Resource: "ingress/shop/storefront", Tenant: "acme", Status: controls.Fail,
					Message: msg("uncovered", "Der Ingress nimmt Verbindungen ohne TLS an; für die Hosts shop.acme.example und www.shop.acme.example ist kein Zertifikat hinterlegt, und <http> wird nicht umgeleitet.",
						"The Ingress accepts connections without TLS; no certificate is set for the hosts shop.acme.example and www.shop.acme.example, and <http> is not redirected."),
					Expected: msg("expected", "TLS für alle Hosts", "TLS for all hosts"), Measured: msg("measured", "0 von 2 Hosts", "0 of 2 hosts")},
				{Resource: "ingress/shop/admin", Tenant: "acme", Status: controls.NoEvidence,
					Message: msg("not_readable", "Zertifikat-Secret shop/admin-tls nicht lesbar (fehlende Berechtigung).", "Certificate Secret shop/admin-tls not readable (permission missing).")},
				{Resource: "ingress/billing/api", Status: controls.Pass, Message: msg("pass", "TLS aktiv.", "TLS active."),
					Expected: msg("expected", "≥ 14 Tage", "≥ 14 days"), Measured: msg("measured", "61 Tage", "61 days")},
			},
		},
	}

	measures := []controls.MeasureResult{
		{ID: "TOM-ACC-02", Status: controls.NoEvidence, Basis: controls.NoBasis, Checks: []string{"GH-2FA-01"},
			Reasons: []controls.Reason{{Check: "GH-2FA-01", Message: checks[1].Reason}}},
		{ID: "TOM-BAK-01", Status: controls.Fail, Basis: controls.TechnicallyVerified, Checks: []string{"BAK-01"}, EvidenceDate: &backupDate},
		{ID: "TOM-ENC-01", Status: controls.Fail, Basis: controls.TechnicallyVerified, Checks: []string{"K8S-TLS-01"}, EvidenceDate: &collected},
		{ID: "TOM-HARD-01", Status: controls.Pass, Basis: controls.TechnicallyVerified, Checks: []string{"K8S-POD-01"}, EvidenceDate: &collected},
		{ID: "TOM-NET-01", Status: controls.Exception, Basis: controls.TechnicallyVerified, Checks: []string{"K8S-NET-01"}, EvidenceDate: &collected},
		{ID: "TOM-ORG-01", Status: controls.Attested, Basis: controls.AttestedOnly, Attestation: "ATT-2026-001", EvidenceDate: &attDate},
		{ID: "TOM-ORG-02", Status: controls.AttestationExpired, Basis: controls.NoBasis, Attestation: "ATT-2025-007",
			Reasons: []controls.Reason{{Message: controls.NewMessage("attestation_expired", map[string]any{"attestation": "ATT-2025-007", "date": day(2026, 10, 31).UnixNano()})}}},
		{ID: "TOM-ORG-03", Status: controls.NoEvidence, Basis: controls.NoBasis, Reasons: []controls.Reason{{Message: controls.NewMessage("no_attestation", nil)}}},
	}

	basisOf := map[controls.Outcome]controls.Basis{
		controls.Fail: controls.TechnicallyVerified, controls.Pass: controls.TechnicallyVerified,
		controls.Exception: controls.TechnicallyVerified, controls.Attested: controls.AttestedOnly,
	}
	req := func(fw, id, de, en string, status controls.Outcome, measures ...string) controls.RequirementResult {
		if measures == nil {
			measures = []string{}
		}
		b, ok := basisOf[status]
		if !ok {
			b = controls.NoBasis
		}
		return controls.RequirementResult{Framework: fw, ID: id, Title: controls.Text{DE: de, EN: en}, Status: status, Basis: b, Measures: measures}
	}
	na := func(r controls.RequirementResult, de, en string) controls.RequirementResult {
		r.Justification = controls.Text{DE: de, EN: en}
		return r
	}
	requirements := []controls.RequirementResult{
		req("c5-2020", "HR-03", "", "Security training and awareness programme", controls.Attested, "TOM-ORG-01"),
		na(req("c5-2020", "PS-01", "", "Physical Security and Environmental Control Requirements", controls.NotApplicable),
			"Keine eigenen Räumlichkeiten; Rechenzentren betreibt der Unterauftragnehmer (C5-Testat liegt vor).",
			"No own premises; data centres are run by the subprocessor (C5 attestation report on file)."),
		req("c5-2020", "OPS-06", "", "Data Protection and Recovery - Concept", controls.Fail, "TOM-BAK-01"),
		req("c5-2020", "IDM-09", "", "Authentication mechanisms", controls.NoEvidence, "TOM-ACC-02"),
		req("c5-2020", "CRY-02", "", "Encryption of data for transmission (transport encryption)", controls.Fail, "TOM-ENC-01"),
		req("c5-2020", "COS-06", "", "Segregation of data traffic in jointly used network environments", controls.Exception, "TOM-NET-01"),
		req("c5-2020", "BCM-04", "", "Verification, updating and testing of the business continuity", controls.AttestationExpired, "TOM-ORG-02"),
		req("iso27001-2022", "A.6.3", "Informationssicherheitsbewusstsein, -ausbildung und -schulung", "Information security awareness, education and training", controls.Attested, "TOM-ORG-01"),
		na(req("iso27001-2022", "A.7.1", "Physische Sicherheitsperimeter", "Physical security perimeters", controls.NotApplicable),
			"Keine eigenen Räumlichkeiten; Rechenzentren betreibt der Unterauftragnehmer.",
			"No own premises; data centres are run by the subprocessor."),
		req("iso27001-2022", "A.8.5", "Sichere Authentisierung", "Secure authentication", controls.NoEvidence, "TOM-ACC-02"),
		req("iso27001-2022", "A.8.9", "Konfigurationsmanagement", "Configuration management", controls.Pass, "TOM-HARD-01"),
		req("iso27001-2022", "A.8.13", "Sicherung von Informationen", "Information backup", controls.Fail, "TOM-BAK-01"),
		req("iso27001-2022", "A.8.22", "Trennung von Netzwerken", "Segregation of networks", controls.Exception, "TOM-NET-01"),
		req("iso27001-2022", "A.8.24", "Verwendung von Kryptographie", "Use of cryptography", controls.Fail, "TOM-ENC-01"),
		req("gdpr", "28(3)(e)", "Unterstützung bei Betroffenenrechten", "Assistance with data subject rights", controls.NoEvidence),
		req("gdpr", "32(1)(b)", "Vertraulichkeit, Integrität, Verfügbarkeit und Belastbarkeit", "Confidentiality, integrity, availability and resilience", controls.Fail, "TOM-ENC-01", "TOM-NET-01"),
		req("gdpr", "32(1)(c)", "Rasche Wiederherstellbarkeit", "Timely restoration", controls.Fail, "TOM-BAK-01"),
		req("gdpr", "32(1)(d)", "Regelmäßige Überprüfung der Wirksamkeit", "Regular testing of effectiveness", controls.NoEvidence, "TOM-ORG-02", "TOM-ORG-03"),
	}
	frameworks := []string{"c5-2020", "iso27001-2022", "gdpr"}
	var summary []controls.FrameworkSummary
	for _, fw := range frameworks {
		s := controls.FrameworkSummary{Framework: fw, Counts: map[controls.Outcome]int{}, Basis: map[controls.Basis]int{}}
		for _, r := range requirements {
			if r.Framework == fw {
				s.Total++
				s.Counts[r.Status]++
				s.Basis[r.Basis]++
			}
		}
		summary = append(summary, s)
	}

	run := controls.RunID("sha256:5f2d9c0b7a8e4d1f3c6b9a0e2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f", evaluated, "acme", "0.4.0")
	return &controls.Results{
		Evidence: []controls.EvidenceItem{{
			ID:          controls.EvidenceID(run, 1),
			Source:      "restic/db-backups",
			Kind:        "restic/snapshots",
			File:        "evidence/restic/db-1.json",
			SHA256:      "9b3c8f0e5d1a2b4c6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5",
			Size:        48213,
			Collector:   "nachweis-collect 0.4.0",
			CollectedAt: backupDate,
		}},
		Schema:         controls.ResultsSchema,
		ToolVersion:    "0.4.0",
		RunID:          run,
		EvaluatedAt:    evaluated,
		BundleDigest:   "sha256:5f2d9c0b7a8e4d1f3c6b9a0e2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f",
		EvidenceCutoff: cutoff,
		Tenant:         "acme",
		Frameworks:     frameworks,
		Summary:        summary,
		Checks:         checks,
		Measures:       measures,
		Requirements:   requirements,
		Attestations: []controls.AttestationRecord{
			{ID: "ATT-2025-007", Measure: "TOM-ORG-02", Statement: controls.Text{DE: "Notfallübung für den Wiederanlauf durchgeführt.", EN: "Disaster recovery drill carried out."},
				By: "Jörg Weiß", Role: "Leiter Betrieb", Date: day(2025, 11, 3), ValidUntil: day(2026, 10, 31), Expired: true,
				File: "attestations/ATT-2025-007.yaml"},
			{ID: "ATT-2026-001", Measure: "TOM-ORG-01", Statement: controls.Text{DE: "Alle Beschäftigten haben die Sicherheitsschulung 2026 abgeschlossen.", EN: "All staff completed the 2026 security training."},
				By: "Anna Schäfer", Role: "ISB", Date: attDate, ValidUntil: day(2027, 2, 10),
				File:        "attestations/ATT-2026-001.yaml",
				Attachments: []controls.Attachment{{Path: "docs/schulung-2026.pdf", SHA256: "0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091"}}},
		},
		Exceptions: []controls.ExceptionRecord{
			{ID: "EXC-2025-011", Check: "BAK-01", Scope: "repository db-archive", RiskID: "R-2025-031", RiskOwner: "Jörg Weiß",
				ApprovedOn: day(2025, 10, 1), ExpiresOn: day(2026, 9, 30), Expired: true,
				CompensatingMeasure: controls.Text{DE: "Wöchentliche Vollsicherung auf Band", EN: "Weekly full backup to tape"}, File: "exceptions/EXC-2025-011.yaml"},
			{ID: "EXC-2026-003", Check: "K8S-NET-01", Scope: "namespace legacy-batch", RiskID: "R-2026-014", RiskOwner: "Anna Schäfer",
				ApprovedOn: day(2026, 3, 2), ExpiresOn: day(2027, 3, 1),
				CompensatingMeasure: controls.Text{DE: "Namespace ohne Kundendaten; Egress nur über Proxy", EN: "Namespace without customer data; egress only through a proxy"},
				CustomerText:        controls.Text{DE: "Ein Batch-Namespace ohne Kundendaten ist vorübergehend ausgenommen.", EN: "One batch namespace without customer data is temporarily exempt."},
				File:                "exceptions/EXC-2026-003.yaml", Applied: 1},
		},
		Sources: []controls.SourceStatus{
			{Kind: "github", Name: "acme-org", Collector: "github@0.4.0", CollectedAt: time.Date(2026, 11, 23, 13, 57, 3, 0, time.UTC),
				Status: "error", Error: "GET /orgs/acme-org/members?filter=2fa_disabled: 403 Forbidden (must be an organization owner)"},
			{Kind: "kubernetes", Name: "prod-fra1", Collector: "kubernetes@0.4.0", CollectedAt: collected, Status: "ok"},
			{Kind: "restic", Name: "db-backups", Collector: "restic@0.4.0", CollectedAt: backupDate, Status: "ok"},
		},
	}
}
