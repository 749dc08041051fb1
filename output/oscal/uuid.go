package oscal

import (
	"crypto/sha1"
	"encoding/hex"
)

// namespace is the UUID namespace of nachweis's OSCAL documents
// (itself uuid5(URL namespace, "https://github.com/nachweis/nachweis")).
var namespace = mustParseUUID("ac472e45-dbc9-58a8-b723-0bc0736b12dc")

// uuid5 returns the RFC 4122 version 5 UUID of name in namespace ns.
func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	sum := h.Sum(nil)
	var u [16]byte
	copy(u[:], sum[:16])
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	s := hex.EncodeToString(u[:])
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

func mustParseUUID(s string) [16]byte {
	var u [16]byte
	b, err := hex.DecodeString(s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36])
	if err != nil || len(b) != 16 {
		panic("oscal: bad namespace UUID " + s)
	}
	copy(u[:], b)
	return u
}

// ids derives the UUIDs of one document from its run: the same run and
// name always give the same UUID, another run another one.
type ids struct{ ns [16]byte }

func newIDs(runID, document string) ids {
	return ids{ns: mustParseUUID(uuid5(namespace, document+"/"+runID))}
}

func (i ids) of(name string) string { return uuid5(i.ns, name) }
