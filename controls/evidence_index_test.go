package controls

import (
	"regexp"
	"testing"
	"time"
)

func TestRunIDIsStableAndUUIDShaped(t *testing.T) {
	at := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
	a := RunID("sha256:aa", at, "", "1.0")
	if a != RunID("sha256:aa", at, "", "1.0") {
		t.Fatal("same inputs gave different run ids")
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !uuid.MatchString(a) {
		t.Fatalf("run id %q is not a version-8 UUID", a)
	}
	for name, other := range map[string]string{
		"digest": RunID("sha256:ab", at, "", "1.0"),
		"time":   RunID("sha256:aa", at.Add(time.Second), "", "1.0"),
		"tenant": RunID("sha256:aa", at, "acme", "1.0"),
		"tool":   RunID("sha256:aa", at, "", "1.1"),
	} {
		if other == a {
			t.Errorf("changing the %s kept run id %s", name, a)
		}
	}
	if got, want := EvidenceID("sha256:0123456789abcdef", 7), "EV-01234567-0007"; got != want {
		t.Errorf("EvidenceID = %s, want %s", got, want)
	}
}

func TestEvidenceIDsDeduplicatesAndSkipsUnknownFiles(t *testing.T) {
	r := &Results{Evidence: []EvidenceItem{
		{ID: "EV-x-0002", File: "b.json"},
		{ID: "EV-x-0001", File: "a.json"},
	}}
	got := r.EvidenceIDs([]EvidenceRef{{File: "b.json"}, {File: "a.json"}, {File: "b.json"}, {File: "gone.json"}})
	if len(got) != 2 || got[0] != "EV-x-0001" || got[1] != "EV-x-0002" {
		t.Fatalf("EvidenceIDs = %v", got)
	}
}
