package evidence

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const secretValue = "aHVudGVyMg==" // base64("hunter2")

// decodeJSON decodes a document for comparison of whole values.
func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
}

func TestRedactKubernetes(t *testing.T) {
	applied := `"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"password\":\"` + secretValue + `\"}}\n","team":"db"}`
	// A container with every literal the redaction removes, and the
	// references it keeps.
	container := `{"name":"app","image":"app:1","command":["/bin/app","--password=lit-cmd"],"args":["--token","lit-arg"],` +
		`"env":[{"name":"DB_PASSWORD","value":"lit-env"},{"name":"API_KEY","valueFrom":{"secretKeyRef":{"name":"api","key":"k"}}}],` +
		`"envFrom":[{"secretRef":{"name":"app-env"}}],` +
		`"livenessProbe":{"exec":{"command":["redis-cli","-a","lit-probe","ping"]},"periodSeconds":10},` +
		`"lifecycle":{"preStop":{"exec":{"command":["lit-hook"]}}},"securityContext":{"privileged":true}}`
	containerKept := `{"name":"app","image":"app:1",` +
		`"env":[{"name":"DB_PASSWORD"},{"name":"API_KEY","valueFrom":{"secretKeyRef":{"name":"api","key":"k"}}}],` +
		`"envFrom":[{"secretRef":{"name":"app-env"}}],` +
		`"livenessProbe":{"exec":{},"periodSeconds":10},` +
		`"lifecycle":{"preStop":{"exec":{}}},"securityContext":{"privileged":true}}`
	podSpec := `{"initContainers":[` + container + `],"containers":[` + container + `],"ephemeralContainers":[` + container + `]}`
	podSpecKept := `{"initContainers":[` + containerKept + `],"containers":[` + containerKept + `],"ephemeralContainers":[` + containerKept + `]}`
	meta := `{"name":"web","namespace":"acme-prod","managedFields":[{"manager":"kubectl","fieldsV1":{"f:spec":{}}}],"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"Secret\",\"data\":{\"p\":\"` + secretValue + `\"}}","owner":"team-a"}}`
	metaKept := `{"name":"web","namespace":"acme-prod","annotations":{"owner":"team-a"}}`
	const workloadNote = "removed: env values of containers (3); commands of containers (3); args of containers (3); " +
		"exec commands of probes, lifecycle handlers and hooks (6); kubectl.kubernetes.io/last-applied-configuration annotations (1); metadata.managedFields (1)"

	tests := []struct {
		name     string
		doc      string
		itemKind string
		want     string
		note     string
	}{
		{
			name: "Secret in a List",
			doc:  `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db",` + applied + `},"data":{"password":"` + secretValue + `"},"type":"Opaque"}]}`,
			want: `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"team":"db"}},"type":"Opaque"}]}`,
			note: "removed: data and stringData of Secrets (1); kubectl.kubernetes.io/last-applied-configuration annotations (1)",
		},
		{
			name: "typed list without item kinds",
			doc:  `{"apiVersion":"v1","kind":"SecretList","items":[{"metadata":{"name":"db"},"data":{"password":"` + secretValue + `"}}]}`,
			want: `{"apiVersion":"v1","kind":"SecretList","items":[{"metadata":{"name":"db"}}]}`,
			note: "removed: data and stringData of Secrets (1)",
		},
		{
			name: "single Secret",
			doc:  `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"password":"` + secretValue + `"}}`,
			want: `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"}}`,
			note: "removed: data and stringData of Secrets (1)",
		},
		{
			name: "array of Secrets",
			doc:  `[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"},"data":{"k":"` + secretValue + `"}},{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"},"data":{"k":"` + secretValue + `"}}]`,
			want: `[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"}},{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}]`,
			note: "removed: data and stringData of Secrets (2)",
		},
		{
			name:     "kind from --kind",
			doc:      `[{"metadata":{"name":"db"},"data":{"password":"` + secretValue + `"}}]`,
			itemKind: "Secret",
			want:     `[{"metadata":{"name":"db"}}]`,
			note:     "removed: data and stringData of Secrets (1)",
		},
		{
			name: "kind from selfLink",
			doc:  `{"kind":"List","items":[{"metadata":{"name":"db","selfLink":"/api/v1/namespaces/acme-prod/secrets/db"},"data":{"password":"` + secretValue + `"}}]}`,
			want: `{"kind":"List","items":[{"metadata":{"name":"db","selfLink":"/api/v1/namespaces/acme-prod/secrets/db"}}]}`,
			note: "removed: data and stringData of Secrets (1)",
		},
		{
			name: "Pod",
			doc:  `{"apiVersion":"v1","kind":"Pod","metadata":` + meta + `,"spec":` + podSpec + `}`,
			want: `{"apiVersion":"v1","kind":"Pod","metadata":` + metaKept + `,"spec":` + podSpecKept + `}`,
			note: workloadNote,
		},
		{
			name: "Deployment",
			doc:  `{"apiVersion":"apps/v1","kind":"Deployment","metadata":` + meta + `,"spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}},"spec":` + podSpec + `}}}`,
			want: `{"apiVersion":"apps/v1","kind":"Deployment","metadata":` + metaKept + `,"spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}},"spec":` + podSpecKept + `}}}`,
			note: workloadNote,
		},
		{
			name: "CronJob",
			doc:  `{"apiVersion":"batch/v1","kind":"CronJob","metadata":` + meta + `,"spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":` + podSpec + `}}}}}`,
			want: `{"apiVersion":"batch/v1","kind":"CronJob","metadata":` + metaKept + `,"spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":` + podSpecKept + `}}}}}`,
			note: workloadNote,
		},
		{
			// Kinds the redaction does not know: any pod template.
			name: "typed list of a custom resource with a pod template",
			doc:  `{"apiVersion":"argoproj.io/v1alpha1","kind":"RolloutList","items":[{"metadata":` + meta + `,"spec":{"template":{"spec":` + podSpec + `}}}]}`,
			want: `{"apiVersion":"argoproj.io/v1alpha1","kind":"RolloutList","items":[{"metadata":` + metaKept + `,"spec":{"template":{"spec":` + podSpecKept + `}}}]}`,
			note: workloadNote,
		},
		{
			name: "last-applied on any kind",
			doc:  `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"data":{"k":"v"}}`,
			want: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{}},"data":{"k":"v"}}`,
			note: "removed: kubectl.kubernetes.io/last-applied-configuration annotations (1)",
		},
		// Ways around the redaction (issue 9, defect 6).
		{
			name: "kind spelt with an escape",
			doc:  `{"apiVersion":"v1","kind":"\u0053ecret","metadata":{"name":"db"},"data":{"password":"` + secretValue + `"}}`,
			want: `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"}}`,
			note: "removed: data and stringData of Secrets (1)",
		},
		{
			name: "kind in lower case",
			doc:  `{"apiVersion":"v1","kind":"secret","metadata":{"name":"db"},"data":{"password":"` + secretValue + `"}}`,
			want: `{"apiVersion":"v1","kind":"secret","metadata":{"name":"db"}}`,
			note: "removed: data and stringData of Secrets (1)",
		},
		{
			name: "kind with spaces, list kind in lower case",
			doc:  `{"kind":"secretlist","items":[{"metadata":{"name":"a"},"data":{"p":"` + secretValue + `"}},{"kind":" Secret ","metadata":{"name":"b"},"data":{"p":"` + secretValue + `"}}]}`,
			want: `{"kind":"secretlist","items":[{"metadata":{"name":"a"}},{"kind":" Secret ","metadata":{"name":"b"}}]}`,
			note: "removed: data and stringData of Secrets (2)",
		},
		{
			name: "Secret with items",
			doc:  `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"` + secretValue + `"},"items":[{"metadata":{"name":"x"},"stringData":{"p":"` + secretValue + `"}}]}`,
			want: `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"items":[{"metadata":{"name":"x"}}]}`,
			note: "removed: data and stringData of Secrets (2)",
		},
		{
			name: "List nested in a List",
			doc: `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"List","items":[` +
				`{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"` + secretValue + `"}},` +
				`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"acme-prod"}}]}]},` +
				`{"apiVersion":"v1","kind":"SecretList","items":[{"metadata":{"name":"tls"},"data":{"tls.key":"` + secretValue + `"}}]}]}`,
			want: `{"apiVersion":"v1","kind":"List","items":[` +
				`{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"}},` +
				`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"acme-prod"}},` +
				`{"apiVersion":"v1","kind":"Secret","metadata":{"name":"tls"}}]}`,
			note: "removed: data and stringData of Secrets (2); nested Lists flattened into their items (3)",
		},
		{
			name: "List nested in an array",
			doc:  `[{"kind":"List","items":[{"kind":"Secret","metadata":{"name":"db"},"data":{"p":"` + secretValue + `"}}]}]`,
			want: `[{"kind":"Secret","metadata":{"name":"db"}}]`,
			note: "removed: data and stringData of Secrets (1); nested Lists flattened into their items (1)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, r, err := redactKubernetes([]byte(tt.doc), tt.itemKind)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decodeJSON(t, []byte(tt.want)), decodeJSON(t, out)); diff != "" {
				t.Errorf("redacted document (-want +got):\n%s", diff)
			}
			if got := r.note(); got != tt.note {
				t.Errorf("note\n got %q\nwant %q", got, tt.note)
			}
			for _, lit := range []string{secretValue, "lit-", "managedFields", "last-applied"} {
				if bytes.Contains(out, []byte(lit)) {
					t.Errorf("%q still present:\n%s", lit, out)
				}
			}
		})
	}
	t.Run("nothing to remove: bytes unchanged", func(t *testing.T) {
		doc := []byte(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Secret-sauce"},"data":{"k":"v"}},` +
			`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","env":[{"name":"A","valueFrom":{"fieldRef":{"fieldPath":"x"}}}]}]}}]}`)
		out, r, err := redactKubernetes(doc, "")
		if err != nil || r.note() != "" || !bytes.Equal(out, doc) {
			t.Errorf("changed a document with nothing to remove: note %q, err %v\n%s", r.note(), err, out)
		}
	})
}

// TestRedactKubernetesDuplicateKind: an object that names its kind twice
// is refused, however the key is spelt; decoders disagree on which counts.
func TestRedactKubernetesDuplicateKind(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"top level", `{"kind":"Secret","kind":"ConfigMap","data":{"p":"` + secretValue + `"}}`,
			`the top-level object has "kind" twice: expected one kind per object`},
		{"escaped key", `{"apiVersion":"v1","kind":"List","items":[{"kind":"ConfigMap"},{"metadata":{"name":"a/b"},"kind":"Secret","\u006bind":"ConfigMap","data":{}}]}`,
			`the object at /items/1 has "kind" twice: expected one kind per object`},
		{"in an array", `[{"kind":"Pod"},{"kind" : "Secret" , "kind":"Secret"}]`,
			`the object at /1 has "kind" twice: expected one kind per object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := redactKubernetes([]byte(tt.doc), "")
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	// "kind" inside strings and as a value does not count.
	doc := `{"kind":"ConfigMap","metadata":{"annotations":{"x":"{\"kind\":\"a\",\"kind\":\"b\"}"}},"data":{"kind":"kind"}}`
	if _, _, err := redactKubernetes([]byte(doc), ""); err != nil {
		t.Errorf("false duplicate: %v", err)
	}
}

// writeImport writes doc to a file in dir and imports it into a new
// bundle; it returns the bundle directory and Import's error.
func writeImport(t *testing.T, dir, name, doc, kind string) (string, error) {
	t.Helper()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "bundle-"+strings.TrimSuffix(name, ".json"))
	err := Import(context.Background(), ImportOptions{Bundle: bundle, Files: []string{in}, Kind: kind, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	return bundle, err
}

// assertNoFileHolds fails for every file below dir holding one of the values.
func assertNoFileHolds(t *testing.T, dir string, values ...string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, v := range values {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s holds %q", p, v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Errorf("no files in %s", dir)
	}
}

// TestImportNeverStoresSecretData imports kubectl output with a Secret and
// checks that no file of the bundle holds the value.
func TestImportNeverStoresSecretData(t *testing.T) {
	dir := t.TempDir()
	doc := `{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"acme-prod","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"password\":\"` + secretValue + `\"}}"}},"data":{"password":"` + secretValue + `"},"type":"Opaque"}]}`
	bundle, err := writeImport(t, dir, "secrets.json", doc, "")
	if err != nil {
		t.Fatal(err)
	}
	assertNoFileHolds(t, bundle, secretValue)
	b, err := Open(bundle)
	if err != nil {
		t.Fatalf("redacted bundle does not verify: %v", err)
	}
	f := b.Manifest.Sources[0].Files[0]
	if want := "removed: data and stringData of Secrets (1); kubectl.kubernetes.io/last-applied-configuration annotations (1)"; f.Redacted != want {
		t.Errorf("manifest redaction note = %q, want %q", f.Redacted, want)
	}
}

// TestImportRedactsWorkloadLiterals (issue 9, defect 5): env values, args,
// commands and last-applied annotations of imported workloads never reach
// the bundle; env names and references do, and the manifest says what was
// removed.
func TestImportRedactsWorkloadLiterals(t *testing.T) {
	const (
		envValue = "planted-env-value-7f3a"
		argValue = "planted-arg-value-91c2"
		cmdValue = "planted-cmd-value-4e8d"
		applied  = "planted-applied-value-c0de"
	)
	podSpec := `{"containers":[{"name":"app","image":"app:1","command":["/app","` + cmdValue + `"],"args":["--password=` + argValue + `"],` +
		`"env":[{"name":"DB_PASSWORD","value":"` + envValue + `"},{"name":"API_KEY","valueFrom":{"secretKeyRef":{"name":"api","key":"k"}}}]}],` +
		`"initContainers":[{"name":"init","image":"i","env":[{"name":"X","value":"` + envValue + `"}]}]}`
	lastApplied := `"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"p\":\"` + applied + `\"}}"}`
	doc := `{"apiVersion":"v1","kind":"List","items":[` +
		`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"acme-prod",` + lastApplied + `},"spec":` + podSpec + `},` +
		`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"acme-prod"},"spec":{"template":{"spec":` + podSpec + `}}},` +
		`{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"acme-prod"},"spec":{"template":{"spec":` + podSpec + `}}},` +
		`{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"log","namespace":"kube-system"},"spec":{"template":{"spec":` + podSpec + `}}},` +
		`{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5d4","namespace":"acme-prod"},"spec":{"template":{"spec":` + podSpec + `}}},` +
		`{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate","namespace":"acme-prod"},"spec":{"template":{"spec":` + podSpec + `}}},` +
		`{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"backup","namespace":"acme-prod"},"spec":{"jobTemplate":{"spec":{"template":{"spec":` + podSpec + `}}}}}]}`
	bundle, err := writeImport(t, t.TempDir(), "workloads.json", doc, "")
	if err != nil {
		t.Fatal(err)
	}
	assertNoFileHolds(t, bundle, envValue, argValue, cmdValue, applied)
	b, err := Open(bundle)
	if err != nil {
		t.Fatal(err)
	}
	f := b.Manifest.Sources[0].Files[0]
	want := "removed: env values of containers (14); commands of containers (7); args of containers (7); kubectl.kubernetes.io/last-applied-configuration annotations (1)"
	if f.Redacted != want {
		t.Errorf("manifest redaction note\n got %q\nwant %q", f.Redacted, want)
	}
	data, err := b.ReadFile(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []string{`"name":"DB_PASSWORD"`, `"secretKeyRef":{"key":"k","name":"api"}`, `"kind":"CronJob"`} {
		if !bytes.Contains(data, []byte(kept)) {
			t.Errorf("stored file lacks %s:\n%s", kept, data)
		}
	}
}

// TestImportSecretRedactionBypasses (issue 9, defect 6): the ways around
// the Secret redaction that worked on kubectl-style files.
func TestImportSecretRedactionBypasses(t *testing.T) {
	list := func(item string) string { return `{"apiVersion":"v1","kind":"List","items":[` + item + `]}` }
	const v = "planted-secret-value-5ab1"
	enc := "cGxhbnRlZC1zZWNyZXQtdmFsdWUtNWFiMQ==" // base64(v)
	tests := []struct{ name, doc string }{
		{"escaped kind", `{"apiVersion":"v1","kind":"\u0053ecret","metadata":{"name":"db"},"data":{"p":"` + enc + `"},"stringData":{"p":"` + v + `"}}`},
		{"Secret with items", `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"p":"` + enc + `"},"stringData":{"p":"` + v + `"},"items":[]}`},
		{"List in a List", `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"p":"` + v + `"}}]}]}`},
		{"SecretList in a List", `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"SecretList","items":[{"metadata":{"name":"db"},"data":{"p":"` + enc + `"}}]}]}`},
		// Readers decode into structs, whose fields match keys in any
		// letter case (the Kelvin sign folds to k); import detects
		// such objects among the items of a List.
		{"Kind in upper case", list(`{"apiVersion":"v1","Kind":"Secret","metadata":{"name":"db"},"data":{"p":"` + enc + `"}}`)},
		{"Kind with a Kelvin sign", list(`{"apiVersion":"v1","\u212aind":"Secret","metadata":{"name":"db"},"stringData":{"p":"` + v + `"}}`)},
		{"Data in upper case", list(`{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"Data":{"p":"` + enc + `"},"STRINGDATA":{"p":"` + v + `"}}`)},
		{"Items and Kind of a list", list(`{"apiVersion":"v1","KIND":"SecretList","Items":[{"metadata":{"name":"db"},"data":{"p":"` + enc + `"}}]}`)},
		{"Containers and Env", list(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"Containers":[{"name":"c","Env":[{"name":"P","Value":"` + v + `"}],"Args":["` + v + `"],"Command":["` + enc + `"]}]}}`)},
		{"Metadata and ManagedFields", list(`{"apiVersion":"v1","kind":"ConfigMap","Metadata":{"name":"c","Annotations":{"kubectl.kubernetes.io/last-applied-configuration":"` + v + `"},"ManagedFields":[{"x":"` + enc + `"}]}}`)},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bundle, err := writeImport(t, t.TempDir(), "in"+string(rune('a'+i))+".json", tt.doc, "")
			if err != nil {
				t.Fatal(err)
			}
			assertNoFileHolds(t, bundle, v, enc)
		})
	}
	t.Run("kind twice in two letter cases", func(t *testing.T) {
		_, _, err := redactKubernetes([]byte(`[{"kind":"ConfigMap","Kind":"Secret","data":{"p":"`+enc+`"}}]`), "")
		if want := `the object at /0 has "kind" twice: expected one kind per object`; err == nil || err.Error() != want {
			t.Errorf("error %v, want %q", err, want)
		}
	})
	t.Run("kind twice", func(t *testing.T) {
		dir := t.TempDir()
		doc := `{"apiVersion":"v1","kind":"List","items":[{"kind":"Secret","metadata":{"name":"db"},"kind":"ConfigMap","data":{"p":"` + enc + `"}}]}`
		bundle, err := writeImport(t, dir, "dup.json", doc, "")
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v (%T), want an *InputError", err, err)
		}
		want := "import " + filepath.Join(dir, "dup.json") + `: /items/0/kind: duplicate key "kind": expected each key once per object (a decoder would keep only one of the values)`
		if err.Error() != want {
			t.Errorf("error\n got %s\nwant %s", err, want)
		}
		if _, err := os.Stat(bundle); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a refused import left %s", bundle)
		}
	})
}
