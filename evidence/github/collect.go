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
	"time"

	gh "github.com/google/go-github/v60/github"

	"github.com/nachweis/nachweis/evidence"
)

// DefaultMaxRateLimitWait is how long Collect waits for a rate limit to
// reset when CollectOptions.MaxRateLimitWait is zero.
const DefaultMaxRateLimitWait = 60 * time.Second

// DefaultRequestTimeout bounds one request when CollectOptions.HTTPClient
// is nil, so that a server that stops answering cannot stall collect.
const DefaultRequestTimeout = 60 * time.Second

// maxRateLimitRetries bounds the retries of one request after rate limits.
const maxRateLimitRetries = 3

// CollectOptions say which organisation Collect reads and how.
type CollectOptions struct {
	// Name is the source name in the bundle.
	Name string
	// Organization is the organisation login.
	Organization string
	// BaseURL is the GitHub Enterprise Server URL, e.g.
	// https://ghe.example.com (the API is under /api/v3/); empty means
	// github.com.
	BaseURL string
	// Token authenticates the requests; empty sends none. It never
	// reaches the bundle or an error.
	Token string
	// HTTPClient sends the requests; nil means a client that gives up on
	// a request after DefaultRequestTimeout.
	HTTPClient *http.Client
	// Collector is recorded as the source's collector.
	Collector string
	// Now gives the source's start and finish times.
	Now func() time.Time
	// MaxRateLimitWait bounds the wait for one rate-limit reset; zero
	// means DefaultMaxRateLimitWait. A longer wait records the error.
	MaxRateLimitWait time.Duration

	// sleep waits d or until ctx ends; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// File names of the collected items in the bundle.
const (
	fileOrganization         = "organization.json"
	fileMembers              = "members.json"
	fileMembers2FADisabled   = "members-2fa-disabled.json"
	fileOwners               = "owners.json"
	fileOutsideCollaborators = "outside-collaborators.json"
	fileBranchProtection     = "branch-protection.json"
	fileWebhooks             = "webhooks.json"
	fileRulesets             = "rulesets.json"
	fileDeployKeys           = "deploy-keys.json"
	fileCollaboratorPerms    = "collaborator-permissions.json"
	fileRepositories         = "repositories.json"
	fileVulnerabilityAlerts  = "vulnerability-alerts.json"
	fileDependabotAlerts     = "dependabot-alerts.json"
)

// Collect reads one organisation from the GitHub API: the organisation,
// its members, owners, members without 2FA, outside collaborators,
// webhooks, repositories (with their security_and_analysis settings) and
// open critical and high Dependabot alerts, and for every repository the
// protection of its default branch, the rulesets in force on it, its
// deploy keys, its outside collaborators with their permissions and
// whether Dependabot alerts are enabled. Each is stored as one item of the
// kind Project reads, as GitHub answered (lists as one JSON array joined
// over all pages; per-repository answers wrapped as BranchRules,
// RepositoryCollaborators and VulnerabilityAlerts), except that deploy keys
// lose their key material, webhooks their secrets and repositories their
// temp_clone_token (evidence.RedactGitHub).
//
// An endpoint that answers with an error (403 for the 2FA filter with a
// non-owner token, 404, 5xx, a rate limit longer than MaxRateLimitWait) is
// recorded in Source.Errors under its Project key and its item is left
// out, so its checks report no-evidence. A rejected token (401), an
// unreachable server or a cancelled ctx make the source unusable and are
// returned as one-line errors.
func Collect(ctx context.Context, o CollectOptions) (evidence.SourceData, error) {
	if o.Name == "" || o.Organization == "" || o.Now == nil {
		return evidence.SourceData{}, errors.New("github collect: name, organization and clock are required")
	}
	c, err := newCollector(o)
	if err != nil {
		return evidence.SourceData{}, err
	}
	start := o.Now()
	org := url.PathEscape(o.Organization)

	if err := c.object(ctx, KeyOrganization, KindOrganization, fileOrganization, "orgs/"+org); err != nil {
		return evidence.SourceData{}, err
	}
	lists := []struct{ key, kind, file, path, query string }{
		{KeyMembers, KindMembers, fileMembers, "orgs/" + org + "/members", ""},
		{KeyOwners, KindOwners, fileOwners, "orgs/" + org + "/members", "role=admin"},
		{KeyMembers2FADisabled, KindMembers2FADisabled, fileMembers2FADisabled, "orgs/" + org + "/members", "filter=2fa_disabled"},
		{KeyOutsideCollaborators, KindOutsideCollaborators, fileOutsideCollaborators, "orgs/" + org + "/outside_collaborators", ""},
		{KeyWebhooks, KindWebhooks, fileWebhooks, "orgs/" + org + "/hooks", ""},
	}
	for _, l := range lists {
		if err := c.list(ctx, l.key, l.kind, l.file, l.path, l.query); err != nil {
			return evidence.SourceData{}, err
		}
	}
	repos, err := c.repositories(ctx, org)
	if err != nil {
		return evidence.SourceData{}, err
	}
	if repos != nil {
		branched := make([]repoRef, 0, len(repos))
		for _, r := range repos {
			if r.branch != "" {
				branched = append(branched, r)
			}
		}
		for _, step := range []func(context.Context, []repoRef) error{c.branchProtection, c.rulesets, c.deployKeys, c.collaboratorPermissions} {
			if err := step(ctx, branched); err != nil {
				return evidence.SourceData{}, err
			}
		}
		if err := c.vulnerabilityAlerts(ctx, repos); err != nil {
			return evidence.SourceData{}, err
		}
	}
	if err := c.dependabotAlerts(ctx, org); err != nil {
		return evidence.SourceData{}, err
	}

	s := evidence.Source{
		Kind:       "github",
		Name:       o.Name,
		Collector:  o.Collector,
		StartedAt:  start,
		FinishedAt: o.Now(),
		Status:     evidence.StatusOK,
	}
	if len(c.errs) > 0 {
		s.Errors = c.errs
	}
	return evidence.SourceData{Source: s, Items: c.items}, nil
}

type collector struct {
	gh      *gh.Client
	token   string
	maxWait time.Duration
	sleep   func(context.Context, time.Duration) error
	items   []evidence.Item
	errs    map[string]string
}

func newCollector(o CollectOptions) (*collector, error) {
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: DefaultRequestTimeout}
	}
	client := gh.NewClient(hc)
	if o.BaseURL != "" {
		var err error
		if client, err = client.WithEnterpriseURLs(o.BaseURL, o.BaseURL); err != nil {
			return nil, fmt.Errorf("github base URL %q: %w", o.BaseURL, err)
		}
	}
	if o.Token != "" {
		client = client.WithAuthToken(o.Token)
	}
	c := &collector{gh: client, token: o.Token, maxWait: o.MaxRateLimitWait, sleep: o.sleep, errs: map[string]string{}}
	if c.maxWait <= 0 {
		c.maxWait = DefaultMaxRateLimitWait
	}
	if c.sleep == nil {
		c.sleep = sleep
	}
	return c, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// object stores the JSON object at path as one item.
func (c *collector) object(ctx context.Context, key, kind, file, path string) error {
	var raw json.RawMessage
	if _, err := c.get(ctx, path, &raw); err != nil {
		return c.record(key, err)
	}
	c.items = append(c.items, evidence.Item{Kind: kind, Origin: file, Data: append(raw, '\n')})
	return nil
}

// list stores every page of the list at path as one JSON array.
func (c *collector) list(ctx context.Context, key, kind, file, path, query string) error {
	all, err := c.pages(ctx, path, query)
	if err != nil {
		return c.record(key, err)
	}
	return c.store(key, kind, file, all)
}

// pages reads every page of the list at path.
func (c *collector) pages(ctx context.Context, path, query string) ([]json.RawMessage, error) {
	all := []json.RawMessage{}
	for page := 1; page != 0; {
		q := url.Values{}
		if query != "" {
			q, _ = url.ParseQuery(query)
		}
		q.Set("per_page", "100")
		q.Set("page", strconv.Itoa(page))
		var items []json.RawMessage
		resp, err := c.get(ctx, path+"?"+q.Encode(), &items)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		page = resp.NextPage
	}
	return all, nil
}

// store adds l as the item of kind, without what RedactGitHub removes.
func (c *collector) store(key, kind, file string, l []json.RawMessage) error {
	data, err := marshalList(l)
	note := ""
	if err == nil {
		data, note, err = evidence.RedactGitHub(kind, data)
	}
	if err != nil {
		c.errs[key] = fmt.Sprintf("encode %s: %s", file, err)
		return nil
	}
	c.items = append(c.items, evidence.Item{Kind: kind, Origin: file, Data: data, Redacted: note})
	return nil
}

// unprotected stands for the protection of a default branch GitHub
// answered "404 Branch not protected" for. Project has no "unprotected"
// value, so the branch is recorded as protection without required
// reviews and without admin enforcement: GH-BP-01 fails it, as it must,
// instead of treating the branch as unknown. Note says it was not a
// GitHub response.
type unprotected struct {
	URL                        string       `json:"url"`
	RequiredPullRequestReviews *struct{}    `json:"required_pull_request_reviews"`
	EnforceAdmins              enforceAdmin `json:"enforce_admins"`
	Note                       string       `json:"nachweis_note"`
}

type enforceAdmin struct {
	Enabled bool `json:"enabled"`
}

// branchProtection stores the protection of every repository's default
// branch as one JSON array.
func (c *collector) branchProtection(ctx context.Context, repos []repoRef) error {
	var all []json.RawMessage
	var failed []string
	for _, r := range repos {
		path := r.path("branches/" + url.PathEscape(r.branch) + "/protection")
		var raw json.RawMessage
		_, err := c.get(ctx, path, &raw)
		var er *gh.ErrorResponse
		switch {
		case err == nil:
			all = append(all, raw)
		case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound && strings.HasPrefix(er.Message, "Branch not protected"):
			u, uerr := c.gh.BaseURL.Parse(path)
			if uerr != nil {
				return uerr
			}
			data, merr := json.Marshal(unprotected{
				URL:           u.String(),
				EnforceAdmins: enforceAdmin{Enabled: false},
				Note:          "recorded by nachweis: GitHub answered 404 Branch not protected",
			})
			if merr != nil {
				return merr
			}
			all = append(all, data)
		case branchNotFound(err):
			// An empty repository has a default branch name but no
			// branch: nothing to protect.
		default:
			if fatal := c.fatal(err); fatal != nil {
				return fatal
			}
			failed = append(failed, c.describe(err))
		}
	}
	c.recordFailures(KeyBranchProtection, failed)
	data, err := marshalList(all)
	if err != nil {
		return fmt.Errorf("encode branch protection: %w", err)
	}
	c.items = append(c.items, evidence.Item{Kind: KindBranchProtection, Origin: fileBranchProtection, Data: data})
	return nil
}

func marshalList(l []json.RawMessage) ([]byte, error) {
	if l == nil {
		l = []json.RawMessage{}
	}
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// get sends GET path and decodes the answer into v, waiting for rate
// limits that reset within c.maxWait.
func (c *collector) get(ctx context.Context, path string, v any) (*gh.Response, error) {
	for try := 0; ; try++ {
		req, err := c.gh.NewRequest(http.MethodGet, path, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.gh.Do(ctx, req, v)
		if err == nil {
			return resp, nil
		}
		wait, limited := rateLimitWait(err)
		if !limited || try >= maxRateLimitRetries || wait > c.maxWait {
			return resp, err
		}
		if err := c.sleep(ctx, wait); err != nil {
			return resp, err
		}
	}
}

// rateLimitWait tells how long to wait before retrying after err, and
// whether err is a rate limit at all. The wait is measured against the
// response's Date, so it does not depend on the local clock.
func rateLimitWait(err error) (time.Duration, bool) {
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	switch {
	case errors.As(err, &rl):
		now := time.Now()
		if rl.Response != nil {
			if d, err := http.ParseTime(rl.Response.Header.Get("Date")); err == nil {
				now = d
			}
		}
		return max(rl.Rate.Reset.Sub(now)+time.Second, 0), true
	case errors.As(err, &ab):
		if ab.RetryAfter != nil {
			return max(*ab.RetryAfter, 0), true
		}
		// GitHub asks to wait at least a minute when it gives no time.
		return time.Minute, true
	}
	return 0, false
}

// record notes err under key, or returns it when it makes the whole
// source unusable.
func (c *collector) record(key string, err error) error {
	if fatal := c.fatal(err); fatal != nil {
		return fatal
	}
	msg := c.describe(err)
	switch key {
	case KeyMembers2FADisabled:
		msg += " (GitHub lists members without 2FA to organisation owners only; the token is not an owner's)"
	case KeyWebhooks:
		msg += " (GitHub lists organisation webhooks to organisation owners only, with a token allowed admin:org_hook)"
	case KeyDependabotAlerts:
		msg += " (GitHub lists an organisation's Dependabot alerts to owners and security managers, with a token allowed security_events or Dependabot alerts read)"
	}
	c.errs[key] = msg
	return nil
}

// fatal returns the one-line error for err when it makes the whole source
// unusable: a rejected token, a cancelled context, an unreachable server.
func (c *collector) fatal(err error) error {
	var er *gh.ErrorResponse
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	var otp *gh.TwoFactorAuthError
	switch {
	case errors.As(err, &rl), errors.As(err, &ab):
		return nil
	case errors.As(err, &otp):
		return errors.New(c.scrub(fmt.Sprintf("%s: 401 %s (check the token)", request(otp.Response), otp.Message)))
	case errors.As(err, &er):
		if er.Response != nil && er.Response.StatusCode == http.StatusUnauthorized {
			return errors.New(c.describe(err) + " (check the token)")
		}
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("reach %s: %s", c.gh.BaseURL.Redacted(), c.scrub(ue.Err.Error()))
	}
	// A response GitHub sent but that is not the JSON expected.
	return nil
}

// describe renders err in one line without the token.
func (c *collector) describe(err error) string {
	var er *gh.ErrorResponse
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	var msg string
	switch {
	case errors.As(err, &rl):
		msg = fmt.Sprintf("%s: rate limit exceeded until %s, longer than the allowed wait of %s: %s",
			request(rl.Response), rl.Rate.Reset.UTC().Format(time.RFC3339), c.maxWait, rl.Message)
	case errors.As(err, &ab):
		msg = fmt.Sprintf("%s: secondary rate limit, longer than the allowed wait of %s: %s", request(ab.Response), c.maxWait, ab.Message)
	case errors.As(err, &er) && er.Response != nil:
		msg = fmt.Sprintf("%s: %d %s", request(er.Response), er.Response.StatusCode, er.Message)
	default:
		msg = err.Error()
	}
	return c.scrub(msg)
}

// request names the request of resp: "GET /orgs/acme/members?filter=…".
func request(resp *http.Response) string {
	if resp == nil || resp.Request == nil || resp.Request.URL == nil {
		return "GitHub API"
	}
	return resp.Request.Method + " " + resp.Request.URL.RequestURI()
}

// scrub removes the token by value and, as a second line of defence,
// credentials of a recognisable shape (evidence.ScrubCredentials).
func (c *collector) scrub(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if c.token != "" {
		s = strings.ReplaceAll(s, c.token, evidence.Redacted)
	}
	return evidence.ScrubCredentials(s)
}
