// Package fuzzcheck holds the properties the fuzz targets of the evidence
// readers share: an error is one line that names the file, and a JSON
// pointer a projection records as evidence (a ref "path#/items/3")
// leads to a value of the file it names.
//
// It is imported by tests only.
package fuzzcheck
