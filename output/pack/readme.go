package pack

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/nachweis/nachweis/templates/l10n"
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

func frameworkName(lang, id string) string {
	switch id {
	case "c5":
		return "BSI C5:2020"
	case "iso27001":
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
