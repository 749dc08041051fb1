package templates

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
)

//go:embed text
var embedded embed.FS

// Options select where templates come from.
type Options struct {
	// Dir is a directory whose files override the embedded templates of
	// the same name (--template-dir); empty means the embedded ones only.
	Dir string
}

// FileName is the file of a document's template in one language, e.g.
// tom.de.md.tmpl.
func FileName(name, lang string) string { return name + "." + lang + ".md.tmpl" }

// Names lists the embedded template files.
func Names() []string {
	names, _ := fs.Glob(embedded, "text/*.md.tmpl")
	for i, n := range names {
		names[i] = strings.TrimPrefix(n, "text/")
	}
	sort.Strings(names)
	return names
}

// CheckDir verifies an override directory: it exists and every template
// file in it has the name of an embedded template, so that a misspelt
// override is an error rather than silently ignored.
func CheckDir(dir string) error {
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("template directory: %w", err)
	}
	known := map[string]bool{}
	for _, n := range Names() {
		known[n] = true
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tmpl") {
			continue
		}
		if !known[e.Name()] {
			return fmt.Errorf("template directory %s: %s does not name a template; expected one of %s",
				dir, e.Name(), strings.Join(Names(), ", "))
		}
	}
	return nil
}

// Execute renders the template of document name in lang with data and
// returns the Markdown. A template in opt.Dir replaces the embedded one.
// Errors name the template file and, for template errors, the line.
//
// Every value a template prints is escaped for Markdown (autoEscape), and
// the output is limited to MaxMarkdown bytes.
func Execute(name, lang string, data any, opt Options) ([]byte, error) {
	if !l10n.Valid(lang) {
		return nil, fmt.Errorf("render %s: language %q: expected de or en", name, lang)
	}
	file := FileName(name, lang)
	src, origin, err := source(file, opt)
	if err != nil {
		return nil, err
	}
	// The template is named by its origin, so that text/template's own
	// messages ("template: <origin>:3:5: ...") name the file and line.
	w := &markdownWriter{}
	funcs := FuncMap(lang)
	funcs[autoName] = w.escapeValue
	t, err := template.New(origin).Funcs(funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("parse %w", err)
	}
	autoEscape(t)
	if err := t.Execute(w, data); err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, fmt.Errorf("execute template %s: the output exceeds %d MiB; a loop that does not end?", origin, MaxMarkdown>>20)
		}
		return nil, fmt.Errorf("execute %w", err)
	}
	return w.buf.Bytes(), nil
}

// source returns the template text and where it came from.
func source(file string, opt Options) ([]byte, string, error) {
	if opt.Dir != "" {
		path := filepath.Join(opt.Dir, file)
		src, err := os.ReadFile(path)
		if err == nil {
			return src, path, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, path, fmt.Errorf("read template: %w", err)
		}
	}
	src, err := embedded.ReadFile("text/" + file)
	if err != nil {
		return nil, file, fmt.Errorf("template %s: not embedded; expected one of %s", file, strings.Join(Names(), ", "))
	}
	return src, "embedded " + file, nil
}

// FuncMap returns the functions templates may call, bound to lang:
//
//	date, datetime       time.Time → 23.11.2026 / 2026-11-23 (with time)
//	number, percent      float64, decimals → 1.234,50 / 99,50 %
//	int                  int → 1.234
//	duration             time.Duration → 7 Tage / 26 h
//	outcome              controls.Outcome → the fixed label (document-specs §0.1)
//	text                 controls.Text → the text in lang
//	md                   string → escaped for inline Markdown (line breaks kept)
//	cell                 string → escaped for a Markdown table cell (one line, "–" if empty)
//
// Whatever else an action prints is escaped as well, on one line (see
// autoEscape).
//
//	join                 []string, sep → string
//	plural               n, one, many → one when n is 1, else many ("1 Objekt", "2 Objekte")
func FuncMap(lang string) template.FuncMap {
	return template.FuncMap{
		"date":     func(t time.Time) string { return l10n.Date(lang, t) },
		"datetime": func(t time.Time) string { return l10n.DateTime(lang, t) },
		"number":   func(f float64, decimals int) string { return l10n.Number(lang, f, decimals) },
		"percent":  func(f float64, decimals int) string { return l10n.Percent(lang, f, decimals) },
		"int":      func(n int) string { return l10n.Int(lang, n) },
		"duration": func(d time.Duration) string { return l10n.Duration(lang, d) },
		"outcome":  func(o controls.Outcome) string { return o.Label(lang) },
		"basis":    func(b controls.Basis) string { return b.Label(lang) },
		"msg":      func(m controls.Message) string { return m.In(lang) },
		"reasons":  func(r []controls.Reason) string { return controls.ReasonText(r, lang) },
		"text":     func(t controls.Text) string { return t.In(lang) },
		"md":       Escape,
		"cell":     Cell,
		"join":     strings.Join,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}
}
