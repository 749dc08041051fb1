package kubernetes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/nachweis/nachweis/evidence"
)

// SourceKind is the manifest source kind of a cluster.
const SourceKind = "kubernetes"

// KindVersion is the manifest item kind of the server's /version answer
// (evidence.KindKubernetesVersion); Project reads it as Cluster.Version.
const KindVersion = evidence.KindKubernetesVersion

// CollectOptions say which cluster Collect reads and how.
type CollectOptions struct {
	// Name is the source name in the bundle.
	Name string
	// Kubeconfig is the kubeconfig file; empty means the default loading
	// rules ($KUBECONFIG, ~/.kube/config). Context is its context; empty
	// means its current context.
	Kubeconfig string
	Context    string
	// InCluster uses the service account of the pod the collector runs
	// in instead of a kubeconfig.
	InCluster bool
	// Timeout bounds each request; zero means no bound beyond ctx.
	Timeout time.Duration
	// PageSize is the number of objects per list request; zero or less
	// means 500.
	PageSize int
	// Collector is recorded in the manifest, e.g. "nachweis 0.1.0".
	Collector string
	// Now is the clock of the source's start and finish times. Library
	// code never reads the wall clock.
	Now func() time.Time
	// Progress, when set, is called after each request that listed
	// objects and after each resource; Collect never prints.
	Progress func(Progress)
}

// Progress reports the collection of one resource.
type Progress struct {
	// Source is the source name; Resource names the resource as kubectl
	// does (pods, deployments.apps).
	Source, Resource string
	// Objects is the number of objects listed so far.
	Objects int
	// Done is set on the last report of a resource; Err then holds the
	// error recorded for it, if any.
	Done bool
	Err  string
}

// Collect lists the resources of one cluster (see builtinResources and
// veleroResources) and returns them as a bundle source: the server's
// /version and one typed list per resource (a PodList of every pod of
// every namespace, and so on), the objects as the server sent them with
// apiVersion and kind added. Secrets are listed as metadata only: name,
// namespace, creation time, labels and type.
//
// A resource the server refuses to list (Forbidden, NotFound, a timeout,
// any error of that request) is recorded in the source's Errors under its
// input key, with the server's reason, and collection goes on; the
// resource's partial pages are dropped. Velero's resources are listed when
// the cluster serves velero.io/v1, else recorded as "CRD not installed".
//
// An error is returned, and nothing collected, when the cluster as a whole
// cannot be used: a broken or missing kubeconfig, an unknown context, an
// unreachable server, a TLS failure, rejected credentials, or ctx ending.
// Its text names the cause in one line and never contains a credential.
func Collect(ctx context.Context, o CollectOptions) (evidence.SourceData, error) {
	if o.Now == nil {
		return evidence.SourceData{}, errors.New("collect kubernetes: no clock given")
	}
	started := o.Now()
	cfg, scrub, err := restConfig(o)
	if err != nil {
		return evidence.SourceData{}, err
	}
	c, err := newClient(cfg, scrub, o)
	if err != nil {
		return evidence.SourceData{}, fmt.Errorf("client for %s: %s", cfg.Host, scrub.scrub(err.Error()))
	}
	src := evidence.Source{
		Kind:      SourceKind,
		Name:      o.Name,
		Collector: o.Collector,
		StartedAt: started,
		Status:    evidence.StatusOK,
		Errors:    map[string]string{},
	}
	var items []evidence.Item

	version, err := c.get(ctx, "/version", "application/json")
	switch {
	case err == nil:
		items = append(items, evidence.Item{Kind: KindVersion, Origin: "version.json", Data: version})
	case ctx.Err() != nil:
		return evidence.SourceData{}, ctx.Err()
	case apierrors.IsForbidden(err) || apierrors.IsNotFound(err):
		// The lists may still be allowed; the version is missing.
		src.Errors[keyVersion] = c.describe(err)
	default:
		return evidence.SourceData{}, c.clusterError(err)
	}

	resources := append([]resource{}, builtinResources...)
	velero, verr := c.served(ctx, veleroGroup+"/"+veleroVersion)
	if ctx.Err() != nil {
		return evidence.SourceData{}, ctx.Err()
	}
	for _, r := range veleroResources {
		switch {
		case verr != nil:
			src.Errors[r.key] = fmt.Sprintf("discover %s/%s: %s", veleroGroup, veleroVersion, c.describe(verr))
		case !velero[r.name]:
			src.Errors[r.key] = fmt.Sprintf("CRD not installed: the cluster does not serve %s", r)
		default:
			resources = append(resources, r)
		}
	}

	listed := 0
	failed := map[string][]string{}
	for _, r := range resources {
		data, n, err := c.list(ctx, r)
		if ctx.Err() != nil {
			return evidence.SourceData{}, ctx.Err()
		}
		if err != nil {
			msg := fmt.Sprintf("list %s: %s", r, c.describe(err))
			failed[r.key] = append(failed[r.key], msg)
			c.progress(r, n, true, msg)
			continue
		}
		listed++
		items = append(items, evidence.Item{Kind: evidence.KindKubernetesList, Origin: r.origin(), Data: data})
		c.progress(r, n, true, "")
	}
	for key, msgs := range failed {
		src.Errors[key] = strings.Join(msgs, "; ")
	}
	if listed == 0 {
		src.Status = evidence.StatusError
		src.Error = "no resource could be listed: " + firstError(src.Errors)
	}
	if len(src.Errors) == 0 {
		src.Errors = nil
	}
	src.FinishedAt = o.Now()
	return evidence.SourceData{Source: src, Items: items}, nil
}

// firstError is the error of the first key in sorted order, for a short
// summary.
func firstError(errs map[string]string) string {
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		return "unknown error"
	}
	return keys[0] + ": " + errs[keys[0]]
}

// client sends the collector's requests through client-go's REST client,
// configured as the dynamic client configures it (JSON, the
// kubeconfig's authentication and TLS), but keeps the pages as the
// server sent them instead of decoding every object into a map.
type client struct {
	rest     *rest.RESTClient
	host     string
	scrub    *scrubber
	timeout  time.Duration
	pageSize int64
	source   string
	report   func(Progress)
}

func newClient(cfg *rest.Config, s *scrubber, o CollectOptions) (*client, error) {
	dc := dynamic.ConfigFor(cfg)
	dc.AcceptContentTypes = "application/json"
	dc.ContentType = "application/json"
	hc, err := rest.HTTPClientFor(dc)
	if err != nil {
		return nil, err
	}
	rc, err := rest.UnversionedRESTClientForConfigAndClient(dc, hc)
	if err != nil {
		return nil, err
	}
	size := int64(o.PageSize)
	if size <= 0 {
		size = 500
	}
	return &client{rest: rc, host: cfg.Host, scrub: s, timeout: o.Timeout, pageSize: size, source: o.Name, report: o.Progress}, nil
}

func (c *client) progress(r resource, n int, done bool, err string) {
	if c.report != nil {
		c.report(Progress{Source: c.source, Resource: r.String(), Objects: n, Done: done, Err: err})
	}
}

// get sends one GET and returns the body of a successful answer; an
// answer with an error status is an *apierrors.StatusError.
func (c *client) get(ctx context.Context, path, accept string, params ...string) ([]byte, error) {
	req := c.rest.Get().AbsPath(path).SetHeader("Accept", accept)
	for i := 0; i+1 < len(params); i += 2 {
		if params[i+1] != "" {
			req = req.Param(params[i], params[i+1])
		}
	}
	res := req.Do(ctx)
	body, err := res.Raw()
	if err != nil {
		return nil, res.Error()
	}
	return body, nil
}

// served returns the resources the server serves in groupVersion
// (e.g. velero.io/v1); an empty set when it does not serve the group
// version at all.
func (c *client) served(ctx context.Context, groupVersion string) (map[string]bool, error) {
	body, err := c.get(ctx, "/apis/"+groupVersion, "application/json")
	if apierrors.IsNotFound(err) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	var list struct {
		Resources []struct {
			Name string `json:"name"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, fmt.Errorf("decode the resources of %s: %w", groupVersion, err)
	}
	names := map[string]bool{}
	for _, r := range list.Resources {
		names[r.Name] = true
	}
	return names, nil
}

// describe makes the message of a resource error: the server's reason for
// a status error, "no answer within ..." for a timeout, else the error,
// with secrets scrubbed.
func (c *client) describe(err error) string {
	var msg string
	var se apierrors.APIStatus
	switch {
	case errors.As(err, &se):
		st := se.Status()
		msg = st.Message
		if msg == "" {
			msg = string(st.Reason)
		}
		msg = fmt.Sprintf("%s (HTTP %d)", msg, st.Code)
	case isTimeout(err):
		msg = c.noAnswer()
	default:
		msg = transportCause(err)
	}
	return c.scrub.scrub(msg)
}

// clusterError explains why the cluster cannot be used at all, in one
// line, for the first request.
func (c *client) clusterError(err error) error {
	var msg string
	switch {
	case apierrors.IsUnauthorized(err):
		msg = fmt.Sprintf("the API server %s rejected the credentials (HTTP 401 Unauthorized): renew the token or certificate of the kubeconfig user", c.host)
	case isTimeout(err):
		msg = fmt.Sprintf("the API server %s gave %s", c.host, c.noAnswer())
	default:
		var se apierrors.APIStatus
		if errors.As(err, &se) {
			msg = fmt.Sprintf("the API server %s answered /version with %s", c.host, c.describe(err))
		} else {
			msg = fmt.Sprintf("cannot reach the API server %s: %s", c.host, transportCause(err))
		}
	}
	return errors.New(c.scrub.scrub(msg))
}

func (c *client) noAnswer() string {
	if c.timeout <= 0 {
		return "no answer in time"
	}
	return fmt.Sprintf("no answer within %s", c.timeout)
}

// transportCause strips the request URL client-go and net/http put in
// front of a transport error; the caller names the server.
func transportCause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	// One line: some TLS and proxy errors carry newlines.
	return strings.Join(strings.Fields(msg), " ")
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || apierrors.IsTimeout(err) || apierrors.IsServerTimeout(err) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
