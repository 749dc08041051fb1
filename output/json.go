package output

import (
	"errors"
	"fmt"
	"io"

	"github.com/nachweis/nachweis/controls"
)

// WriteJSON writes the results model as JSON, indented by two spaces and
// ending in a newline. The shape is the model's own (its json tags); maps
// are written with sorted keys, so the same results give the same bytes.
// A results value without a schema name gets controls.ResultsSchema, so
// that every document names its version.
func WriteJSON(w io.Writer, r *controls.Results) error {
	if r == nil {
		return errors.New("write results json: no results")
	}
	doc := *r
	if doc.Schema == "" {
		doc.Schema = controls.ResultsSchema
	}
	// Indented, HTML left unescaped: messages compare values ("<= 26h");
	// keep them readable. Streamed: the results of a large provider are
	// tens of megabytes.
	var enc *encodeError
	if err := streamJSON(w, &doc); errors.As(err, &enc) {
		return fmt.Errorf("encode results json: %w", enc.err)
	} else if err != nil {
		return fmt.Errorf("write results json: %w", err)
	}
	return nil
}
