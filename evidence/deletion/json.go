package deletion

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"
)

// WriteJSON writes a plan or protocol as indented JSON with a final
// newline. The same value gives the same bytes.
func WriteJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode json: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// MaxPlanSize bounds a plan read back, so that a wrong file cannot
// exhaust memory.
const MaxPlanSize = 256 << 20

// ReadPlan reads a plan written by WriteJSON: strictly, rejecting unknown
// fields, another schema, trailing data and plans that break the model's
// rules (no tenant, an item without key, a key used twice). name is the
// file name used in errors.
func ReadPlan(name string, data []byte) (*Plan, error) {
	if len(data) > MaxPlanSize {
		return nil, fmt.Errorf("%s: larger than %d MB, not a deletion plan", name, MaxPlanSize>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Plan
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: not a deletion plan (%s): %s", name, PlanSchema, jsonProblem(err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: data after the plan object", name)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &p, nil
}

// jsonProblem says what is wrong in one line, with the field where the
// decoder names it.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("/%s: expected %s, got %s", strings.ReplaceAll(te.Field, ".", "/"), jsonType(te.Type), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Error())
	}
	return strings.ReplaceAll(err.Error(), "json: ", "")
}

// jsonType names what a Go type is in JSON.
func jsonType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		if t == reflect.TypeFor[time.Time]() {
			return "an RFC 3339 time"
		}
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}

// check enforces what the types cannot.
func (p *Plan) check() error {
	switch {
	case p.Schema != PlanSchema:
		return fmt.Errorf("/schema: expected %q, got %q", PlanSchema, p.Schema)
	case p.Tenant.ID == "":
		return errors.New("/tenant/id: required")
	case p.Evidence != nil && p.Evidence.CutOff.IsZero():
		return errors.New("/evidence/cut_off: required when evidence is given")
	}
	keys := map[string]bool{}
	for i, o := range p.Objects {
		if o.Key == "" || o.Kind == "" || o.Name == "" {
			return fmt.Errorf("/objects/%d: key, kind and name are required", i)
		}
		if keys[o.Key] {
			return fmt.Errorf("/objects/%d/key: %q appears twice", i, o.Key)
		}
		keys[o.Key] = true
	}
	for i, c := range p.Copies {
		if c.Key == "" || c.Tool == "" || c.ID == "" {
			return fmt.Errorf("/copies/%d: key, tool and id are required", i)
		}
		if keys[c.Key] {
			return fmt.Errorf("/copies/%d/key: %q appears twice", i, c.Key)
		}
		keys[c.Key] = true
		if c.Expiry.At == nil && c.Expiry.Basis != BasisNever && c.Expiry.Basis != BasisUnknown {
			return fmt.Errorf("/copies/%d/expiry: basis %q needs a date", i, c.Expiry.Basis)
		}
	}
	return nil
}
