package backup

import (
	"context"
	"slices"

	"github.com/nachweis/nachweis/evidence"
)

// CollectRestic reads one restic repository with restic snapshots --json,
// restic stats --json --mode raw-data and restic cat config (see
// CollectBorg for how the tool is run). It passes --no-lock: the collector
// only reads and needs no write access to the repository. The password
// reaches restic as RESTIC_PASSWORD_FILE or RESTIC_PASSWORD; the
// environment is otherwise clean, so backends that take credentials from
// the environment (S3, B2, REST with a password) cannot be read yet.
//
// With o.Check set it also runs restic check (see ResticCheck), without
// --no-lock: check takes restic's exclusive lock, so it needs write
// access to the repository and does not run while a backup holds a lock.
// Its output, stdout then stderr, becomes the restic/check item also
// when check found errors (that is evidence of a damaged repository); a
// check that could not run is recorded in Errors under "integrity".
//
// If restic snapshots fails (restic missing, a wrong password, an
// unreachable repository, the timeout) nothing is collected and the
// source's Error holds restic's message with the password removed; a
// later run's failure is recorded in Errors (cat config under
// "encryption"). An error is returned only without a clock or when ctx
// ends.
func CollectRestic(ctx context.Context, o CollectOptions) (evidence.SourceData, error) {
	repo := []string{"--no-lock", "-r", o.Repository}
	steps := []step{
		{what: "restic snapshots", args: slices.Concat(repo, []string{"snapshots", "--json"}), kind: KindResticSnapshots, origin: "snapshots.json", key: KeySnapshots},
		{what: "restic stats", args: slices.Concat(repo, []string{"stats", "--json", "--mode", "raw-data"}), kind: KindResticStats, origin: "stats-raw-data.json", key: "stats"},
		{what: "restic cat config", args: slices.Concat(repo, []string{"cat", "config"}), kind: KindResticConfig, origin: "cat-config.json", key: KeyEncryption},
	}
	if o.Check != nil && o.Now != nil {
		steps = append(steps, step{
			what: "restic check", args: slices.Concat([]string{"-r", o.Repository}, o.Check.args(o.Now())),
			kind: KindResticCheck, origin: "check.txt", key: KeyIntegrity, output: resticCheckOutput, text: true,
		})
	}
	t := tool{
		name: ToolRestic,
		env: func(o CollectOptions, secret string) []string {
			switch {
			case o.SecretFile != "":
				return []string{"RESTIC_PASSWORD_FILE=" + o.SecretFile}
			case secret != "":
				return []string{"RESTIC_PASSWORD=" + secret}
			}
			return nil
		},
		steps: steps,
	}
	return collect(ctx, t, o)
}
