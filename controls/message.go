package controls

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/nachweis/nachweis/controls/l10n"
)

// Message is a text of a check or of the engine: a message id with typed
// arguments (see l10n for the template syntax), and the text rendered from
// them in both languages. Renderers only pick a language from Text; ID
// and Args say the same as data, so that results are self-contained.
//
// The id is resolved in the catalogue of whoever produced the message: a
// finding's and a check's messages in the check's METADATA
// (custom.messages) and the shared catalogue of the policies
// (policies/lib/messages.rego), the engine's and the aggregation's in
// this package (EngineMessages). A message without id is an English-only
// text of a custom policy; its German text is marked as such
// (l10n.Missing).
type Message struct {
	ID   string         `json:"id"`
	Args map[string]any `json:"args,omitempty"`
	Text Text           `json:"text"`
}

// IsZero reports whether m is unset (e.g. a finding without expected
// value); JSON leaves it out.
func (m Message) IsZero() bool { return m.ID == "" && m.Text == (Text{}) && m.Args == nil }

// In returns the text in lang ("de" or "en").
func (m Message) In(lang string) string { return m.Text.In(lang) }

// EnglishOnly makes a message of a plain English text, as a custom policy
// may still emit one: its German text says visibly that only English is
// available.
func EnglishOnly(en string) Message {
	return Message{Text: Text{DE: l10n.Missing("de", en), EN: en}}
}

// Texts returns both languages (l10n.Texter), so that a Text can be the
// argument of a {name:text} placeholder.
func (t Text) Texts() (de, en string) { return t.DE, t.EN }

// engineMessages are the texts the engine and the aggregation produce
// themselves: German and English.
var engineMessages = map[string][2]string{
	// Why a check could not be assessed (policies).
	"evidence_missing": {
		"Nachweis {key} fehlt",
		"evidence {key} missing"},
	"evidence_missing_error": {
		"Nachweis {key} fehlt: {error}",
		"evidence {key} missing: {error}"},
	"reasons": {
		"{parts:msgs}",
		"{parts:msgs}"},
	"nothing_in_scope": {
		"nichts im Geltungsbereich: Die Nachweise enthalten kein Objekt, auf das diese Prüfung anwendbar ist",
		"nothing in scope: the evidence holds no object this check applies to"},
	"nothing_in_scope_tenant": {
		"nichts im Geltungsbereich des Mandanten {tenant}",
		"nothing in scope for tenant {tenant}"},
	// A pass the engine does not accept (policies).
	"evidence_ref_not_found": {
		"{message:text} (Nachweisreferenz „{ref}“ nicht im Bundle gefunden)",
		"{message:text} (evidence reference “{ref}” not found in the bundle)"},
	"no_evidence_ref": {
		"{message:text} (keine Nachweisreferenz)",
		"{message:text} (no evidence reference)"},
	// Why a measure is not met (aggregation).
	"check_not_evaluated": {
		"Prüfung {check} wurde nicht ausgewertet",
		"check {check} was not evaluated"},
	"attestation_dated_after": {
		"Bestätigung {attestation} ist nach dem Bewertungszeitpunkt datiert ({date:date})",
		"attestation {attestation} is dated after the evaluation time ({date:date})"},
	"no_attestation": {
		"keine Bestätigung erfasst",
		"no attestation on record"},
	"attestation_expired": {
		"Bestätigung {attestation} ist am {date:date} abgelaufen",
		"attestation {attestation} expired on {date:date}"},
	"measure_not_used": {
		"nicht eingesetzt: {justification:text}",
		"not used: {justification:text}"},
}

var engineCatalog = func() map[string]*l10n.Template {
	out := make(map[string]*l10n.Template, len(engineMessages))
	for id, t := range engineMessages {
		out[id] = l10n.MustParse(t[0], t[1])
	}
	return out
}()

// EngineMessage looks up a message of the engine's own catalogue.
func EngineMessage(id string) (*l10n.Template, bool) {
	t, ok := engineCatalog[id]
	return t, ok
}

// EngineMessageIDs lists the ids of the engine's own catalogue, sorted.
func EngineMessageIDs() []string {
	ids := make([]string, 0, len(engineCatalog))
	for id := range engineCatalog {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// NewMessage renders a message of the engine's own catalogue. The
// catalogue and its callers are fixed in code and tested together, so an
// error here is a bug; it is reported in the text rather than hidden.
func NewMessage(id string, args map[string]any) Message {
	if args != nil {
		args = jsonArgs(args).(map[string]any)
	}
	m, err := RenderMessage(id, args, EngineMessage)
	if err != nil {
		text := fmt.Sprintf("[%s: %v]", id, err)
		return Message{ID: id, Args: args, Text: Text{DE: text, EN: text}}
	}
	return m
}

// jsonArgs converts arguments given in Go to the values they have when
// read back from JSON (ReadResults): numbers become json.Number, texts
// {de, en} maps, lists []any. So results built in process and results
// read back from results.json are equal.
func jsonArgs(v any) any {
	switch x := v.(type) {
	case int:
		return json.Number(strconv.FormatInt(int64(x), 10))
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case float64:
		return json.Number(strconv.FormatFloat(x, 'f', -1, 64))
	case l10n.Texter:
		de, en := x.Texts()
		m := map[string]any{}
		if de != "" {
			m["de"] = de
		}
		if en != "" {
			m["en"] = en
		}
		return m
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonArgs(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonArgs(e)
		}
		return out
	}
	return v
}

// RenderMessage renders the message id with args in both languages,
// looking it and any nested message up with lookup.
func RenderMessage(id string, args map[string]any, lookup l10n.Lookup) (Message, error) {
	t, ok := lookup(id)
	if !ok {
		return Message{}, fmt.Errorf("unknown message id %q", id)
	}
	de, err := t.Render("de", args, lookup)
	if err != nil {
		return Message{}, fmt.Errorf("message %s: %w", id, err)
	}
	en, err := t.Render("en", args, lookup)
	if err != nil {
		return Message{}, fmt.Errorf("message %s: %w", id, err)
	}
	return Message{ID: id, Args: args, Text: Text{DE: de, EN: en}}, nil
}

// Reason is one cause of a measure's outcome: a reason of one of its
// checks (Check names it) or of the measure itself (Check empty).
type Reason struct {
	Check string `json:"check,omitempty"`
	Message
}

// In returns the reason in lang, a check's reason prefixed with the
// check id: "K8S-NET-01: Nachweis … fehlt".
func (r Reason) In(lang string) string {
	if r.Check != "" {
		return r.Check + ": " + r.Message.In(lang)
	}
	return r.Message.In(lang)
}

// ReasonText joins the reasons of a measure in lang with "; ".
func ReasonText(reasons []Reason, lang string) string {
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = r.In(lang)
	}
	return strings.Join(parts, "; ")
}
