package xlsx

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/output"
	"github.com/nachweis/nachweis/policies"
)

// words splits s into lower-case words of letters, at least four long.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 4 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// catalogueWords are the words only one language of the message
// catalogues uses (the checks', the shared one and the engine's): the
// English words that no German template has, and the other way round.
func catalogueWords(t *testing.T) (englishOnly, germanOnly map[string]bool) {
	t.Helper()
	e, err := policies.NewEngine(context.Background(), policies.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var templates []*l10n.Template
	for _, c := range e.Checks() {
		for _, tp := range c.Messages() {
			templates = append(templates, tp)
		}
	}
	for _, tp := range e.SharedMessages() {
		templates = append(templates, tp)
	}
	for _, id := range controls.EngineMessageIDs() {
		tp, _ := controls.EngineMessage(id)
		templates = append(templates, tp)
	}
	en, de := map[string]bool{}, map[string]bool{}
	for _, tp := range templates {
		for _, w := range words(tp.Words("en")) {
			en[w] = true
		}
		for _, w := range words(tp.Words("de")) {
			de[w] = true
		}
	}
	englishOnly, germanOnly = map[string]bool{}, map[string]bool{}
	// Loanwords both languages spell alike, which one catalogue happens
	// to use only in the other language's inflection.
	for _, w := range []string{"branches"} {
		en[w], de[w] = true, true
	}
	for w := range en {
		if !de[w] {
			englishOnly[w] = true
		}
	}
	for w := range de {
		if !en[w] {
			germanOnly[w] = true
		}
	}
	return englishOnly, germanOnly
}

// evidenceWords are the words of the results outside the rendered
// message texts and the checks' own titles and descriptions: argument
// values (names, fields, tool output), resources, catalog titles and
// collector errors. They come from the evidence and the
// catalogs, not from the message catalogues, and may be in either
// language.
func evidenceWords(t *testing.T, r *controls.Results) map[string]bool {
	t.Helper()
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var strip func(v any)
	strip = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if _, isMessage := x["id"].(string); isMessage {
				delete(x, "text")
			}
			if _, isCheck := x["policy"]; isCheck {
				// Check titles and descriptions are ours too (METADATA).
				delete(x, "title")
				delete(x, "description")
			}
			for _, e := range x {
				strip(e)
			}
		case []any:
			for _, e := range x {
				strip(e)
			}
		}
	}
	strip(doc)
	rest, _ := json.Marshal(doc)
	out := map[string]bool{}
	for _, w := range words(string(rest)) {
		out[w] = true
	}
	return out
}

// foreign returns the words of text that are in the other language's
// list and not from the evidence, with a count each.
func foreign(text string, other, evidence map[string]bool) map[string]int {
	out := map[string]int{}
	for _, w := range words(text) {
		if other[w] && !evidence[w] {
			out[w]++
		}
	}
	return out
}

// TestLanguageOfTextAndWorkbooks renders the demo's text summary, the
// three control matrices and the SoA in German and in English and fails
// on a word that only the other language's message templates use: a
// finding, an expected or measured value or a reason shown in the wrong
// language. The English renderings must hold many of the English-only
// words, so the lists are not empty by accident.
func TestLanguageOfTextAndWorkbooks(t *testing.T) {
	res, _, _ := demoFixture(t)
	englishOnly, germanOnly := catalogueWords(t)
	if len(englishOnly) < 200 || len(germanOnly) < 200 {
		t.Fatalf("word lists too short: %d English-only, %d German-only words", len(englishOnly), len(germanOnly))
	}
	evidence := evidenceWords(t, res)
	// The declared SoA columns come from soa.yaml as the ISMS owner wrote
	// them (in German): declarations, not messages.
	_, _, soa := demoFixture(t)
	decl, err := json.Marshal(soa)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words(string(decl)) {
		evidence[w] = true
	}
	// So are the configuration's sub-processors, which the C5 matrix
	// offers as sub-service organisations.
	for _, sp := range demoConfig(t).SubProcessors {
		for _, w := range words(sp.Name + " " + sp.Service.DE + " " + sp.Service.EN + " " + sp.Attestation.DE + " " + sp.Attestation.EN) {
			evidence[w] = true
		}
	}
	render := func(lang string) map[string]string {
		docs := map[string]string{}
		var buf bytes.Buffer
		if err := output.WriteText(&buf, res, output.TextOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		docs["text"] = buf.String()
		books := map[string][]byte{"soa": renderSoA(t, lang)}
		for _, fw := range controls.Frameworks {
			books["matrix-"+fw] = renderMatrix(t, fw, lang)
		}
		for name, data := range books {
			_, sheets := workbookRows(t, data)
			var b strings.Builder
			for _, rows := range sheets {
				for _, row := range rows {
					b.WriteString(strings.Join(row, "\t") + "\n")
				}
			}
			docs[name] = b.String()
		}
		return docs
	}
	for _, tt := range []struct {
		lang  string
		other map[string]bool
	}{{"de", englishOnly}, {"en", germanOnly}} {
		for name, text := range render(tt.lang) {
			if bad := foreign(text, tt.other, evidence); len(bad) > 0 {
				ws := make([]string, 0, len(bad))
				for w, n := range bad {
					ws = append(ws, fmt.Sprintf("%s (%d)", w, n))
				}
				sort.Strings(ws)
				t.Errorf("%s %s holds words of the other language's messages: %s", tt.lang, name, strings.Join(ws, ", "))
			}
		}
	}
	// The check can fail: the German renderings hold German-only words
	// and the English ones English-only words.
	for lang, own := range map[string]map[string]bool{"de": germanOnly, "en": englishOnly} {
		var all strings.Builder
		for _, text := range render(lang) {
			all.WriteString(text)
		}
		if n := len(foreign(all.String(), own, evidence)); n < 50 {
			t.Errorf("%s renderings hold only %d distinct words of their own language's messages", lang, n)
		}
	}
}
