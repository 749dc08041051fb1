package evidence

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRedactGitHub(t *testing.T) {
	tests := []struct {
		name, kind, in, want, note string
	}{
		{
			name: "deploy keys lose the key",
			kind: KindGitHubDeployKeys,
			in:   `[{"id":1,"key":"ssh-ed25519 AAAAsecret","title":"ci","read_only":false},{"id":2,"title":"old","read_only":true}]`,
			want: "[\n  {\n    \"id\": 1,\n    \"read_only\": false,\n    \"title\": \"ci\"\n  },\n  {\n    \"id\": 2,\n    \"read_only\": true,\n    \"title\": \"old\"\n  }\n]\n",
			note: "key material (key) removed from deploy keys",
		},
		{
			name: "one deploy key object",
			kind: KindGitHubDeployKeys,
			in:   `{"id":1,"key":"ssh-rsa AAA...","title":"ci"}`,
			want: "{\n  \"id\": 1,\n  \"title\": \"ci\"\n}\n",
			note: "key material (key) removed from deploy keys",
		},
		{
			name: "repositories lose the temporary clone token",
			kind: KindGitHubRepos,
			in:   `[{"full_name":"octo-org/app","temp_clone_token":"ABTLWHOULUVAXGTRYU7OC2876QJ2O"},{"full_name":"octo-org/docs"}]`,
			want: "[\n  {\n    \"full_name\": \"octo-org/app\"\n  },\n  {\n    \"full_name\": \"octo-org/docs\"\n  }\n]\n",
			note: "temp_clone_token removed from repositories",
		},
		{
			name: "webhook: secret masked, URL cleaned, other config dropped",
			kind: KindGitHubWebhooks,
			in:   `[{"id":2,"config":{"url":"https://u:p@hooks.example.com/x?token=t#f","secret":"s3cr3t","password":"pw","insecure_ssl":"1","content_type":"json"}}]`,
			want: "[\n  {\n    \"config\": {\n      \"content_type\": \"json\",\n      \"insecure_ssl\": \"1\",\n      \"secret\": \"********\",\n      \"url\": \"https://hooks.example.com/x\"\n    },\n    \"id\": 2\n  }\n]\n",
			note: "webhook secrets masked; config reduced to url (without credentials and query), content_type, insecure_ssl",
		},
		{
			name: "webhook URL that is not a URL is dropped",
			kind: KindGitHubWebhooks,
			in:   `{"config":{"url":"not a url with a token"}}`,
			want: "{\n  \"config\": {\n    \"url\": \"\"\n  }\n}\n",
			note: "webhook secrets masked; config reduced to url (without credentials and query), content_type, insecure_ssl",
		},
		{
			name: "keys in other letter cases, as the projection reads them",
			kind: KindGitHubWebhooks,
			in:   `{"id":3,"Config":{"URL":"https://hooks.example.com/x?t=tok","Secret":"s3cr3t","Token":"tok"}}`,
			want: "{\n  \"Config\": {\n    \"Secret\": \"********\",\n    \"URL\": \"https://hooks.example.com/x\"\n  },\n  \"id\": 3\n}\n",
			note: "webhook secrets masked; config reduced to url (without credentials and query), content_type, insecure_ssl",
		},
		{
			name: "webhook URL that is not a string is dropped",
			kind: KindGitHubWebhooks,
			in:   `{"config":{"url":{"token":"tok"}}}`,
			want: "{\n  \"config\": {\n    \"url\": \"\"\n  }\n}\n",
			note: "webhook secrets masked; config reduced to url (without credentials and query), content_type, insecure_ssl",
		},
		{
			name: "deploy key with Key",
			kind: KindGitHubDeployKeys,
			in:   `{"id":1,"Key":"ssh-rsa AAA...","title":"ci"}`,
			want: "{\n  \"id\": 1,\n  \"title\": \"ci\"\n}\n",
			note: "key material (key) removed from deploy keys",
		},
		{
			name: "webhook as GitHub shows it: unchanged",
			kind: KindGitHubWebhooks,
			in:   `[{"id":1,"config":{"url":"https://example.com/hook","secret":"********","insecure_ssl":"0"}}]`,
			want: `[{"id":1,"config":{"url":"https://example.com/hook","secret":"********","insecure_ssl":"0"}}]`,
		},
		{
			name: "deploy key without key: unchanged",
			kind: KindGitHubDeployKeys,
			in:   `[]`,
			want: `[]`,
		},
		{
			name: "other kinds are not touched",
			kind: KindGitHubMembers,
			in:   `[{"login":"octocat","key":"x"}]`,
			want: `[{"login":"octocat","key":"x"}]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, note, err := RedactGitHub(tt.kind, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if note != tt.note {
				t.Errorf("note %q, want %q", note, tt.note)
			}
		})
	}
	if _, _, err := RedactGitHub(KindGitHubDeployKeys, []byte(`[{"key":`)); err == nil || !strings.HasPrefix(err.Error(), "redact github/deploy-keys: ") {
		t.Errorf("truncated JSON: %v", err)
	}
}

// TestImportRedactsGitHub imports deploy keys and webhooks and finds
// neither key material nor secrets in the bundle.
func TestImportRedactsGitHub(t *testing.T) {
	in := t.TempDir()
	keys := filepath.Join(in, "deploy-keys.json")
	hooks := filepath.Join(in, "webhooks.json")
	if err := os.WriteFile(keys, readFixture(t, "github-api/repos__list-deploy-keys.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	hook := `[{"id":1,"url":"https://api.github.com/orgs/octocat/hooks/1","name":"web","events":["push"],"active":true,` +
		`"config":{"url":"https://ci:hunter2@hooks.example.com/x?token=tok123","secret":"whsec_abc","insecure_ssl":"0","content_type":"json"}}]`
	if err := os.WriteFile(hooks, []byte(hook), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "bundle")
	if err := Import(t.Context(), ImportOptions{Bundle: dir, Kind: "github", Source: "octocat", Files: []string{keys, hooks}, Now: testNow, ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range b.Manifest.Sources[0].Files {
		kinds[f.Origin] = f.Kind
		data, err := b.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"ssh-rsa AAA", `"key"`, "hunter2", "tok123", "whsec_abc"} {
			if strings.Contains(string(data), secret) {
				t.Errorf("%s holds %q:\n%s", f.Path, secret, data)
			}
		}
		kept := map[string][]string{
			"deploy-keys.json": {`"title": "octocat@octomac"`, `"read_only": true`, `"created_at": "2014-12-10T15:53:42Z"`},
			"webhooks.json":    {`"url": "https://hooks.example.com/x"`, `"secret": "********"`, `"insecure_ssl": "0"`},
		}
		for _, k := range kept[f.Origin] {
			if !strings.Contains(string(data), k) {
				t.Errorf("%s lost %s:\n%s", f.Path, k, data)
			}
		}
	}
	if diff := cmp.Diff(map[string]string{"deploy-keys.json": KindGitHubDeployKeys, "webhooks.json": KindGitHubWebhooks}, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
}
