package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
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
	s := &Server{Token: token, Protection: map[string]map[string]any{}}
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
	case strings.HasPrefix(path, "repos/") && strings.HasSuffix(path, "/protection"):
		rest := strings.TrimSuffix(strings.TrimPrefix(path, "repos/"), "/protection")
		repo, branch, _ := strings.Cut(rest, "/branches/")
		branch, _ = url.PathUnescape(branch)
		p, ok := s.Protection[repo+":"+branch]
		if !ok {
			s.fail(w, r, &Failure{Status: http.StatusNotFound, Message: "Branch not protected"})
			return
		}
		writeJSON(w, http.StatusOK, p)
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
