package main

import (
	"path/filepath"
	"testing"
)

// TestPolicyTimeout: a custom policy that never finishes is stopped by
// --policy-timeout with one line naming the check (it once ran on while
// memory grew to gigabytes).
func TestPolicyTimeout(t *testing.T) {
	slow := filepath.Join("..", "..", "policies", "testdata", "expensive", "slow")
	_, errOut, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "--policy-dir", slow, "--policy-timeout", "1s")
	want := "nachweis: check TEST-SLOW-01 (" + filepath.Join(slow, "slow.rego") + "): stopped: the evaluation took longer than 1s (--policy-timeout)\n"
	if code != exitError || errOut != want {
		t.Errorf("exit %d, stderr %q\nwant exit 1, %q", code, errOut, want)
	}
	for _, args := range [][]string{
		{"--policy-timeout", "0s"},
		{"--policy-timeout", "-5s"},
		{"--policy-memory", "lots"},
		{"--policy-memory", "0"},
	} {
		_, errOut, code := nachweis(t, nil, append([]string{"check", "--demo"}, args...)...)
		if code != exitUsage {
			t.Errorf("check %v: exit %d, want 2 (usage); stderr %q", args, code, errOut)
		}
	}
}
