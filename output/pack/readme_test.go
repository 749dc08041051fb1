package pack

import (
	"strings"
	"testing"
	"time"
)

func TestReadme(t *testing.T) {
	in := ReadmeInput{
		Organisation: "Beispiel Cloud GmbH", ToolVersion: "1.2.3",
		EvaluatedAt: time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC), EvidenceCutoff: time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC),
		BundleDigest: "sha256:abc", RunID: "run-1", Frameworks: []string{"c5", "gdpr"}, KeyFingerprint: "sha256:feed",
		Documents: []string{"documents/report-c5.de.pdf", "documents/tom-acme.en.pdf", "documents/soa.de.xlsx", "documents/matrix-gdpr.en.xlsx"}, Records: true,
	}
	tests := []struct {
		lang string
		want []string
		not  []string
	}{
		{"en", []string{"# Evidence pack – Beispiel Cloud GmbH", "BSI C5:2020, GDPR (Art. 28, 32)", "2026-11-23 20:00 CET", "| `documents/report-c5.de.pdf` | audit report BSI C5:2020 (PDF, Deutsch) |", "TOM annex of tenant acme (PDF, English)", "Statement of Applicability ISO/IEC 27001 (XLSX, Deutsch)", "control matrix GDPR (Art. 28, 32) (XLSX, English)",
			"nachweis verify pack.zip --key provider.pub", "cosign verify-blob-attestation --key provider.pub --insecure-ignore-tlog",
			"--type " + PredicateType + " SHA256SUMS", "sha256sum -c SHA256SUMS", "integrity), not who signed it (origin)",
			"Attestations are statements", "not measurements", "`sha256:feed`", "config/records/"},
			[]string{"config/soa.yaml", "policies/custom/"}},
		{"de", []string{"# Nachweispaket – Beispiel Cloud GmbH", "BSI C5:2020, DSGVO (Art. 28, 32)", "23.11.2026, 20:00 Uhr (MEZ)",
			"nachweis verify pack.zip --key anbieter.pub", "| `documents/report-c5.de.pdf` | Bewertungsbericht BSI C5:2020 (PDF, deutsch) |", "Anlage TOM des Mandanten acme (PDF, englisch)", "sha256sum -c SHA256SUMS", "keine Messungen", "Integrität", "Herkunft"},
			[]string{"Evidence pack", "statements", "config/soa.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			out, err := Readme(tt.lang, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("README.%s.md lacks %q", tt.lang, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(out), n) {
					t.Errorf("README.%s.md contains %q", tt.lang, n)
				}
			}
		})
	}
	if _, err := Readme("fr", in); err == nil {
		t.Fatal("README in French rendered")
	}
}
