package config

import _ "embed"

// Example is a commented example configuration with every section, for a
// fictitious German provider; nachweis init writes it. It parses without
// error, and secrets appear in it only as *_file and *_env references.
//
//go:embed example.yaml
var Example []byte
