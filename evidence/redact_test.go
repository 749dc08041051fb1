package evidence

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const secretValue = "aHVudGVyMg==" // base64("hunter2")

func TestRedactKubernetes(t *testing.T) {
	applied := `"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"password\":\"` + secretValue + `\"}}\n","team":"db"}`
	tests := []struct {
		name     string
		doc      string
		itemKind string
		want     int
	}{
		{"list", `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db",` + applied + `},"data":{"password":"` + secretValue + `"},"type":"Opaque"}]}`, "", 1},
		{"typed list without item kinds", `{"apiVersion":"v1","kind":"SecretList","items":[{"metadata":{"name":"db"},"data":{"password":"` + secretValue + `"}}]}`, "", 1},
		{"single object", `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"password":"` + secretValue + `"}}`, "", 1},
		{"array", `[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"},"data":{"k":"` + secretValue + `"}},{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"},"data":{"k":"` + secretValue + `"}}]`, "", 2},
		{"kind from --kind", `[{"metadata":{"name":"db"},"data":{"password":"` + secretValue + `"}}]`, "Secret", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, n, err := redactKubernetes([]byte(tt.doc), tt.itemKind)
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.want {
				t.Errorf("redacted %d objects, want %d", n, tt.want)
			}
			if bytes.Contains(out, []byte(secretValue)) {
				t.Errorf("secret value still present:\n%s", out)
			}
			if !bytes.Contains(out, []byte(`"name": "`)) {
				t.Errorf("metadata lost:\n%s", out)
			}
		})
	}
	t.Run("no secrets: bytes unchanged", func(t *testing.T) {
		doc := []byte(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Secret-sauce"},"data":{"k":"v"}}]}`)
		out, n, err := redactKubernetes(doc, "")
		if err != nil || n != 0 || !bytes.Equal(out, doc) {
			t.Errorf("changed a document without Secrets: n=%d err=%v\n%s", n, err, out)
		}
	})
}

// TestImportNeverStoresSecretData imports kubectl output with a Secret and
// checks that no file of the bundle holds the value.
func TestImportNeverStoresSecretData(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "secrets.json")
	doc := `{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"acme-prod","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"password\":\"` + secretValue + `\"}}"}},"data":{"password":"` + secretValue + `"},"type":"Opaque"}]}`
	if err := os.WriteFile(in, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "bundle")
	err := Import(context.Background(), ImportOptions{Bundle: bundle, Files: []string{in}, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(bundle, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), secretValue) {
			t.Errorf("%s holds the secret value", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(bundle)
	if err != nil {
		t.Fatalf("redacted bundle does not verify: %v", err)
	}
	f := b.Manifest.Sources[0].Files[0]
	if !strings.Contains(f.Redacted, "1 Secret") {
		t.Errorf("manifest redaction note = %q", f.Redacted)
	}
}
