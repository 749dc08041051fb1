package config

import (
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
	"gopkg.in/yaml.v3"
)

// Text is a text of the configuration that documents print, such as a
// justification, a classification or a role: in German and English,
// written as a mapping {de: …, en: …}. A text written as plain text is in
// the language the file declares with its top-level key language; without
// that key plain text is an error, since its language cannot be known.
//
// One language may be missing; documents in that language then show the
// other one behind a visible marker (see In), never silently.
type Text struct {
	DE string `yaml:"de"`
	EN string `yaml:"en"`
}

// Languages of configuration texts.
var textLanguages = []string{"de", "en"}

// Fallback markers: what a document in one language prints before a text
// given only in the other language.
const (
	// OnlyEnglish precedes an English text in a German document.
	OnlyEnglish = "[nur auf Englisch angegeben]"
	// OnlyGerman precedes a German text in an English document.
	OnlyGerman = "[only given in German]"
)

// In returns the text in lang (de or en). A text missing in lang is the
// other language's text behind the marker OnlyEnglish or OnlyGerman; an
// empty text is "".
func (t Text) In(lang string) string {
	switch {
	case lang == "de" && t.DE != "":
		return t.DE
	case lang != "de" && t.EN != "":
		return t.EN
	case lang == "de" && t.EN != "":
		return OnlyEnglish + " " + t.EN
	case lang != "de" && t.DE != "":
		return OnlyGerman + " " + t.DE
	}
	return ""
}

// IsZero reports whether the text is empty (blank) in both languages.
func (t Text) IsZero() bool { return !required(t.DE) && !required(t.EN) }

// Has reports whether the text is given in lang.
func (t Text) Has(lang string) bool {
	if lang == "de" {
		return required(t.DE)
	}
	return required(t.EN)
}

// Any is the text in German, else in English: for machine-readable
// output that carries one language, such as the deletion plan's JSON.
func (t Text) Any() string {
	if t.DE != "" {
		return t.DE
	}
	return t.EN
}

// TextIn is a text given only in lang, e.g. from a flag.
func TextIn(lang, s string) Text {
	if lang == "de" {
		return Text{DE: s}
	}
	return Text{EN: s}
}

// textWant is what a Text is expected to be, for messages.
func textWant(lang string) string {
	if lang == "" {
		return "a text in German and English, {de: …, en: …} (plain text needs the file's language: add language: de or language: en at its top)"
	}
	return "a text ({de: …, en: …}, or plain text in the file's language " + lang + ")"
}

// textScalar decodes a plain-text Text in the file's language lang; with
// no language declared it rejects plain text.
func textScalar(lang string) yamlstrict.Scalar {
	return yamlstrict.NewScalar(textWant(lang), func(s string) (Text, bool) {
		if lang == "" {
			return Text{}, false
		}
		return TextIn(lang, s), true
	})
}

// fileLanguage returns the value of the top-level key language of a
// parsed file ("" when absent or not a plain scalar; validation reports a
// bad value).
func fileLanguage(root *yaml.Node) string {
	if root == nil || root.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "language" && v.Kind == yaml.ScalarNode && (v.Value == "de" || v.Value == "en") {
			return v.Value
		}
	}
	return ""
}

// text checks a text the document prints: given in at least one
// language when req, and no language made of blanks only.
func (v *validator) text(path string, t Text, req bool, what string) error {
	if req && t.IsZero() {
		return v.errf(path, "required: %s, {de: …, en: …}", what)
	}
	for _, l := range textLanguages {
		s := t.DE
		if l == "en" {
			s = t.EN
		}
		if s != "" && strings.TrimSpace(s) == "" {
			return v.errf(path+"."+l, "expected text, got only blanks")
		}
	}
	return nil
}
