// Package backup projects the evidence of backup tools — restic, borg and
// pgBackRest — to the compact value the policies read as input.backup (see
// policies/CONTRACT.md).
//
// Each tool's JSON (and restic's check text) is reduced to repositories
// with their encryption, integrity and snapshots, each snapshot with its
// time in nanoseconds and the tenants whose data it holds according to the
// configured selectors. The projection also builds the lookup the per-tenant
// checks use, tenant_repositories. Declarations that the evidence cannot
// show (site, maximum age, retention) are copied from the configuration.
//
// CollectRestic, CollectBorg and CollectPgBackRest produce that evidence
// live: they run the tools as processes with a timeout and a clean
// environment, and turn a tool that cannot read its repository into the
// source's error, with secrets removed.
//
// Every projected object carries ref, the bundle-relative file and the JSON
// pointer it came from. Nothing that could be a secret (passwords, keys,
// repository URLs with credentials) is read from the evidence.
package backup
