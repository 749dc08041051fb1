package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], deps{
		stdout: os.Stdout,
		stderr: os.Stderr,
		now:    time.Now,
		getenv: os.Getenv,
	}))
}

// deps is the world a command sees; tests replace it.
type deps struct {
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	getenv func(string) string
}

// run executes one command line and maps its error to an exit code. It is
// the only place that decides exit codes.
func run(args []string, d deps) int {
	root := newRootCmd(d)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	code := exitCode(err)
	if code != exitFailing {
		fmt.Fprintf(d.stderr, "nachweis: %v\n", err)
	}
	return code
}
