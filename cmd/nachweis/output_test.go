package main

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/internal/outfile"
)

// mknodNull makes a character device node with /dev/null's numbers in a
// temporary directory, so a test can see whether -o replaces it.
func mknodNull(t *testing.T, dir string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("making a device node needs root")
	}
	p := filepath.Join(dir, "null")
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod: %v", err)
	}
	return p
}

func assertCharDevice(t *testing.T, p string) {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&fs.ModeCharDevice == 0 || fi.Sys().(*syscall.Stat_t).Rdev != 1<<8|3 {
		t.Errorf("%s is now %v, want the character device 1,3 it was", p, fi.Mode())
	}
}

func assertNoStaging(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if left, _ := filepath.Glob(filepath.Join(d, outfile.StagingPattern)); len(left) != 0 {
			t.Errorf("staging left behind: %v", left)
		}
	}
}

// TestOutputOntoDevice: -o onto a character device writes to it and
// leaves it a device (as root, check -o /dev/null used to replace the
// system's /dev/null with a regular file).
func TestOutputOntoDevice(t *testing.T) {
	dir := t.TempDir()
	dev := mknodNull(t, dir)
	if _, errOut, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "--format", "json", "-o", dev); code != exitFailing {
		t.Fatalf("check -o %s: exit %d: %s", dev, code, errOut)
	}
	assertCharDevice(t, dev)
	if _, errOut, code := nachweis(t, nil, "init", "-o", dev); code != exitOK {
		t.Fatalf("init -o %s: exit %d: %s", dev, code, errOut)
	}
	assertCharDevice(t, dev)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(dev, link); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "-o", link); code != exitFailing {
		t.Fatalf("check -o link to a device: exit %d: %s", code, errOut)
	}
	assertCharDevice(t, dev)
	assertNoStaging(t, dir)
}

// TestOutputOntoFIFO: -o onto a FIFO writes the output into the pipe and
// leaves the FIFO.
func TestOutputOntoFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "results")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if _, errOut, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "--format", "json", "-o", fifo); code != exitFailing {
		t.Fatalf("check -o FIFO: exit %d: %s", code, errOut)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		// The reader waits on the FIFO that is gone: do not wait for it.
		t.Fatalf("%s is no longer a FIFO (%v)", fifo, fi.Mode())
	}
	var r controls.Results
	if err := json.Unmarshal(<-got, &r); err != nil || r.Schema != controls.ResultsSchema {
		t.Errorf("reader of the FIFO got no results (%v)", err)
	}
	assertNoStaging(t, dir)
}

// TestOutputThroughSymlink: a link's target is replaced (atomically,
// beside the target) and the link stays, for a file and a directory.
func TestOutputThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(docs, "report.pdf")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.pdf")
	if err := os.Symlink("docs/report.pdf", link); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := nachweis(t, nil, "report", "--demo", "--framework", "gdpr", "--now", demoNow, "-o", link); code != exitOK {
		t.Fatalf("report -o link: exit %d: %s", code, errOut)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("the link's target was not written: %.10q", b)
	}

	// -o DIR as a link to a directory.
	outLink := filepath.Join(dir, "out")
	if err := os.Symlink("docs", outLink); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := nachweis(t, nil, "tom", "--demo", "--all-tenants", "--lang", "en", "--now", demoNow, "-o", outLink)
	if code != exitOK {
		t.Fatalf("tom --all-tenants -o link: exit %d: %s", code, errOut)
	}
	if fi, err := os.Lstat(outLink); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the directory link was replaced")
	}
	if !strings.Contains(out, filepath.Join(outLink, "tom-acme.en.pdf")) {
		t.Errorf("written files: %s", out)
	}
	if _, err := os.Stat(filepath.Join(docs, "tom-acme.en.pdf")); err != nil {
		t.Errorf("annex not in the linked directory: %v", err)
	}
	assertNoStaging(t, dir, docs)
}

// TestOutputRefusesDirectory: a directory at -o FILE is one clear error.
func TestOutputRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	_, errOut, code := nachweis(t, nil, "check", "--demo", "--now", demoNow, "-o", dir)
	if code != exitError || errOut != "nachweis: write "+dir+": is a directory: expected a file, a character device or a FIFO\n" {
		t.Errorf("check -o DIR: exit %d, stderr %q", code, errOut)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = nachweis(t, nil, "tom", "--demo", "--all-tenants", "--now", demoNow, "-o", file)
	if code != exitError || !strings.Contains(errOut, "exists and is a file, not a directory") {
		t.Errorf("tom --all-tenants -o FILE: exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Error("the file was changed")
	}
}

// TestOutputPermissions: bundles and results are private (0600 files,
// 0700 directories); documents follow the umask (0666 &^ umask).
func TestOutputPermissions(t *testing.T) {
	old := syscall.Umask(0o027)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if _, errOut, code := nachweis(t, nil, args...); code != exitOK && code != exitFailing {
			t.Fatalf("%s: exit %d: %s", args[0], code, errOut)
		}
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	run("check", "--demo", "--now", demoNow, "--format", "sarif", "-o", p("check.sarif"))
	run("report", "--demo", "--framework", "gdpr", "--now", demoNow, "-o", p("report.pdf"))
	run("matrix", "--demo", "--framework", "gdpr", "--now", demoNow, "-o", p("matrix.xlsx"))
	run("demo", "--lang", "en", "-o", p("demo"))
	src := filepath.Join("..", "..", "evidence", "demo", "src", "restic-web01")
	run("import", "-o", p("bundle"), "--collected-at", "2026-11-23T19:00:00Z", "--source", "web01", filepath.Join(src, "snapshots.json"))
	want := map[string]fs.FileMode{
		"check.sarif":           0o600,
		"report.pdf":            0o640,
		"matrix.xlsx":           0o640,
		"demo":                  fs.ModeDir | 0o750,
		"demo/results.json":     0o600,
		"demo/tom-acme.en.pdf":  0o640,
		"demo/soa.en.xlsx":      0o640,
		"bundle":                fs.ModeDir | 0o700,
		"bundle/manifest.json":  0o600,
		"bundle/sources/restic": fs.ModeDir | 0o700,
	}
	for name, m := range want {
		fi, err := os.Stat(p(name))
		if err != nil {
			t.Error(err)
			continue
		}
		if fi.Mode() != m {
			t.Errorf("%s: mode %v, want %v", name, fi.Mode(), m)
		}
	}
}
