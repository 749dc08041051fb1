package pack

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"sort"
)

// Problem is one way a pack fails verification, about one file.
type Problem struct {
	Path   string
	Reason string
}

func (p Problem) String() string { return p.Path + ": " + p.Reason }

// Report is the outcome of Verify.
type Report struct {
	// Manifest is the parsed manifest.json; nil when it is missing or
	// unreadable.
	Manifest *Manifest
	// KeyFingerprint names the key the signature was checked with: the
	// given key, else the key packed in signature/nachweis.pub.
	KeyFingerprint string
	// KeyGiven is true when the caller gave the key: then a valid
	// signature shows who signed (whoever holds that key), not only that
	// nothing changed since.
	KeyGiven bool
	// Signed is true when the statement's signature verifies with the key.
	Signed bool
	// Files counts the content files the manifest lists.
	Files int
	// Problems are sorted by path; none means the pack is intact.
	Problems []Problem
}

// OK reports whether the signature verified and nothing differs.
func (r *Report) OK() bool { return r.Signed && len(r.Problems) == 0 }

// Verify checks a pack read by Read: manifest.json is valid canonical
// JSON; the statement in the DSSE envelope is signed by key (nil: by the
// packed public key, which shows integrity but not origin; a given key
// must also be the packed one); its subjects are exactly the manifest's
// files and manifest.json with the same digests and its predicate repeats
// the manifest's tool and evaluation; every file the manifest lists is in
// the archive with its size and sha256; nothing else is; and SHA256SUMS
// matches the manifest. Every problem found is reported with its file.
func Verify(a *Archive, key ed25519.PublicKey) *Report {
	r := &Report{KeyGiven: key != nil}
	add := func(path, format string, args ...any) {
		r.Problems = append(r.Problems, Problem{Path: path, Reason: fmt.Sprintf(format, args...)})
	}
	defer func() {
		sort.SliceStable(r.Problems, func(i, j int) bool { return r.Problems[i].Path < r.Problems[j].Path })
	}()

	raw, ok := a.Data(ManifestFile)
	if ok {
		m, err := decodeManifest(raw)
		if err != nil {
			add(ManifestFile, "%v", err)
		}
		r.Manifest = m
	} else {
		add(ManifestFile, "missing: every file of a pack must be listed there")
	}

	packedKey := verifyKeyFile(a, key, add)
	useKey := key
	if useKey == nil {
		useKey = packedKey
	}
	var st *Statement
	if env, ok := a.Data(EnvelopeFile); !ok {
		add(EnvelopeFile, "missing: the pack is not signed")
	} else if useKey != nil {
		r.KeyFingerprint = Fingerprint(useKey)
		s, err := openEnvelope(env, useKey)
		if err != nil {
			add(EnvelopeFile, "%v", err)
			if key == nil && errors.Is(err, errBadSignature) {
				// Without a given key either file may be the changed one.
				add(PublicKeyFile, "the signature does not verify with this key %s", r.KeyFingerprint)
			}
		} else {
			st, r.Signed = s, true
		}
	}

	listed := map[string]bool{ManifestFile: true, EnvelopeFile: true, PublicKeyFile: true}
	if r.Manifest != nil {
		r.Files = len(r.Manifest.Files)
		for _, e := range r.Manifest.Files {
			listed[e.Path] = true
			got, ok := a.files[e.Path]
			switch {
			case !ok:
				add(e.Path, "missing: listed in %s but not in the pack", ManifestFile)
			case got.size != e.Size:
				add(e.Path, "size %d, but %s records %d", got.size, ManifestFile, e.Size)
			case got.sha256 != e.SHA256:
				add(e.Path, "sha256 %s, but %s records %s: changed after packing", got.sha256, ManifestFile, e.SHA256)
			}
		}
		checkSums(a, r.Manifest, add)
	}
	for _, p := range a.names {
		if !listed[p] {
			add(p, "not listed in %s: added after packing", ManifestFile)
		}
	}
	if st != nil && r.Manifest != nil {
		checkStatement(a, st, r.Manifest, add)
	}
	return r
}

// verifyKeyFile parses the packed public key and, when a key is given,
// requires it to be the same key.
func verifyKeyFile(a *Archive, given ed25519.PublicKey, add func(string, string, ...any)) ed25519.PublicKey {
	raw, ok := a.Data(PublicKeyFile)
	if !ok {
		add(PublicKeyFile, "missing: the pack does not carry its public key")
		return nil
	}
	packed, err := ParsePublicKey(raw)
	if err != nil {
		add(PublicKeyFile, "%v", err)
		return nil
	}
	if given != nil && !packed.Equal(given) {
		add(PublicKeyFile, "packed key %s is not the given key %s", Fingerprint(packed), Fingerprint(given))
	}
	return packed
}

// checkSums compares SHA256SUMS with the manifest. Its own hash is
// checked with every other listed file.
func checkSums(a *Archive, m *Manifest, add func(string, string, ...any)) {
	listed := false
	for _, e := range m.Files {
		listed = listed || e.Path == SumsFile
	}
	if !listed {
		add(SumsFile, "not listed in %s", ManifestFile)
		return
	}
	got, ok := a.Data(SumsFile)
	if ok && !bytes.Equal(got, sums(m.Files)) {
		add(SumsFile, "does not list the hashes of %s", ManifestFile)
	}
}

// checkStatement compares the signed statement with the manifest and the
// archive: the signature covers exactly the listed files.
func checkStatement(a *Archive, st *Statement, m *Manifest, add func(string, string, ...any)) {
	want := map[string]string{}
	for _, e := range m.Files {
		want[e.Path] = e.SHA256
	}
	if e, ok := a.files[ManifestFile]; ok {
		want[ManifestFile] = e.sha256
	}
	seen := map[string]bool{}
	for _, s := range st.Subject {
		if seen[s.Name] {
			add(s.Name, "listed twice in the signed statement")
			continue
		}
		seen[s.Name] = true
		digest, ok := want[s.Name]
		switch {
		case !ok:
			add(s.Name, "signed in the statement, but not listed in %s: removed after signing?", ManifestFile)
		case s.Digest["sha256"] != digest:
			add(s.Name, "sha256 %s differs from %s in the signed statement: changed after signing", digest, s.Digest["sha256"])
		}
	}
	for p := range want {
		if !seen[p] {
			add(p, "not covered by the signed statement: added after signing")
		}
	}
	if !equalPredicate(st.Predicate, Predicate{Tool: m.Tool, Evaluation: m.Evaluation}) {
		add(ManifestFile, "tool or evaluation differ from the signed statement's predicate")
	}
}

func equalPredicate(a, b Predicate) bool {
	x, err1 := canonicalJSON(a)
	y, err2 := canonicalJSON(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
