package github

import (
	"encoding/json"
	"testing"
)

// FuzzProjectSecurity feeds arbitrary repository, vulnerability alert and
// Dependabot alert files to the projection: a projection or an error,
// never a panic, and every projected entry names its repository.
func FuzzProjectSecurity(f *testing.F) {
	kinds := []string{KindRepositories, KindVulnerabilityAlerts, KindDependabotAlerts}
	f.Add(uint8(0), []byte(`[{"full_name":"o/r","archived":false,"permissions":{"admin":true},"security_and_analysis":{"secret_scanning":{"status":"enabled"}}}]`))
	f.Add(uint8(1), []byte(`[{"repository":"o/r","vulnerability_alerts":null,"status":404}]`))
	f.Add(uint8(2), []byte(`[{"number":1,"state":"open","created_at":"2026-01-01T00:00:00Z","repository":{"full_name":"o/r"},"security_vulnerability":{"severity":"high"}}]`))
	f.Add(uint8(2), []byte(`{"number":1,"repository":{"full_name":"o/r"},"created_at":"yesterday"}`))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		o, err := Project([]File{{Path: "f.json", Kind: kinds[int(k)%len(kinds)], Data: data}})
		if err != nil {
			return
		}
		if _, err := json.Marshal(o); err != nil {
			t.Fatal(err)
		}
		for _, r := range o.Repositories {
			if r.Repository == "" {
				t.Fatal("repository without name")
			}
		}
		for _, a := range o.DependabotAlerts {
			if a.Repository == "" || a.Number == 0 {
				t.Fatalf("alert %+v", a)
			}
		}
		for _, v := range o.VulnerabilityAlerts {
			if v.Repository == "" {
				t.Fatal("vulnerability alert setting without repository")
			}
		}
	})
}
