package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/internal/outfile"
)

type initOptions struct {
	output string
}

func newInitCmd(d deps) *cobra.Command {
	var o initOptions
	cmd := &cobra.Command{
		Use:   "init [-o nachweis.yaml]",
		Short: "Write a commented example configuration",
		Long: `Write a commented example nachweis.yaml with every section: organisation,
tenants, sources, directories, scope decisions, parameters and sub-processors.
An existing file is never overwritten.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runInit(contextOf(cmd.Context()), o, d) },
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "nachweis.yaml", "file to write")
	return cmd
}

func runInit(ctx context.Context, o initOptions, d deps) error {
	if o.output == "" || o.output == "-" {
		return usagef("init: -o FILE must name a file")
	}
	// An existing file, even one created a moment ago, is kept; a device
	// or FIFO (-o /dev/stdout) is written to.
	err := outfile.CreateFile(ctx, o.output, outfile.Document, func(w io.Writer) error {
		_, err := w.Write(config.Example)
		return err
	})
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("init: %s exists; not overwriting it (remove it or give -o FILE)", o.output)
	}
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	fmt.Fprintf(d.stderr, "wrote %s: replace the example values, then run nachweis collect --config %s -o bundle\n", o.output, o.output)
	return nil
}
