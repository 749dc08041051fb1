package kubernetes

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
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
// defence for servers, proxies and plugins that do.
type scrubber struct {
	secrets []string
}

// minSecretLen keeps short values (a password "x" in a test kubeconfig)
// from turning every message into asterisks.
const minSecretLen = 6

func (s *scrubber) add(v string) {
	v = strings.TrimSpace(v)
	if len(v) >= minSecretLen {
		s.secrets = append(s.secrets, v)
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

// scrub replaces every known secret in msg.
func (s *scrubber) scrub(msg string) string {
	for _, v := range s.secrets {
		msg = strings.ReplaceAll(msg, v, "[redacted]")
	}
	return msg
}
