// Package pack writes, reads and verifies the auditor evidence pack: one
// zip file holding the documents, the results, the evidence bundle, the
// policies, catalogs and configuration they were produced with, OSCAL
// assessment results, a canonical manifest.json of every file's sha256
// and size, and an in-toto Statement v1 over those files in a DSSE
// envelope signed with ed25519, plus the public key.
//
// The format is deliberately plain so that standard tools can check it:
// sha256sum -c SHA256SUMS checks the files, and cosign
// verify-blob-attestation (or any DSSE/in-toto verifier) checks the
// signature over the statement, whose subjects include manifest.json.
//
// Write is deterministic: the same files, key and time give a
// byte-identical zip (entries sorted by path, one fixed modification time,
// Deflate at one fixed level, canonical JSON). Read distrusts its input:
// it bounds the number and the sizes of the entries, rejects paths that
// are absolute, contain "..", collide (also case-insensitively) or name
// anything but regular files, and reads everything in memory, so nothing
// is ever extracted. Verify reports every problem with the file it is
// about. Re-evaluating the packed evidence is the caller's job (package
// pack knows nothing of policies); FS gives the packed files as an fs.FS
// for it.
package pack
