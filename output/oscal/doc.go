// Package oscal writes the results model as NIST OSCAL 1.1.3 JSON: an
// assessment-results document (one observation per check finding and per
// attestation, one finding per framework requirement, accepted exceptions
// as risks, the evidence files as back-matter resources with their
// sha256) and a component-definition of the provider's measures with the
// requirements each one supports.
//
// OSCAL identifiers are NCName tokens and cannot hold the colon of a
// requirement reference such as c5-2020:OPS-06, nor GDPR's parentheses; control
// ids are therefore derived tokens (c5-ops-06, gdpr-32.1.c) and the
// framework and the reference as nachweis writes it travel in props. All
// UUIDs are version 5, derived from the run id and stable names, so the
// same results give byte-identical documents.
package oscal
