package evidence

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func fixture(rel string) string { return filepath.Join(fixtures, filepath.FromSlash(rel)) }

func fixtureGlob(t *testing.T, patterns ...string) []string {
	t.Helper()
	var files []string
	for _, p := range patterns {
		m, err := filepath.Glob(fixture(p))
		if err != nil || len(m) == 0 {
			t.Fatalf("glob %s: %v (%d matches)", p, err, len(m))
		}
		files = append(files, m...)
	}
	return files
}

// TestImportFixtureFolders imports each fixture folder as one source and
// checks the reopened bundle: source kind and name, one manifest entry
// per file with the detected kind, and bytes, size and sha256 equal to
// the original file.
func TestImportFixtureFolders(t *testing.T) {
	tests := []struct {
		name     string
		files    []string // globs below testdata/fixtures
		kind     string
		source   string
		wantKind string // source kind
		wantName string
		kinds    map[string]string // origin base name → item kind
		itemKind string
	}{
		{
			name:  "kubectl get",
			files: []string{"kubernetes/kubectl-get-local-apiserver/[^k]*.json"}, wantKind: "kubernetes", wantName: "cluster",
			kinds: map[string]string{"clusterrolebindings.json": KindKubernetesList, "deployments.json": KindKubernetesList, "namespaces.json": KindKubernetesList, "networkpolicies.json": KindKubernetesList, "persistentvolumes.json": KindKubernetesList, "poddisruptionbudgets.json": KindKubernetesList, "pods.json": KindKubernetesList, "rolebindings.json": KindKubernetesList, "storageclasses.json": KindKubernetesList},
		},
		{name: "sonobuoy healthsummary typed lists", files: []string{"kubernetes/lists/sonobuoy-healthsummary-kind/*.json"}, wantKind: "kubernetes", wantName: "cluster"},
		{name: "sonobuoy kind v1.21.1 arrays and lists", files: []string{"kubernetes/lists/sonobuoy-kind-v1.21.1/*.json"}, wantKind: "kubernetes", wantName: "cluster"},
		{name: "sonobuoy kind v1.14.2", files: []string{"kubernetes/more-lists/sonobuoy-kind-v1.14.2/*.json"}, wantKind: "kubernetes", wantName: "cluster"},
		{name: "sonobuoy aws nodes", files: []string{"kubernetes/more-lists/sonobuoy-aws-v1.8.4/cluster__Nodes*.json"}, kind: "kubernetes/Node", source: "aws", wantKind: "kubernetes", wantName: "aws", itemKind: "Node"},
		{name: "sonobuoy aws cluster role bindings", files: []string{"kubernetes/more-lists/sonobuoy-aws-v1.8.4/cluster__ClusterRoleBindings*.json"}, kind: "kubernetes/ClusterRoleBinding", wantKind: "kubernetes", wantName: "cluster", itemKind: "ClusterRoleBinding"},
		{name: "sonobuoy aws pods", files: []string{"kubernetes/more-lists/sonobuoy-aws-v1.8.4/ns-kube-system__Pods*.json"}, kind: "kubernetes/Pod", wantKind: "kubernetes", wantName: "cluster", itemKind: "Pod"},
		{name: "velero docs", files: []string{"velero/*.json"}, wantKind: "kubernetes", wantName: "cluster"},
		{name: "velero cli", files: []string{"velero/velero-cli-local-apiserver/*.json"}, wantKind: "kubernetes", wantName: "cluster"},
		{
			name:  "restic web01",
			files: []string{"restic/web01-daily-9d/snapshots.json", "restic/web01-daily-9d/stats*.json", "restic/web01-daily-9d/cat-config.json", "restic/web01-daily-9d/check.txt"}, wantKind: "restic", wantName: "web01-daily-9d",
			kinds: map[string]string{"snapshots.json": KindResticSnapshots, "stats.json": KindResticStats, "stats-raw-data.json": KindResticStats, "cat-config.json": KindResticConfig, "check.txt": KindResticCheck},
		},
		{name: "restic shared", files: []string{"restic/shared-multihost/[^f]*.json", "restic/shared-multihost/check.txt"}, wantKind: "restic", wantName: "shared-multihost"},
		{name: "restic legacy", files: []string{"restic/legacy-repo-v1/[^f]*.json", "restic/legacy-repo-v1/check.txt"}, source: "legacy", wantKind: "restic", wantName: "legacy"},
		{
			name:  "borg web01",
			files: []string{"borg/web01-repokey-blake2-daily-9d/*.json"}, wantKind: "borg", wantName: "web-01",
			kinds: map[string]string{"info.json": KindBorgInfo, "info-last-archive.json": KindBorgInfo, "list.json": KindBorgList},
		},
		{name: "borg db01", files: []string{"borg/db01-repokey-blake2-pruned/*.json"}, wantKind: "borg", wantName: "db-01"},
		{name: "pgbackrest main", files: []string{"pgbackrest/main-two-repos-encrypted/info.json"}, wantKind: "pgbackrest", wantName: "main", kinds: map[string]string{"info.json": KindPgBackRestInfo}},
		{name: "pgbackrest sales", files: []string{"pgbackrest/sales-single-repo-encrypted/info.json"}, wantKind: "pgbackrest", wantName: "sales"},
		{
			name:  "github",
			files: []string{"github-api/orgs__get.json", "github-api/orgs__list-members.json", "github-api/orgs__list-outside-collaborators.json", "github-api/repos__get-branch-protection.json"}, wantKind: "github", wantName: "github",
			kinds: map[string]string{"orgs__get.json": KindGitHubOrg, "orgs__list-members.json": KindGitHubMembers, "orgs__list-outside-collaborators.json": KindGitHubOutside, "repos__get-branch-protection.json": KindGitHubBranchProt},
		},
		{name: "github branch protection alone", files: []string{"github-api/repos__get-branch-protection.json"}, wantKind: "github", wantName: "octocat"},
		{name: "github members alone", files: []string{"github-api/orgs__list-members.json"}, wantKind: "github", wantName: "github-api"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := fixtureGlob(t, tt.files...)
			dir := filepath.Join(t.TempDir(), "bundle")
			err := Import(t.Context(), ImportOptions{Bundle: dir, Kind: tt.kind, Source: tt.source, Files: files, Now: testNow, ToolVersion: "test"})
			if err != nil {
				t.Fatal(err)
			}
			b, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Manifest.Sources) != 1 {
				t.Fatalf("%d sources", len(b.Manifest.Sources))
			}
			s := b.Manifest.Sources[0]
			if s.Kind != tt.wantKind || s.Name != tt.wantName || s.Collector != ImportCollector || s.Status != StatusOK || !s.FinishedAt.Equal(testNow) {
				t.Errorf("source %s/%s collector %q status %q finished %v", s.Kind, s.Name, s.Collector, s.Status, s.FinishedAt)
			}
			if len(s.Files) != len(files) {
				t.Fatalf("%d files in the manifest, imported %d", len(s.Files), len(files))
			}
			byOrigin := map[string]File{}
			for _, f := range s.Files {
				byOrigin[f.Origin] = f
				if want := "sources/" + s.Kind + "/" + s.Name + "/" + f.Origin; f.Path != want {
					t.Errorf("path %s, want %s", f.Path, want)
				}
				if f.ItemKind != tt.itemKind {
					t.Errorf("%s: item kind %q, want %q", f.Path, f.ItemKind, tt.itemKind)
				}
			}
			for _, p := range files {
				orig, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				f, ok := byOrigin[filepath.Base(p)]
				if !ok {
					t.Errorf("%s not in the manifest", p)
					continue
				}
				// Files are stored as given, except that Kubernetes
				// objects lose what redactKubernetes removes.
				want, note := orig, ""
				if f.Kind == KindKubernetesList {
					redacted, r, err := redactKubernetes(orig, f.ItemKind)
					if err != nil {
						t.Fatal(err)
					}
					want, note = redacted, r.note()
				}
				if f.SHA256 != sha(want) || f.Size != int64(len(want)) || f.Redacted != note {
					t.Errorf("%s: manifest sha256 %s size %d redacted %q, want %s %d %q", p, f.SHA256, f.Size, f.Redacted, sha(want), len(want), note)
				}
				got, err := b.ReadFile(f.Path)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Errorf("%s: stored bytes differ from the original (after redaction)", p)
				}
				if want, ok := tt.kinds[filepath.Base(p)]; ok && f.Kind != want {
					t.Errorf("%s: kind %s, want %s", p, f.Kind, want)
				}
			}
		})
	}
}

// TestImportPgBackRestKeepsBigNumbers: system-id does not fit a float64;
// the bytes are stored as given, so nothing rounds it.
func TestImportPgBackRestKeepsBigNumbers(t *testing.T) {
	orig := readFixture(t, "pgbackrest/main-two-repos-encrypted/info.json")
	dir := filepath.Join(t.TempDir(), "b")
	if err := Import(t.Context(), ImportOptions{Bundle: dir, Files: []string{fixture("pgbackrest/main-two-repos-encrypted/info.json")}, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "sources/pgbackrest/main/info.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(orig) {
		t.Error("pgbackrest info stored differently from the original")
	}
	if !strings.Contains(string(got), `"system-id":`) {
		t.Error("fixture has no system-id")
	}
}

func TestImportAddAndReplaceSources(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	imp := func(opts ImportOptions) {
		t.Helper()
		opts.Bundle, opts.Now, opts.ToolVersion = dir, testNow, "test"
		if err := Import(t.Context(), opts); err != nil {
			t.Fatal(err)
		}
	}
	sources := func() []string {
		t.Helper()
		b, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range b.Manifest.Sources {
			got = append(got, s.Kind+"/"+s.Name)
			for _, f := range s.Files {
				got = append(got, "  "+f.Origin)
			}
		}
		return got
	}
	imp(ImportOptions{Files: fixtureGlob(t, "restic/web01-daily-9d/snapshots.json", "restic/web01-daily-9d/check.txt")})
	imp(ImportOptions{Files: fixtureGlob(t, "borg/db01-repokey-blake2-pruned/*.json")})
	want := []string{
		"borg/db-01", "  info-last-archive.json", "  info.json", "  list.json",
		"restic/web01-daily-9d", "  check.txt", "  snapshots.json",
	}
	if d := cmp.Diff(want, sources()); d != "" {
		t.Fatalf("after adding a second source (-want +got):\n%s", d)
	}
	// Same kind and name: the source is replaced as a whole.
	imp(ImportOptions{Files: fixtureGlob(t, "restic/web01-daily-9d/stats.json")})
	want = []string{
		"borg/db-01", "  info-last-archive.json", "  info.json", "  list.json",
		"restic/web01-daily-9d", "  stats.json",
	}
	if d := cmp.Diff(want, sources()); d != "" {
		t.Fatalf("after replacing a source (-want +got):\n%s", d)
	}
	if got := dirNames(t, filepath.Dir(dir)); !cmp.Equal(got, []string{"bundle"}) {
		t.Errorf("parent holds %v", got)
	}
}

func TestImportDeterministic(t *testing.T) {
	files := fixtureGlob(t, "kubernetes/kubectl-get-local-apiserver/[^k]*.json")
	var manifests, trees []string
	for range 2 {
		dir := filepath.Join(t.TempDir(), "bundle")
		if err := Import(t.Context(), ImportOptions{Bundle: dir, Files: files, Now: testNow, ToolVersion: "test"}); err != nil {
			t.Fatal(err)
		}
		if err := Import(t.Context(), ImportOptions{Bundle: dir, Files: fixtureGlob(t, "restic/shared-multihost/snapshots.json"), Now: testNow, ToolVersion: "test"}); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
		if err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, string(raw))
		trees = append(trees, treeHash(t, dir))
	}
	if manifests[0] != manifests[1] {
		t.Errorf("manifests differ:\n%s\n---\n%s", manifests[0], manifests[1])
	}
	if trees[0] != trees[1] {
		t.Error("bundle trees differ")
	}
}

// TestImportBadInputLeavesBundle runs every kind of bad input against no
// bundle (none must appear) and against an existing bundle (it must stay
// byte-identical, with no temporary directory left next to it).
func TestImportBadInputLeavesBundle(t *testing.T) {
	in := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	snapshots := readFixture(t, "restic/web01-daily-9d/snapshots.json")
	good := fixture("restic/web01-daily-9d/stats.json")
	truncated := write("snap.json", snapshots[:812])
	empty := write("empty.json", nil)
	// A list of GitHub issues: GitHub API JSON, but not evidence.
	unknown := write("issues.json", []byte(`[{"id":1,"number":1,"title":"x","html_url":"https://github.com/octo-org/hello-world/issues/1"}]`))
	tests := []struct {
		name  string
		kind  string
		files []string
		file  string // the file the error names; "" for an option error
		err   string
	}{
		{name: "truncated JSON", files: []string{good, truncated}, file: truncated, err: "truncated JSON at byte 812"},
		{name: "empty file", files: []string{good, empty}, file: empty, err: "empty file"},
		{name: "wrong kind", kind: KindBorgInfo, files: []string{good}, file: good, err: "found restic stats --json output: expected borg info --json"},
		{name: "unknown kind", files: []string{unknown}, file: unknown, err: "GitHub API JSON of an endpoint nachweis does not import"},
		{name: "unknown --kind", kind: "restic/stat", files: []string{good}, err: `unknown --kind "restic/stat"`},
		{name: "directory", files: []string{in}, file: in, err: "is a directory"},
		{name: "missing file", files: []string{filepath.Join(in, "nope.json")}, file: filepath.Join(in, "nope.json"), err: "no such file"},
		{name: "mixed sources", files: []string{good, fixture("borg/db01-repokey-blake2-pruned/info.json")}, file: fixture("borg/db01-repokey-blake2-pruned/info.json"), err: "import one source per call"},
		{name: "file twice", files: []string{good, good}, file: good, err: "given twice"},
		{name: "bad --source", files: []string{good}, err: "--source"},
	}
	for _, tt := range tests {
		for _, existing := range []bool{false, true} {
			name := tt.name + "/new bundle"
			if existing {
				name = tt.name + "/existing bundle"
			}
			t.Run(name, func(t *testing.T) {
				parent := t.TempDir()
				dir := filepath.Join(parent, "bundle")
				if existing {
					if err := Import(t.Context(), ImportOptions{Bundle: dir, Files: fixtureGlob(t, "pgbackrest/main-two-repos-encrypted/info.json"), Now: testNow}); err != nil {
						t.Fatal(err)
					}
				}
				before := treeHash(t, parent)
				opts := ImportOptions{Bundle: dir, Kind: tt.kind, Files: tt.files, Now: testNow.Add(1)}
				if tt.name == "bad --source" {
					opts.Source = "../etc"
				}
				err := Import(t.Context(), opts)
				if tt.file != "" {
					checkInputError(t, err, tt.file, tt.err)
				} else if err == nil || !strings.HasPrefix(err.Error(), "import: ") || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrInput) {
					t.Errorf("error = %v, want %q", err, tt.err)
				}
				if after := treeHash(t, parent); after != before {
					t.Errorf("bundle directory changed; parent holds %v", dirNames(t, parent))
				}
			})
		}
	}
}

func TestImportCancelled(t *testing.T) {
	parent := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := Import(ctx, ImportOptions{Bundle: filepath.Join(parent, "b"), Files: fixtureGlob(t, "restic/web01-daily-9d/stats.json"), Now: testNow})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v", err)
	}
	if got := dirNames(t, parent); len(got) != 0 {
		t.Errorf("parent holds %v", got)
	}
}

// TestImportTamperedBundle: a file changed after import is caught by Open,
// and a later import refuses to build on the tampered bundle.
func TestImportTamperedBundle(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "bundle")
	if err := Import(t.Context(), ImportOptions{Bundle: dir, Files: fixtureGlob(t, "restic/web01-daily-9d/snapshots.json"), Now: testNow}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "sources/restic/web01-daily-9d/snapshots.json")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// Move the newest snapshot a day later: same size, other content.
	tampered := strings.Replace(string(data), "2026-11-23T02:15:00Z", "2026-11-24T02:15:00Z", 1)
	if tampered == string(data) {
		t.Fatal("fixture lacks the snapshot to tamper with")
	}
	if err := os.WriteFile(p, []byte(tampered), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	if err == nil || !strings.Contains(err.Error(), "sources/restic/web01-daily-9d/snapshots.json: sha256 mismatch") {
		t.Fatalf("Open of a tampered bundle: %v", err)
	}
	before := treeHash(t, parent)
	err = Import(t.Context(), ImportOptions{Bundle: dir, Files: fixtureGlob(t, "borg/web01-repokey-blake2-daily-9d/info.json"), Now: testNow})
	if !errors.Is(err, ErrInvalidBundle) {
		t.Errorf("import into a tampered bundle: %v", err)
	}
	if treeHash(t, parent) != before {
		t.Error("tampered bundle changed")
	}
}
