package config

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
)

// fuzzName is the file name the fuzzed configurations are parsed under.
const fuzzName = "conf/nachweis.yaml"

// secretValues walks a YAML document as yaml.v3 reads it and returns the
// values no message may quote: the value of every *_env key that is not
// a conventional variable name or looks like a secret (a token pasted
// where the name belongs), and of every key named like a literal secret
// (password, token, ...); and every other scalar and key, which messages
// may quote.
func secretValues(data []byte) (secret, kept []string) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return nil, nil
	}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 64 {
			return
		}
		if n.Kind == yaml.AliasNode {
			walk(n.Alias, depth+1)
			return
		}
		if n.Kind == yaml.ScalarNode {
			kept = append(kept, n.Value)
		}
		if n.Kind != yaml.MappingNode {
			for _, c := range n.Content {
				walk(c, depth+1)
			}
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			for v.Kind == yaml.AliasNode && v.Alias != nil && depth < 64 {
				v = v.Alias
			}
			kept = append(kept, k.Value)
			key := strings.ToLower(k.Value)
			switch {
			case v.Kind == yaml.ScalarNode && strings.HasSuffix(key, "_env") && (!conventionalEnv.MatchString(v.Value) || evidence.LooksLikeSecret(v.Value)):
				secret = append(secret, v.Value)
			case v.Kind == yaml.ScalarNode && secretKey(k.Value, nil) != "":
				secret = append(secret, v.Value)
			default:
				walk(v, depth+1)
			}
		}
	}
	walk(&doc, 0)
	return secret, kept
}

var conventionalEnv = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)

// quoted reports whether msg holds s as it is or as %q writes it.
func quoted(msg, s string) bool {
	q := strconv.Quote(s)
	return strings.Contains(msg, s) || strings.Contains(msg, q[1:len(q)-1])
}

// checkSecretsNotQuoted fails when msg quotes a value of secrets that
// occurs nowhere else in the file (which a message may quote) and is
// long enough not to occur in a message by chance.
func checkSecretsNotQuoted(t *testing.T, msg string, data []byte) {
	t.Helper()
	secret, kept := secretValues(data)
	for _, s := range secret {
		if len(s) < 6 || strings.Contains(fuzzName, s) || slices.ContainsFunc(kept, func(k string) bool { return strings.Contains(k, s) }) {
			continue
		}
		if quoted(msg, s) {
			t.Fatalf("message quotes the secret-looking value %q: %s", s, msg)
		}
	}
}

func addYAML(f *testing.F, paths ...string) {
	f.Helper()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzParse feeds nachweis.yaml to Parse: an error is a *Error of one
// line naming the file, and never quotes the value of a *_env key that
// looks like a secret or of a key that holds a literal secret; an
// accepted configuration parses the same twice and answers its
// accessors.
func FuzzParse(f *testing.F) {
	addYAML(f, filepath.Join("testdata", "full.yaml"), filepath.Join("testdata", "minimal.yaml"), filepath.Join("testdata", "empty.yaml"),
		"example.yaml", filepath.Join("..", "demo", "data", "nachweis.yaml"))
	for _, s := range []string{
		"sources:\n  github:\n    - name: o\n      organization: o\n      token_env: ghp_16C7e42F292c6912E7710c838347Ae178B4a\n",
		"sources:\n  restic:\n    - name: r\n      repository: /r\n      password_env: correct-horse-battery-staple-42\n",
		"sources:\n  restic:\n    - name: r\n      repository: rest:https://u:hunter2secret@h/r\n      password: hunter2secret\n",
		"sources:\n  borg:\n    - name: b\n      repository: /b\n      passphrase_env: &a AKIAIOSFODNN7EXAMPLE\n      passphrase_file: x\n",
		"sources:\n  pgbackrest:\n    - name: p\n      stanza: main\n      cipher_pass_env: \"with space and 9Zq\"\n",
		"signing:\n  key_env: \"-----BEGIN PRIVATE KEY-----\"\n",
		"provider: {name: \"\\x1b]0;t\\x07\"}\ntenants: [{id: a, name: \"\\u202e\", namespaces: [a]}]\n",
		"\"a\\nb\\e[2J\": 1\n", "tenants:\n  - id: \"a\\nb\"\n",
		"a: &x [*x]\n", "a: \xff\n", "\xef\xbb\xbfa: 1\n", "---\na: 1\n---\nb: 2\n", "tenants:\n  - id: a\n    namespaces: [a, a]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(fuzzName, data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is no *Error: %v", err, err)
			}
			if e := fuzzcheck.Message(err, fuzzName); e != nil {
				t.Fatal(e)
			}
			checkSecretsNotQuoted(t, err.Error(), data)
			return
		}
		again, err := Parse(fuzzName, data)
		if err != nil {
			t.Fatalf("second parse fails: %v", err)
		}
		if diff := cmp.Diff(c, again); diff != "" {
			t.Fatalf("two parses differ:\n%s", diff)
		}
		_ = c.Params()
		_ = c.TenantNamespaces()
		for _, tn := range c.Tenants {
			if _, ok := c.Tenant(tn.ID); !ok {
				t.Fatalf("tenant %q not found by its id", tn.ID)
			}
		}
		if c.HasNamespaceSelectors() {
			if _, err := c.TenantNamespacesIn(map[string]map[string]string{"acme": {"tenant": "acme"}}); err != nil {
				if e := fuzzcheck.Message(err, ""); e != nil {
					t.Fatal(e)
				}
				checkSecretsNotQuoted(t, err.Error(), data)
			}
		}
	})
}

// FuzzParseSoA feeds soa.yaml to ParseSoA: an error is a *Error of one
// line naming the file; accepted declarations name only Annex A controls,
// each once, found again by Control.
func FuzzParseSoA(f *testing.F) {
	addYAML(f, filepath.Join("..", "demo", "data", "soa.yaml"))
	for _, s := range []string{
		"controls:\n  A.5.1:\n    applicable: true\n    status: implemented\n    justification: [x]\n    owner: CISO\n    last_review: 2026-01-01\n",
		"controls:\n  A.7.4:\n    applicable: false\n    exclusion: \"no \\r office\"\n",
		"controls:\n  A.5.1: {applicable: true, status: unknown}\n  A.5.1: {applicable: true}\n",
		"controls:\n  A.9.9: {applicable: true}\n", "controls:\n  \"A.5.1\\n\": {applicable: true}\n", "controls: []\n", "", "controls:\n  &a A.5.1: *a\n",
	} {
		f.Add([]byte(s))
	}
	annexA := AnnexAControls()
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSoA("soa.yaml", data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is no *Error: %v", err, err)
			}
			if e := fuzzcheck.Message(err, "soa.yaml"); e != nil {
				t.Fatal(e)
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range s.Controls {
			if !slices.Contains(annexA, c.ID) || seen[c.ID] {
				t.Fatalf("control %q: not in Annex A or declared twice", c.ID)
			}
			seen[c.ID] = true
			if got, ok := s.Control(c.ID); !ok || got.ID != c.ID {
				t.Fatalf("Control(%s) = %+v, %v", c.ID, got, ok)
			}
		}
	})
}
