package pack

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/nachweis/nachweis/controls/l10n"
)

//go:embed readme/*.md.tmpl
var readmeFS embed.FS

// ReadmeInput is what the auditor README of a pack says about it.
type ReadmeInput struct {
	Organisation   string
	ToolVersion    string
	EvaluatedAt    time.Time
	EvidenceCutoff time.Time
	BundleDigest   string
	RunID          string
	// Tenant is set for a pack restricted to one tenant's scope.
	Tenant     string
	Frameworks []string
	// KeyFingerprint names the signing key (Fingerprint).
	KeyFingerprint string
	// Documents are the paths of the rendered documents in the pack.
	Documents []string
	// CustomPolicies is true when the provider added its own checks
	// (policies/custom/).
	CustomPolicies bool
	// SoA is true when the SoA declarations are packed (config/soa.yaml).
	SoA bool
	// Records is true when attestations or exceptions are packed
	// (config/records/).
	Records bool
}

// documentKind describes a rendered document by its file name
// (report-c5.de.pdf, matrix-iso27001.en.xlsx, soa.de.xlsx,
// tom-acme.de.pdf).
func documentKind(lang, p string) string {
	base := p[strings.LastIndexByte(p, '/')+1:]
	parts := strings.Split(base, ".")
	if len(parts) != 3 {
		return map[string]string{"de": "Dokument", "en": "document"}[lang]
	}
	name, docLang := parts[0], map[string]string{"de": "Deutsch", "en": "English"}[parts[1]]
	if lang == "de" {
		docLang = map[string]string{"de": "deutsch", "en": "englisch"}[parts[1]]
	}
	kind, subject, _ := strings.Cut(name, "-")
	switch kind {
	case "report":
		if lang == "de" {
			return fmt.Sprintf("Bewertungsbericht %s (PDF, %s)", frameworkName(lang, subject), docLang)
		}
		return fmt.Sprintf("audit report %s (PDF, %s)", frameworkName(lang, subject), docLang)
	case "matrix":
		if lang == "de" {
			return fmt.Sprintf("Kontrollmatrix %s (XLSX, %s)", frameworkName(lang, subject), docLang)
		}
		return fmt.Sprintf("control matrix %s (XLSX, %s)", frameworkName(lang, subject), docLang)
	case "soa":
		if lang == "de" {
			return fmt.Sprintf("Erklärung zur Anwendbarkeit ISO/IEC 27001 (XLSX, %s)", docLang)
		}
		return fmt.Sprintf("Statement of Applicability ISO/IEC 27001 (XLSX, %s)", docLang)
	case "tom":
		if lang == "de" {
			return fmt.Sprintf("Anlage TOM des Mandanten %s (PDF, %s)", subject, docLang)
		}
		return fmt.Sprintf("TOM annex of tenant %s (PDF, %s)", subject, docLang)
	}
	return map[string]string{"de": "Dokument", "en": "document"}[lang]
}

func frameworkName(lang, id string) string {
	switch id {
	case "c5-2020", "c5":
		return "BSI C5:2020"
	case "c5-2026":
		return "BSI C5:2026"
	case "iso27001-2022", "iso27001":
		return "ISO/IEC 27001:2022"
	case "gdpr":
		if lang == "de" {
			return "DSGVO (Art. 28, 32)"
		}
		return "GDPR (Art. 28, 32)"
	}
	return id
}

// ReadmeFile returns the file name of the README in lang: README.de.md or
// README.en.md.
func ReadmeFile(lang string) string { return "README." + lang + ".md" }

// Readme renders the auditor README of a pack in lang (de or en): what is
// inside, how it was produced, how to verify it with nachweis and with
// cosign and sha256sum, and what it does not prove.
func Readme(lang string, in ReadmeInput) ([]byte, error) {
	if !l10n.Valid(lang) {
		return nil, fmt.Errorf("pack README: language %q: expected de or en", lang)
	}
	t, err := template.New("").Funcs(template.FuncMap{
		"datetime": func(t time.Time) string { return l10n.DateTime(lang, t) },
		"rfc3339":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"document": func(p string) string { return documentKind(lang, p) },
		"frameworks": func(ids []string) string {
			names := make([]string, len(ids))
			for i, id := range ids {
				names[i] = frameworkName(lang, id)
			}
			return strings.Join(names, ", ")
		},
	}).ParseFS(readmeFS, "readme/"+lang+".md.tmpl")
	if err != nil {
		return nil, fmt.Errorf("pack README: %w", err)
	}
	var buf bytes.Buffer
	err = t.ExecuteTemplate(&buf, lang+".md.tmpl", struct {
		ReadmeInput
		PredicateType, Envelope, PublicKey, Manifest, Sums string
	}{in, PredicateType, EnvelopeFile, PublicKeyFile, ManifestFile, SumsFile})
	if err != nil {
		return nil, fmt.Errorf("pack README: %w", err)
	}
	return buf.Bytes(), nil
}
