package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/nachweis/nachweis/internal/outfile"
)

// interrupted is the cause of a context cancelled by a signal.
type interrupted struct {
	name string
	num  int
}

func (i *interrupted) Error() string { return "interrupted by " + i.name }

// code is the shell's exit status for a process ended by the signal:
// 128 + its number (130 for SIGINT, 143 for SIGTERM).
func (i *interrupted) code() int { return 128 + i.num }

// withSignals returns a context that SIGINT or SIGTERM cancels (with an
// *interrupted cause), so that every command stops and removes its
// staging. A second signal forces the exit: the staging files still
// open are removed (after a commit in progress has finished, so no
// output is left half replaced) and the process exits at once. stop
// restores the default signal handling.
func withSignals(parent context.Context, stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			cancel(signalCause(s))
		case <-done:
			return
		}
		select {
		case s := <-ch:
			outfile.RemoveStaging()
			c := signalCause(s)
			fmt.Fprintf(stderr, "nachweis: second signal (%s): forced exit; outputs left as they were\n", c.name)
			os.Exit(c.code())
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

func signalCause(s os.Signal) *interrupted {
	if s == syscall.SIGTERM {
		return &interrupted{name: "SIGTERM", num: int(syscall.SIGTERM)}
	}
	return &interrupted{name: "SIGINT", num: int(syscall.SIGINT)}
}
