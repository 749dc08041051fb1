package main

import (
	"github.com/spf13/cobra"
)

// version is the tool version, set at build time with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func newRootCmd(d deps) *cobra.Command {
	root := &cobra.Command{
		Use:   "nachweis",
		Short: "Evidence-based compliance for C5, ISO 27001 and GDPR",
		Long: `nachweis evaluates BSI C5:2020, ISO/IEC 27001:2022 Annex A and GDPR Art. 28/32
controls against evidence from Kubernetes, backups and GitHub organisations.

Exit codes: 0 ok, 1 error, 2 usage, 3 controls failing at or above --fail-on.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(d.stdout)
	root.SetErr(d.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		newInitCmd(d),
		newCollectCmd(d),
		newCheckCmd(d),
		newImportCmd(d),
		newControlsCmd(d),
		newTOMCmd(d),
		newReportCmd(d),
		newSoACmd(d),
		newMatrixCmd(d),
		newDeletionCmd(d),
		newDemoCmd(d),
		newApproveCmd(d),
		newKeysCmd(d),
		newPackCmd(d),
		newVerifyCmd(d),
	)
	return root
}
