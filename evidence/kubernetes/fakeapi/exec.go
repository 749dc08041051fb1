package fakeapi

import (
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// ExecKubeconfig writes a kubeconfig for the server into dir whose user
// has no token: an exec credential plugin (client.authentication.k8s.io/v1,
// as the logins of EKS, GKE, AKS and OIDC use) prints it. The plugin is a
// shell script in dir that prints an ExecCredential with the server's
// token, so client-go's real exec path runs. It returns the kubeconfig's
// path.
func (s *Server) ExecKubeconfig(t testing.TB, dir, context string) string {
	t.Helper()
	cred, err := json.Marshal(map[string]any{
		"apiVersion": "client.authentication.k8s.io/v1",
		"kind":       "ExecCredential",
		"status":     map[string]any{"token": s.Token},
	})
	if err != nil {
		t.Fatal(err)
	}
	plugin := filepath.Join(dir, "credential-plugin")
	script := "#!/bin/sh\nprintf '%s\\n' " + strconv.Quote(string(cred)) + "\n"
	if err := os.WriteFile(plugin, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.srv.Certificate().Raw})
	cfg := map[string]any{
		"apiVersion":      "v1",
		"kind":            "Config",
		"current-context": context,
		"clusters": []any{map[string]any{"name": "fake", "cluster": map[string]any{
			"server": s.URL, "certificate-authority-data": ca,
		}}},
		"users": []any{map[string]any{"name": "sso", "user": map[string]any{"exec": map[string]any{
			"apiVersion":      "client.authentication.k8s.io/v1",
			"command":         plugin,
			"interactiveMode": "Never",
		}}}},
		"contexts": []any{map[string]any{"name": context, "context": map[string]any{"cluster": "fake", "user": "sso"}}},
	}
	data, err := json.Marshal(cfg) // JSON is YAML
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "kubeconfig")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
