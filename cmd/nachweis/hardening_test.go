package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
)

// resticCheckOutput is what restic check prints; it carries no time.
const resticCheckOutput = "using temporary cache in /tmp/restic-check-cache-1427239807\n" +
	"create exclusive lock for repository\nload indexes\ncheck all packs\n" +
	"check snapshots, trees and blobs\n[0:00] 100.00%  9 / 9 snapshots\n\nno errors were found\n"

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkJSON runs check --format json and returns the results.
func checkJSON(t *testing.T, env map[string]string, args ...string) *controls.Results {
	t.Helper()
	out, errOut, code := nachweis(t, env, append([]string{"check", "--format", "json", "--fail-on", "none"}, args...)...)
	if code != exitOK {
		t.Fatalf("check exit %d: %s", code, errOut)
	}
	var r controls.Results
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("check --format json: %v", err)
	}
	return &r
}

func findingOf(t *testing.T, r *controls.Results, check, resource string) controls.Finding {
	t.Helper()
	for _, c := range r.Checks {
		if c.ID != check {
			continue
		}
		for _, f := range c.Findings {
			if f.Resource == resource {
				return f
			}
		}
	}
	t.Fatalf("no %s finding for %s", check, resource)
	return controls.Finding{}
}

// TestNowBeforeCutOffIsUsage: an evaluation time before the newest
// collection time of the bundle is refused by every command that
// evaluates, naming both times; nothing is written.
func TestNowBeforeCutOffIsUsage(t *testing.T) {
	const early = "2026-11-23T13:00:00Z"
	dir := t.TempDir()
	priv, _ := testKeys(t)
	tests := []struct {
		name string
		env  map[string]string
		args []string
		out  string // a file the command would write
		want string
	}{
		{"check", nil, []string{"check", "--demo", "--now", early}, "", "evaluation time --now " + early},
		{"check SOURCE_DATE_EPOCH", map[string]string{"SOURCE_DATE_EPOCH": "1795438800"}, []string{"check", "--demo"}, "", "evaluation time SOURCE_DATE_EPOCH (" + early + ")"},
		{"tom", nil, []string{"tom", "--demo", "--tenant", "acme", "--now", early, "-o", filepath.Join(dir, "tom.pdf")}, "tom.pdf", "--now " + early},
		{"report", nil, []string{"report", "--framework", "c5", "--demo", "--now", early, "-o", filepath.Join(dir, "report.pdf")}, "report.pdf", "--now " + early},
		{"soa", nil, []string{"soa", "--demo", "--now", early, "-o", filepath.Join(dir, "soa.xlsx")}, "soa.xlsx", "--now " + early},
		{"matrix", nil, []string{"matrix", "--demo", "--now", early, "-o", filepath.Join(dir, "matrix.xlsx")}, "matrix.xlsx", "--now " + early},
		{"demo", nil, []string{"demo", "--now", early, "-o", filepath.Join(dir, "demo")}, "demo", "--now " + early},
		{"pack", nil, []string{"pack", "--demo", "--sign-key", priv, "--now", early, "-o", filepath.Join(dir, "pack.zip")}, "pack.zip", "--now " + early},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := nachweis(t, tt.env, tt.args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUsage, errOut)
			}
			if !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, "before the evidence cut-off 2026-11-23T19:00:00Z") {
				t.Errorf("stderr %q does not name both times", errOut)
			}
			if tt.out != "" {
				if _, err := os.Stat(filepath.Join(dir, tt.out)); !os.IsNotExist(err) {
					t.Errorf("%s was written", tt.out)
				}
			}
		})
	}
	// At the cut-off itself the demo evaluates.
	if _, errOut, code := nachweis(t, nil, "check", "--demo", "--now", "2026-11-23T19:00:00Z"); code != exitFailing {
		t.Errorf("--now at the cut-off: exit %d: %s", code, errOut)
	}
}

// TestSystemClockBehindCutOff: the system clock may lag the collecting
// host by the clock-skew tolerance, not more.
func TestSystemClockBehindCutOff(t *testing.T) {
	in := t.TempDir()
	check := writeFile(t, in, "check.txt", resticCheckOutput)
	// nachweis() runs with the system clock at 2026-11-23T12:00:00Z.
	for _, tt := range []struct {
		collectedAt string
		code        int
	}{
		{"2026-11-23T12:04:00Z", exitOK},
		{"2026-11-23T12:06:00Z", exitUsage},
	} {
		bundle := filepath.Join(t.TempDir(), "bundle")
		if _, errOut, code := nachweis(t, nil, "import", "-o", bundle, "--source", "web01", "--collected-at", tt.collectedAt, check); code != exitOK {
			t.Fatalf("import: exit %d: %s", code, errOut)
		}
		_, errOut, code := nachweis(t, nil, "check", "--bundle", bundle, "--fail-on", "none")
		if code != tt.code {
			t.Errorf("collected at %s: exit %d, want %d; stderr %q", tt.collectedAt, code, tt.code, errOut)
		}
		if tt.code == exitUsage && !strings.Contains(errOut, "the system clock (2026-11-23T12:00:00Z) is before the evidence cut-off "+tt.collectedAt) {
			t.Errorf("stderr %q", errOut)
		}
	}
}

// TestImportCheckOutputWithoutCollectedAt: restic check output carries no
// time; imported without --collected-at it is no evidence of a recent
// check (it used to pass as "0s ago"), with --collected-at its age counts.
func TestImportCheckOutputWithoutCollectedAt(t *testing.T) {
	in := t.TempDir()
	check := writeFile(t, in, "check.txt", resticCheckOutput)

	unknown := filepath.Join(t.TempDir(), "bundle")
	_, errOut, code := nachweis(t, nil, "import", "-o", unknown, "--source", "web01", check)
	if code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, check+": restic check output carries no time of its own and --collected-at was not given") {
		t.Errorf("import did not say the time is unknown: %q", errOut)
	}
	manifest, err := os.ReadFile(filepath.Join(unknown, "manifest.json"))
	if err != nil || !strings.Contains(string(manifest), `"collected_at_unknown": true`) {
		t.Errorf("manifest does not record the unknown time (%v):\n%s", err, manifest)
	}
	f := findingOf(t, checkJSON(t, nil, "--bundle", unknown), "BAK-INT-01", "restic/web01")
	if f.Status != controls.NoEvidence || !strings.Contains(f.Message.In("en"), "the time of the last integrity check is unknown") {
		t.Errorf("BAK-INT-01 = %s (%s), want no-evidence: time unknown", f.Status, f.Message)
	}

	// A 2025 check output, dated as such, is too old in November 2026.
	dated := filepath.Join(t.TempDir(), "bundle")
	if _, errOut, code := nachweis(t, nil, "import", "-o", dated, "--source", "web01", "--collected-at", "2025-03-01T00:00:00Z", check); code != exitOK || strings.Contains(errOut, "unknown") {
		t.Fatalf("import --collected-at: exit %d: %s", code, errOut)
	}
	f = findingOf(t, checkJSON(t, nil, "--bundle", dated), "BAK-INT-01", "restic/web01")
	if f.Status != controls.Fail || !strings.Contains(f.Message.In("en"), "longer than 7 days") {
		t.Errorf("BAK-INT-01 = %s (%s), want fail: older than 7d", f.Status, f.Message)
	}
}

// TestImportDuplicateKeysEndToEnd: a pod whose securityContext says
// "privileged" twice would pass K8S-POD-01 on the last value; import
// refuses it with the file and the JSON pointer.
func TestImportDuplicateKeysEndToEnd(t *testing.T) {
	in := t.TempDir()
	pods := writeFile(t, in, "pods.json", `{"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"web","namespace":"acme-prod"},`+
		`"spec":{"containers":[{"name":"app","image":"nginx","securityContext":{"privileged":true,"privileged":false}}]}}]}`)
	bundle := filepath.Join(t.TempDir(), "bundle")
	_, errOut, code := nachweis(t, nil, "import", "-o", bundle, "--source", "prod", pods)
	if code != exitError {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitError, errOut)
	}
	want := "nachweis: import " + pods + `: /items/0/spec/containers/0/securityContext/privileged: duplicate key "privileged"`
	if !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q, want one line starting %q", errOut, want)
	}
	if _, err := os.Stat(bundle); !os.IsNotExist(err) {
		t.Error("a bundle was written")
	}
}

// TestCheckFIFOInBundle: a named pipe in place of a bundle file used to
// block check forever; it is refused naming the file.
func TestCheckFIFOInBundle(t *testing.T) {
	in := t.TempDir()
	check := writeFile(t, in, "check.txt", resticCheckOutput)
	bundle := filepath.Join(t.TempDir(), "bundle")
	if _, errOut, code := nachweis(t, nil, "import", "-o", bundle, "--source", "web01", "--collected-at", "2026-11-23T10:00:00Z", check); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	p := filepath.Join(bundle, "sources", "restic", "web01", "check.txt")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	type result struct {
		errOut string
		code   int
	}
	done := make(chan result, 1)
	go func() {
		_, errOut, code := nachweis(t, nil, "check", "--bundle", bundle)
		done <- result{errOut, code}
	}()
	select {
	case r := <-done:
		if r.code != exitError || !strings.Contains(r.errOut, "sources/restic/web01/check.txt: is a named pipe (FIFO), not a regular file") {
			t.Errorf("exit %d, stderr %q", r.code, r.errOut)
		}
	case <-time.After(20 * time.Second):
		if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		<-done
		t.Fatal("check hangs on a named pipe in the bundle")
	}
}

// TestImportOptionErrorsAreUsage: a bad --kind or --source is a usage
// error (exit 2), like any other bad flag.
func TestImportOptionErrorsAreUsage(t *testing.T) {
	in := t.TempDir()
	check := writeFile(t, in, "check.txt", resticCheckOutput)
	for _, args := range [][]string{
		{"--kind", "restic/chek"},
		{"--kind", "kubernetes/PodList"},
		{"--source", "../etc"},
	} {
		bundle := filepath.Join(t.TempDir(), "bundle")
		_, errOut, code := nachweis(t, nil, append(append([]string{"import", "-o", bundle}, args...), check)...)
		if code != exitUsage || !strings.Contains(errOut, args[0]) {
			t.Errorf("import %v: exit %d, want %d; stderr %q", args, code, exitUsage, errOut)
		}
	}
	// A bad file stays an error of the input (exit 1).
	bad := writeFile(t, in, "empty.json", "")
	if _, errOut, code := nachweis(t, nil, "import", "-o", filepath.Join(t.TempDir(), "b"), bad); code != exitError {
		t.Errorf("empty file: exit %d; stderr %q", code, errOut)
	}
}

// TestClockOutOfRangeIsUsage: a clock whose nanoseconds since 1970 do not
// fit in 64 bits is a usage error, not "Time.MarshalJSON: year outside
// of range" or a clock that wraps around.
func TestClockOutOfRangeIsUsage(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"huge SOURCE_DATE_EPOCH", map[string]string{"SOURCE_DATE_EPOCH": "999999999999999"}, []string{"check", "--demo"}, `SOURCE_DATE_EPOCH "999999999999999": expected seconds since 1970-01-01`},
		{"SOURCE_DATE_EPOCH after 2262", map[string]string{"SOURCE_DATE_EPOCH": "9223372037"}, []string{"check", "--demo"}, "up to 9223372036 (2262-04-11)"},
		{"--now after 2262", nil, []string{"check", "--demo", "--now", "2610-01-01T00:00:00Z"}, `--now "2610-01-01T00:00:00Z": expected a time from 1678-09-22 to 2262-04-11`},
		{"--collected-at after 2262", nil, []string{"import", "-o", "b", "--collected-at", "9999-01-01T00:00:00Z", "x.json"}, `--collected-at "9999-01-01T00:00:00Z"`},
		{"SOURCE_DATE_EPOCH for import", map[string]string{"SOURCE_DATE_EPOCH": "99999999999999999"}, []string{"import", "-o", "b", "x.json"}, "SOURCE_DATE_EPOCH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := nachweis(t, tt.env, tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "MarshalJSON") {
				t.Errorf("exit %d, want %d; stderr %q, want %q", code, exitUsage, errOut, tt.want)
			}
		})
	}
}
