package controls

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// ReadResults decodes a results model written as JSON (output.WriteJSON).
// It reads this version's schema and nachweis.results/v2, whose framework
// ids had no version: a v2 file is returned as v3, with "c5" read as
// "c5-2020" and "iso27001" as "iso27001-2022" (v2 knew no other C5 or
// ISO version) and Schema saying v3; nothing else differs between the
// two. A file of another version (e.g. nachweis.results/v1, whose
// messages were English strings) is an error naming the versions, never
// read as if it were this one. Numbers in message arguments are kept as
// json.Number, so that nanosecond times stay exact.
func ReadResults(data []byte) (*Results, error) {
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("read results: %w", explainJSON(err))
	}
	switch {
	case head.Schema == nil:
		return nil, fmt.Errorf("read results: no schema field: not a nachweis results file (want %s)", ResultsSchema)
	case *head.Schema != ResultsSchema && *head.Schema != ResultsSchemaV2:
		return nil, fmt.Errorf("read results: schema %q: this version of nachweis reads %s and %s only; evaluate the evidence again (nachweis check --format json) or use the version that wrote it", *head.Schema, ResultsSchema, ResultsSchemaV2)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var r Results
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("read results: %w", explainJSON(err))
	}

	if r.Schema == ResultsSchemaV2 {
		if err := upgradeV2(&r); err != nil {
			return nil, fmt.Errorf("read results: %w", err)
		}
	}
	return &r, nil
}

// upgradeV2 makes the framework ids of a nachweis.results/v2 model
// versioned. A v2 file naming a versioned id or an unknown one is refused:
// v2 never wrote them.
func upgradeV2(r *Results) error {
	up := func(what, fw string) (string, error) {
		if IsAlias(fw) || fw == GDPR {
			c, _ := Canonical(fw)
			return c, nil
		}
		return "", fmt.Errorf("%s: framework %q is not one of %s (c5, iso27001, gdpr)", what, fw, ResultsSchemaV2)
	}
	var err error
	for i := range r.Frameworks {
		if r.Frameworks[i], err = up("frameworks", r.Frameworks[i]); err != nil {
			return err
		}
	}
	for i := range r.Summary {
		if r.Summary[i].Framework, err = up("summary", r.Summary[i].Framework); err != nil {
			return err
		}
	}
	for i := range r.Requirements {
		if r.Requirements[i].Framework, err = up("requirements", r.Requirements[i].Framework); err != nil {
			return err
		}
	}
	r.Schema = ResultsSchema
	return nil
}

// explainJSON words an error of encoding/json for a reader of the file:
// the JSON pointer and the types in words instead of Go's type names.
func explainJSON(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		where := "the top-level value"
		if te.Field != "" {
			where = "/" + strings.ReplaceAll(te.Field, ".", "/")
		}
		return fmt.Errorf("%s: expected %s, found %s", where, kindWords(te.Type), valueWords(te.Value))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		msg := strings.TrimPrefix(se.Error(), "json: ")
		if msg == "unexpected end of JSON input" {
			return fmt.Errorf("unexpected end of input (truncated JSON)")
		}
		return fmt.Errorf("invalid JSON at byte %d: %s", se.Offset, msg)
	}
	if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Errorf("unknown field %s", msg)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("unexpected end of input (truncated JSON)")
	}
	return err
}

// kindWords names what a Go type reads from JSON.
func kindWords(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a value"
}

// valueWords names the JSON value encoding/json found (UnmarshalTypeError.Value).
func valueWords(v string) string {
	switch {
	case v == "string":
		return "a string"
	case v == "bool":
		return "true or false"
	case v == "array":
		return "an array"
	case v == "object":
		return "an object"
	case v == "null":
		return "null"
	case strings.HasPrefix(v, "number"):
		return "a number"
	}
	return "another value"
}
