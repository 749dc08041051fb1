package pack

import (
	"testing"
)

func TestCanonicalJSON(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"keys sorted, no whitespace", map[string]any{"b": 1, "a": []any{true, nil, "x"}}, `{"a":[true,null,"x"],"b":1}`},
		// UTF-16 order: € (U+20AC) < 😀 (U+D83D U+DE00) < ﬀ (U+FB00),
		// although 😀 is the largest code point.
		{"keys by UTF-16 code units", map[string]any{"\ufb00": 1, "\U0001F600": 2, "€": 3}, `{"€":3,"😀":2,"ﬀ":1}`},
		{"escapes as ECMAScript", "\"\\\b\f\n\r\t\x01\x1f<>&\u2028é", `"\"\\\b\f\n\r\t\u0001\u001f<>&` + "\u2028" + `é"`},
		{"integers", map[string]any{"n": int64(-9007199254740991), "z": 0}, `{"n":-9007199254740991,"z":0}`},
		{"struct fields", Entry{Path: "a", SHA256: "b", Size: 3}, `{"path":"a","sha256":"b","size":3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := canonicalJSON(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	if _, err := canonicalJSON(map[string]any{"f": 1.5}); err == nil {
		t.Fatal("a fractional number was encoded; a pack has none and JCS float formatting is not implemented")
	}
}

func TestDecodeManifestStrict(t *testing.T) {
	m := &Manifest{Schema: Schema, Tool: Tool{Name: "nachweis", Version: "v"}, Files: []Entry{
		{Path: "a", SHA256: "0000000000000000000000000000000000000000000000000000000000000000", Size: 1},
	}}
	good, err := m.encode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeManifest(good); err != nil {
		t.Fatalf("canonical manifest rejected: %v", err)
	}
	tests := []struct{ name, raw, want string }{
		{"not canonical", " " + string(good), "not in canonical JSON form"},
		{"unknown field", `{"extra":1,` + string(good[1:]), "unknown field"},
		{"schema", `{"evaluation":{"bundle_digest":"","evaluated_at":"0001-01-01T00:00:00Z","frameworks":null,"run_id":""},"files":[],"schema":"other","tool":{"name":"","version":""}}`, "schema"},
		{"dotdot", `{"evaluation":{"bundle_digest":"","evaluated_at":"0001-01-01T00:00:00Z","frameworks":null,"run_id":""},"files":[{"path":"../x","sha256":"` + zeros + `","size":1}],"schema":"nachweis.pack/v1","tool":{"name":"","version":""}}`, `".." in path`},
		{"reserved", `{"evaluation":{"bundle_digest":"","evaluated_at":"0001-01-01T00:00:00Z","frameworks":null,"run_id":""},"files":[{"path":"signature/x","sha256":"` + zeros + `","size":1}],"schema":"nachweis.pack/v1","tool":{"name":"","version":""}}`, "reserved"},
		{"unsorted", `{"evaluation":{"bundle_digest":"","evaluated_at":"0001-01-01T00:00:00Z","frameworks":null,"run_id":""},"files":[{"path":"b","sha256":"` + zeros + `","size":1},{"path":"a","sha256":"` + zeros + `","size":1}],"schema":"nachweis.pack/v1","tool":{"name":"","version":""}}`, "not sorted"},
		{"bad sha", `{"evaluation":{"bundle_digest":"","evaluated_at":"0001-01-01T00:00:00Z","frameworks":null,"run_id":""},"files":[{"path":"a","sha256":"ABC","size":1}],"schema":"nachweis.pack/v1","tool":{"name":"","version":""}}`, "64 lower-case hex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeManifest([]byte(tt.raw))
			if err == nil || !contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

const zeros = "0000000000000000000000000000000000000000000000000000000000000000"

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
