package controls

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ReadResults decodes a results model written as JSON (output.WriteJSON).
// Only this version's schema is read: a file of another version (e.g.
// nachweis.results/v1, whose messages were English strings) is an error
// naming both versions, never read as if it were this one. Numbers in
// message arguments are kept as json.Number, so that nanosecond times stay
// exact.
func ReadResults(data []byte) (*Results, error) {
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("read results: %w", err)
	}
	switch {
	case head.Schema == nil:
		return nil, fmt.Errorf("read results: no schema field: not a nachweis results file (want %s)", ResultsSchema)
	case *head.Schema != ResultsSchema:
		return nil, fmt.Errorf("read results: schema %q: this version of nachweis reads %s only; evaluate the evidence again (nachweis check --format json) or use the version that wrote it", *head.Schema, ResultsSchema)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var r Results
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("read results: %w", err)
	}
	return &r, nil
}
