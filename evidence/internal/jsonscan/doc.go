// Package jsonscan reads JSON evidence without decoding it, for what
// encoding/json does not say:
//
//   - Duplicates finds an object that holds a key twice. encoding/json
//     keeps the last value and matches struct fields case-insensitively,
//     so "privileged": true, "Privileged": false decodes as false: evidence
//     with such keys is refused instead of being read one way or the other.
//   - PointerAt names the JSON pointer of a byte offset, so a decoding
//     error can say where in a file it happened.
//   - Explain turns encoding/json's errors into one line that names the
//     JSON pointer and the expected and found types in words ("expected
//     an array of objects, found a string") instead of Go types.
//
// The scanner is linear in the input, keeps no copy of it and allocates
// only for keys with escapes, invalid UTF-8 or objects with many keys.
package jsonscan
