package backuptest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Snapshot is one backup to take: a restic snapshot or a borg archive.
type Snapshot struct {
	// Name is the borg archive name; restic ignores it.
	Name string
	// Time is the snapshot's time.
	Time time.Time
	// Host and Tags are restic's --host and --tag; borg ignores them.
	Host string
	Tags []string
}

// NeedTools fails the test when restic or borg is missing: the backup
// tests run against the real tools, never skip.
func NeedTools(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"restic", "borg"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run make deps (installs Debian's restic and borgbackup)", tool)
		}
	}
}

// Restic creates an encrypted restic repository with the given password
// in a temporary directory and takes the snapshots in order. It returns
// the repository path.
func Restic(t testing.TB, password string, snaps ...Snapshot) string {
	t.Helper()
	NeedTools(t)
	repo := filepath.Join(t.TempDir(), "restic-repo")
	env := append(toolEnv(t), "RESTIC_PASSWORD="+password)
	run(t, env, "restic", "init", "-q", "-r", repo)
	data := dataDir(t)
	for _, s := range snaps {
		args := []string{"-r", repo, "backup", "-q", "--time", s.Time.UTC().Format("2006-01-02 15:04:05")}
		if s.Host != "" {
			args = append(args, "--host", s.Host)
		}
		for _, tag := range s.Tags {
			args = append(args, "--tag", tag)
		}
		run(t, env, "restic", append(args, data)...)
	}
	return repo
}

// Borg creates a borg repository with the given encryption mode
// (repokey-blake2, none, ...) and passphrase ("" for none) in a temporary
// directory and creates the archives in order. It returns the repository
// path.
func Borg(t testing.TB, encryption, passphrase string, archives ...Snapshot) string {
	t.Helper()
	NeedTools(t)
	repo := filepath.Join(t.TempDir(), "borg-repo")
	env := append(toolEnv(t), "BORG_PASSPHRASE="+passphrase, "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes")
	run(t, env, "borg", "init", "--encryption="+encryption, repo)
	data := dataDir(t)
	for _, a := range archives {
		run(t, env, "borg", "create", "--timestamp", a.Time.UTC().Format("2006-01-02T15:04:05"), repo+"::"+a.Name, data)
	}
	return repo
}

// toolEnv is a clean environment whose HOME (the tools' cache and
// configuration) is a temporary directory, in UTC.
func toolEnv(t testing.TB) []string {
	path := os.Getenv("PATH")
	if path == "" {
		path = "/usr/local/bin:/usr/bin:/bin"
	}
	return []string{"PATH=" + path, "HOME=" + t.TempDir(), "LANG=C.UTF-8", "TZ=UTC"}
}

// dataDir is a small directory to back up.
func dataDir(t testing.TB) string {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("nachweis test data "+f+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t testing.TB, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// DamageResticPack truncates a pack file of a restic repository that
// holds only file data (no trees, so that listing snapshots and restic
// stats still work) to 100 bytes, as a failing disk might, so that
// restic check reports the repository damaged.
func DamageResticPack(t testing.TB, repo, password string) {
	t.Helper()
	env := append(toolEnv(t), "RESTIC_PASSWORD="+password)
	list := exec.Command("restic", "-r", repo, "--no-cache", "list", "index")
	list.Env = env
	ids, err := list.Output()
	if err != nil {
		t.Fatalf("restic list index: %v", err)
	}
	for _, id := range strings.Fields(string(ids)) {
		cat := exec.Command("restic", "-r", repo, "--no-cache", "cat", "index", id)
		cat.Env = env
		out, err := cat.Output()
		if err != nil {
			t.Fatalf("restic cat index %s: %v", id, err)
		}
		var index struct {
			Packs []struct {
				ID    string `json:"id"`
				Blobs []struct {
					Type string `json:"type"`
				} `json:"blobs"`
			} `json:"packs"`
		}
		if err := json.Unmarshal(out, &index); err != nil {
			t.Fatalf("restic cat index %s: %v", id, err)
		}
		for _, p := range index.Packs {
			dataOnly := len(p.Blobs) > 0
			for _, b := range p.Blobs {
				dataOnly = dataOnly && b.Type == "data"
			}
			if dataOnly && len(p.ID) > 2 {
				if err := os.Truncate(filepath.Join(repo, "data", p.ID[:2], p.ID), 100); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
	}
	t.Fatalf("restic repository %s has no pack holding only file data", repo)
}
