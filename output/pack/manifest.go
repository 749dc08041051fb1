package pack

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Names of the files every pack has besides its content.
const (
	// ManifestFile lists every content file with sha256 and size, in
	// canonical JSON.
	ManifestFile = "manifest.json"
	// SumsFile lists the same hashes in the format of sha256sum -c.
	SumsFile = "SHA256SUMS"
	// EnvelopeFile is the DSSE envelope of the in-toto statement.
	EnvelopeFile = "signature/statement.dsse.json"
	// PublicKeyFile is the public key the statement was signed with (PEM).
	PublicKeyFile = "signature/nachweis.pub"
)

// Schema is the version of the manifest format.
const Schema = "nachweis.pack/v1"

// Tool names the program that wrote a pack.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Evaluation records how a pack's results were produced, so that verify
// can evaluate the packed evidence again in the same way.
type Evaluation struct {
	// EvaluatedAt is the evaluation clock.
	EvaluatedAt time.Time `json:"evaluated_at"`
	// BundleDigest is the digest of the packed evidence bundle.
	BundleDigest string `json:"bundle_digest"`
	// RunID is the results' run id.
	RunID string `json:"run_id"`
	// Tenant is set when the evaluation was restricted to one tenant.
	Tenant string `json:"tenant,omitempty"`
	// Frameworks are the frameworks the results report.
	Frameworks []string `json:"frameworks"`
}

// Entry is one content file in the manifest.
type Entry struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Manifest is manifest.json.
type Manifest struct {
	Schema     string     `json:"schema"`
	Tool       Tool       `json:"tool"`
	Evaluation Evaluation `json:"evaluation"`
	// Files are the content files sorted by path, SHA256SUMS included;
	// manifest.json and the signature files are not.
	Files []Entry `json:"files"`
}

// encode returns the manifest in canonical JSON.
func (m *Manifest) encode() ([]byte, error) {
	b, err := canonicalJSON(m)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", ManifestFile, err)
	}
	return b, nil
}

// decodeManifest parses manifest.json strictly: known fields only, the
// schema of this version, valid unique sorted paths, sha256 in lower-case
// hex, and the canonical form (so that its digest is the only one it can
// have). The error text says what is wrong, for a Problem on
// manifest.json.
func decodeManifest(raw []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("invalid JSON: data after the manifest object")
	}
	if m.Schema != Schema {
		return nil, fmt.Errorf("schema %q, expected %q", m.Schema, Schema)
	}
	seen := map[string]bool{}
	for i, e := range m.Files {
		if why := checkPath(e.Path); why != "" {
			return nil, fmt.Errorf("files[%d].path %q: %s", i, e.Path, why)
		}
		if reserved(e.Path) {
			return nil, fmt.Errorf("files[%d].path %q: reserved for the signature and manifest", i, e.Path)
		}
		if seen[foldKey(e.Path)] {
			return nil, fmt.Errorf("files[%d].path %q: listed twice", i, e.Path)
		}
		seen[foldKey(e.Path)] = true
		if i > 0 && m.Files[i-1].Path >= e.Path {
			return nil, fmt.Errorf("files[%d].path %q: files are not sorted by path", i, e.Path)
		}
		if !isSHA256(e.SHA256) {
			return nil, fmt.Errorf("files[%d].sha256: expected 64 lower-case hex digits", i)
		}
		if e.Size < 0 {
			return nil, fmt.Errorf("files[%d].size: negative", i)
		}
	}
	canon, err := m.encode()
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(canon, raw) {
		return nil, fmt.Errorf("not in canonical JSON form (RFC 8785): changed after it was written?")
	}
	return &m, nil
}

// reserved reports whether p is one of the files a pack writes itself
// besides the content (the manifest and the signature files).
func reserved(p string) bool {
	return p == ManifestFile || p == EnvelopeFile || p == PublicKeyFile || strings.HasPrefix(p, "signature/")
}

func isSHA256(s string) bool {
	if len(s) != 64 || strings.ToLower(s) != s {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// sums renders SHA256SUMS for the entries (without SHA256SUMS itself):
// "<hex>  <path>" per line, sorted by path, the format sha256sum -c reads.
func sums(entries []Entry) []byte {
	sorted := append([]Entry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	var b bytes.Buffer
	for _, e := range sorted {
		if e.Path == SumsFile {
			continue
		}
		fmt.Fprintf(&b, "%s  %s\n", e.SHA256, e.Path)
	}
	return b.Bytes()
}
