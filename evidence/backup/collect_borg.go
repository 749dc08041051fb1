package backup

import (
	"context"
	"strings"

	"github.com/nachweis/nachweis/evidence"
)

// CollectBorg reads one borg repository with borg list --json and borg
// info --json.
//
// Each run gets a clean environment: PATH, a temporary HOME (so borg's
// cache and security directory go there and are removed afterwards, never
// into the user's home), LANG=C.UTF-8, TZ=UTC (borg prints local times
// without an offset, which the projection reads as UTC), the passphrase
// (BORG_PASSCOMMAND reading SecretFile, or BORG_PASSPHRASE), and
// BORG_RELOCATED_REPO_ACCESS_IS_OK and
// BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK, because the fresh security
// directory has never seen the repository. Because of that HOME, keyfile
// repositories (keys in ~/.config/borg/keys) and repositories reached
// over SSH with the user's ~/.ssh cannot be read yet.
//
// If borg list fails nothing is collected and the source's Error holds
// borg's message with the passphrase removed; a failing borg info is
// recorded in Errors under "info". An error is returned only without a
// clock or when ctx ends.
func CollectBorg(ctx context.Context, o CollectOptions) (evidence.SourceData, error) {
	t := tool{
		name: ToolBorg,
		env: func(o CollectOptions, secret string) []string {
			env := []string{"TZ=UTC", "BORG_RELOCATED_REPO_ACCESS_IS_OK=yes", "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes"}
			switch {
			case o.SecretFile != "":
				env = append(env, "BORG_PASSCOMMAND=cat -- "+shellQuote(o.SecretFile))
			case secret != "":
				env = append(env, "BORG_PASSPHRASE="+secret)
			}
			return env
		},
		steps: []step{
			{what: "borg list", args: []string{"list", "--json", o.Repository}, kind: KindBorgList, origin: "list.json", key: KeySnapshots},
			{what: "borg info", args: []string{"info", "--json", o.Repository}, kind: KindBorgInfo, origin: "info.json", key: "info"},
		},
	}
	return collect(ctx, t, o)
}

// shellQuote quotes s for borg's BORG_PASSCOMMAND, which borg splits with
// Python's shlex (POSIX rules), not a shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}
