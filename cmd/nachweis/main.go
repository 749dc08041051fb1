package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/nachweis/nachweis/output"
)

func main() {
	ctx, stop := withSignals(context.Background(), os.Stderr)
	stopProfiles := startProfiles(os.Getenv, os.Stderr)
	code := runContext(ctx, os.Args[1:], deps{
		stdout: os.Stdout,
		stderr: os.Stderr,
		now:    time.Now,
		getenv: os.Getenv,
	})
	stop()
	stopProfiles()
	os.Exit(code)
}

// deps is the world a command sees; tests replace it.
type deps struct {
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	getenv func(string) string
}

// run executes one command line without signal handling.
func run(args []string, d deps) int { return runContext(context.Background(), args, d) }

// runContext executes one command line and maps its error to an exit
// code. It is the only place that decides exit codes. ctx is cancelled by
// SIGINT/SIGTERM (withSignals): every command then stops, removes what it
// staged and leaves its outputs as they were.
func runContext(ctx context.Context, args []string, d deps) int {
	root := newRootCmd(d)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var sig *interrupted
	if errors.As(context.Cause(ctx), &sig) && ctx.Err() != nil {
		fmt.Fprintf(d.stderr, "nachweis: interrupted by %s: stopped; outputs left as they were\n", sig.name)
		return sig.code()
	}
	code := exitCode(err)
	if code != exitFailing {
		// Errors quote evidence (names, values, collector messages):
		// no escape sequence of theirs reaches the terminal.
		fmt.Fprintf(d.stderr, "nachweis: %s\n", output.SafeText(err.Error()))
	}
	return code
}
