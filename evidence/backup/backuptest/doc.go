// Package backuptest makes real restic and borg repositories and a real
// PostgreSQL cluster with pgBackRest repositories for tests, with the
// tools installed by make deps. Snapshot times are set with the
// tools' own options (restic backup --time, borg create --timestamp), so
// a repository can look old without waiting.
package backuptest
