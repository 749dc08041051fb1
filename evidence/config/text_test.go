package config

import "testing"

// A text missing in the document's language is never shown silently in
// the other one: it carries a visible marker.
func TestTextIn(t *testing.T) {
	for _, tt := range []struct {
		text     Text
		lang     string
		want     string
		wantZero bool
	}{
		{Text{DE: "Vertraulich", EN: "Confidential"}, "de", "Vertraulich", false},
		{Text{DE: "Vertraulich", EN: "Confidential"}, "en", "Confidential", false},
		{Text{DE: "Vertraulich"}, "en", "[only given in German] Vertraulich", false},
		{Text{EN: "Confidential"}, "de", "[nur auf Englisch angegeben] Confidential", false},
		{Text{}, "de", "", true},
		{Text{DE: " "}, "de", " ", true},
	} {
		if got := tt.text.In(tt.lang); got != tt.want {
			t.Errorf("%+v.In(%s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
		if got := tt.text.IsZero(); got != tt.wantZero {
			t.Errorf("%+v.IsZero() = %v", tt.text, got)
		}
	}
}

// A plain text takes the file's declared language; a document in the
// other language marks it.
func TestPlainTextTakesTheFilesLanguage(t *testing.T) {
	c, err := Parse("n.yaml", []byte("language: en\nclassification: {customer: Confidential}\nsub_processors: [{name: X, service: {de: Rechenzentrum, en: data centre}}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.CustomerClassification("de"); got != "[nur auf Englisch angegeben] Confidential" {
		t.Errorf("German classification %q", got)
	}
	if got := c.InternalClassification("de"); got != "Vertraulich – intern" {
		t.Errorf("default internal classification %q", got)
	}
	if got := c.SubProcessors[0].Service.In("en"); got != "data centre" {
		t.Errorf("service %q", got)
	}
}

func TestRoleName(t *testing.T) {
	c := &Config{Roles: map[string]Text{"ISB": {DE: "Informationssicherheitsbeauftragte(r) (ISB)", EN: "Information security officer (ISO)"}}}
	for _, tt := range []struct{ role, lang, lang0, want string }{
		{"ISB", "de", "", "Informationssicherheitsbeauftragte(r) (ISB)"},
		{"ISB", "en", "", "Information security officer (ISO)"},
		{"Leitung IT-Betrieb", "en", "", "Leitung IT-Betrieb [name not translated]"},
		{"Leitung IT-Betrieb", "de", "", "Leitung IT-Betrieb [Bezeichnung nicht übersetzt]"},
		{"Leitung IT-Betrieb", "de", "de", "Leitung IT-Betrieb"},
		{"Leitung IT-Betrieb", "en", "de", "Leitung IT-Betrieb [name not translated]"},
	} {
		c.Language = tt.lang0
		if got := c.RoleName(tt.role, tt.lang); got != tt.want {
			t.Errorf("RoleName(%q, %s) with language %q = %q, want %q", tt.role, tt.lang, tt.lang0, got, tt.want)
		}
	}
}

func TestSiteName(t *testing.T) {
	c := &Config{Service: Service{Locations: []ServiceLocation{{Site: "DE-Nuremberg", Name: Text{DE: "Nürnberg", EN: "Nuremberg"}}}}}
	for _, tt := range []struct{ site, lang, want string }{
		{"DE-Nuremberg", "de", "Nürnberg (DE)"},
		{"DE-Nuremberg", "en", "Nuremberg (DE)"},
		{"FI-Helsinki", "de", "Helsinki (FI)"},
		{"onsite", "de", "onsite"},
	} {
		if got := c.SiteName(tt.site, tt.lang); got != tt.want {
			t.Errorf("SiteName(%q, %s) = %q, want %q", tt.site, tt.lang, got, tt.want)
		}
	}
}
