package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"encoding/xml"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/demo"
	"github.com/nachweis/nachweis/evidence/kubernetes"
	"github.com/nachweis/nachweis/policies"
)

// The word lists of the language test are built from what nachweis itself
// writes in each language, never from a hand-picked list: the German and
// English templates, every bilingual text of the Go sources that render
// documents (the de/en entries of wording tables, controls.Text literals
// and the t(de, en) pairs of the spreadsheets), the catalogues, measures,
// check titles and the configuration's texts. A word is foreign to a
// language when only the other language uses it.
//
// A word counts for a language when its catalogues, measures, checks or
// configuration use it, or at least two of its templates and Go sources
// do: an English word that slipped into one German template does not make
// itself German by being there.
func languageWords(t *testing.T, res *controls.Results) (de, en map[string]bool) {
	t.Helper()
	units := map[string]map[string]map[string]bool{"de": {}, "en": {}} // lang → word → source units
	add := func(lang, unit, s string) {
		for _, w := range words(s) {
			if units[lang][w] == nil {
				units[lang][w] = map[string]bool{}
			}
			units[lang][w][unit] = true
		}
	}
	root := filepath.Join("..", "..")
	// Templates: their literal text, without actions and comments.
	tmpls, err := filepath.Glob(filepath.Join(root, "templates", "text", "*.md.tmpl"))
	if err != nil || len(tmpls) < 8 {
		t.Fatalf("templates: %v (%d files)", err, len(tmpls))
	}
	action := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	for _, f := range tmpls {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := action.ReplaceAllString(string(b), " ")
		switch {
		case strings.Contains(f, ".de.md.tmpl"):
			add("de", f, text)
		case strings.Contains(f, ".en.md.tmpl"):
			add("en", f, text)
		}
	}
	// Go wording tables of the packages that write documents.
	for _, dir := range []string{"templates", "controls", "controls/l10n", "output/pdf", "output/xlsx", "evidence/config"} {
		goWords(t, filepath.Join(root, dir), func(file, lang, s string) { add(lang, file, s) })
	}
	// Catalogues, measures, check titles and the configuration: data
	// translated text by text.
	const data = "data"
	model, err := controls.Load()
	if err != nil {
		t.Fatal(err)
	}
	texts := []controls.Text{}
	for _, fw := range controls.Frameworks {
		c := model.Catalog(fw)
		texts = append(texts, c.Name, c.PublishedBy)
		for _, g := range c.Groups {
			texts = append(texts, g.Title)
		}
		for _, r := range c.Requirements {
			texts = append(texts, r.Title, r.Summary, r.Citation)
		}
		for _, g := range c.GeneralConditions {
			texts = append(texts, g.Title)
		}
		texts = append(texts, c.Attribution)
	}
	for _, m := range model.Measures {
		texts = append(texts, m.Title, m.Description, m.Statement,
			controls.Text{DE: m.Category.Label("de"), EN: m.Category.Label("en")}, controls.Text{DE: m.Type.Label("de"), EN: m.Type.Label("en")})
	}
	for _, c := range res.Checks {
		texts = append(texts, c.Title)
	}
	for _, o := range controls.Outcomes {
		texts = append(texts, controls.Text{DE: o.Label("de"), EN: o.Label("en")})
	}
	// The message catalogues: the checks', the shared one and the
	// engine's, whose texts findings and reasons are rendered from.
	engine, err := policies.NewEngine(context.Background(), policies.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var catalogue []*l10n.Template
	for _, c := range engine.Checks() {
		for _, tp := range c.Messages() {
			catalogue = append(catalogue, tp)
		}
	}
	for _, tp := range engine.SharedMessages() {
		catalogue = append(catalogue, tp)
	}
	for _, id := range controls.EngineMessageIDs() {
		tp, _ := controls.EngineMessage(id)
		catalogue = append(catalogue, tp)
	}
	for _, tp := range catalogue {
		texts = append(texts, controls.Text{DE: tp.Words("de"), EN: tp.Words("en")})
	}
	for _, x := range texts {
		add("de", data, x.DE)
		add("en", data, x.EN)
	}
	cfg, err := demo.Config()
	if err != nil {
		t.Fatal(err)
	}
	configTexts(reflect.ValueOf(cfg), func(x config.Text) {
		if x.DE != "" && x.EN != "" {
			add("de", data, x.DE)
			add("en", data, x.EN)
		}
	})
	set := func(lang string) map[string]bool {
		out := map[string]bool{}
		for w, u := range units[lang] {
			if u[data] || len(u) >= 2 {
				out[w] = true
			}
		}
		return out
	}
	return set("de"), set("en")
}

// goWords calls fn with every string literal of the Go files in dir (not
// tests) that is the German or the English half of a bilingual text, with
// its file: the value of a "de"/"en" key or a DE/EN field, and the two
// arguments of t.
func goWords(t *testing.T, dir string, fn func(file, lang, s string)) {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		strs := func(n ast.Node, lang string) {
			ast.Inspect(n, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						fn(name, lang, s)
					}
				}
				return true
			})
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.KeyValueExpr:
				key := ""
				switch k := x.Key.(type) {
				case *ast.BasicLit:
					key, _ = strconv.Unquote(k.Value)
				case *ast.Ident:
					key = strings.ToLower(k.Name)
				}
				if key == "de" || key == "en" {
					strs(x.Value, key)
					return false
				}
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "t" && len(x.Args) == 2 {
					strs(x.Args[0], "de")
					strs(x.Args[1], "en")
					return false
				}
			}
			return true
		})
	}
}

var wordPattern = regexp.MustCompile(`\p{L}+`)

// words are the lower-case words of at least three letters in s.
func words(s string) []string {
	var out []string
	for _, w := range wordPattern.FindAllString(s, -1) {
		if len([]rune(w)) >= 3 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// allowedWords are words every document may hold in either language: the
// names and values of the evidence and the configuration (resources,
// sources, files, people, organisations, addresses, places), texts the
// configuration gives in one language only (documents show them behind a
// visible marker), and the values the checks' messages quote from the
// evidence (their arguments, not their wording: the wording is localised).
func allowedWords(t *testing.T, res *controls.Results) map[string]bool {
	t.Helper()
	allowed := map[string]bool{}
	add := func(ss ...string) {
		for _, s := range ss {
			for _, w := range words(s) {
				allowed[w] = true
			}
		}
	}
	// Requirement ids such as 28(3)sub2.
	for _, q := range res.Requirements {
		add(q.ID)
	}
	for _, c := range res.Checks {
		add(c.ID, c.Policy)
		for _, f := range c.Findings {
			add(f.Resource, f.Tenant)
			for _, e := range f.Evidence {
				add(e.Source, e.File, e.Pointer)
			}
			addArgs(add, f.Message, f.Expected, f.Measured)
		}
		addArgs(add, c.Reason)
	}
	for _, m := range res.Measures {
		for _, r := range m.Reasons {
			addArgs(add, r.Message)
		}
	}
	for _, e := range res.Evidence {
		add(e.Source, e.File, e.Kind, e.Collector)
	}
	for _, s := range res.Sources {
		add(s.Kind, s.Name, s.Collector, s.Error)
	}
	for _, a := range res.Attestations {
		add(a.By, a.Role, a.ID)
		for _, at := range a.Attachments {
			add(at.Path)
		}
	}
	for _, x := range res.Exceptions {
		add(x.RiskOwner, x.Scope, x.RiskID)
	}
	cfg, err := demo.Config()
	if err != nil {
		t.Fatal(err)
	}
	// Names and values, not language.
	add(cfg.Organisation.Name, cfg.Organisation.Address, cfg.Organisation.DPO.Name, cfg.Organisation.DPO.Email)
	for _, tn := range cfg.Tenants {
		add(tn.ID, tn.Name)
		add(tn.Namespaces...)
		if tn.Contract != nil {
			add(tn.Contract.Reference)
		}
		if d := tn.Deletion; d != nil {
			add(d.RequestedBy, d.Channel, d.ExecutedBy, d.VerifiedBy)
		}
	}
	for _, p := range cfg.SubProcessors {
		add(p.Name, p.Address)
	}
	for _, l := range cfg.Service.Locations {
		add(l.Site, l.Provider)
	}
	for _, d := range cfg.Scope.NotApplicable {
		add(d.DecidedBy)
	}
	for _, d := range cfg.Scope.MeasuresNotApplicable {
		add(d.DecidedBy)
	}
	for _, x := range cfg.Deletion.Classes {
		add(x.ID)
	}
	for _, x := range cfg.Deletion.Clusters {
		add(x.ID)
	}
	for _, x := range cfg.Deletion.Places {
		add(x.ID)
	}
	for _, x := range cfg.Deletion.LegalRetention {
		add(x.ID)
	}
	for _, r := range cfg.Parameters.AllowedRegistries {
		add(r)
	}
	for _, g := range cfg.Sources.GitHub {
		add(g.Name, g.Organization)
	}
	// Texts given in one language only are shown behind a marker.
	soa, err := demo.SoA()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range soa.Controls {
		for _, x := range []config.Text{c.Inclusion, c.Exclusion, c.Description, c.Owner} {
			if x.DE == "" || x.EN == "" {
				add(x.DE, x.EN)
			}
		}
	}
	add(config.OnlyEnglish, config.OnlyGerman)
	// Identifiers the documents print as such, and words both languages
	// spell alike but only one of the sources uses: the backup tools'
	// commands, the prefix of the matrices' document ids, German "also"
	// (thus).
	add("forget prune compact expire", "MATRIX", "also")
	// The retention options of the backup tools, quoted as such
	// (--keep-daily 7), the framework part of document ids
	// (MATRIX-GDPR-…), and the resource names of the Kubernetes API.
	add("keep hourly daily weekly monthly yearly last within", "GDPR")
	add(kubernetes.CollectedResources()...)
	// Loanwords German audit and IT language uses as English does: the
	// carve-out method of ISAE 3402 / IDW PS 951, a collector's errors
	// ("Fehler des Collectors").
	add("Carve-out", "Collectors")
	return allowed
}

// xlsxText is the text of every cell of a spreadsheet: its shared and
// inline strings, read from the package itself.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(r)
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s %s: %v", path, f.Name, err)
			}
			switch x := tok.(type) {
			case xml.StartElement:
				inText = x.Name.Local == "t"
			case xml.EndElement:
				if inText {
					b.WriteString("\n")
				}
				inText = false
			case xml.CharData:
				if inText {
					b.Write(x)
				}
			}
		}
		r.Close()
	}
	return b.String()
}

// hexRun is a run of lower-case hexadecimal digits, as digests are
// printed (whole or in groups, and cut where a line wraps).
var hexRun = regexp.MustCompile(`[0-9a-f]{6,}`)

// withoutDigests blanks a hexadecimal run that holds a digit: a digest,
// not a word ("19eea652" holds no word "eea").
func withoutDigests(s string) string {
	if strings.ContainsAny(s, "0123456789") {
		return " "
	}
	return s
}

// foreignWords returns the words of text that only the other language
// uses, with a context each, sorted.
func foreignWords(text string, other map[string]bool) []string {
	found := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		for _, w := range words(hexRun.ReplaceAllStringFunc(line, withoutDigests)) {
			if other[w] {
				if _, ok := found[w]; !ok {
					found[w] = strings.TrimSpace(line)
				}
			}
		}
	}
	var out []string
	for w, ctx := range found {
		out = append(out, strconv.Quote(w)+" in "+strconv.Quote(ctx))
	}
	sort.Strings(out)
	return out
}

// TestDocumentsAreInTheirLanguage renders every document of the demo in
// German and English (TOM annexes of every tenant, their release
// checklists, the audit reports, the provider's and a customer edition,
// the SoA, the control matrices, the deletion plan and protocol) and reads
// them back (pdftotext, the spreadsheets' XML, the Markdown): none holds a
// word only the other language uses.
func TestDocumentsAreInTheirLanguage(t *testing.T) {
	needTool(t, "pdftotext")
	dir := t.TempDir()
	if _, errOut, code := nachweis(t, nil, "demo", "-o", dir, "--now", demoNow); code != exitOK {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, lang := range []string{"de", "en"} {
		out := filepath.Join(dir, "report-c5-globex."+lang+".pdf")
		if _, errOut, code := nachweis(t, nil, "report", "--demo", "--framework", "c5", "--tenant", "globex", "--lang", lang, "--now", demoNow, "-o", out); code != exitOK {
			t.Fatalf("report --tenant exit %d: %s", code, errOut)
		}
	}
	// The deletion plan and protocol of the demo's tenant at contract end,
	// from the demo's own files (the protocol compares the bundle with
	// itself: nothing deleted yet, every object listed).
	demoDir := filepath.Join("..", "..", "evidence", "demo", "data")
	cfgFile, bundle := filepath.Join(demoDir, "nachweis.yaml"), filepath.Join(demoDir, "bundle")
	plan := filepath.Join(dir, "plan.json")
	if _, errOut, code := nachweis(t, nil, "deletion", "plan", "--config", cfgFile, "--tenant", "globex", "--bundle", bundle, "--now", demoNow, "-o", plan); code != exitOK {
		t.Fatalf("deletion plan exit %d: %s", code, errOut)
	}
	for _, lang := range []string{"de", "en"} {
		if _, errOut, code := nachweis(t, nil, "deletion", "plan", "--config", cfgFile, "--tenant", "globex", "--bundle", bundle, "--lang", lang, "--now", demoNow,
			"-o", filepath.Join(dir, "deletion-plan."+lang+".pdf")); code != exitOK {
			t.Fatalf("deletion plan %s exit %d: %s", lang, code, errOut)
		}
		if _, errOut, code := nachweis(t, nil, "deletion", "verify", "--config", cfgFile, "--tenant", "globex", "--before", plan, "--after", bundle, "--lang", lang, "--now", demoNow,
			"-o", filepath.Join(dir, "deletion-protocol."+lang+".pdf")); code != exitOK && code != exitFailing {
			t.Fatalf("deletion verify %s exit %d: %s", lang, code, errOut)
		}
	}

	b, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res controls.Results
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	deWords, enWords := languageWords(t, &res)
	allowed := allowedWords(t, &res)
	foreign := map[string]map[string]bool{"de": {}, "en": {}}
	for w := range enWords {
		if !deWords[w] && !allowed[w] {
			foreign["de"][w] = true
		}
	}
	for w := range deWords {
		if !enWords[w] && !allowed[w] {
			foreign["en"][w] = true
		}
	}
	if len(foreign["de"]) < 300 || len(foreign["en"]) < 300 {
		t.Fatalf("word lists too short to prove anything: %d English-only, %d German-only words", len(foreign["de"]), len(foreign["en"]))
	}

	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]int{}
	for _, f := range files {
		name := filepath.Base(f)
		lang := ""
		for _, l := range []string{"de", "en"} {
			if strings.Contains(name, "."+l+".") {
				lang = l
			}
		}
		if lang == "" {
			continue // results.json, plan.json
		}
		var text string
		switch filepath.Ext(name) {
		case ".pdf":
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", name, err)
			}
			// A word hyphenated at a line end is one word, also where
			// the break falls at the foot of a page.
			text = joinHyphenated(withoutFurniture(string(out)))
		case ".xlsx":
			text = xlsxText(t, f)
		case ".md":
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text = string(b)
		default:
			continue
		}
		checked[lang]++
		if bad := foreignWords(text, foreign[lang]); len(bad) > 0 {
			if len(bad) > 15 {
				bad = append(bad[:15], "…")
			}
			t.Errorf("%s holds words of the other language:\n  %s", name, strings.Join(bad, "\n  "))
		}
	}
	if checked["de"] != checked["en"] || checked["de"] < 16 {
		t.Errorf("checked %d German and %d English documents", checked["de"], checked["en"])
	}
}

// configTexts calls fn with every config.Text reachable from v.
func configTexts(v reflect.Value, fn func(config.Text)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			configTexts(v.Elem(), fn)
		}
	case reflect.Struct:
		if x, ok := v.Interface().(config.Text); ok {
			fn(x)
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				configTexts(v.Field(i), fn)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			configTexts(v.Index(i), fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			configTexts(v.MapIndex(k), fn)
		}
	}
}

// withoutFurniture drops the running header and footer lines of a PDF's
// text (pdftotext separates pages by form feeds): the lines that stand on
// most pages, and the page numbers. What remains reads as one text, so a
// word hyphenated at the foot of a page joins its rest on the next.
func withoutFurniture(text string) string {
	pages := strings.Split(text, "\f")
	seen := map[string]int{}
	for _, p := range pages {
		once := map[string]bool{}
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" && !once[l] {
				once[l] = true
				seen[l]++
			}
		}
	}
	var b strings.Builder
	for _, p := range pages {
		for _, l := range strings.Split(p, "\n") {
			t := strings.TrimSpace(l)
			if t == "" || len(pages) >= 3 && seen[t] > len(pages)/2 || pageNumber.MatchString(t) {
				continue
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// pageNumber is the footer's page number line.
var pageNumber = regexp.MustCompile(`^(Seite \d+ von \d+|Page \d+ of \d+)$`)

// joinHyphenated joins a word the renderer hyphenated at a line end (the
// soft hyphen U+00AD it draws there) with its rest.
func joinHyphenated(text string) string {
	return strings.ReplaceAll(text, "\u00ad\n", "")
}

// addArgs adds the string values a message quotes from the evidence or the
// configuration: its arguments, nested messages' arguments included, but
// not their ids and not the localised wording.
func addArgs(add func(...string), ms ...controls.Message) {
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			add(v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			if _, isMsg := v["id"]; isMsg {
				walk(v["args"])
				return
			}
			if _, isText := v["de"]; isText {
				return // a {de, en} text: each document shows its own language
			}
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, m := range ms {
		walk(map[string]any(m.Args))
	}
}
