// Package evidence defines the evidence bundle: a directory with
// manifest.json and the raw items exactly as collected or imported, each
// with its sha256 and size. Sub-packages read one kind of source each
// (kubernetes, backup, github), attestations and exceptions (attest), and
// the configuration (config).
//
// A bundle is written to a temporary directory and renamed into place, so
// a failed import or collection never leaves a partial bundle behind and
// never changes an existing one.
package evidence
