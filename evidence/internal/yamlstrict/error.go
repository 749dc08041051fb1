package yamlstrict

import (
	"fmt"

	"github.com/nachweis/nachweis/evidence/internal/printable"
)

// Error is a problem with a YAML file: where it is and what was expected.
// Its text is "<file>:<line>: <key path>: <message>", e.g.
//
//	nachweis.yaml:12: sources.restic[0].max_age: expected a duration like 26h or 7d, got "yesterday"
//
// Messages quote at most the start of the offending value.
type Error struct {
	File string
	Line int
	// Path is the key path, e.g. sources.restic[0].max_age; empty for
	// problems with the whole file.
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	// Keys come from the file: a key with a line break or an escape
	// sequence must not break the message.
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, printable.String(e.Path), e.Msg)
}
