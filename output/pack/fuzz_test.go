package pack

import (
	"bytes"
	"crypto/ed25519"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the pack reader and verifier (zip
// central directory and entries, manifest.json, the DSSE envelope and its
// statement, the public key): no input may panic, and an input that
// verifies must hold nothing the manifest does not list. Seeds: the
// corpus in testdata/fuzz/FuzzRead (a valid pack, a pack with a path
// outside it, a tampered manifest, a non-zip) and a pack written here.
func FuzzRead(f *testing.F) {
	f.Add(writePack(f, testFiles(), testOptions()))
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	lim := Limits{MaxEntries: 64, MaxFileSize: 1 << 20, MaxTotalSize: 4 << 20}
	pub := testKey.Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(bytes.NewReader(data), int64(len(data)), ReadOptions{Limits: lim})
		if err != nil {
			if _, ok := err.(*FormatError); !ok {
				t.Fatalf("Read error %T %v, want *FormatError", err, err)
			}
			return
		}
		for _, key := range []ed25519.PublicKey{nil, pub} {
			r := Verify(a, key)
			if !r.OK() {
				if len(r.Problems) == 0 {
					t.Fatal("not OK without a problem")
				}
				continue
			}
			listed := map[string]bool{ManifestFile: true, EnvelopeFile: true, PublicKeyFile: true}
			for _, e := range r.Manifest.Files {
				listed[e.Path] = true
			}
			for _, n := range a.Names() {
				if !listed[n] {
					t.Fatalf("verified pack holds %s, which the manifest does not list", n)
				}
			}
		}
	})
}
