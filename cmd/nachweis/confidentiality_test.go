package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// confidentialityRenames plant distinctive names into the demo provider:
// each tenant's namespaces, hosts, backup repositories and hostnames, its
// name and contract, and the provider's staff logins (GitHub members,
// owners, outside collaborators, the user bound to cluster-admin). Applied
// in order to every evidence source file, the configuration and the
// records.
var confidentialityRenames = []struct{ from, to string }{
	{"Globex Logistik AG", "Quarzmantel Logistik AG"},
	{"Globex", "Quarzmantel"},
	{"globex", "quarzmantel"},
	{"Initech Software GmbH", "Nebelhorn Software GmbH"},
	{"initech", "nebelhorn"},
	{"ACME GmbH", "Zephyrwolke GmbH"},
	{"acme", "zephyrwolke"},
	// backup repositories and the hosts whose snapshots hold each
	// tenant's data
	{"name: web01", "name: zephyrspeicher"},
	{"name: shared", "name: quarzspeicher"},
	{"hosts: [app-01]", "hosts: [quarzhost-01]"},
	{`"app-01"`, `"quarzhost-01"`},
	// staff: the user bound to cluster-admin, the GitHub organisation's
	// outside collaborator (and owner of the example repositories)
	{"kubecfg", "stafflogin-kube"},
	{"octocat", "stafflogin-cleo"},
}

// staffLists are the GitHub user lists rewritten to one login each.
var staffLists = map[string]string{
	"members.json":           "stafflogin-ida",
	"owners-role-admin.json": "stafflogin-olaf",
}

// plantedProvider builds the demo provider with the planted names: a
// bundle imported from the demo's sources, and its configuration with a
// sub-processor of each tenant's own.
func plantedProvider(t *testing.T) (bundle, config string) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "..", "evidence", "demo", "src")
	rename := func(s, file string) string {
		for _, r := range confidentialityRenames {
			s = strings.ReplaceAll(s, r.from, r.to)
		}
		if login, ok := staffLists[file]; ok {
			s = strings.ReplaceAll(s, "stafflogin-cleo", login)
		}
		return s
	}
	copyTree := func(from, to string) {
		t.Helper()
		err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			target := filepath.Join(to, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if !strings.HasSuffix(p, ".txt") || strings.Contains(p, "restic") {
				b = []byte(rename(string(b), d.Name()))
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copyTree(src, filepath.Join(dir, "src"))
	demo := filepath.Join("..", "..", "evidence", "demo", "data")
	copyTree(filepath.Join(demo, "attestations"), filepath.Join(dir, "attestations"))
	copyTree(filepath.Join(demo, "exceptions"), filepath.Join(dir, "exceptions"))

	bundle = filepath.Join(dir, "bundle")
	for _, s := range []struct{ kind, name, dir string }{
		{"kubernetes", "prod", "kubernetes"},
		{"restic", "zephyrspeicher", "restic-web01"},
		{"restic", "quarzspeicher", "restic-shared"},
		{"borg", "files01", "borg-files01"},
		{"borg", "db01", "borg-db01"},
		{"pgbackrest", "main", "pgbackrest-main"},
		{"github", "example-org", "github"},
	} {
		files, err := filepath.Glob(filepath.Join(dir, "src", s.dir, "*"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no source files for %s: %v", s.dir, err)
		}
		args := append([]string{"import", "-o", bundle, "--collected-at", demoNow, "--kind", s.kind, "--source", s.name}, files...)
		if _, errOut, code := nachweis(t, nil, args...); code != exitOK {
			t.Fatalf("import %s: exit %d: %s", s.name, code, errOut)
		}
	}

	cfg, err := os.ReadFile(filepath.Join(demo, "nachweis.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := rename(string(cfg), "nachweis.yaml")
	text = strings.Replace(text, "    contract: {reference: AVV-2025-017", `    sub_processors:
      - {name: Zephyr Sprachdienste GmbH, service: {de: Spracherkennung, en: speech recognition}, location: DE}
    contract: {reference: AVV-2025-017`, 1)
	text = strings.Replace(text, "    contract: {reference: AVV-2024-102", `    sub_processors:
      - {name: Quarzwerk Datenfabrik Oy, service: {de: Texterkennung, en: text recognition}, location: FI}
    contract: {reference: AVV-2024-102`, 1)
	if !strings.Contains(text, "Zephyr Sprachdienste") || !strings.Contains(text, "Quarzwerk Datenfabrik") {
		t.Fatal("the tenants' own sub-processors were not planted")
	}
	config = filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(config, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return bundle, config
}

// squash folds a document's text for matching: lower case, without white
// space and hyphens, so that a name a line break or a table cell split is
// still found.
func squash(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\n', '\t', '\r', '\f', '\u00a0', '-', '\u00ad':
			return -1
		}
		return r
	}, s)
}

// TestDocumentsShowOnlyWhatTheirReaderMaySee: a customer's TOM annex (every
// tenant, German and English, as pdftotext reads it) and the customer
// edition of the report (report --tenant) name the customer's own
// namespaces, repositories and sub-processors, and never another tenant's
// names, namespaces, hosts, repositories or sub-processors, nor a staff
// account; the provider-wide report, which holds all of them, is
// classified internal, and the staff accounts a draft's blockers name go
// to its internal release checklist, not into the annex.
func TestDocumentsShowOnlyWhatTheirReaderMaySee(t *testing.T) {
	needTool(t, "pdftotext")
	bundle, config := plantedProvider(t)
	out := t.TempDir()
	common := []string{"--bundle", bundle, "--config", config, "--now", demoNow}
	run := func(args ...string) {
		t.Helper()
		if _, errOut, code := nachweis(t, nil, append(args, common...)...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
	}
	// What each tenant owns, and what no customer may see.
	own := map[string][]string{
		"zephyrwolke": {"Zephyrwolke GmbH", "zephyrwolke-prod", "zephyrspeicher", "Zephyr Sprachdienste GmbH"},
		"quarzmantel": {"Quarzmantel Logistik AG", "quarzmantel-prod", "quarzspeicher", "Quarzwerk Datenfabrik Oy"},
		"nebelhorn":   {"Nebelhorn Software GmbH", "nebelhorn-prod", "quarzspeicher"},
	}
	foreign := map[string][]string{
		"zephyrwolke": {"quarz", "nebelhorn"},
		"quarzmantel": {"zephyr", "nebelhorn"},
		"nebelhorn":   {"zephyr", "quarzmantel", "quarzwerk"},
	}
	staff := []string{"stafflogin"}

	check := func(name, text string, tenant string) {
		t.Helper()
		s := squash(text)
		for _, w := range own[tenant] {
			if !strings.Contains(s, squash(w)) {
				t.Errorf("%s lacks its tenant's %q: the test would prove nothing", name, w)
			}
		}
		for _, w := range append(foreign[tenant], staff...) {
			if strings.Contains(s, squash(w)) {
				t.Errorf("%s shows %q, which its reader may not see", name, w)
			}
		}
	}

	for _, lang := range []string{"de", "en"} {
		dir := filepath.Join(out, "tom-"+lang)
		run("tom", "--all-tenants", "--lang", lang, "-o", dir)
		for tenant := range own {
			annex := filepath.Join(dir, tomFileName(tenant, lang))
			check(filepath.Base(annex), pdfText(t, annex), tenant)
			// The draft's blockers, with the staff accounts behind them,
			// are in the internal checklist.
			list, err := os.ReadFile(filepath.Join(dir, checklistFileName(tenant, lang)))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(squash(string(list)), "stafflogin") {
				t.Errorf("the release checklist of %s (%s) names no staff account: the planted blockers are missing", tenant, lang)
			}
		}
		for _, fw := range []string{"c5-2020", "c5-2026", "iso27001-2022", "gdpr"} {
			edition := filepath.Join(out, "report-"+fw+"-zephyrwolke."+lang+".pdf")
			run("report", "--framework", fw, "--tenant", "zephyrwolke", "--lang", lang, "-o", edition)
			text := pdfText(t, edition)
			check(filepath.Base(edition), text, "zephyrwolke")
			customer := map[string]string{"de": "Vertraulich – nur für den Auftraggeber", "en": "Confidential – for the customer only"}[lang]
			mustContain(t, filepath.Base(edition), text, customer)
		}
	}
	edition := filepath.Join(out, "report-c5-quarzmantel.de.pdf")
	run("report", "--framework", "c5", "--tenant", "quarzmantel", "--lang", "de", "-o", edition)
	check(filepath.Base(edition), pdfText(t, edition), "quarzmantel")

	// The provider's report holds everything and says it is internal.
	for _, lang := range []string{"de", "en"} {
		internal := filepath.Join(out, "report-c5."+lang+".pdf")
		run("report", "--framework", "c5", "--lang", lang, "-o", internal)
		text := pdfText(t, internal)
		s := squash(text)
		for _, w := range []string{"quarzspeicher", "stafflogin", "zephyrspeicher", "nebelhorn"} {
			if !strings.Contains(s, w) {
				t.Errorf("the provider's report (%s) lacks %q: the planted names did not reach the evidence", lang, w)
			}
		}
		internalLabel := map[string]string{"de": "Vertraulich – intern", "en": "Confidential – internal"}[lang]
		mustContain(t, "provider's report ("+lang+")", text, internalLabel)
		if strings.Contains(text, "nur für den Auftraggeber") || strings.Contains(text, "for the customer only") {
			t.Errorf("the provider's report (%s) is classified for a customer", lang)
		}
	}
}
