package evidence_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/github"
	"github.com/nachweis/nachweis/evidence/internal/fuzzcheck"
	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
	"github.com/nachweis/nachweis/evidence/kubernetes"
)

// The redaction fuzz targets plant nothing themselves: an oracle written
// from the documented rules (not from the redaction's code) walks the
// fuzzed document as the bundle's readers decode it, keys matched
// without regard to case as encoding/json matches struct fields, and
// sorts every string into what must be removed and what may stay. A value
// that occurs only where it must be removed may not occur in the output.
// Inputs with a key twice are skipped: import refuses them first.

// minSecret is the length from which a removed value is looked for in
// the output; shorter ones occur by chance.
const minSecret = 4

// oracle collects the strings of a document.
type oracle struct {
	itemKind string
	secret   []string // values (and keys below them) that must be removed
	kept     []string // everything else, keys included
}

func (o *oracle) keep(s string)   { o.kept = append(o.kept, s) }
func (o *oracle) remove(s string) { o.secret = append(o.secret, s) }

// all adds every key and scalar below v with add.
func all(v any, add func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			add(k)
			all(c, add)
		}
	case []any:
		for _, c := range x {
			all(c, add)
		}
	case string:
		add(x)
	case json.Number:
		add(x.String())
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// get returns the member of m named key in any letter case.
func get(m map[string]any, key string) any {
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

// kubernetesOracle sorts a kubectl document by the rules of
// redactKubernetes' documentation: Secrets lose data and stringData;
// every object its last-applied annotation and managedFields; every
// container list its containers' command, args and env values; every
// exec its command. A kind-less object takes the item kind, else its
// list's.
func kubernetesOracle(doc any, itemKind string) *oracle {
	o := &oracle{itemKind: itemKind}
	switch d := doc.(type) {
	case []any:
		o.list(d, itemKind)
	case map[string]any:
		o.object(d, itemKind)
	default:
		all(d, o.keep)
	}
	return o
}

func (o *oracle) list(items []any, inherited string) {
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			o.object(m, inherited)
		} else {
			o.node(it)
		}
	}
}

func (o *oracle) object(m map[string]any, inherited string) {
	kind := str(get(m, "kind"))
	if kind == "" {
		kind = inherited
	}
	link := strings.Split(strings.Trim(str(get(asMap(get(m, "metadata")), "selfLink")), "/"), "/")
	secret := strings.EqualFold(strings.TrimSpace(kind), "Secret") ||
		len(link) >= 2 && strings.EqualFold(link[len(link)-2], "secrets")
	child := o.itemKind
	switch {
	case child != "":
	case kind == "List":
		child = inherited
	case len(kind) > 4 && strings.EqualFold(kind[len(kind)-4:], "list"):
		child = kind[:len(kind)-4]
	default:
		child = kind
	}
	for k, v := range m {
		o.keep(k)
		items, isList := v.([]any)
		switch {
		case secret && (strings.EqualFold(k, "data") || strings.EqualFold(k, "stringData")):
			all(v, o.remove)
		case isList && strings.EqualFold(k, "items"):
			o.list(items, child)
		default:
			o.field(k, v)
		}
	}
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func (o *oracle) field(k string, v any) {
	m, isMap := v.(map[string]any)
	l, isList := v.([]any)
	switch {
	case isMap && strings.EqualFold(k, "metadata"):
		for mk, mv := range m {
			o.keep(mk)
			ann, isAnn := mv.(map[string]any)
			switch {
			case strings.EqualFold(mk, "managedFields"):
				all(mv, o.remove)
			case isAnn && strings.EqualFold(mk, "annotations"):
				for ak, av := range ann {
					o.keep(ak)
					if ak == "kubectl.kubernetes.io/last-applied-configuration" {
						all(av, o.remove)
					} else {
						o.node(av)
					}
				}
			default:
				o.field(mk, mv)
			}
		}
	case isMap && strings.EqualFold(k, "exec"):
		for ek, ev := range m {
			o.keep(ek)
			if strings.EqualFold(ek, "command") {
				all(ev, o.remove)
			} else {
				o.field(ek, ev)
			}
		}
	case isList && (strings.EqualFold(k, "containers") || strings.EqualFold(k, "initContainers") || strings.EqualFold(k, "ephemeralContainers")):
		for _, c := range l {
			cm, ok := c.(map[string]any)
			if !ok {
				o.node(c)
				continue
			}
			for ck, cv := range cm {
				o.keep(ck)
				env, isEnv := cv.([]any)
				switch {
				case strings.EqualFold(ck, "command") || strings.EqualFold(ck, "args"):
					all(cv, o.remove)
				case isEnv && strings.EqualFold(ck, "env"):
					for _, e := range env {
						em, ok := e.(map[string]any)
						if !ok {
							o.node(e)
							continue
						}
						for ek, ev := range em {
							o.keep(ek)
							if strings.EqualFold(ek, "value") {
								all(ev, o.remove)
							} else {
								o.field(ek, ev)
							}
						}
					}
				default:
					o.field(ck, cv)
				}
			}
		}
	default:
		o.node(v)
	}
}

func (o *oracle) node(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			o.keep(k)
			o.field(k, c)
		}
	case []any:
		for _, c := range x {
			o.node(c)
		}
	default:
		all(v, o.keep)
	}
}

// leaked returns a removed value of o that occurs in out (as a key or a
// value once decoded, or as bytes) although the input has it nowhere it
// may stay.
func (o *oracle) leaked(out []byte) (string, bool) {
	var kept strings.Builder
	for _, s := range o.kept {
		kept.WriteString(s)
		kept.WriteByte(0)
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if dec.Decode(&doc) != nil {
		return "", false
	}
	var got strings.Builder
	all(doc, func(s string) { got.WriteString(s); got.WriteByte(0) })
	for _, s := range o.secret {
		// A value of asterisks only is part of the redaction marker
		// "********" that replaces a secret.
		if len(s) < minSecret || strings.Contains(kept.String(), s) || strings.Trim(s, "*") == "" {
			continue
		}
		if strings.Contains(got.String(), s) {
			return s, true
		}
		// As bytes, the value as JSON writes it inside a string (a quote
		// escaped), and only a value with a letter or digit: JSON's own
		// characters ("}}) occur in any output.
		if strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 && bytes.Contains(out, jsonText(s)) {
			return s, true
		}
	}
	return "", false
}

// jsonText is s as JSON writes it between the quotes of a string.
func jsonText(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(bytes.TrimPrefix(bytes.TrimSpace(b.Bytes()), []byte(`"`)), []byte(`"`))
}

func decode(t *testing.T, data []byte) (any, bool) {
	t.Helper()
	if !json.Valid(data) || jsonscan.Duplicates(data) != nil {
		return nil, false // Import refuses it before redaction
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("valid JSON does not decode: %v", err)
	}
	return doc, true
}

// fuzzItemKinds are the item kinds of --kind kubernetes/<Kind>.
var fuzzItemKinds = []string{"", "Secret", "Pod", "Deployment", "ConfigMap"}

func addFixtures(f *testing.F, pattern string, max int64, add func([]byte)) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "fixtures", pattern))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no fixtures match %s", pattern)
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || fi.Size() > max {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

// FuzzRedactKubernetes checks the redaction of kubectl output (Lists,
// typed lists, nested Lists, single objects, arrays): no value it must
// remove reaches the output, the output is JSON without a key twice,
// redacting again changes nothing, and, when no nested List was
// flattened, the projection and the deletion inventory read the
// redacted document exactly as the original: the checks lose nothing.
func FuzzRedactKubernetes(f *testing.F) {
	for _, pattern := range []string{"kubernetes/kubectl-get-local-apiserver/*.json", "kubernetes/lists/*/*.json", "velero/*/*.json"} {
		addFixtures(f, pattern, 9000, func(data []byte) { f.Add(data, uint8(0)) })
	}
	const v = "planted-value"
	for i, s := range []string{
		`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"p\":\"` + v + `1\"}}"}},"data":{"p":"` + v + `2"},"stringData":{"q":"` + v + `3"},"type":"Opaque"}]}`,
		`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"w","managedFields":[{"manager":"` + v + `4"}]},"spec":{"template":{"spec":{"containers":[{"name":"c","command":["` + v + `5"],"args":["` + v + `6"],"env":[{"name":"A","value":"` + v + `7"},{"name":"B","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}],"livenessProbe":{"exec":{"command":["` + v + `8"]}}}],"initContainers":[{"env":[{"value":12345678}]}]}}}}`,
		`{"apiVersion":"v1","kind":"\u0053ecret","metadata":{"name":"db"},"data":{"p":"` + v + `9"}}`,
		`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"List","items":[{"kind":"SecretList","items":[{"metadata":{"name":"x"},"data":{"p":"` + v + `10"}}]}]}]}`,
		`[{"metadata":{"name":"db","selfLink":"/api/v1/namespaces/a/secrets/db"},"data":{"p":"` + v + `11"}}]`,
		`[{"metadata":{"name":"db"},"data":{"p":"` + v + `12"}}]`,
		`{"apiVersion":"v1","kind":"List","items":[{"Kind":"Secret","Data":{"p":"` + v + `13"}},{"KIND":"SecretList","Items":[{"STRINGDATA":{"p":"` + v + `14"}}]}]}`,
		`{"kind":"Pod","spec":{"Containers":[{"Env":[{"Value":"` + v + `15"}],"Args":["` + v + `16"]}],"ephemeralContainers":[{"command":{"x":"` + v + `17"}}]}}`,
		`{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b"},"spec":{"hooks":{"resources":[{"pre":[{"exec":{"command":["` + v + `18"]}}]}]}}}`,
		`{"kind":"Secret","metadata":{"name":"s"},"data":{"p":"` + v + `19"},"items":[{"data":{"q":"` + v + `20"}}]}`,
		`[{"kind":"ConfigMap","data":{"p":"` + v + `21"}}]`,
	} {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		itemKind := fuzzItemKinds[int(kind)%len(fuzzItemKinds)]
		doc, ok := decode(t, data)
		if !ok {
			return
		}
		out, note, flattened, err := evidence.RedactKubernetes(data, itemKind)
		if err != nil {
			if e := fuzzcheck.Message(err, ""); e != nil {
				t.Fatal(e)
			}
			return
		}
		if s, ok := kubernetesOracle(doc, itemKind).leaked(out); ok {
			t.Fatalf("%q reaches the output %s", s, out)
		}
		if !json.Valid(out) || jsonscan.Duplicates(out) != nil {
			t.Fatalf("output is not JSON without a key twice: %s", out)
		}
		if note == "" && !bytes.Equal(out, data) {
			t.Fatalf("nothing noted as removed, yet the document changed:\n%s\n%s", data, out)
		}
		again, note2, _, err := evidence.RedactKubernetes(out, itemKind)
		if err != nil || note2 != "" || !bytes.Equal(again, out) {
			t.Fatalf("redacting the output again: %v, %q, changed %v", err, note2, !bytes.Equal(again, out))
		}
		if flattened {
			return
		}
		raw := kubernetes.File{Path: "l.json", Kind: kubernetes.KindList, ItemKind: itemKind, Data: data}
		red := raw
		red.Data = out
		scope := kubernetes.Scope{TenantNamespaces: map[string]string{"acme": "acme"}}
		if want, err := kubernetes.Project([]kubernetes.File{raw}, scope); err == nil {
			got, err := kubernetes.Project([]kubernetes.File{red}, scope)
			if err != nil {
				t.Fatalf("the original projects, the redacted document does not: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("the redaction changes the projection (-original +redacted):\n%s", diff)
			}
		}
		if want, err := kubernetes.ReadInventory([]kubernetes.File{raw}); err == nil {
			got, err := kubernetes.ReadInventory([]kubernetes.File{red})
			if err != nil {
				t.Fatalf("the original inventory reads, the redacted one does not: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("the redaction changes the inventory (-original +redacted):\n%s", diff)
			}
		}
	})
}

// githubOracle sorts GitHub deploy keys and webhooks by RedactGitHub's
// documentation: deploy keys lose key; of a webhook's config only url,
// content_type, insecure_ssl and secret stay, a secret set only as the
// mask, the url without user information, query and fragment, and a url
// that is not one with a host not at all.
func githubOracle(doc any, kind string) *oracle {
	o := &oracle{}
	objects := []any{doc}
	if l, ok := doc.([]any); ok {
		objects = l
	}
	for _, it := range objects {
		obj, ok := it.(map[string]any)
		if !ok {
			all(it, o.keep)
			continue
		}
		for k, v := range obj {
			o.keep(k)
			cfg, isCfg := v.(map[string]any)
			switch {
			case kind == evidence.KindGitHubDeployKeys && strings.EqualFold(k, "key"):
				all(v, o.remove)
			case kind == evidence.KindGitHubWebhooks && isCfg && strings.EqualFold(k, "config"):
				o.webhookConfig(cfg)
			default:
				all(v, o.keep)
			}
		}
	}
	return o
}

func (o *oracle) webhookConfig(cfg map[string]any) {
	for k, v := range cfg {
		o.keep(k)
		s, isStr := v.(string)
		switch {
		case strings.EqualFold(k, "content_type"), strings.EqualFold(k, "insecure_ssl"):
			all(v, o.keep)
		case strings.EqualFold(k, "secret"):
			if isStr && (s == "" || s == evidence.SecretMask) {
				o.keep(s)
			} else {
				all(v, o.remove)
			}
		case strings.EqualFold(k, "url") && isStr:
			u, err := url.Parse(s)
			if err != nil || u.Host == "" {
				o.remove(s)
				continue
			}
			for _, part := range []string{u.User.String(), u.User.Username(), u.RawQuery, u.Fragment, u.EscapedFragment()} {
				o.remove(part)
			}
			if p, ok := u.User.Password(); ok {
				o.remove(p)
			}
			for _, part := range []string{u.Scheme, u.Host, u.Path, u.EscapedPath(), u.Opaque} {
				o.keep(part)
			}
		default:
			all(v, o.remove)
		}
	}
}

// githubKinds are the kinds of RedactGitHub; the last stands for every
// other, which it leaves as it is.
var githubKinds = []string{evidence.KindGitHubDeployKeys, evidence.KindGitHubWebhooks, evidence.KindGitHubMembers}

// FuzzRedactGitHub checks the redaction of GitHub deploy keys and
// webhooks: no removed value reaches the output, the output is JSON
// without a key twice, redacting again changes nothing, other kinds stay
// byte for byte, and the projection reads the redacted items exactly as
// the original.
func FuzzRedactGitHub(f *testing.F) {
	addFixtures(f, "github-api/repos__list-deploy-keys.json", 1<<20, func(data []byte) { f.Add(data, uint8(0)) })
	addFixtures(f, "github-api/orgs__list-webhooks.json", 1<<20, func(data []byte) { f.Add(data, uint8(1)) })
	for _, s := range []struct {
		data string
		kind uint8
	}{
		{`[{"id":1,"key":"ssh-rsa planted-key","url":"https://api.github.com/repos/o/r/keys/1","title":"t","read_only":true}]`, 0},
		{`{"id":1,"Key":"ssh-rsa planted-key","url":"https://api.github.com/repos/o/r/keys/1","title":"t","read_only":false}`, 0},
		{`[{"id":1,"config":{"url":"https://user:planted-pass@hooks.example/x?token=planted-token#planted-frag","secret":"planted-secret","password":"planted-pw","content_type":"json","insecure_ssl":"0"},"events":["push"],"active":true}]`, 1},
		{`[{"id":2,"config":{"url":"planted-not-a-url","secret":"********"}},{"id":3,"config":{"url":{"token":"planted-in-object"},"secret":5}}]`, 1},
		{`{"id":4,"Config":{"URL":"https://hooks.example/p?planted-q","Secret":"planted-S","Token":"planted-T"},"events":[]}`, 1},
		{`[{"login":"a","key":"not-a-deploy-key"}]`, 2},
	} {
		f.Add([]byte(s.data), s.kind)
	}
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := githubKinds[int(k)%len(githubKinds)]
		doc, ok := decode(t, data)
		if !ok {
			return
		}
		out, note, err := evidence.RedactGitHub(kind, data)
		if err != nil {
			if e := fuzzcheck.Message(err, ""); e != nil {
				t.Fatal(e)
			}
			return
		}
		if kind == evidence.KindGitHubMembers {
			if !bytes.Equal(out, data) || note != "" {
				t.Fatalf("%s changed", kind)
			}
			return
		}
		if s, ok := githubOracle(doc, kind).leaked(out); ok {
			t.Fatalf("%q reaches the output %s", s, out)
		}
		if !json.Valid(out) || jsonscan.Duplicates(out) != nil {
			t.Fatalf("output is not JSON without a key twice: %s", out)
		}
		if note == "" && !bytes.Equal(out, data) {
			t.Fatalf("nothing noted as removed, yet the document changed")
		}
		again, note2, err := evidence.RedactGitHub(kind, out)
		if err != nil || note2 != "" || !bytes.Equal(again, out) {
			t.Fatalf("redacting the output again: %v, %q, changed %v", err, note2, !bytes.Equal(again, out))
		}
		want, err := github.Project([]github.File{{Path: "g.json", Kind: kind, Data: data}})
		if err != nil {
			return
		}
		got, err := github.Project([]github.File{{Path: "g.json", Kind: kind, Data: out}})
		if err != nil {
			t.Fatalf("the original projects, the redacted items do not: %v", err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("the redaction changes the projection (-original +redacted):\n%s", diff)
		}
	})
}
