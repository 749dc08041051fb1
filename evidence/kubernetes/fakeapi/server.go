package fakeapi

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Server is a fake API server. Configure it before the first request.
type Server struct {
	// URL is the server's https URL.
	URL string
	// Token is the bearer token every request must carry; any other
	// gives 401.
	Token string
	// Velero makes the server serve velero.io/v1 (backups, schedules,
	// backupstoragelocations).
	Velero bool
	// ExpireContinue makes the first request with a continue token fail
	// with 410 Gone, as when a token outlives etcd's compaction.
	ExpireContinue bool
	// EchoToken makes error messages repeat the request's Authorization
	// header, as a careless proxy might.
	EchoToken bool
	// EchoCredential makes error messages repeat the request's
	// credential without its scheme and without naming it, so that no
	// pattern recognises it: only a scrubber that knows the value can
	// remove it.
	EchoCredential bool

	srv *httptest.Server

	mu        sync.Mutex
	objects   map[string][]map[string]any
	forbidden map[string]bool
	expired   bool
	requests  []Request
}

// Request is a request the server received.
type Request struct {
	Path, Query, Accept string
}

// New starts a server that requires token; it is closed when the test
// ends.
func New(t testing.TB, token string) *Server {
	s := &Server{Token: token, objects: map[string][]map[string]any{}, forbidden: map[string]bool{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	// Clients that do not trust the server are what some tests are about.
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.StartTLS()
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// Add adds objects to the list at path, e.g. /api/v1/pods or
// /apis/apps/v1/deployments. Objects are served without apiVersion and
// kind for built-in resources (as kube-apiserver lists them) and as given
// for velero.io.
func (s *Server) Add(path string, objs ...map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.objects[path] = append(s.objects[path], objs...)
}

// Forbid makes lists at path answer 403 Forbidden.
func (s *Server) Forbid(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forbidden[path] = true
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request{}, s.requests...)
}

// Kubeconfig writes a kubeconfig for the server into dir, with the
// server's CA, the token and a context named context, and returns its
// path.
func (s *Server) Kubeconfig(t testing.TB, dir, context string) string {
	t.Helper()
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.srv.Certificate().Raw})
	cfg := map[string]any{
		"apiVersion":      "v1",
		"kind":            "Config",
		"current-context": context,
		"clusters": []any{map[string]any{"name": "fake", "cluster": map[string]any{
			"server": s.URL, "certificate-authority-data": ca,
		}}},
		"users":    []any{map[string]any{"name": "collector", "user": map[string]any{"token": s.Token}}},
		"contexts": []any{map[string]any{"name": context, "context": map[string]any{"cluster": "fake", "user": "collector"}}},
	}
	data, err := json.Marshal(cfg) // JSON is YAML
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "kubeconfig")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, Request{Path: r.URL.Path, Query: r.URL.RawQuery, Accept: r.Header.Get("Accept")})
	s.mu.Unlock()
	auth := r.Header.Get("Authorization")
	if auth != "Bearer "+s.Token {
		s.status(w, r, http.StatusUnauthorized, "Unauthorized", "Unauthorized")
		return
	}
	switch {
	case r.URL.Path == "/version":
		writeJSON(w, http.StatusOK, map[string]any{
			"major": "1", "minor": "31", "gitVersion": "v1.31.4", "gitCommit": "a78aa47129b8539636eb86a9d00e31b2720fe06b",
			"gitTreeState": "clean", "buildDate": "2024-12-10T00:00:00Z", "goVersion": "go1.22.10", "compiler": "gc", "platform": "linux/amd64",
		})
	case r.URL.Path == "/apis/velero.io/v1":
		if !s.Velero {
			s.status(w, r, http.StatusNotFound, "NotFound", "the server could not find the requested resource")
			return
		}
		var res []any
		for _, n := range []string{"backups", "schedules", "backupstoragelocations"} {
			res = append(res, map[string]any{"name": n, "namespaced": true, "kind": n, "verbs": []string{"get", "list"}})
		}
		writeJSON(w, http.StatusOK, map[string]any{"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "velero.io/v1", "resources": res})
	case strings.HasPrefix(r.URL.Path, "/apis/velero.io/") && !s.Velero:
		s.status(w, r, http.StatusNotFound, "NotFound", "the server could not find the requested resource")
	case strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/apis/"):
		s.list(w, r)
	default:
		s.status(w, r, http.StatusNotFound, "NotFound", "the server could not find the requested resource")
	}
}

// list answers a cluster-wide list with pagination: the continue token is
// the offset of the next object.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	objs := s.objects[r.URL.Path]
	forbidden := s.forbidden[r.URL.Path]
	expire := s.ExpireContinue && !s.expired && r.URL.Query().Get("continue") != ""
	if expire {
		s.expired = true
	}
	s.mu.Unlock()
	resource := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	if forbidden {
		group := ""
		if p := strings.Split(strings.Trim(r.URL.Path, "/"), "/"); p[0] == "apis" {
			group = p[1]
		}
		s.status(w, r, http.StatusForbidden, "Forbidden", fmt.Sprintf(
			"%s is forbidden: User \"nachweis-collector\" cannot list resource %q in API group %q at the cluster scope",
			strings.TrimSuffix(resource+"."+group, "."), resource, group))
		return
	}
	if expire {
		s.status(w, r, http.StatusGone, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.")
		return
	}
	q := r.URL.Query()
	start := 0
	if c := q.Get("continue"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 || n > len(objs) {
			s.status(w, r, http.StatusBadRequest, "BadRequest", "invalid continue token")
			return
		}
		start = n
	}
	end := len(objs)
	if l, err := strconv.Atoi(q.Get("limit")); err == nil && l > 0 && start+l < end {
		end = start + l
	}
	meta := map[string]any{"resourceVersion": "4711"}
	if end < len(objs) {
		meta["continue"] = strconv.Itoa(end)
		meta["remainingItemCount"] = len(objs) - end
	}
	page := objs[start:end]
	if strings.Contains(r.Header.Get("Accept"), "as=Table") {
		writeJSON(w, http.StatusOK, table(page, meta, q.Get("includeObject")))
		return
	}
	items := make([]any, 0, len(page))
	for _, o := range page {
		if !strings.HasPrefix(r.URL.Path, "/apis/velero.io/") {
			o = without(o, "apiVersion", "kind")
		}
		items = append(items, o)
	}
	writeJSON(w, http.StatusOK, map[string]any{"apiVersion": "v1", "kind": "List", "metadata": meta, "items": items})
}

// table is the server's table view of a Secret list: Name, Type, Data and
// Age columns, each row with the object as includeObject asks (Metadata,
// Object or None; default Metadata as kube-apiserver does for tables).
func table(objs []map[string]any, meta map[string]any, include string) map[string]any {
	rows := []any{}
	for _, o := range objs {
		md, _ := o["metadata"].(map[string]any)
		data, _ := o["data"].(map[string]any)
		row := map[string]any{"cells": []any{md["name"], o["type"], len(data), "5d"}}
		switch include {
		case "Object":
			row["object"] = o
		case "None":
		default:
			row["object"] = map[string]any{"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": md}
		}
		rows = append(rows, row)
	}
	cols := []any{}
	for _, n := range []string{"Name", "Type", "Data", "Age"} {
		cols = append(cols, map[string]any{"name": n, "type": "string", "format": "", "description": n, "priority": 0})
	}
	return map[string]any{"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": meta, "columnDefinitions": cols, "rows": rows}
}

func without(o map[string]any, keys ...string) map[string]any {
	out := make(map[string]any, len(o))
	for k, v := range o {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

func (s *Server) status(w http.ResponseWriter, r *http.Request, code int, reason, msg string) {
	if s.EchoToken && code != http.StatusUnauthorized {
		msg += " (request had Authorization: " + r.Header.Get("Authorization") + ")"
	}
	if s.EchoCredential && code != http.StatusUnauthorized {
		_, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		msg += " (seen: " + cred + ")"
	}
	writeJSON(w, code, map[string]any{
		"kind": "Status", "apiVersion": "v1", "metadata": map[string]any{},
		"status": "Failure", "message": msg, "reason": reason, "code": code,
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
