package main

import (
	"context"
	"io"

	"github.com/nachweis/nachweis/internal/outfile"
)

// writeOutput writes to stdout when path is "" or "-", else to path by the
// rules of package outfile: staged and renamed onto a file, written
// directly to a device or FIFO, through a symbolic link to its target, so
// a failed or interrupted render never leaves a partial file.
func writeOutput(ctx context.Context, path string, c outfile.Class, stdout io.Writer, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		return render(stdout)
	}
	return outfile.WriteFile(ctx, path, c, render)
}
