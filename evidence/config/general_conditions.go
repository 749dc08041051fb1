package config

import (
	"time"
)

// GeneralConditions are the provider's statements on the general
// conditions of C5:2026 (GC-01 … GC-06). Every part is optional: a report
// says what is not declared instead of inventing it. What the evidence
// shows (node regions and zones, backup sites, the age of the newest
// backup) the report adds as measured beside these declared values.
type GeneralConditions struct {
	// Jurisdiction is the applicable law and place of jurisdiction
	// (GC-01), e.g. {de: Deutsches Recht; Gerichtsstand Nürnberg, …}.
	Jurisdiction Text `yaml:"jurisdiction"`
	// Availability is the availability and incident handling promised in
	// regular operation (GC-02), e.g. 99.5 % a month, support hours.
	Availability Text `yaml:"availability"`
	// RPO and RTO are the recovery point and recovery time objectives in
	// emergency operation (GC-03); nil when not declared.
	RPO *time.Duration `yaml:"rpo"`
	RTO *time.Duration `yaml:"rto"`
	// AvailabilityApproach says how service availability is ensured
	// (GC-04), e.g. redundancy over zones and sites.
	AvailabilityApproach Text `yaml:"availability_approach"`
	// InvestigationRequests says how requests of government agencies are
	// handled (GC-05).
	InvestigationRequests Text `yaml:"investigation_requests"`
	// Certifications lists certifications or attestations held (GC-06).
	Certifications Text `yaml:"certifications"`
}

func (v *validator) generalConditions(g GeneralConditions) error {
	p := "service.general_conditions."
	for _, t := range []struct {
		key string
		t   Text
	}{{"jurisdiction", g.Jurisdiction}, {"availability", g.Availability}, {"availability_approach", g.AvailabilityApproach},
		{"investigation_requests", g.InvestigationRequests}, {"certifications", g.Certifications}} {
		if err := v.text(p+t.key, t.t, false, ""); err != nil {
			return err
		}
	}
	for _, d := range []struct {
		key string
		d   *time.Duration
	}{{"rpo", g.RPO}, {"rto", g.RTO}} {
		if d.d != nil && *d.d <= 0 {
			return v.errf(p+d.key, "expected a positive duration such as 24h, got %s", d.d)
		}
	}
	return nil
}
