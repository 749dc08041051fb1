package oscal

// The subset of the OSCAL 1.1.3 JSON model nachweis writes. Field order
// is the order of the output; empty optional fields are left out, as
// OSCAL forbids empty arrays.

type metadata struct {
	Title        string  `json:"title"`
	LastModified string  `json:"last-modified"`
	Version      string  `json:"version"`
	OSCALVersion string  `json:"oscal-version"`
	Props        []prop  `json:"props,omitempty"`
	Parties      []party `json:"parties,omitempty"`
	Remarks      string  `json:"remarks,omitempty"`
}

type party struct {
	UUID string `json:"uuid"`
	Type string `json:"type"`
	Name string `json:"name"`
}

type prop struct {
	Name    string `json:"name"`
	NS      string `json:"ns,omitempty"`
	Value   string `json:"value"`
	Remarks string `json:"remarks,omitempty"`
}

type backMatter struct {
	Resources []resource `json:"resources,omitempty"`
}

type resource struct {
	UUID        string  `json:"uuid"`
	Title       string  `json:"title,omitempty"`
	Description string  `json:"description,omitempty"`
	Props       []prop  `json:"props,omitempty"`
	RLinks      []rlink `json:"rlinks,omitempty"`
	Remarks     string  `json:"remarks,omitempty"`
}

type rlink struct {
	Href      string `json:"href"`
	MediaType string `json:"media-type,omitempty"`
	Hashes    []hash `json:"hashes,omitempty"`
}

type hash struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"value"`
}

// assessment-results

type arDocument struct {
	AssessmentResults assessmentResults `json:"assessment-results"`
}

type assessmentResults struct {
	UUID       string      `json:"uuid"`
	Metadata   metadata    `json:"metadata"`
	ImportAP   importAP    `json:"import-ap"`
	Results    []result    `json:"results"`
	BackMatter *backMatter `json:"back-matter,omitempty"`
}

type importAP struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitempty"`
}

type result struct {
	UUID             string           `json:"uuid"`
	Title            string           `json:"title"`
	Description      string           `json:"description"`
	Start            string           `json:"start"`
	End              string           `json:"end,omitempty"`
	Props            []prop           `json:"props,omitempty"`
	ReviewedControls reviewedControls `json:"reviewed-controls"`
	Observations     []observation    `json:"observations,omitempty"`
	Risks            []risk           `json:"risks,omitempty"`
	Findings         []finding        `json:"findings,omitempty"`
	Remarks          string           `json:"remarks,omitempty"`
}

type reviewedControls struct {
	ControlSelections []controlSelection `json:"control-selections"`
}

type controlSelection struct {
	Description     string          `json:"description,omitempty"`
	Props           []prop          `json:"props,omitempty"`
	IncludeControls []selectControl `json:"include-controls,omitempty"`
}

type selectControl struct {
	ControlID string `json:"control-id"`
}

type observation struct {
	UUID             string             `json:"uuid"`
	Title            string             `json:"title,omitempty"`
	Description      string             `json:"description"`
	Props            []prop             `json:"props,omitempty"`
	Methods          []string           `json:"methods"`
	Types            []string           `json:"types,omitempty"`
	RelevantEvidence []relevantEvidence `json:"relevant-evidence,omitempty"`
	Collected        string             `json:"collected"`
	Expires          string             `json:"expires,omitempty"`
	Remarks          string             `json:"remarks,omitempty"`
}

type relevantEvidence struct {
	Href        string `json:"href,omitempty"`
	Description string `json:"description"`
	Props       []prop `json:"props,omitempty"`
}

type risk struct {
	UUID        string `json:"uuid"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Statement   string `json:"statement"`
	Props       []prop `json:"props,omitempty"`
	Status      string `json:"status"`
	Deadline    string `json:"deadline,omitempty"`
}

type finding struct {
	UUID                string               `json:"uuid"`
	Title               string               `json:"title"`
	Description         string               `json:"description"`
	Props               []prop               `json:"props,omitempty"`
	Target              findingTarget        `json:"target"`
	RelatedObservations []relatedObservation `json:"related-observations,omitempty"`
	RelatedRisks        []relatedRisk        `json:"related-risks,omitempty"`
	Remarks             string               `json:"remarks,omitempty"`
}

type findingTarget struct {
	Type                 string                `json:"type"`
	TargetID             string                `json:"target-id"`
	Props                []prop                `json:"props,omitempty"`
	Status               objectiveStatus       `json:"status"`
	ImplementationStatus *implementationStatus `json:"implementation-status,omitempty"`
}

type objectiveStatus struct {
	State   string `json:"state"`
	Reason  string `json:"reason,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

type implementationStatus struct {
	State   string `json:"state"`
	Remarks string `json:"remarks,omitempty"`
}

type relatedObservation struct {
	ObservationUUID string `json:"observation-uuid"`
}

type relatedRisk struct {
	RiskUUID string `json:"risk-uuid"`
}

// component-definition

type cdDocument struct {
	ComponentDefinition componentDefinition `json:"component-definition"`
}

type componentDefinition struct {
	UUID       string      `json:"uuid"`
	Metadata   metadata    `json:"metadata"`
	Components []component `json:"components,omitempty"`
	BackMatter *backMatter `json:"back-matter,omitempty"`
}

type component struct {
	UUID                   string                  `json:"uuid"`
	Type                   string                  `json:"type"`
	Title                  string                  `json:"title"`
	Description            string                  `json:"description"`
	Props                  []prop                  `json:"props,omitempty"`
	ControlImplementations []controlImplementation `json:"control-implementations,omitempty"`
}

type controlImplementation struct {
	UUID                    string                   `json:"uuid"`
	Source                  string                   `json:"source"`
	Description             string                   `json:"description"`
	Props                   []prop                   `json:"props,omitempty"`
	ImplementedRequirements []implementedRequirement `json:"implemented-requirements"`
}

type implementedRequirement struct {
	UUID        string `json:"uuid"`
	ControlID   string `json:"control-id"`
	Description string `json:"description"`
	Props       []prop `json:"props,omitempty"`
}
