package github

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// Repository is a repository of the organisation with the security
// settings the checks read.
type Repository struct {
	// Repository is "<owner>/<repo>".
	Repository string `json:"repository"`
	Archived   bool   `json:"archived"`
	Private    bool   `json:"private"`
	// Admin is the token's admin permission on the repository, null when
	// GitHub did not show permissions.
	Admin *bool `json:"admin"`
	// SecretScanning and PushProtection are the status of
	// security_and_analysis.secret_scanning and
	// secret_scanning_push_protection ("enabled", "disabled"); null when
	// GitHub did not show them (it shows them to admins only).
	SecretScanning *string `json:"secret_scanning"`
	PushProtection *string `json:"push_protection"`
	Ref            string  `json:"ref"`
}

// VulnerabilityAlerts is one element of a github/vulnerability-alerts
// file: GitHub's answer to GET /repos/{owner}/{repo}/vulnerability-alerts
// for one repository, as Collect stores it.
type VulnerabilityAlerts struct {
	Repository string `json:"repository"`
	// Enabled is true for 204 No Content, false for 404 to a token with
	// admin rights on the repository, null when GitHub's answer does not
	// tell (404 to a token without admin rights).
	Enabled *bool `json:"vulnerability_alerts"`
	// Status is the HTTP status GitHub answered.
	Status int `json:"status"`
}

// VulnerabilityAlert says whether a repository has Dependabot alerts
// enabled.
type VulnerabilityAlert struct {
	Repository string `json:"repository"`
	// Enabled is null when not known.
	Enabled *bool  `json:"enabled"`
	Ref     string `json:"ref"`
}

// DependabotAlert is one Dependabot alert.
type DependabotAlert struct {
	Repository string `json:"repository"`
	Number     int    `json:"number"`
	// State is open, fixed, dismissed or auto_dismissed.
	State string `json:"state"`
	// Severity is the vulnerability's severity (low, medium, high,
	// critical), else the advisory's.
	Severity  string `json:"severity"`
	Package   string `json:"package"`
	Ecosystem string `json:"ecosystem"`
	GHSA      string `json:"ghsa_id"`
	CVE       string `json:"cve_id"`
	// CreatedNS is created_at; null when not readable.
	CreatedNS *int64 `json:"created_ns"`
	URL       string `json:"html_url"`
	Ref       string `json:"ref"`
}

func (o *Org) repositories(f File) error {
	if o.Repositories == nil {
		o.Repositories = []Repository{}
	}
	l, ptr, err := objects(f.Data)
	if err != nil {
		return fmt.Errorf("decode repositories: %w", err)
	}
	type status struct {
		Status string `json:"status"`
	}
	for i, raw := range l {
		var r struct {
			FullName    string           `json:"full_name"`
			Archived    bool             `json:"archived"`
			Private     bool             `json:"private"`
			Permissions *map[string]bool `json:"permissions"`
			Security    *struct {
				SecretScanning *status `json:"secret_scanning"`
				PushProtection *status `json:"secret_scanning_push_protection"`
			} `json:"security_and_analysis"`
		}
		if err := jsonscan.Decode(raw, ptr(i), &r); err != nil {
			return fmt.Errorf("decode repository: %w", err)
		}
		if r.FullName == "" {
			return fmt.Errorf("%s: repository without full_name", ptr(i))
		}
		repo := Repository{Repository: r.FullName, Archived: r.Archived, Private: r.Private, Ref: f.Path + "#" + ptr(i)}
		if r.Permissions != nil {
			admin := (*r.Permissions)["admin"]
			repo.Admin = &admin
		}
		if s := r.Security; s != nil {
			if s.SecretScanning != nil && s.SecretScanning.Status != "" {
				repo.SecretScanning = &s.SecretScanning.Status
			}
			if s.PushProtection != nil && s.PushProtection.Status != "" {
				repo.PushProtection = &s.PushProtection.Status
			}
		}
		o.Repositories = append(o.Repositories, repo)
	}
	return nil
}

func (o *Org) vulnerabilityAlerts(f File) error {
	if o.VulnerabilityAlerts == nil {
		o.VulnerabilityAlerts = []VulnerabilityAlert{}
	}
	var l []VulnerabilityAlerts
	if err := jsonscan.Decode(f.Data, "", &l); err != nil {
		return fmt.Errorf("decode vulnerability alerts (a JSON array of {repository, vulnerability_alerts, status}): %w", err)
	}
	for i, a := range l {
		if a.Repository == "" {
			return fmt.Errorf("/%d: no repository", i)
		}
		o.VulnerabilityAlerts = append(o.VulnerabilityAlerts, VulnerabilityAlert{Repository: a.Repository, Enabled: a.Enabled, Ref: fmt.Sprintf("%s#/%d", f.Path, i)})
	}
	return nil
}

func (o *Org) dependabotAlerts(f File) error {
	if o.DependabotAlerts == nil {
		o.DependabotAlerts = []DependabotAlert{}
	}
	l, ptr, err := objects(f.Data)
	if err != nil {
		return fmt.Errorf("decode Dependabot alerts: %w", err)
	}
	type pkg struct {
		Package struct {
			Ecosystem string `json:"ecosystem"`
			Name      string `json:"name"`
		} `json:"package"`
	}
	for i, raw := range l {
		var a struct {
			Number     int    `json:"number"`
			State      string `json:"state"`
			HTMLURL    string `json:"html_url"`
			CreatedAt  string `json:"created_at"`
			Dependency pkg    `json:"dependency"`
			Advisory   struct {
				GHSA     string `json:"ghsa_id"`
				CVE      string `json:"cve_id"`
				Severity string `json:"severity"`
			} `json:"security_advisory"`
			Vulnerability struct {
				Severity string `json:"severity"`
			} `json:"security_vulnerability"`
			Repository struct {
				FullName string `json:"full_name"`
			} `json:"repository"`
		}
		if err := jsonscan.Decode(raw, ptr(i), &a); err != nil {
			return fmt.Errorf("decode Dependabot alert: %w", err)
		}
		if a.Repository.FullName == "" || a.Number == 0 {
			return fmt.Errorf("%s: Dependabot alert without number or repository.full_name", ptr(i))
		}
		d := DependabotAlert{
			Repository: a.Repository.FullName, Number: a.Number, State: a.State,
			Severity: a.Vulnerability.Severity, Package: a.Dependency.Package.Name, Ecosystem: a.Dependency.Package.Ecosystem,
			GHSA: a.Advisory.GHSA, CVE: a.Advisory.CVE, URL: a.HTMLURL, Ref: f.Path + "#" + ptr(i),
		}
		if d.Severity == "" {
			d.Severity = a.Advisory.Severity
		}
		if t, err := time.Parse(time.RFC3339, a.CreatedAt); err == nil {
			ns := t.UnixNano()
			d.CreatedNS = &ns
		}
		o.DependabotAlerts = append(o.DependabotAlerts, d)
	}
	return nil
}

// sortSecurityData orders the repository security lists so that the
// projection does not depend on file order.
func (o *Org) sortSecurityData() {
	slices.SortStableFunc(o.Repositories, func(a, b Repository) int { return cmp.Compare(a.Repository, b.Repository) })
	slices.SortStableFunc(o.VulnerabilityAlerts, func(a, b VulnerabilityAlert) int { return cmp.Compare(a.Repository, b.Repository) })
	slices.SortStableFunc(o.DependabotAlerts, func(a, b DependabotAlert) int {
		return cmp.Or(cmp.Compare(a.Repository, b.Repository), cmp.Compare(a.Number, b.Number))
	})
}
