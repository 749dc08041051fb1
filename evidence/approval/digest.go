package approval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
)

// Part is one named input of a document's content, e.g. the results JSON
// or the German template.
type Part struct {
	Name string
	Data []byte
}

// Digest is the content digest of a document: the sha256 of its parts in
// name order, each framed by its name and length so that no two different
// sets of parts hash alike. It is "sha256:" and 64 hex digits.
func Digest(parts ...Part) string {
	sorted := append([]Part{}, parts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	h := sha256.New()
	io.WriteString(h, "nachweis.content/v1\n")
	for _, p := range sorted {
		fmt.Fprintf(h, "%d:%s\n%d:", len(p.Name), p.Name, len(p.Data))
		h.Write(p.Data)
		io.WriteString(h, "\n")
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Short is the first twelve hex digits of a content digest, for messages
// where the full digest follows elsewhere; documents print it whole.
func Short(content string) string {
	const p = len("sha256:")
	if len(content) >= p+12 {
		return content[p : p+12]
	}
	return content
}
