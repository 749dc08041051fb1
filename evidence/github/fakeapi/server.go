package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Prefix is the path of the API on GitHub Enterprise Server.
const Prefix = "/api/v3"

// Failure is an error answer.
type Failure struct {
	Status  int
	Message string
	// Header is added to the answer, e.g. X-RateLimit-Remaining.
	Header http.Header
}

// Server is a fake GitHub API. Configure it before the first request.
type Server struct {
	// URL is the server's base URL, without Prefix.
	URL string
	// Token is the bearer token every request must carry; any other
	// gives 401 Bad credentials.
	Token string
	// Org is the GET /orgs/{org} answer; its login names the
	// organisation served.
	Org map[string]any
	// Members, Owners, Members2FADisabled and Outside are the user
	// lists of /orgs/{org}/members (without, with role=admin, with
	// filter=2fa_disabled) and /orgs/{org}/outside_collaborators.
	Members, Owners, Members2FADisabled, Outside []map[string]any
	// Repos are the answer of /orgs/{org}/repos.
	Repos []map[string]any
	// Protection holds branch protections by "<owner>/<repo>:<branch>";
	// a branch without one answers 404 Branch not protected.
	Protection map[string]map[string]any
	// Hooks are the answer of /orgs/{org}/hooks.
	Hooks []map[string]any
	// Rules holds the rules in force on a branch, the answer of
	// /repos/{owner}/{repo}/rules/branches/{branch}, by
	// "<owner>/<repo>:<branch>"; a branch without any answers [].
	Rules map[string][]map[string]any
	// Rulesets holds the answers of /repos/{owner}/{repo}/rulesets/{id}
	// by id; an unknown id answers 404.
	Rulesets map[int64]map[string]any
	// Keys and Collaborators hold the answers of
	// /repos/{owner}/{repo}/keys and
	// /repos/{owner}/{repo}/collaborators?affiliation=outside by
	// "<owner>/<repo>"; a repository without any answers [].
	Keys, Collaborators map[string][]map[string]any
	// VulnerabilityAlerts holds, by "<owner>/<repo>", whether Dependabot
	// alerts are enabled: GET /repos/{owner}/{repo}/vulnerability-alerts
	// answers 204 for true and 404 for false or a repository not listed,
	// as GitHub does.
	VulnerabilityAlerts map[string]bool
	// DependabotAlerts are the answer of /orgs/{org}/dependabot/alerts,
	// paged by cursor (before/after) as GitHub pages it; the state and
	// severity query parameters filter them.
	DependabotAlerts []map[string]any
	// PageSize caps per_page, to force several pages.
	PageSize int
	// Fail, when set, may answer a request with an error instead.
	Fail func(r *http.Request) *Failure
	// EchoToken makes error messages repeat the request's Authorization
	// header, as a careless proxy might.
	EchoToken bool

	mu       sync.Mutex
	requests []string
}

// New starts a server that closes with the test.
func New(t testing.TB, token string) *Server {
	s := &Server{Token: token, Protection: map[string]map[string]any{}, Rules: map[string][]map[string]any{},
		Rulesets: map[int64]map[string]any{}, Keys: map[string][]map[string]any{}, Collaborators: map[string][]map[string]any{},
		VulnerabilityAlerts: map[string]bool{}}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Requests lists the request URIs served, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.URL.RequestURI())
	s.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+s.Token {
		s.fail(w, r, &Failure{Status: http.StatusUnauthorized, Message: "Bad credentials"})
		return
	}
	if s.Fail != nil {
		if f := s.Fail(r); f != nil {
			s.fail(w, r, f)
			return
		}
	}
	path, ok := strings.CutPrefix(r.URL.EscapedPath(), Prefix+"/")
	if !ok || r.Method != http.MethodGet {
		s.fail(w, r, &Failure{Status: http.StatusNotFound, Message: "Not Found"})
		return
	}
	org, _ := s.Org["login"].(string)
	q := r.URL.Query()
	switch {
	case path == "orgs/"+org:
		writeJSON(w, http.StatusOK, s.Org)
	case path == "orgs/"+org+"/members":
		list := s.Members
		if q.Get("role") == "admin" {
			list = s.Owners
		}
		if q.Get("filter") == "2fa_disabled" {
			list = s.Members2FADisabled
		}
		s.page(w, r, list)
	case path == "orgs/"+org+"/outside_collaborators":
		s.page(w, r, s.Outside)
	case path == "orgs/"+org+"/repos":
		s.page(w, r, s.Repos)
	case path == "orgs/"+org+"/hooks":
		s.page(w, r, s.Hooks)
	case path == "orgs/"+org+"/dependabot/alerts":
		s.alerts(w, r)
	case strings.HasPrefix(path, "repos/"):
		s.serveRepo(w, r, strings.TrimPrefix(path, "repos/"))
	default:
		s.fail(w, r, &Failure{Status: http.StatusNotFound, Message: "Not Found"})
	}
}

// serveRepo answers /repos/{owner}/{repo}/<rest>; path starts at owner.
func (s *Server) serveRepo(w http.ResponseWriter, r *http.Request, path string) {
	owner, rest, _ := strings.Cut(path, "/")
	name, sub, _ := strings.Cut(rest, "/")
	repo := owner + "/" + name
	switch {
	case strings.HasPrefix(sub, "branches/") && strings.HasSuffix(sub, "/protection"):
		branch, _ := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(sub, "branches/"), "/protection"))
		p, ok := s.Protection[repo+":"+branch]
		if !ok {
			s.fail(w, r, &Failure{Status: http.StatusNotFound, Message: "Branch not protected"})
			return
		}
		writeJSON(w, http.StatusOK, p)
	case strings.HasPrefix(sub, "rules/branches/"):
		branch, _ := url.PathUnescape(strings.TrimPrefix(sub, "rules/branches/"))
		s.page(w, r, s.Rules[repo+":"+branch])
	case strings.HasPrefix(sub, "rulesets/"):
		id, err := strconv.ParseInt(strings.TrimPrefix(sub, "rulesets/"), 10, 64)
		rs, ok := s.Rulesets[id]
		if err != nil || !ok {
			s.fail(w, r, &Failure{Status: http.StatusNotFound, Message: "Not Found"})
			return
		}
		writeJSON(w, http.StatusOK, rs)
	case sub == "keys":
		s.page(w, r, s.Keys[repo])
	case sub == "vulnerability-alerts":
		if !s.VulnerabilityAlerts[repo] {
			s.fail(w, r, &Failure{Status: http.StatusNotFound, Message: "Not Found"})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case sub == "collaborators":
		if r.URL.Query().Get("affiliation") != "outside" {
			s.fail(w, r, &Failure{Status: http.StatusUnprocessableEntity, Message: "this fake serves affiliation=outside only"})
			return
		}
		s.page(w, r, s.Collaborators[repo])
	default:
		s.fail(w, r, &Failure{Status: http.StatusNotFound, Message: "Not Found"})
	}
}

// page answers one page of list, with a Link header to the next and last
// pages as GitHub sends it.
func (s *Server) page(w http.ResponseWriter, r *http.Request, list []map[string]any) {
	q := r.URL.Query()
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	if s.PageSize > 0 && per > s.PageSize {
		per = s.PageSize
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page < 1 {
		page = 1
	}
	last := max((len(list)+per-1)/per, 1)
	from, to := min((page-1)*per, len(list)), min(page*per, len(list))
	link := func(p int, rel string) string {
		q.Set("page", strconv.Itoa(p))
		return fmt.Sprintf(`<%s%s?%s>; rel="%s"`, s.URL, r.URL.Path, q.Encode(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := list[from:to]
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, out)
}

// alerts answers /orgs/{org}/dependabot/alerts: the alerts of the given
// states and severities (comma-separated lists), one page after the
// cursor, with a Link header whose next link carries the next cursor, as
// GitHub pages this endpoint. GitHub refuses the page parameter here.
func (s *Server) alerts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("page") != "" {
		s.fail(w, r, &Failure{Status: http.StatusBadRequest, Message: "Pagination using the `page` parameter is not supported."})
		return
	}
	in := func(param string, v any) bool {
		want := q.Get(param)
		str, _ := v.(string)
		return want == "" || slices.Contains(strings.Split(want, ","), str)
	}
	var list []map[string]any
	for _, a := range s.DependabotAlerts {
		sev, _ := a["security_advisory"].(map[string]any)
		if in("state", a["state"]) && in("severity", sev["severity"]) {
			list = append(list, a)
		}
	}
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	if s.PageSize > 0 && per > s.PageSize {
		per = s.PageSize
	}
	from := 0
	if c := q.Get("after"); c != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(c, "cursor-"))
		if err != nil || n < 0 || n > len(list) {
			s.fail(w, r, &Failure{Status: http.StatusBadRequest, Message: "Invalid cursor"})
			return
		}
		from = n
	}
	to := min(from+per, len(list))
	if to < len(list) {
		q.Set("after", fmt.Sprintf("cursor-%d", to))
		w.Header().Set("Link", fmt.Sprintf(`<%s%s?%s>; rel="next"`, s.URL, r.URL.Path, q.Encode()))
	}
	out := list[from:to]
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, f *Failure) {
	for k, v := range f.Header {
		w.Header()[k] = v
	}
	msg := f.Message
	if s.EchoToken {
		msg += " (Authorization: " + r.Header.Get("Authorization") + ")"
	}
	writeJSON(w, f.Status, map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		panic(err)
	}
}
