// Package attest loads attestations and accepted exceptions: the records
// a provider keeps next to its configuration for what cannot be measured.
//
// An attestation is a signed-off statement that an organisational measure
// is in place (document-specs §8). It assesses its measure as "attested",
// never as "met", and only until valid_until; afterwards the measure is
// "attestation expired". Attachments are referenced by path, relative to
// the attestation file's directory, and SHA-256; loading hashes each file
// and refuses an attestation whose attachment is missing or changed.
//
// An exception is an accepted risk for a failing check, following C5
// SP-03 (document-specs §0.1 rule 4): approved by the risk owner,
// documented with the risk id and a compensating measure, and limited to
// at most 12 months. It turns the failed findings of its check that its
// scope selects into "accepted exception"; the failure stays visible. An
// expired exception covers nothing, so the findings fall back to "fail".
//
// Files are YAML, *.yaml or *.yml, read in sorted order from each
// directory (not recursively). Decoding is strict: an unknown field, a
// wrong type or a broken rule is an *Error naming the file, the line and
// the field, e.g.
//
//	attestations/backup-restore.yaml:7: field valid_until: expected a date YYYY-MM-DD after date (2026-03-01), got "2026-02-30"
//
// A file holds lists under attestations: and/or exceptions:
//
//	attestations:
//	  - id: ATT-2026-001                 # unique across all files
//	    measure: TOM-VER-07              # the measure it assesses
//	    statement:
//	      de: Die Wiederherstellung aus der Datensicherung wurde am 01.03.2026 erfolgreich getestet.
//	      en: Restoring from backup was tested successfully on 2026-03-01.
//	    attested_by: {name: Max Beispiel, role: Leiter IT-Betrieb}
//	    date: 2026-03-01                 # YYYY-MM-DD
//	    valid_until: 2027-02-28          # the last valid day, after date
//	    review_cycle: 12 months          # optional: N months or N years
//	    attachments:                     # optional
//	      - path: docs/restore-test-2026-03.pdf   # relative to this file's directory
//	        sha256: 3b1f...                        # sha256sum of the file, 64 hex digits
//	exceptions:
//	  - id: EXC-2026-001
//	    check: BAK-OFFSITE-01            # the check whose failures it accepts
//	    scope: tenant:globex             # "*", tenant:<id> or resource:<glob>
//	    risk_id: R-2026-07
//	    risk_owner: Dr. Erika Mustermann (Geschäftsführung)
//	    approved_on: 2026-01-15
//	    expires_on: 2026-12-31           # at most 12 months after approved_on
//	    compensating_measure:            # both languages: the reports print it
//	      de: Wöchentliche Kopie auf verschlüsselte Wechselmedien im Tresor.
//	      en: Weekly copy on encrypted removable media in a safe.
//	    customer_text:                   # optional, both languages
//	      de: Die zweite Sicherungskopie liegt bis Ende 2026 am selben Standort.
//	      en: Until the end of 2026 the second backup copy is kept at the same site.
//	    residual_risk: low               # optional
//
// or a single attestation (a mapping with measure:) or exception (with
// check:) at the top.
//
// Scopes select findings by their tenant or resource string: "*" selects
// every finding of the check; "tenant:acme" the findings of tenant acme;
// "resource:prod/namespace/acme-*" the findings whose resource matches the
// glob in the syntax of path.Match, where "*" does not cross "/".
//
// Expiry is decided by the caller's clock (ExpiredAt); nothing here reads
// the current time. Whether a measure or check id exists is checked by the
// engine, which knows the catalogs.
package attest
