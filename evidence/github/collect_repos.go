package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// repoKeys are the evidence keys read per repository; a failed listing of
// the repositories is recorded under each.
var repoKeys = []string{KeyBranchProtection, KeyRulesets, KeyDeployKeys, KeyCollaboratorPerms, KeyRepositories, KeyVulnerabilityAlerts}

// repoRef is a repository: its default branch ("" for an empty
// repository) and whether the token has admin rights on it (nil when
// GitHub did not say).
type repoRef struct {
	owner, name, branch string
	admin               *bool
}

func (r repoRef) full() string { return r.owner + "/" + r.name }

// path is the API path repos/{owner}/{repo}/<rest>.
func (r repoRef) path(rest string) string {
	return "repos/" + url.PathEscape(r.owner) + "/" + url.PathEscape(r.name) + "/" + rest
}

// repositories lists the organisation's repositories and stores the list
// as GitHub sent it. On an endpoint error it records the error under every
// key of repoKeys and returns nil.
func (c *collector) repositories(ctx context.Context, org string) ([]repoRef, error) {
	all, err := c.pages(ctx, "orgs/"+org+"/repos", "type=all")
	if err != nil {
		if fatal := c.record(KeyBranchProtection, err); fatal != nil {
			return nil, fatal
		}
		for _, k := range repoKeys[1:] {
			c.errs[k] = c.errs[KeyBranchProtection]
		}
		return nil, nil
	}
	repos := make([]repoRef, 0, len(all))
	for _, raw := range all {
		var r struct {
			Name          string `json:"name"`
			DefaultBranch string `json:"default_branch"`
			Owner         struct {
				Login string `json:"login"`
			} `json:"owner"`
			Permissions *struct {
				Admin bool `json:"admin"`
			} `json:"permissions"`
		}
		if json.Unmarshal(raw, &r) != nil || r.Owner.Login == "" || r.Name == "" {
			continue
		}
		ref := repoRef{owner: r.Owner.Login, name: r.Name, branch: r.DefaultBranch}
		if r.Permissions != nil {
			ref.admin = &r.Permissions.Admin
		}
		repos = append(repos, ref)
	}
	if err := c.store(KeyRepositories, KindRepositories, fileRepositories, all); err != nil {
		return nil, err
	}
	return repos, nil
}

// rulesets stores, for every repository, the rules GitHub reports in force
// on its default branch and the details of the rulesets they come from.
//
// GET /repos/{owner}/{repo}/rules/branches/{branch} is used rather than
// the list of rulesets, because GitHub itself resolves which active
// rulesets (of the repository and of the organisation) apply to the
// branch; the list would need GitHub's ref_name and repository_name
// pattern matching redone here. The rules carry no bypass actors, so each
// ruleset they name is read once for its bypass_actors.
func (c *collector) rulesets(ctx context.Context, repos []repoRef) error {
	var all []json.RawMessage
	var failed []string
	for _, r := range repos {
		rules, err := c.pages(ctx, r.path("rules/branches/"+url.PathEscape(r.branch)), "")
		switch {
		case err == nil:
		case branchNotFound(err):
			continue
		default:
			if fatal := c.fatal(err); fatal != nil {
				return fatal
			}
			failed = append(failed, c.describe(err))
			continue
		}
		br := BranchRules{Repository: r.full(), Branch: r.branch, Rules: rules, Rulesets: []json.RawMessage{}}
		seen := map[int64]bool{}
		for _, raw := range rules {
			var rule struct {
				RulesetID int64 `json:"ruleset_id"`
			}
			if json.Unmarshal(raw, &rule) != nil || rule.RulesetID == 0 || seen[rule.RulesetID] {
				continue
			}
			seen[rule.RulesetID] = true
			var detail json.RawMessage
			id := strconv.FormatInt(rule.RulesetID, 10)
			if _, err := c.get(ctx, r.path("rulesets/"+id+"?includes_parents=true"), &detail); err != nil {
				if fatal := c.fatal(err); fatal != nil {
					return fatal
				}
				// The ruleset's bypass actors stay unknown, so it
				// does not count as protection.
				if br.Errors == nil {
					br.Errors = map[string]string{}
				}
				br.Errors[id] = c.describe(err)
				continue
			}
			br.Rulesets = append(br.Rulesets, detail)
		}
		data, err := json.Marshal(br)
		if err != nil {
			return fmt.Errorf("encode rulesets of %s: %w", r.full(), err)
		}
		all = append(all, data)
	}
	c.recordFailures(KeyRulesets, failed)
	return c.store(KeyRulesets, KindRulesets, fileRulesets, all)
}

// deployKeys stores the deploy keys of every repository as one JSON
// array; store removes their key material.
func (c *collector) deployKeys(ctx context.Context, repos []repoRef) error {
	var all []json.RawMessage
	var failed []string
	for _, r := range repos {
		keys, err := c.pages(ctx, r.path("keys"), "")
		if err != nil {
			if fatal := c.fatal(err); fatal != nil {
				return fatal
			}
			failed = append(failed, c.describe(err))
			continue
		}
		all = append(all, keys...)
	}
	c.recordFailures(KeyDeployKeys, failed)
	return c.store(KeyDeployKeys, KindDeployKeys, fileDeployKeys, all)
}

// collaboratorPermissions stores the outside collaborators of every
// repository with their permissions (permissions, role_name).
func (c *collector) collaboratorPermissions(ctx context.Context, repos []repoRef) error {
	var all []json.RawMessage
	var failed []string
	for _, r := range repos {
		users, err := c.pages(ctx, r.path("collaborators"), "affiliation=outside")
		if err != nil {
			if fatal := c.fatal(err); fatal != nil {
				return fatal
			}
			failed = append(failed, c.describe(err))
			continue
		}
		data, err := json.Marshal(RepositoryCollaborators{Repository: r.full(), Collaborators: users})
		if err != nil {
			return fmt.Errorf("encode collaborators of %s: %w", r.full(), err)
		}
		all = append(all, data)
	}
	c.recordFailures(KeyCollaboratorPerms, failed)
	return c.store(KeyCollaboratorPerms, KindCollaboratorPermissions, fileCollaboratorPerms, all)
}

// recordFailures records the first failure of a per-repository endpoint
// and how many more repositories failed. Any failure hides the key's
// evidence: a check must not pass on some of the repositories.
func (c *collector) recordFailures(key string, failed []string) {
	if len(failed) == 0 {
		return
	}
	msg := failed[0]
	if len(failed) > 1 {
		msg += fmt.Sprintf(" (and %d more repositories)", len(failed)-1)
	}
	c.errs[key] = msg
}

// branchNotFound tells GitHub's answer for a default branch that does not
// exist (an empty repository).
func branchNotFound(err error) bool {
	var er *gh.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound && strings.HasPrefix(er.Message, "Branch not found")
}

// vulnerabilityAlerts stores, for every repository, whether Dependabot
// alerts are enabled: GitHub answers 204 when they are and 404 when they
// are not, but also 404 to a token without admin rights on the
// repository, so a 404 counts as disabled only for a token GitHub showed
// to be an admin of it.
func (c *collector) vulnerabilityAlerts(ctx context.Context, repos []repoRef) error {
	all := []json.RawMessage{}
	var failed []string
	for _, r := range repos {
		resp, err := c.get(ctx, r.path("vulnerability-alerts"), nil)
		va := VulnerabilityAlerts{Repository: r.full()}
		var er *gh.ErrorResponse
		switch {
		case err == nil:
			on := true
			va.Enabled, va.Status = &on, resp.StatusCode
		case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound:
			va.Status = http.StatusNotFound
			if r.admin != nil && *r.admin {
				off := false
				va.Enabled = &off
			}
		default:
			if fatal := c.fatal(err); fatal != nil {
				return fatal
			}
			failed = append(failed, c.describe(err))
			continue
		}
		data, err := json.Marshal(va)
		if err != nil {
			return fmt.Errorf("encode vulnerability alerts of %s: %w", r.full(), err)
		}
		all = append(all, data)
	}
	c.recordFailures(KeyVulnerabilityAlerts, failed)
	return c.store(KeyVulnerabilityAlerts, KindVulnerabilityAlerts, fileVulnerabilityAlerts, all)
}

// dependabotAlerts stores the organisation's open critical and high
// Dependabot alerts, following GitHub's cursor pagination (after).
func (c *collector) dependabotAlerts(ctx context.Context, org string) error {
	all := []json.RawMessage{}
	after := ""
	for {
		q := url.Values{"state": {"open"}, "severity": {"critical,high"}, "per_page": {"100"}}
		if after != "" {
			q.Set("after", after)
		}
		var items []json.RawMessage
		resp, err := c.get(ctx, "orgs/"+org+"/dependabot/alerts?"+q.Encode(), &items)
		if err != nil {
			return c.record(KeyDependabotAlerts, err)
		}
		all = append(all, items...)
		if resp.After == "" || resp.After == after {
			break
		}
		after = resp.After
	}
	return c.store(KeyDependabotAlerts, KindDependabotAlerts, fileDependabotAlerts, all)
}
