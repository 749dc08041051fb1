package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/evidence/config"
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
		RunE: func(_ *cobra.Command, _ []string) error { return runInit(o, d) },
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "nachweis.yaml", "file to write")
	return cmd
}

func runInit(o initOptions, d deps) error {
	if o.output == "" || o.output == "-" {
		return usagef("init: -o FILE must name a file")
	}
	// O_EXCL: an existing file, even one created a moment ago, is kept.
	f, err := os.OpenFile(o.output, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("init: %s exists; not overwriting it (remove it or give -o FILE)", o.output)
	}
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if _, err := f.Write(config.Example); err != nil {
		f.Close()
		os.Remove(o.output)
		return fmt.Errorf("init: write %s: %w", o.output, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(o.output)
		return fmt.Errorf("init: write %s: %w", o.output, err)
	}
	fmt.Fprintf(d.stderr, "wrote %s: replace the example values, then run nachweis collect --config %s -o bundle\n", o.output, o.output)
	return nil
}
