package l10n

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	nested := map[string]*Template{
		"repo": MustParse("Repository {name}", "repository {name}"),
		"self": MustParse("{inner:msg}", "{inner:msg}"),
	}
	lookup := func(id string) (*Template, bool) { tp, ok := nested[id]; return tp, ok }
	tests := []struct {
		name, de, en string
		args         map[string]any
		wantDE       string
		wantEN       string
	}{
		{"plain string and number", "{s}: {n} von {m}", "{s}: {n} of {m}",
			map[string]any{"s": "acme-prod", "n": json.Number("3"), "m": 4},
			"acme-prod: 3 von 4", "acme-prod: 3 of 4"},
		{"plain decimal", "{x}", "{x}", map[string]any{"x": json.Number("1.5")}, "1,5", "1.5"},
		{"plain null", "{x}", "{x}", map[string]any{"x": nil}, "–", "–"},
		{"plain boolean", "{x}", "{x}", map[string]any{"x": false}, "false", "false"},
		{"number", "{n:number}", "{n:number}", map[string]any{"n": json.Number("1234.5")}, "1.234,5", "1,234.5"},
		{"count", "{n:count:Snapshot:Snapshots}", "{n:count:snapshot:snapshots}",
			map[string]any{"n": json.Number("1")}, "1 Snapshot", "1 snapshot"},
		{"count many", "{n:count:Objekt:Objekte}", "{n:count:object:objects}",
			map[string]any{"n": json.Number("2000")}, "2.000 Objekte", "2,000 objects"},
		{"plural of a list", "{ns:plural:Namespace:Namespaces} {ns:list}", "{ns:plural:namespace:namespaces} {ns:list}",
			map[string]any{"ns": []any{"a", "b"}}, "Namespaces a und b", "namespaces a and b"},
		{"duration", "{d:duration}", "{d:duration}", map[string]any{"d": json.Number("572400")}, "6 Tage 15 Std.", "6 days 15 h"},
		{"fractional duration", "{d:duration}", "{d:duration}", map[string]any{"d": json.Number("93600.5")}, "26 Std.", "26 h"},
		{"datetime", "{t:datetime}", "{t:datetime}", map[string]any{"t": json.Number("1794888000000000000")},
			"17.11.2026, 05:00 Uhr (MEZ)", "2026-11-17 05:00 CET"},
		{"date", "{t:date}", "{t:date}", map[string]any{"t": json.Number("1794888000000000000")}, "17.11.2026", "2026-11-17"},
		{"empty list", "Mitglieder: {m:list}", "members: {m:list}", map[string]any{"m": []any{}}, "Mitglieder: keine", "members: none"},
		{"null list", "{m:list:keiner}", "{m:list:none}", map[string]any{"m": nil}, "keiner", "none"},
		{"nested", "{s:msg}: alt", "{s:msg}: old", map[string]any{"s": map[string]any{"id": "repo", "args": map[string]any{"name": "web01"}}},
			"Repository web01: alt", "repository web01: old"},
		{"nested list", "{r:msgs}", "{r:msgs}", map[string]any{"r": []any{
			map[string]any{"id": "repo", "args": map[string]any{"name": "a"}},
			map[string]any{"id": "repo", "args": map[string]any{"name": "b"}},
		}}, "Repository a; Repository b", "repository a; repository b"},
		{"list with messages", "{l:list}", "{l:list}", map[string]any{"l": []any{"a", map[string]any{"id": "repo", "args": map[string]any{"name": "b"}}}},
			"a und Repository b", "a and repository b"},
		{"text", "Grund: {why:text}", "reason: {why:text}", map[string]any{"why": map[string]any{"de": "kein Bedarf", "en": "not needed"}},
			"Grund: kein Bedarf", "reason: not needed"},
		{"text in one language only", "{why:text}", "{why:text}", map[string]any{"why": map[string]any{"en": "not needed"}},
			"[nur auf Englisch verfügbar] not needed", "not needed"},
		{"literal braces", "namespaceSelector {{}}", "namespaceSelector {{}}", nil, "namespaceSelector {}", "namespaceSelector {}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp, err := Parse(tt.de, tt.en)
			if err != nil {
				t.Fatal(err)
			}
			de, err := tp.Render("de", tt.args, lookup)
			if err != nil {
				t.Fatal(err)
			}
			en, err := tp.Render("en", tt.args, lookup)
			if err != nil {
				t.Fatal(err)
			}
			if de != tt.wantDE || en != tt.wantEN {
				t.Errorf("got %q / %q, want %q / %q", de, en, tt.wantDE, tt.wantEN)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	lookup := func(id string) (*Template, bool) {
		if id == "loop" {
			return MustParse("{x:msg}", "{x:msg}"), true
		}
		return nil, false
	}
	loop := map[string]any{"id": "loop"}
	loop["args"] = map[string]any{"x": loop}
	tests := []struct {
		name, tmpl string
		args       map[string]any
		want       string
	}{
		{"missing argument", "{a} {b}", map[string]any{"a": "x"}, "argument b missing"},
		{"duration of a string", "{d:duration}", map[string]any{"d": "26h"}, `argument d: want a duration in seconds, got "26h"`},
		{"count of a fraction", "{n:count:a:b}", map[string]any{"n": 1.5}, "want a whole number"},
		{"list of objects", "{l:list}", map[string]any{"l": []any{map[string]any{}}}, "item 1: want a message"},
		{"list of lists", "{l:list}", map[string]any{"l": []any{[]any{}}}, "item 1: want a string, number or boolean"},
		{"unknown nested id", "{m:msg}", map[string]any{"m": map[string]any{"id": "nope"}}, `unknown message id "nope"`},
		{"nested without id", "{m:msg}", map[string]any{"m": map[string]any{"args": map[string]any{}}}, "non-empty id"},
		{"nested with other fields", "{m:msg}", map[string]any{"m": map[string]any{"id": "loop", "text": "x"}}, `unknown field "text"`},
		{"nested too deep", "{m:msg}", map[string]any{"m": loop}, "nested more than 8 deep"},
		{"text of a string", "{t:text}", map[string]any{"t": "plain"}, "want a text"},
		{"plain object", "{x}", map[string]any{"x": map[string]any{}}, "want a string, number or boolean, got an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := MustParse(tt.tmpl, tt.tmpl)
			_, err := tp.Render("de", tt.args, lookup)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, de, en, want string
	}{
		{"German missing", "", "x", "want a German and an English text"},
		{"unknown type", "{a:size}", "{a:size}", `unknown type "size"`},
		{"count without nouns", "{n:count}", "{n:count}", "want {n:count:singular:plural}"},
		{"parameter of a duration", "{d:duration:h}", "{d:duration:h}", "duration takes no parameters"},
		{"unclosed", "{a", "{a}", "de: unclosed {"},
		{"unmatched", "a}", "a", "de: unmatched }"},
		{"bad name", "{A}", "{A}", "the name must be lower case"},
		{"different arguments", "{a}", "{b}", "both languages must use the same"},
		{"empty noun", "{n:count::x}", "{n:count:a:b}", "empty parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.de, tt.en)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tp := MustParse("{n:count:Objekt:Objekte} in {ns} älter als {d:duration}", "{n:count:object:objects} in {ns} older than {d:duration}")
	if got := strings.Fields(tp.Words("de")); strings.Join(got, " ") != "Objekt Objekte in älter als" {
		t.Errorf("German words %q", got)
	}
	if got := strings.Fields(tp.Words("en")); strings.Join(got, " ") != "object objects in older than" {
		t.Errorf("English words %q", got)
	}
}

// FuzzParse feeds message templates, as custom policies declare them, to
// the parser and renders what parses: no input may panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"{a} {b:duration} {c:count:x:y} {d:list:keine} {e:msg} {f:msgs} {g:text} {h:datetime} {i:date} {j:number} {k:plural:x:y}",
		"{{literal}}", "{", "}", "{a:count:}", "{a::}", "{:}", "ä{ü}",
	} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, de, en string) {
		tp, err := Parse(de, en)
		if err != nil {
			return
		}
		args := map[string]any{}
		for _, n := range tp.Names() {
			args[n] = json.Number("1")
		}
		_, _ = tp.Render("de", args, nil)
		_, _ = tp.Render("en", args, nil)
	})
}
