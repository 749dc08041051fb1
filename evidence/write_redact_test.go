package evidence

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWriteRedactsCollectedWorkloads (issue 9, defect 5): a live
// collector's typed lists go through Write like imported files: env
// values, commands, args and last-applied annotations of workloads never
// reach the bundle, and the manifest says what was removed, next to what
// the collector removed itself.
func TestWriteRedactsCollectedWorkloads(t *testing.T) {
	const (
		env     = "collected-env-value-4b1d"
		applied = "collected-applied-value-93ae"
	)
	pods := `{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"1"},"items":[{"apiVersion":"v1","kind":"Pod",` +
		`"metadata":{"name":"web","namespace":"acme-prod","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"Secret\",\"stringData\":{\"p\":\"` + applied + `\"}}"},` +
		`"managedFields":[{"manager":"kubectl"}]},"spec":{"containers":[{"name":"app","image":"a","args":["` + env + `"],"env":[{"name":"E","value":"` + env + `"}]}]}}]}`
	cronjobs := `{"apiVersion":"batch/v1","kind":"CronJobList","items":[{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"b","namespace":"acme-prod"},` +
		`"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"a","command":["sh","-c","` + env + `"]}]}}}}}}]}`
	src := SourceData{
		Source: Source{Kind: "kubernetes", Name: "prod", Collector: "nachweis test", StartedAt: testNow, FinishedAt: testNow, Status: StatusOK},
		Items: []Item{
			{Kind: KindKubernetesList, Origin: "pods.json", Data: []byte(pods), Redacted: "collector note"},
			{Kind: KindKubernetesList, Origin: "cronjobs.json", Data: []byte(cronjobs)},
		},
	}
	dir := filepath.Join(t.TempDir(), "bundle")
	b, err := Write(t.Context(), dir, []SourceData{src}, WriteOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	assertNoFileHolds(t, dir, env, applied)
	got := map[string]string{}
	for _, f := range b.Manifest.Sources[0].Files {
		got[f.Origin] = f.Redacted
	}
	want := map[string]string{
		"pods.json": "collector note; removed: env values of containers (1); args of containers (1); " +
			"kubectl.kubernetes.io/last-applied-configuration annotations (1); metadata.managedFields (1)",
		"cronjobs.json": "removed: commands of containers (1)",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("redaction notes (-want +got):\n%s", d)
	}
}

// TestWriteScrubsRecordedMessages (issue 9, defect 7): whatever collector
// recorded a message, an echoed credential of a recognisable shape does
// not reach the manifest.
func TestWriteScrubsRecordedMessages(t *testing.T) {
	const (
		jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJl"
		gh  = "ghp_Pl4ntedT0kenValue0123456789abcdef"
	)
	src := SourceData{Source: Source{
		Kind: "github", Name: "acme", Collector: "nachweis test", StartedAt: testNow, FinishedAt: testNow, Status: StatusError,
		Error:  "GET /orgs/acme: 401 (request had Authorization: token " + gh + ")",
		Errors: map[string]string{"members": "proxy: Proxy-Authorization: Bearer " + jwt + " refused", "hooks": "bad credentials " + gh},
	}}
	dir := filepath.Join(t.TempDir(), "bundle")
	b, err := Write(t.Context(), dir, []SourceData{src}, WriteOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	s := b.Manifest.Sources[0]
	want := Source{
		Kind: "github", Name: "acme", Collector: "nachweis test", StartedAt: testNow, FinishedAt: testNow, Status: StatusError,
		Error:  "GET /orgs/acme: 401 (request had Authorization: token [redacted])",
		Errors: map[string]string{"members": "proxy: Proxy-Authorization: Bearer [redacted] refused", "hooks": "bad credentials [redacted]"},
		Files:  []File{},
	}
	if d := cmp.Diff(want, s); d != "" {
		t.Errorf("manifest source (-want +got):\n%s", d)
	}
	assertNoFileHolds(t, dir, jwt, gh)
}
