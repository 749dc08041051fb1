// Package collect runs every evidence source of a configuration and writes
// what they return into one bundle: the live side of nachweis collect.
//
// Kubernetes clusters are read live (evidence/kubernetes), GitHub
// organisations through the REST API (evidence/github), restic and borg
// repositories and pgBackRest stanzas by running the tools
// (evidence/backup). A backup source that cannot be read is kept in the
// bundle as a failed source with the tool's message, so its checks report
// no-evidence instead of disappearing.
package collect
