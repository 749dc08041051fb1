package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCollectNeverEchoesTokenInEnvField (issue 9, defect 8): a token
// written where the name of its environment variable belongs is refused
// with the file, line and key, and never repeated; a valid but
// unconventional name whose variable is unset is not repeated either.
func TestCollectNeverEchoesTokenInEnvField(t *testing.T) {
	const token = "ghp_Pl4ntedT0kenValue0123456789abcdef"
	dir := t.TempDir()
	tests := []struct {
		name, source, secret string
		code                 int
		want                 string
	}{
		{"GitHub token in token_env", "  github:\n    - {name: acme, organization: acme, token_env: " + token + "}\n", token, exitError,
			"nachweis: %s:4: sources.github[0].token_env: not a valid environment variable name (it looks like a secret value?): expected a name like GITHUB_TOKEN (the value is not shown)\n"},
		{"password in password_env", "  restic:\n    - {name: web01, repository: /srv/restic/web01, password_env: Correct7Horse9Battery, site: DE-Falkenstein}\n", "Correct7Horse9Battery", exitError,
			"nachweis: %s:4: sources.restic[0].password_env: not a valid environment variable name (it looks like a secret value?): expected a name like RESTIC_PASSWORD (the value is not shown)\n"},
		{"lower-case name unset", "  github:\n    - {name: acme, organization: acme, token_env: correcthorsebatterystaple}\n", "correcthorsebatterystaple", exitError,
			"nachweis: collect github/acme: %s: the environment variable named by token_env is not set or empty (its name is not shown: it is not written like one)\n"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := filepath.Join(dir, "nachweis-"+string(rune('a'+i))+".yaml")
			if err := os.WriteFile(cfg, []byte("organisation: {name: X}\nsources:\n"+strings.TrimPrefix(tt.source, "")), 0o644); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := nachweis(t, nil, "collect", "--config", cfg, "-o", filepath.Join(dir, "bundle"))
			want := strings.ReplaceAll(tt.want, "%s", cfg)
			if code != tt.code || errOut != want || out != "" {
				t.Errorf("exit %d, stderr %q, stdout %q\nwant exit %d, stderr %q", code, errOut, out, tt.code, want)
			}
			if strings.Contains(out+errOut, tt.secret) {
				t.Errorf("the value was echoed: %s", errOut)
			}
		})
	}
}
