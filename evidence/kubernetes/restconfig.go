package kubernetes

import (
	"cmp"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/nachweis/nachweis/evidence"
)

// Client-side rate limit. The collector sends its requests one after the
// other, so this only caps a very fast server's load; it is high enough
// that client-go never waits (and logs that it waited).
const (
	clientQPS   = 50
	clientBurst = 100
)

// restConfig builds the client configuration of a source from its
// kubeconfig (and context) or, with InCluster, from the pod's service
// account. It also returns the secrets the configuration holds, which
// scrub removes from every message. Errors name the kubeconfig and never
// quote a credential.
func restConfig(o CollectOptions) (*rest.Config, *scrubber, error) {
	s := &scrubber{}
	var cfg *rest.Config
	if o.InCluster {
		c, err := rest.InClusterConfig()
		if err != nil {
			return nil, s, fmt.Errorf("in-cluster configuration: %w", err)
		}
		cfg = c
	} else {
		rules := clientcmd.NewDefaultClientConfigLoadingRules()
		where := "kubeconfig"
		if o.Kubeconfig != "" {
			rules.ExplicitPath = o.Kubeconfig
			where = "kubeconfig " + o.Kubeconfig
			// Collect the credentials of every user in the file, so that
			// a message about any of them can be scrubbed.
			if raw, err := clientcmd.LoadFromFile(o.Kubeconfig); err == nil {
				s.addKubeconfig(raw)
			}
		}
		cc := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{CurrentContext: o.Context})
		c, err := cc.ClientConfig()
		switch {
		case clientcmd.IsEmptyConfig(err):
			return nil, s, errors.New("no kubeconfig found ($KUBECONFIG is unset and ~/.kube/config does not exist): set kubeconfig or in_cluster in the source")
		case errors.Is(err, os.ErrNotExist):
			return nil, s, fmt.Errorf("%s: no such file", where)
		case err != nil:
			return nil, s, fmt.Errorf("%s: %s", where, s.scrub(err.Error()))
		}
		cfg = c
	}
	s.addRest(cfg)
	// Wrappers added here run closest to the network: client-go puts its
	// authentication wrappers, and the exec plugin's, around them.
	cfg.Wrap(func(rt http.RoundTripper) http.RoundTripper { return captureAuth{next: rt, scrub: s} })
	cfg.QPS, cfg.Burst = clientQPS, clientBurst
	cfg.Timeout = o.Timeout
	// Deprecation warnings would go to the log; the collector keeps stderr
	// for its own one-line messages.
	cfg.WarningHandler = rest.NoWarnings{}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "nachweis"
	}
	return cfg, s, nil
}

// scrubber removes known secrets (tokens, passwords, keys) from messages
// before they reach a bundle, a log or the terminal. API servers and
// client-go do not put credentials into errors; this is the second line of
// defence for servers, proxies and plugins that do. It knows the secrets
// of the kubeconfig and, through captureAuth, every credential the
// transport actually sent (an exec plugin's or auth provider's token,
// which the kubeconfig does not hold); whatever it does not know by value
// evidence.ScrubCredentials removes by shape.
type scrubber struct {
	mu      sync.Mutex
	seen    map[string]bool
	secrets []string // longest first
}

// minSecretLen keeps short values (a password "x" in a test kubeconfig)
// from turning every message into asterisks.
const minSecretLen = 6

func (s *scrubber) add(v string) {
	v = strings.TrimSpace(v)
	if len(v) < minSecretLen {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[v] {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[v] = true
	i, _ := slices.BinarySearchFunc(s.secrets, v, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	s.secrets = slices.Insert(s.secrets, i, v)
}

// addHeader adds the credential of an Authorization header value as sent:
// the part after the scheme ("Bearer" stays readable in messages) or the
// whole value if it has none, and for Basic also the password.
func (s *scrubber) addHeader(v string) {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok {
		s.add(v)
		return
	}
	cred = strings.TrimSpace(cred)
	s.add(cred)
	if strings.EqualFold(scheme, "Basic") {
		if b, err := base64.StdEncoding.DecodeString(cred); err == nil {
			if _, pw, ok := strings.Cut(string(b), ":"); ok {
				s.add(pw)
			}
		}
	}
}

func (s *scrubber) addRest(c *rest.Config) {
	s.add(c.BearerToken)
	s.add(c.Password)
	s.add(string(c.KeyData))
	if c.BearerTokenFile != "" {
		if b, err := os.ReadFile(c.BearerTokenFile); err == nil {
			s.add(string(b))
		}
	}
	if c.AuthProvider != nil {
		for _, v := range c.AuthProvider.Config {
			s.add(v)
		}
	}
	if c.ExecProvider != nil {
		for _, e := range c.ExecProvider.Env {
			s.add(e.Value)
		}
	}
}

func (s *scrubber) addKubeconfig(k *clientcmdapi.Config) {
	for _, a := range k.AuthInfos {
		s.add(a.Token)
		s.add(a.Password)
		s.add(string(a.ClientKeyData))
		if a.AuthProvider != nil {
			for _, v := range a.AuthProvider.Config {
				s.add(v)
			}
		}
		if a.Exec != nil {
			for _, e := range a.Exec.Env {
				s.add(e.Value)
			}
		}
	}
}

// scrub replaces every known secret in msg, longest first so that a
// secret containing another is removed whole, then every credential of a
// recognisable shape.
func (s *scrubber) scrub(msg string) string {
	s.mu.Lock()
	secrets := s.secrets
	s.mu.Unlock()
	for _, v := range secrets {
		msg = strings.ReplaceAll(msg, v, evidence.Redacted)
	}
	return evidence.ScrubCredentials(msg)
}

// captureAuth is the innermost round tripper of the client: it sees each
// request as it goes to the network, after client-go's authentication
// wrappers (bearer token, basic auth, exec plugin, auth provider) set its
// headers, and gives their credentials to the scrubber before the request
// is sent, so an error echoing them is scrubbed by value.
type captureAuth struct {
	next  http.RoundTripper
	scrub *scrubber
}

func (c captureAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	for _, h := range []string{"Authorization", "Proxy-Authorization"} {
		for _, v := range req.Header.Values(h) {
			c.scrub.addHeader(v)
		}
	}
	return c.next.RoundTrip(req)
}
