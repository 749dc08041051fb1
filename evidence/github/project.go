package github

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// Item kinds of GitHub files (evidence.Kind* constants of the manifest).
const (
	KindOrganization         = "github/organization"
	KindMembers              = "github/members"              // GET /orgs/{org}/members
	KindMembers2FADisabled   = "github/members-2fa-disabled" // GET /orgs/{org}/members?filter=2fa_disabled
	KindOwners               = "github/owners"               // GET /orgs/{org}/members?role=admin
	KindOutsideCollaborators = "github/outside-collaborators"
	KindBranchProtection     = "github/branch-protection" // GET /repos/{owner}/{repo}/branches/{branch}/protection
	// KindRulesets holds the rules in force on default branches: a JSON
	// array of BranchRules (as Collect stores them), or GitHub rulesets
	// (GET /repos/{owner}/{repo}/rulesets, or each ruleset's details).
	KindRulesets   = "github/rulesets"
	KindDeployKeys = "github/deploy-keys" // GET /repos/{owner}/{repo}/keys, key material removed
	KindWebhooks   = "github/webhooks"    // GET /orgs/{org}/hooks, secrets masked
	// KindCollaboratorPermissions holds a JSON array of
	// RepositoryCollaborators.
	KindCollaboratorPermissions = "github/collaborator-permissions"
	// KindRepositories holds GET /orgs/{org}/repos (all pages joined), or
	// one GET /repos/{owner}/{repo} answer.
	KindRepositories = "github/repositories"
	// KindVulnerabilityAlerts holds a JSON array of VulnerabilityAlerts.
	KindVulnerabilityAlerts = "github/vulnerability-alerts"
	// KindDependabotAlerts holds GET /orgs/{org}/dependabot/alerts (all
	// pages joined).
	KindDependabotAlerts = "github/dependabot-alerts"
)

// Keys of Org.Present and Org.Errors, the field names of the contract's
// requires keys (github.<key>).
const (
	KeyOrganization         = "organization"
	KeyMembers              = "members"
	KeyMembers2FADisabled   = "members_2fa_disabled"
	KeyOwners               = "owners"
	KeyOutsideCollaborators = "outside_collaborators"
	KeyBranchProtection     = "branch_protection"
	KeyRulesets             = "rulesets"
	KeyDeployKeys           = "deploy_keys"
	KeyWebhooks             = "webhooks"
	KeyCollaboratorPerms    = "collaborator_permissions"
	KeyRepositories         = "repositories"
	KeyVulnerabilityAlerts  = "vulnerability_alerts"
	KeyDependabotAlerts     = "dependabot_alerts"
)

// Keys lists every key of Org.Present in contract order.
var Keys = []string{KeyOrganization, KeyMembers, KeyMembers2FADisabled, KeyOwners, KeyOutsideCollaborators, KeyBranchProtection,
	KeyRulesets, KeyDeployKeys, KeyWebhooks, KeyCollaboratorPerms, KeyRepositories, KeyVulnerabilityAlerts, KeyDependabotAlerts}

// kindKey maps each kind to the key it provides.
var kindKey = map[string]string{
	KindOrganization: KeyOrganization, KindMembers: KeyMembers, KindMembers2FADisabled: KeyMembers2FADisabled,
	KindOwners: KeyOwners, KindOutsideCollaborators: KeyOutsideCollaborators, KindBranchProtection: KeyBranchProtection,
	KindRulesets: KeyRulesets, KindDeployKeys: KeyDeployKeys, KindWebhooks: KeyWebhooks,
	KindCollaboratorPermissions: KeyCollaboratorPerms, KindRepositories: KeyRepositories,
	KindVulnerabilityAlerts: KeyVulnerabilityAlerts, KindDependabotAlerts: KeyDependabotAlerts,
}

// File is one evidence file of a GitHub source.
type File struct {
	// Path is the bundle-relative path, used in refs.
	Path string
	// Kind is the manifest item kind, e.g. KindMembers.
	Kind string
	Data []byte
}

// Org is the projection of one GitHub organisation, marshalled as
// input.github.<source>. A user list is nil (JSON null) when no file of its
// kind was collected and non-nil (at least []) when one was.
type Org struct {
	// Present tells for each key of Keys whether a file of that kind was
	// collected.
	Present map[string]bool `json:"present"`
	// Errors holds collector errors by key; Project leaves it empty and
	// the engine fills it from the bundle manifest.
	Errors map[string]string `json:"errors"`
	// Files lists per key the files it was read from ("<path>#"), sorted:
	// the evidence of a result about a list that may be empty.
	Files map[string][]string `json:"files"`
	// Organization is null when the organisation was not collected.
	Organization         *Organization `json:"organization"`
	Members              []User        `json:"members"`
	Members2FADisabled   []User        `json:"members_2fa_disabled"`
	Owners               []User        `json:"owners"`
	OutsideCollaborators []User        `json:"outside_collaborators"`
	// BranchProtection is keyed "<owner>/<repo>:<branch>".
	BranchProtection map[string]BranchProtection `json:"branch_protection"`
	// Rulesets holds the rulesets in force on each repository's default
	// branch, keyed "<owner>/<repo>".
	Rulesets map[string]BranchRulesets `json:"rulesets"`
	// DeployKeys, Webhooks and CollaboratorPermissions are nil when not
	// collected; sorted by repository and id, id, and repository and
	// login.
	DeployKeys              []DeployKey              `json:"deploy_keys"`
	Webhooks                []Webhook                `json:"webhooks"`
	CollaboratorPermissions []CollaboratorPermission `json:"collaborator_permissions"`
	// Repositories, VulnerabilityAlerts and DependabotAlerts are nil when
	// not collected; sorted by repository (and alert number).
	Repositories        []Repository         `json:"repositories"`
	VulnerabilityAlerts []VulnerabilityAlert `json:"vulnerability_alerts"`
	DependabotAlerts    []DependabotAlert    `json:"dependabot_alerts"`
}

// Organization holds the organisation settings the checks read. The
// pointer fields are null when GitHub did not show them (owners only).
type Organization struct {
	Login                       string  `json:"login"`
	TwoFactorRequirementEnabled *bool   `json:"two_factor_requirement_enabled"`
	DefaultRepositoryPermission *string `json:"default_repository_permission"`
	Ref                         string  `json:"ref"`
}

// User is a user of a list, sorted by login.
type User struct {
	Login string `json:"login"`
	Ref   string `json:"ref"`
}

// BranchProtection is the protection of one branch.
type BranchProtection struct {
	// Repository is "<owner>/<repo>".
	Repository string `json:"repository"`
	Branch     string `json:"branch"`
	// RequiredApprovingReviewCount is 0 when pull request reviews are not
	// required.
	RequiredApprovingReviewCount int    `json:"required_approving_review_count"`
	EnforceAdmins                bool   `json:"enforce_admins"`
	Ref                          string `json:"ref"`
}

// Project reads the GitHub files of one source. A user list may be split
// over several files (pages); a user listed twice is projected once, from
// the first file. A branch protection file holds one protection object or
// an array of them.
func Project(files []File) (*Org, error) {
	o := &Org{
		Present:          make(map[string]bool, len(Keys)),
		Errors:           map[string]string{},
		Files:            map[string][]string{},
		BranchProtection: map[string]BranchProtection{},
		Rulesets:         map[string]BranchRulesets{},
	}
	for _, k := range Keys {
		o.Present[k] = false
	}

	seen := map[string]map[string]bool{}
	for _, f := range files {
		var err error
		switch f.Kind {
		case KindOrganization:
			err = o.organization(f)
		case KindMembers:
			o.Members, err = users(o.Members, f, seen)
			o.Present[KeyMembers] = true
		case KindMembers2FADisabled:
			o.Members2FADisabled, err = users(o.Members2FADisabled, f, seen)
			o.Present[KeyMembers2FADisabled] = true
		case KindOwners:
			o.Owners, err = users(o.Owners, f, seen)
			o.Present[KeyOwners] = true
		case KindOutsideCollaborators:
			o.OutsideCollaborators, err = users(o.OutsideCollaborators, f, seen)
			o.Present[KeyOutsideCollaborators] = true
		case KindBranchProtection:
			err = o.branchProtection(f)
			o.Present[KeyBranchProtection] = true
		case KindRulesets:
			err = o.rulesets(f)
			o.Present[KeyRulesets] = true
		case KindDeployKeys:
			err = o.deployKeys(f)
			o.Present[KeyDeployKeys] = true
		case KindWebhooks:
			err = o.webhooks(f)
			o.Present[KeyWebhooks] = true
		case KindCollaboratorPermissions:
			err = o.collaboratorPermissions(f)
			o.Present[KeyCollaboratorPerms] = true
		case KindRepositories:
			err = o.repositories(f)
			o.Present[KeyRepositories] = true
		case KindVulnerabilityAlerts:
			err = o.vulnerabilityAlerts(f)
			o.Present[KeyVulnerabilityAlerts] = true
		case KindDependabotAlerts:
			err = o.dependabotAlerts(f)
			o.Present[KeyDependabotAlerts] = true
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("project %s %s: %w", f.Kind, f.Path, err)
		}
		if k := kindKey[f.Kind]; o.Present[k] {
			o.Files[k] = append(o.Files[k], f.Path+"#")
		}
	}
	for _, l := range [][]User{o.Members, o.Members2FADisabled, o.Owners, o.OutsideCollaborators} {
		slices.SortFunc(l, func(a, b User) int { return cmp.Compare(a.Login, b.Login) })
	}
	o.sortRepositoryData()
	o.sortSecurityData()
	for _, l := range o.Files {
		slices.Sort(l)
	}
	return o, nil
}

func (o *Org) organization(f File) error {
	if o.Organization != nil {
		return fmt.Errorf("a second organization file; expected one GET /orgs/{org} response per source")
	}
	var org struct {
		Login                       string  `json:"login"`
		TwoFactorRequirementEnabled *bool   `json:"two_factor_requirement_enabled"`
		DefaultRepositoryPermission *string `json:"default_repository_permission"`
	}
	if err := jsonscan.Decode(f.Data, "", &org); err != nil {
		return fmt.Errorf("decode GET /orgs/{org} response: %w", err)
	}
	if org.Login == "" {
		return fmt.Errorf("no login, expected a GET /orgs/{org} response")
	}
	o.Organization = &Organization{
		Login:                       org.Login,
		TwoFactorRequirementEnabled: org.TwoFactorRequirementEnabled,
		DefaultRepositoryPermission: org.DefaultRepositoryPermission,
		Ref:                         f.Path + "#",
	}
	o.Present[KeyOrganization] = true
	return nil
}

// users appends the users of one list file to list, which becomes non-nil:
// the list was collected.
func users(list []User, f File, seen map[string]map[string]bool) ([]User, error) {
	if list == nil {
		list = []User{}
	}
	var page []struct {
		Login string `json:"login"`
	}
	if err := jsonscan.Decode(f.Data, "", &page); err != nil {
		return list, fmt.Errorf("decode user list: %w", err)
	}
	s := seen[f.Kind]
	if s == nil {
		s = map[string]bool{}
		seen[f.Kind] = s
	}
	for i, u := range page {
		if u.Login == "" {
			return list, fmt.Errorf("/%d: user without login", i)
		}
		if s[u.Login] {
			continue
		}
		s[u.Login] = true
		list = append(list, User{Login: u.Login, Ref: f.Path + "#/" + strconv.Itoa(i)})
	}
	return list, nil
}

type protection struct {
	URL                        string `json:"url"`
	RequiredPullRequestReviews *struct {
		RequiredApprovingReviewCount int `json:"required_approving_review_count"`
	} `json:"required_pull_request_reviews"`
	EnforceAdmins *struct {
		Enabled bool `json:"enabled"`
	} `json:"enforce_admins"`
}

func (o *Org) branchProtection(f File) error {
	data := bytes.TrimSpace(f.Data)
	var list []protection
	ptr := func(i int) string { return "/" + strconv.Itoa(i) }
	if len(data) > 0 && data[0] == '[' {
		if err := jsonscan.Decode(data, "", &list); err != nil {
			return fmt.Errorf("decode branch protection list: %w", err)
		}
	} else {
		var p protection
		if err := jsonscan.Decode(data, "", &p); err != nil {
			return fmt.Errorf("decode GET /repos/{owner}/{repo}/branches/{branch}/protection response: %w", err)
		}
		list = []protection{p}
		ptr = func(int) string { return "" }
	}
	for i, p := range list {
		repo, branch, err := parseProtectionURL(p.URL)
		if err != nil {
			if pi := ptr(i); pi != "" {
				return fmt.Errorf("%s: %w", pi, err)
			}
			return err
		}
		key := repo + ":" + branch
		if _, dup := o.BranchProtection[key]; dup {
			continue
		}
		bp := BranchProtection{Repository: repo, Branch: branch, Ref: f.Path + "#" + ptr(i)}
		if r := p.RequiredPullRequestReviews; r != nil {
			bp.RequiredApprovingReviewCount = r.RequiredApprovingReviewCount
		}
		if e := p.EnforceAdmins; e != nil {
			bp.EnforceAdmins = e.Enabled
		}
		o.BranchProtection[key] = bp
	}
	return nil
}

// parseProtectionURL reads owner, repository and branch from a protection
// url: https://api.github.com/repos/{owner}/{repo}/branches/{branch}/protection.
// The branch may contain slashes.
func parseProtectionURL(raw string) (repo, branch string, err error) {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return "", "", fmt.Errorf("url %q is not a branch protection URL", raw)
	}
	p := u.EscapedPath()
	_, rest, ok := strings.Cut(p, "/repos/")
	if ok {
		rest, ok = strings.CutSuffix(rest, "/protection")
	}
	var owner, name string
	if ok {
		var after string
		owner, after, _ = strings.Cut(rest, "/")
		name, branch, ok = strings.Cut(after, "/branches/")
	}
	if !ok || owner == "" || name == "" || branch == "" {
		return "", "", fmt.Errorf("url %q is not .../repos/{owner}/{repo}/branches/{branch}/protection", raw)
	}
	if branch, err = url.PathUnescape(branch); err != nil {
		return "", "", fmt.Errorf("url %q: branch: %w", raw, err)
	}
	return owner + "/" + name, branch, nil
}
