package controls

// Text is a string in German and English. Catalog, measure and check texts
// are bilingual; German is authoritative.
type Text struct {
	DE string `json:"de,omitempty" yaml:"de"`
	EN string `json:"en,omitempty" yaml:"en"`
}

// In returns the text in lang ("de" or "en"), falling back to the other
// language when one is missing.
func (t Text) In(lang string) string {
	if lang == "de" && t.DE != "" || t.EN == "" {
		return t.DE
	}
	return t.EN
}
