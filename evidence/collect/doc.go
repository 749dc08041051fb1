// Package collect runs every evidence source of a configuration and writes
// what they return into one bundle: the live side of nachweis collect.
//
// Kubernetes clusters are read live (evidence/kubernetes), GitHub
// organisations through the REST API (evidence/github), restic and borg
// repositories by running the tools (evidence/backup). pgBackRest stanzas
// cannot be collected live yet; each is recorded as a failed source whose
// error says to import its output, so its checks report no-evidence
// instead of disappearing.
package collect
