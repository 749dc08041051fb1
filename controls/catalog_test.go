package controls

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestCatalogCounts(t *testing.T) {
	cats, err := LoadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		framework string
		total     int
		perGroup  map[string]int
	}{
		{C5, 121, map[string]int{
			"OIS": 7, "SP": 3, "HR": 6, "AM": 6, "PS": 7, "OPS": 24, "IDM": 9, "CRY": 4, "COS": 8,
			"PI": 3, "DEV": 10, "SSO": 5, "SIM": 5, "BCM": 4, "COM": 4, "INQ": 4, "PSS": 12,
		}},
		{ISO27001, 93, map[string]int{"A.5": 37, "A.6": 8, "A.7": 14, "A.8": 34}},
		{GDPR, 27, map[string]int{"art28": 19, "art32": 8}},
	}
	for _, tt := range tests {
		t.Run(tt.framework, func(t *testing.T) {
			c := cats[tt.framework]
			if c == nil {
				t.Fatalf("catalog %s missing", tt.framework)
			}
			if len(c.Requirements) != tt.total {
				t.Errorf("%d requirements, want %d", len(c.Requirements), tt.total)
			}
			got := map[string]int{}
			for _, r := range c.Requirements {
				got[r.Group]++
				if r.Framework != tt.framework {
					t.Errorf("%s: framework %q", r.ID, r.Framework)
				}
			}
			if diff := cmp.Diff(tt.perGroup, got); diff != "" {
				t.Errorf("requirements per group (-want +got):\n%s", diff)
			}
			if len(c.Groups) != len(tt.perGroup) {
				t.Errorf("%d groups, want %d", len(c.Groups), len(tt.perGroup))
			}
		})
	}
	if len(cats) != len(Frameworks) {
		t.Errorf("%d catalogs, want %d", len(cats), len(Frameworks))
	}
}

func TestCatalogOrder(t *testing.T) {
	if diff := cmp.Diff([]string{"c5-2020", "c5-2026", "iso27001-2022", "gdpr"}, Frameworks); diff != "" {
		t.Errorf("framework order (-want +got):\n%s", diff)
	}
	cats, err := LoadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		framework   string
		first, last string
		groups      []string
	}{
		{C5, "OIS-01", "PSS-12", []string{"OIS", "SP", "HR", "AM", "PS", "OPS", "IDM", "CRY", "COS", "PI", "DEV", "SSO", "SIM", "BCM", "COM", "INQ", "PSS"}},
		{ISO27001, "A.5.1", "A.8.34", []string{"A.5", "A.6", "A.7", "A.8"}},
		{GDPR, "28(1)", "32(4)", []string{"art28", "art32"}},
	}
	for _, tt := range tests {
		t.Run(tt.framework, func(t *testing.T) {
			c := cats[tt.framework]
			reqs := c.Requirements
			if reqs[0].ID != tt.first || reqs[len(reqs)-1].ID != tt.last {
				t.Errorf("first/last = %s/%s, want %s/%s", reqs[0].ID, reqs[len(reqs)-1].ID, tt.first, tt.last)
			}
			var groups []string
			for _, g := range c.Groups {
				groups = append(groups, g.ID)
			}
			if diff := cmp.Diff(tt.groups, groups); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
	// ISO ids sort numerically in catalog order, not as strings.
	iso := cats[ISO27001]
	if i, j := iso.position("A.5.9"), iso.position("A.5.10"); i >= j {
		t.Errorf("A.5.9 at %d is not before A.5.10 at %d", i, j)
	}
}

func TestCatalogTitles(t *testing.T) {
	cats, err := LoadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		framework, id string
		want          Requirement
	}{
		// The reference snapshot (ciso-assistant) titles OPS-06 "Data
		// Protection and Recovery - Concept", set with an en dash; the BSI's
		// German edition "Vorgaben zur …"; both kept as found.
		{C5, "OPS-06", Requirement{Framework: C5, ID: "OPS-06", Group: "OPS", Title: Text{DE: "Vorgaben zur Datensicherung und Wiederherstellung – Konzept", EN: "Data Protection and Recovery – Concept"}}},
		{C5, "OPS-09", Requirement{Framework: C5, ID: "OPS-09", Group: "OPS", Title: Text{DE: "Datensicherung und Wiederherstellung – Aufbewahrung", EN: "Data Backup and Recovery – Storage"}}},
		{C5, "PSS-12", Requirement{Framework: C5, ID: "PSS-12", Group: "PSS", Title: Text{DE: "Lokationen der Datenverarbeitung und -speicherung", EN: "Locations of Data Processing and Storage"}}},
		{C5, "COS-02", Requirement{Framework: C5, ID: "COS-02", Group: "COS", Title: Text{DE: "Sicherheitsanforderungen an Verbindungen im Netz des Cloud-Anbieters", EN: "Security requirements for connections in the Cloud Service Provider’s network"}}},
		{ISO27001, "A.8.13", Requirement{Framework: ISO27001, ID: "A.8.13", Group: "A.8", Title: Text{DE: "Sicherung von Informationen", EN: "Information backup"}}},
		{ISO27001, "A.5.34", Requirement{Framework: ISO27001, ID: "A.5.34", Group: "A.5", Title: Text{DE: "Datenschutz und Schutz von personenbezogenen Daten (PbD)", EN: "Privacy and protection of personal identifiable information (PII)"}}},
		{ISO27001, "A.7.14", Requirement{Framework: ISO27001, ID: "A.7.14", Group: "A.7", Title: Text{DE: "Sichere Entsorgung oder Wiederverwendung von Geräten und Betriebsmitteln", EN: "Secure disposal or re-use of equipment"}}},
		{GDPR, "32(1)(c)", Requirement{
			Framework: GDPR, ID: "32(1)(c)", Group: "art32", Kind: "point", Parent: "32(1)",
			Title:    Text{DE: "Rasche Wiederherstellbarkeit", EN: "Timely restoration"},
			Summary:  Text{DE: "Nach einem physischen oder technischen Zwischenfall sind Verfügbarkeit der Daten und Zugang zu ihnen rasch wiederhergestellt.", EN: "After a physical or technical incident, availability of and access to the data are restored quickly."},
			Citation: Text{DE: "Art. 32 Abs. 1 lit. c DSGVO", EN: "Art. 32(1)(c) GDPR"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.framework+":"+tt.id, func(t *testing.T) {
			got, ok := cats[tt.framework].Requirement(tt.id)
			if !ok {
				t.Fatalf("%s:%s not found", tt.framework, tt.id)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	groups := []struct {
		framework, id string
		want          Group
	}{
		{C5, "OPS", Group{ID: "OPS", Title: Text{DE: "Regelbetrieb", EN: "Operations"}}},
		{C5, "IDM", Group{ID: "IDM", Title: Text{DE: "Identitäts- und Berechtigungsmanagement", EN: "Identity and Access Management"}}},
		{ISO27001, "A.6", Group{ID: "A.6", Theme: "people", Title: Text{DE: "Personenbezogene Maßnahmen", EN: "People controls"}}},
		{GDPR, "art32", Group{ID: "art32", Title: Text{DE: "Art. 32 – Sicherheit der Verarbeitung", EN: "Art. 32 – Security of processing"}}},
	}
	for _, tt := range groups {
		t.Run("group/"+tt.framework+":"+tt.id, func(t *testing.T) {
			got, ok := cats[tt.framework].Group(tt.id)
			if !ok {
				t.Fatalf("group %s:%s not found", tt.framework, tt.id)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestGDPRStructure(t *testing.T) {
	cats, err := LoadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	var points []string
	for _, r := range cats[GDPR].Requirements {
		kinds[r.Kind]++
		if r.Kind != "paragraph" {
			points = append(points, r.Parent+" > "+r.ID)
		}
	}
	if diff := cmp.Diff(map[string]int{"paragraph": 14, "point": 12, "subparagraph": 1}, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	want := []string{
		"28(3) > 28(3)(a)", "28(3) > 28(3)(b)", "28(3) > 28(3)(c)", "28(3) > 28(3)(d)",
		"28(3) > 28(3)(e)", "28(3) > 28(3)(f)", "28(3) > 28(3)(g)", "28(3) > 28(3)(h)",
		"28(3) > 28(3)sub2",
		"32(1) > 32(1)(a)", "32(1) > 32(1)(b)", "32(1) > 32(1)(c)", "32(1) > 32(1)(d)",
	}
	if diff := cmp.Diff(want, points); diff != "" {
		t.Errorf("points (-want +got):\n%s", diff)
	}
}

// TestCatalogNoFullText guards the licence rule: catalogs carry ids and
// short titles, never the criterion text; every requirement has a German
// and an English title.
func TestCatalogNoFullText(t *testing.T) {
	cats, err := LoadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	for _, fw := range Frameworks {
		for _, r := range cats[fw].Requirements {
			for _, s := range []string{r.Title.DE, r.Title.EN} {
				if len(s) > 200 || strings.Contains(s, "\n") {
					t.Errorf("%s: title is not a short title: %q", r.Ref(), s)
				}
			}
			if r.Title.DE == "" || r.Title.EN == "" {
				t.Errorf("%s: title needs de and en: %+v", r.Ref(), r.Title)
			}
		}
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in            string
		framework, id string
		wantErr       string
	}{
		{in: "c5-2020:OPS-06", framework: "c5-2020", id: "OPS-06"},
		{in: "c5-2026:OPS-31", framework: "c5-2026", id: "OPS-31"},
		{in: "iso27001-2022:A.8.13", framework: "iso27001-2022", id: "A.8.13"},
		// The unversioned ids of older files are read as the versions they meant.
		{in: "c5:OPS-06", framework: "c5-2020", id: "OPS-06"},
		{in: "iso27001:A.8.13", framework: "iso27001-2022", id: "A.8.13"},
		{in: "gdpr:32(1)(c)", framework: "gdpr", id: "32(1)(c)"},
		{in: "gdpr:28(3)sub2", framework: "gdpr", id: "28(3)sub2"},
		{in: "OPS-06", wantErr: "want <framework>:<id>"},
		{in: "c5:", wantErr: "want <framework>:<id>"},
		{in: "iso:A.8.13", wantErr: `unknown framework "iso"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			fw, id, err := ParseRef(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fw != tt.framework || id != tt.id {
				t.Errorf("got %s, %s; want %s, %s", fw, id, tt.framework, tt.id)
			}
		})
	}
	for _, fw := range []string{"c5-2020", "c5-2026", "iso27001-2022", "gdpr"} {
		if !IsFramework(fw) {
			t.Errorf("IsFramework(%q) = false", fw)
		}
	}
	if IsFramework("C5") || IsFramework("") || IsFramework("c5") {
		t.Error("IsFramework accepts an unknown id")
	}
}

// TestCatalogStrict shows that the embedded data is decoded strictly: a
// misspelt key or an inconsistent entry is an error, not a silent gap.
func TestCatalogStrict(t *testing.T) {
	const head = "framework: iso27001-2022\nname: {de: D, en: E}\npublisher: P\npublished_by: {de: herausgegeben von P, en: published by P}\nversion: \"1\"\n" +
		"groups:\n  - {id: A.5, theme: organizational, title: {de: O, en: O}}\n"
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"ok", head + "requirements:\n  - {id: A.5.1, group: A.5, title: {de: T, en: T}}\n", ""},
		{"unknown field", head + "requirements:\n  - {id: A.5.1, group: A.5, titel: {de: T, en: T}}\n", "field titel not found"},
		{"unknown language", head + "requirements:\n  - {id: A.5.1, group: A.5, title: {de: T, en: T, fr: T}}\n", "field fr not found"},
		{"unknown group", head + "requirements:\n  - {id: A.5.1, group: A.9, title: {de: T, en: T}}\n", `unknown group "A.9"`},
		{"duplicate id", head + "requirements:\n  - {id: A.5.1, group: A.5, title: {de: T, en: T}}\n  - {id: A.5.1, group: A.5, title: {de: T, en: T}}\n", "duplicate id"},
		{"missing German title", head + "requirements:\n  - {id: A.5.1, group: A.5, title: {en: T}}\n", "title.de is required"},
		{"wrong framework", strings.Replace(head, "iso27001-2022", "c5-2020", 1) + "requirements: []\n", `declares framework "c5-2020"`},
		{"unversioned id of an older pack", strings.Replace(head, "iso27001-2022", "iso27001", 1) + "requirements:\n  - {id: A.5.1, group: A.5, title: {de: T, en: T}}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"cat.yaml": {Data: []byte(tt.yaml)}}
			_, err := loadCatalog(fsys, ISO27001, "cat.yaml")
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), "load catalog iso27001") {
				t.Errorf("error %q does not name the operation", err)
			}
		})
	}
}
