// Package outfile writes nachweis's outputs without damaging what is at the
// path the user named.
//
// The rules, for every single-file output (-o FILE), every file of a
// multi-file output (-o DIR) and every bundle directory:
//
//   - A new path or a regular file is written to a staging file beside it
//     and renamed into place when complete: a failed or interrupted write
//     leaves the old file (or nothing) and no partial file.
//   - A character device or a FIFO (/dev/null, a named pipe) is written to
//     directly, once the whole content is rendered; it is never replaced.
//   - /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N write to the
//     process's open file descriptor, as a shell redirection does.
//   - A symbolic link is followed; its final target is written by the rules
//     above (a staging file beside the target, then a rename). The link
//     itself stays.
//   - A directory, a block device, a socket or anything else at the path is
//     an error naming the path; nothing is written.
//
// Permissions: a Private output (bundles, results, check -o) is created
// 0600 (directories 0700), since it describes the provider's weaknesses; a
// Document (PDF, XLSX) is created 0666 and directories 0777, both reduced
// by the user's umask.
//
// Staging files and directories are named ".nachweis-<name>-<random>.tmp"
// (StagingPattern). They are removed when a write fails or is cancelled;
// RemoveStaging removes those still open when the process is forced to
// exit (a second SIGINT/SIGTERM). Only a crash or SIGKILL can leave one
// behind; any entry matching the pattern can then be deleted while no
// nachweis runs.
package outfile
