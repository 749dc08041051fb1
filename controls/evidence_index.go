package controls

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
)

// EvidenceItem is one file of the evidence bundle as documents cite it
// (document-specs §0.3): a stable id, where it came from, when, and its
// hash. Documents cite ids only; the audit report's annex holds the index.
type EvidenceItem struct {
	// ID is EV-<bundle>-<nnnn>: the first 8 hex digits of the bundle
	// digest and the item's number in bundle order, so that one file has
	// one id in every document rendered from the bundle.
	ID string `json:"id"`
	// Source is kind/name of the bundle source, e.g. restic/web01.
	Source string `json:"source"`
	// Kind is the item kind, e.g. restic/snapshots.
	Kind      string `json:"kind"`
	File      string `json:"file"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	Collector string `json:"collector"`
	// CollectedAt is when the source's collection finished (UTC).
	CollectedAt time.Time `json:"collected_at"`
	// Redacted notes what was removed before the item was stored.
	Redacted string `json:"redacted,omitempty"`
}

// RunID derives the id of an evaluation run from what determines it: the
// bundle digest, the evaluation time, the tenant restriction and the tool
// version. It has the form of a UUID (version 8, RFC 9562) so that the
// same evidence and clock give the same id, and so byte-identical
// documents.
func RunID(bundleDigest string, evaluatedAt time.Time, tenant, toolVersion string) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%s", bundleDigest, evaluatedAt.UTC().Format(time.RFC3339Nano), tenant, toolVersion)))
	b := h[:16]
	b[6] = b[6]&0x0f | 0x80 // version 8
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	s := hex.EncodeToString(b)
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

// EvidenceID is the id of the n-th (1-based) evidence item of the bundle
// with the given digest (sha256:<hex> or the bare hex).
func EvidenceID(bundleDigest string, n int) string {
	short := strings.TrimPrefix(bundleDigest, "sha256:")
	if len(short) > 8 {
		short = short[:8]
	}
	return fmt.Sprintf("EV-%s-%04d", short, n)
}

// EvidenceByFile returns the index entry of a bundle file, or false.
func (r *Results) EvidenceByFile(file string) (EvidenceItem, bool) {
	for _, e := range r.Evidence {
		if e.File == file {
			return e, true
		}
	}
	return EvidenceItem{}, false
}

// EvidenceIDs returns the sorted, distinct evidence ids behind refs; refs
// to files missing from the index are skipped.
func (r *Results) EvidenceIDs(refs []EvidenceRef) []string {
	seen := map[string]bool{}
	var ids []string
	for _, ref := range refs {
		if e, ok := r.EvidenceByFile(ref.File); ok && !seen[e.ID] {
			seen[e.ID] = true
			ids = append(ids, e.ID)
		}
	}
	sort.Strings(ids)
	return ids
}
