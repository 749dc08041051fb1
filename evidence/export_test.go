package evidence

// RedactKubernetes is redactKubernetes for the tests of package
// evidence_test, which read the redacted documents with the Kubernetes
// projection (a package that imports this one): the document, the
// manifest note, and whether nested Lists were flattened.
func RedactKubernetes(data []byte, itemKind string) ([]byte, string, bool, error) {
	out, r, err := redactKubernetes(data, itemKind)
	return out, r.note(), r.nestedLists > 0, err
}
