package github

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// BranchRules is one element of a github/rulesets file as Collect stores
// it: the rules GitHub reports in force on a repository's default branch
// (GET /repos/{owner}/{repo}/rules/branches/{branch}, all pages) and the
// details of every ruleset they come from (GET
// /repos/{owner}/{repo}/rulesets/{id}?includes_parents=true), both as
// GitHub answered.
type BranchRules struct {
	Repository string            `json:"repository"`
	Branch     string            `json:"branch"`
	Rules      []json.RawMessage `json:"rules"`
	Rulesets   []json.RawMessage `json:"rulesets"`
	// Errors names the rulesets whose details could not be read, by id.
	Errors map[string]string `json:"errors,omitempty"`
}

// BranchRulesets are the rulesets in force on the default branch of one
// repository.
type BranchRulesets struct {
	Repository string `json:"repository"`
	// Branch is the default branch; "" when only the ruleset's
	// conditions (~DEFAULT_BRANCH, ~ALL) say it applies to it.
	Branch   string    `json:"branch"`
	Rulesets []Ruleset `json:"rulesets"`
	Ref      string    `json:"ref"`
}

// Ruleset is one ruleset that applies to a default branch.
type Ruleset struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Source is the repository "owner/repo" or the organisation that
	// defines the ruleset.
	Source string `json:"source"`
	// Enforcement is active, evaluate or disabled; only active rules
	// bind.
	Enforcement string `json:"enforcement"`
	// RequiredApprovingReviewCount is the highest count of the
	// ruleset's pull_request rules on the branch, 0 without one, null
	// when its rules were not recorded.
	RequiredApprovingReviewCount *int `json:"required_approving_review_count"`
	// BypassActors lists who may bypass the ruleset, e.g.
	// "OrganizationAdmin (always)"; null when GitHub did not show them
	// (only to those who may edit the ruleset).
	BypassActors []string `json:"bypass_actors"`
	// AdminsBypass is true when organisation owners or the repository
	// admin role may bypass the ruleset, null when BypassActors is null.
	AdminsBypass *bool  `json:"admins_bypass"`
	Ref          string `json:"ref"`
}

// repositoryAdminRole is the actor_id of GitHub's built-in repository
// role admin in bypass_actors (1 read, 2 triage, 3 write, 4 maintain).
const repositoryAdminRole = 5

// rulesetJSON is the part of a GitHub ruleset the projection reads.
type rulesetJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Target      string `json:"target"`
	SourceType  string `json:"source_type"`
	Source      string `json:"source"`
	Enforcement string `json:"enforcement"`
	Conditions  *struct {
		RefName *struct {
			Include []string `json:"include"`
			Exclude []string `json:"exclude"`
		} `json:"ref_name"`
	} `json:"conditions"`
	Rules        []ruleJSON `json:"rules"`
	BypassActors *[]struct {
		ActorID    *int64 `json:"actor_id"`
		ActorType  string `json:"actor_type"`
		BypassMode string `json:"bypass_mode"`
	} `json:"bypass_actors"`
	hasRules bool
}

// ruleJSON is one rule, of a ruleset or of the rules in force on a branch.
type ruleJSON struct {
	Type       string `json:"type"`
	RulesetID  int64  `json:"ruleset_id"`
	Parameters *struct {
		RequiredApprovingReviewCount int `json:"required_approving_review_count"`
	} `json:"parameters"`
}

func (o *Org) rulesets(f File) error {
	data := bytes.TrimSpace(f.Data)
	var elems []json.RawMessage
	single := len(data) > 0 && data[0] == '{'
	if single {
		elems = []json.RawMessage{data}
	} else if err := jsonscan.Decode(data, "", &elems); err != nil {
		return fmt.Errorf("decode rulesets: %w", err)
	}
	for i, raw := range elems {
		ptr := "/" + strconv.Itoa(i)
		if single {
			ptr = ""
		}
		var probe map[string]json.RawMessage
		if err := jsonscan.Decode(raw, ptr, &probe); err != nil {
			return fmt.Errorf("decode ruleset: %w", err)
		}
		var err error
		switch {
		case probe["rules"] != nil && probe["repository"] != nil && probe["branch"] != nil:
			err = o.branchRules(raw, f.Path+"#"+ptr)
		case probe["source_type"] != nil:
			err = o.githubRuleset(raw, probe, f.Path+"#"+ptr)
		default:
			err = fmt.Errorf("neither a GitHub ruleset (source_type) nor the rules of a default branch (repository, branch, rules)")
		}
		if err != nil {
			return jsonscan.Within(ptr, err)
		}
	}
	return nil
}

// branchRules projects one element Collect stored.
func (o *Org) branchRules(raw json.RawMessage, ref string) error {
	_, ptr, _ := strings.Cut(ref, "#")
	var br BranchRules
	if err := jsonscan.Decode(raw, ptr, &br); err != nil {
		return fmt.Errorf("decode rules of a default branch: %w", err)
	}
	if br.Repository == "" || br.Branch == "" {
		return fmt.Errorf("rules without repository or branch")
	}
	details := map[int64]rulesetJSON{}
	for i, d := range br.Rulesets {
		var rs rulesetJSON
		if err := jsonscan.Decode(d, ptr+"/rulesets/"+strconv.Itoa(i), &rs); err != nil {
			return fmt.Errorf("decode ruleset: %w", err)
		}
		details[rs.ID] = rs
	}
	counts := map[int64]int{}
	var ids []int64
	for i, r := range br.Rules {
		var rule ruleJSON
		if err := jsonscan.Decode(r, ptr+"/rules/"+strconv.Itoa(i), &rule); err != nil {
			return fmt.Errorf("decode rule: %w", err)
		}
		if _, seen := counts[rule.RulesetID]; !seen {
			ids = append(ids, rule.RulesetID)
			counts[rule.RulesetID] = 0
		}
		if rule.Type == "pull_request" && rule.Parameters != nil {
			counts[rule.RulesetID] = max(counts[rule.RulesetID], rule.Parameters.RequiredApprovingReviewCount)
		}
	}
	entry := o.Rulesets[br.Repository]
	if entry.Repository == "" {
		entry = BranchRulesets{Repository: br.Repository, Branch: br.Branch, Rulesets: []Ruleset{}, Ref: ref}
	}
	for _, id := range ids {
		n := counts[id]
		// GET .../rules/branches/{branch} reports only rules of active
		// rulesets.
		rs := Ruleset{ID: id, Enforcement: "active", RequiredApprovingReviewCount: &n, Ref: ref}
		if d, ok := details[id]; ok {
			rs.Name, rs.Source = d.Name, d.Source
			rs.BypassActors, rs.AdminsBypass = bypass(d)
		}
		entry.Rulesets = append(entry.Rulesets, rs)
	}
	o.Rulesets[br.Repository] = entry
	return nil
}

// githubRuleset projects a ruleset as GitHub lists or shows it. Only
// repository rulesets name their repository; organisation rulesets are
// read from the rules in force (BranchRules) instead and skipped here.
func (o *Org) githubRuleset(raw json.RawMessage, probe map[string]json.RawMessage, ref string) error {
	_, ptr, _ := strings.Cut(ref, "#")
	var d rulesetJSON
	if err := jsonscan.Decode(raw, ptr, &d); err != nil {
		return fmt.Errorf("decode ruleset: %w", err)
	}
	_, d.hasRules = probe["rules"]
	if d.SourceType != "Repository" || (d.Target != "" && d.Target != "branch") {
		return nil
	}
	if d.Source == "" {
		return fmt.Errorf("repository ruleset %d without source", d.ID)
	}
	applies, known := d.appliesToDefaultBranch()
	if known && !applies {
		return nil
	}
	rs := Ruleset{ID: d.ID, Name: d.Name, Source: d.Source, Enforcement: d.Enforcement, Ref: ref}
	if known && d.hasRules {
		n := 0
		for _, r := range d.Rules {
			if r.Type == "pull_request" && r.Parameters != nil {
				n = max(n, r.Parameters.RequiredApprovingReviewCount)
			}
		}
		rs.RequiredApprovingReviewCount = &n
	}
	rs.BypassActors, rs.AdminsBypass = bypass(d)
	entry := o.Rulesets[d.Source]
	if entry.Repository == "" {
		entry = BranchRulesets{Repository: d.Source, Rulesets: []Ruleset{}, Ref: ref}
	}
	entry.Rulesets = append(entry.Rulesets, rs)
	o.Rulesets[d.Source] = entry
	return nil
}

// appliesToDefaultBranch reads the ref_name condition; known is false
// when the ruleset shows no conditions (a list entry).
func (d rulesetJSON) appliesToDefaultBranch() (applies, known bool) {
	if d.Conditions == nil || d.Conditions.RefName == nil {
		return false, false
	}
	rn := d.Conditions.RefName
	if slices.Contains(rn.Exclude, "~DEFAULT_BRANCH") || slices.Contains(rn.Exclude, "~ALL") {
		return false, true
	}
	return slices.Contains(rn.Include, "~DEFAULT_BRANCH") || slices.Contains(rn.Include, "~ALL"), true
}

// bypass lists the bypass actors of d and whether admins are among them.
func bypass(d rulesetJSON) ([]string, *bool) {
	if d.BypassActors == nil {
		return nil, nil
	}
	actors := []string{}
	admins := false
	for _, a := range *d.BypassActors {
		name := a.ActorType
		if a.ActorID != nil {
			name += " " + strconv.FormatInt(*a.ActorID, 10)
		}
		if a.BypassMode != "" {
			name += " (" + a.BypassMode + ")"
		}
		actors = append(actors, name)
		if a.ActorType == "OrganizationAdmin" || (a.ActorType == "RepositoryRole" && a.ActorID != nil && *a.ActorID == repositoryAdminRole) {
			admins = true
		}
	}
	return actors, &admins
}

func sortRulesets(m map[string]BranchRulesets) {
	for _, e := range m {
		slices.SortStableFunc(e.Rulesets, func(a, b Ruleset) int { return cmp.Compare(a.ID, b.ID) })
	}
}
