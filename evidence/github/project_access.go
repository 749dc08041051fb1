package github

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
	"github.com/nachweis/nachweis/evidence/internal/printable"
)

// DeployKey is one deploy key of a repository, without its key material.
type DeployKey struct {
	// Repository is "<owner>/<repo>", read from the key's url.
	Repository string `json:"repository"`
	ID         int64  `json:"id"`
	Title      string `json:"title"`
	// ReadOnly is null when GitHub did not say.
	ReadOnly  *bool  `json:"read_only"`
	CreatedAt string `json:"created_at"`
	Ref       string `json:"ref"`
}

// Webhook is one webhook of the organisation.
type Webhook struct {
	ID int64 `json:"id"`
	// URL is the delivery target without credentials, query and
	// fragment; "" when not shown.
	URL    string `json:"url"`
	Active *bool  `json:"active"`
	// InsecureSSL is true when deliveries skip certificate verification
	// (config.insecure_ssl "1"), null when not shown.
	InsecureSSL *bool `json:"insecure_ssl"`
	// SecretConfigured is true when config.secret is set (GitHub shows
	// "********").
	SecretConfigured bool     `json:"secret_configured"`
	Events           []string `json:"events"`
	Ref              string   `json:"ref"`
}

// RepositoryCollaborators is one element of a
// github/collaborator-permissions file: the answer of GET
// /repos/{owner}/{repo}/collaborators?affiliation=outside (all pages) for
// one repository, as GitHub sent it.
type RepositoryCollaborators struct {
	Repository    string            `json:"repository"`
	Collaborators []json.RawMessage `json:"collaborators"`
}

// CollaboratorPermission is the permission of one outside collaborator on
// one repository.
type CollaboratorPermission struct {
	Repository string `json:"repository"`
	Login      string `json:"login"`
	// Permission is role_name (admin, maintain, write, triage, read or a
	// custom role), else the highest of the permissions flags; "" when
	// neither was shown.
	Permission string `json:"permission"`
	// Admin is true when the collaborator has admin rights, null when
	// GitHub showed no permissions.
	Admin *bool  `json:"admin"`
	Ref   string `json:"ref"`
}

// objects decodes one object or an array of objects; ptr gives the JSON
// pointer of element i ("" for a single object).
func objects(data []byte) ([]json.RawMessage, func(int) string, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		return []json.RawMessage{data}, func(int) string { return "" }, nil
	}
	var l []json.RawMessage
	if err := jsonscan.Decode(data, "", &l); err != nil {
		return nil, nil, err
	}
	return l, func(i int) string { return "/" + strconv.Itoa(i) }, nil
}

func (o *Org) deployKeys(f File) error {
	if o.DeployKeys == nil {
		o.DeployKeys = []DeployKey{}
	}
	l, ptr, err := objects(f.Data)
	if err != nil {
		return fmt.Errorf("decode deploy keys: %w", err)
	}
	for i, raw := range l {
		var k struct {
			ID        int64  `json:"id"`
			URL       string `json:"url"`
			Title     string `json:"title"`
			ReadOnly  *bool  `json:"read_only"`
			CreatedAt string `json:"created_at"`
		}
		if err := jsonscan.Decode(raw, ptr(i), &k); err != nil {
			return fmt.Errorf("decode deploy key: %w", err)
		}
		repo, err := repoFromURL(k.URL, "/keys/")
		if err != nil {
			return fmt.Errorf("%s: %w", ptr(i), err)
		}
		o.DeployKeys = append(o.DeployKeys, DeployKey{Repository: repo, ID: k.ID, Title: k.Title, ReadOnly: k.ReadOnly,
			CreatedAt: k.CreatedAt, Ref: f.Path + "#" + ptr(i)})
	}
	return nil
}

// repoFromURL reads "owner/repo" from .../repos/{owner}/{repo}<sep>...
func repoFromURL(raw, sep string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return "", fmt.Errorf("url %q is not a GitHub API URL", raw)
	}
	_, rest, ok := strings.Cut(u.EscapedPath(), "/repos/")
	var owner, name string
	if ok {
		var after string
		owner, after, _ = strings.Cut(rest, "/")
		name, _, ok = strings.Cut(after, strings.TrimPrefix(sep, "/"))
		name = strings.TrimSuffix(name, "/")
	}
	if !ok || owner == "" || name == "" {
		return "", fmt.Errorf("url %q is not .../repos/{owner}/{repo}%s{id}", raw, sep)
	}
	return owner + "/" + name, nil
}

func (o *Org) webhooks(f File) error {
	if o.Webhooks == nil {
		o.Webhooks = []Webhook{}
	}
	l, ptr, err := objects(f.Data)
	if err != nil {
		return fmt.Errorf("decode webhooks: %w", err)
	}
	for i, raw := range l {
		var h struct {
			ID     int64    `json:"id"`
			Active *bool    `json:"active"`
			Events []string `json:"events"`
			Config *struct {
				URL         string          `json:"url"`
				InsecureSSL json.RawMessage `json:"insecure_ssl"`
				Secret      *string         `json:"secret"`
			} `json:"config"`
		}
		if err := jsonscan.Decode(raw, ptr(i), &h); err != nil {
			return fmt.Errorf("decode webhook: %w", err)
		}
		w := Webhook{ID: h.ID, Active: h.Active, Events: h.Events, Ref: f.Path + "#" + ptr(i)}
		if w.Events == nil {
			w.Events = []string{}
		}
		if c := h.Config; c != nil {
			// The stored item is already redacted; cleaning again keeps the
			// projection safe whoever wrote the file.
			w.URL = evidence.CleanWebhookURL(c.URL)
			w.SecretConfigured = c.Secret != nil && *c.Secret != ""
			if w.InsecureSSL, err = insecureSSL(c.InsecureSSL); err != nil {
				return fmt.Errorf("%s: config.insecure_ssl: %w", ptr(i), err)
			}
		}
		o.Webhooks = append(o.Webhooks, w)
	}
	return nil
}

// insecureSSL reads "0"/"1" (GitHub's strings) or 0/1; null or absent is
// nil.
func insecureSSL(raw json.RawMessage) (*bool, error) {
	v := strings.Trim(string(bytes.TrimSpace(raw)), `"`)
	switch v {
	case "", "null":
		return nil, nil
	case "0":
		f := false
		return &f, nil
	case "1":
		t := true
		return &t, nil
	}
	// The value as written, cut short and printable: it may be an
	// object spanning lines.
	shown := string(raw)
	if len(shown) > 40 {
		shown = strings.ToValidUTF8(shown[:40], "") + "…"
	}
	return nil, fmt.Errorf("%s: expected \"0\" or \"1\"", printable.String(shown))
}

func (o *Org) collaboratorPermissions(f File) error {
	if o.CollaboratorPermissions == nil {
		o.CollaboratorPermissions = []CollaboratorPermission{}
	}
	var repos []RepositoryCollaborators
	if err := jsonscan.Decode(f.Data, "", &repos); err != nil {
		return fmt.Errorf("decode collaborator permissions (a JSON array of {repository, collaborators}): %w", err)
	}
	for i, r := range repos {
		if r.Repository == "" {
			return fmt.Errorf("/%d: no repository", i)
		}
		for j, raw := range r.Collaborators {
			var c struct {
				Login       string           `json:"login"`
				RoleName    string           `json:"role_name"`
				Permissions *map[string]bool `json:"permissions"`
			}
			ptr := fmt.Sprintf("/%d/collaborators/%d", i, j)
			if err := jsonscan.Decode(raw, ptr, &c); err != nil {
				return fmt.Errorf("decode collaborator: %w", err)
			}
			if c.Login == "" {
				return fmt.Errorf("%s: collaborator without login", ptr)
			}
			cp := CollaboratorPermission{Repository: r.Repository, Login: c.Login, Permission: c.RoleName, Ref: f.Path + "#" + ptr}
			if c.Permissions != nil {
				p := *c.Permissions
				admin := p["admin"]
				cp.Admin = &admin
				if cp.Permission == "" {
					cp.Permission = highestPermission(p)
				}
			}
			if c.RoleName == "admin" {
				t := true
				cp.Admin = &t
			}
			o.CollaboratorPermissions = append(o.CollaboratorPermissions, cp)
		}
	}
	return nil
}

// highestPermission names the highest permission flag GitHub set.
func highestPermission(p map[string]bool) string {
	for _, f := range []struct{ flag, name string }{{"admin", "admin"}, {"maintain", "maintain"}, {"push", "write"}, {"triage", "triage"}, {"pull", "read"}} {
		if p[f.flag] {
			return f.name
		}
	}
	return ""
}

// sortRepositoryData orders the repository lists so that the projection
// does not depend on file order.
func (o *Org) sortRepositoryData() {
	slices.SortStableFunc(o.DeployKeys, func(a, b DeployKey) int {
		return cmp.Or(cmp.Compare(a.Repository, b.Repository), cmp.Compare(a.ID, b.ID))
	})
	slices.SortStableFunc(o.Webhooks, func(a, b Webhook) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortStableFunc(o.CollaboratorPermissions, func(a, b CollaboratorPermission) int {
		return cmp.Or(cmp.Compare(a.Repository, b.Repository), cmp.Compare(a.Login, b.Login))
	})
	sortRulesets(o.Rulesets)
}
