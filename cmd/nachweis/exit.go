package main

import (
	"errors"
	"fmt"
)

// Exit codes (STYLE.md).
const (
	exitOK      = 0
	exitError   = 1
	exitUsage   = 2
	exitFailing = 3
)

// usageError is a wrong flag or argument: exit 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return &usageError{fmt.Errorf(format, a...)} }

// failingError reports controls failing at or above --fail-on: exit 3. The
// results were already printed, so main prints nothing more.
type failingError struct{ count int }

func (e *failingError) Error() string { return fmt.Sprintf("%d checks failing", e.count) }

func exitCode(err error) int {
	var u *usageError
	var f *failingError
	switch {
	case errors.As(err, &f):
		return exitFailing
	case errors.As(err, &u):
		return exitUsage
	default:
		return exitError
	}
}
