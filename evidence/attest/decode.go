package attest

import (
	"errors"
	"fmt"

	"github.com/nachweis/nachweis/evidence/internal/printable"
	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// Error is a problem with an attestation or exception file. Its text is
// "<file>:<line>: field <field>: <message>", e.g.
//
//	attestations/backup-restore.yaml:7: field valid_until: expected a date YYYY-MM-DD after date (2026-03-01), got "2026-02-30"
//
// Field is relative to the attestation or exception it is in (statement.de,
// attachments[0].sha256); it is empty for problems with the whole file.
type Error struct {
	File  string
	Line  int
	Field string
	Msg   string
	// Err is the underlying error, e.g. fs.ErrNotExist for a missing
	// attachment; nil for problems of the file's content.
	Err error
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: field %s: %s", e.File, e.Line, printable.String(e.Field), e.Msg)
}

// fromYAML turns an error of the YAML parser or decoder into an *Error.
func fromYAML(err error) error {
	var e *yamlstrict.Error
	if errors.As(err, &e) {
		return &Error{File: e.File, Line: e.Line, Field: e.Path, Msg: e.Msg}
	}
	return err
}

// newDecoder returns the strict decoder for one attestation or exception
// file; its node limit covers every record in the file together.
func newDecoder(file string) *yamlstrict.Decoder {
	return &yamlstrict.Decoder{
		File: file,
		Noun: "field",
		Unit: "file",
		// Bounds the work of decoding one file, so that nested aliases
		// cannot make the decoder run away.
		MaxNodes: 100_000,
		// A text that documents print is given in both languages; plain
		// text is refused with that said (a mapping decodes as usual).
		Scalars: []yamlstrict.Scalar{yamlstrict.NewScalar("a text in German and English, {de: …, en: …}", func(string) (Text, bool) { return Text{}, false })},
	}
}
