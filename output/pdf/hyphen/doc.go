// Package hyphen finds the places where a word may be hyphenated, with
// Frank Liang's algorithm (the one TeX uses, "Word Hy-phen-a-tion by
// Com-put-er", 1983) over published TeX pattern files:
//
//   - German: dehyph-exptl, reformed orthography (dehyphn-x-2022-03-16.pat),
//     by the Deutschsprachige Trennmustermannschaft, MIT licence;
//   - English: hyph-en-us (ushyphmax) by Gerard D.C. Kuiken, whose licence
//     permits copying and distribution with or without modification
//     provided the copyright notice and the licence are preserved. (The
//     British patterns, hyph-en-gb, follow Oxford's etymological breaks
//     such as "evid-ence" and "avail-ab-il-ity", which read worse.)
//
// The files are vendored unchanged under patterns/ with their licence
// (patterns/LICENSE) and embedded in the binary. A pattern file is parsed
// once per process, on first use; the break points of each word are
// cached, since a document repeats its words and every document of a run
// uses the same ones.
package hyphen
