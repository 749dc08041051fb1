// Package yamlstrict decodes one YAML document strictly, for the files a
// provider writes by hand: nachweis.yaml (evidence/config) and the
// attestation and exception files (evidence/attest).
//
// Parse reads exactly one document into a yaml.Node tree. A Decoder then
// fills a Go value from it over its yaml tags, more strictly than
// yaml.v3's KnownFields: every key must be a field, every value must have
// the field's type, and an error is an *Error naming the file, the line
// and the key path (sources.restic[0].max_age), quoting at most the start
// of the offending value. Decoding records the line of every key path it
// visits, so that the caller's own validation can point at the same place
// through Lines.
//
// The two formats differ in wording and in a few types; those are the
// Decoder's settings: the noun for a key ("field" or "key"), the unit in
// the size-limit message, a hook for unknown keys (config refuses a key
// that looks like a literal secret without echoing its value) and extra
// scalar types such as dates or durations with day suffixes.
//
// Aliases are followed, and every value counts towards MaxNodes after
// expansion, so that nested aliases ("billion laughs") cannot make the
// decoder run away.
package yamlstrict
