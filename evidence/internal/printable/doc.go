// Package printable writes keys, paths, pointers and names that come from
// evidence or configuration so that a message quoting them stays one line
// and cannot steer a terminal.
package printable
