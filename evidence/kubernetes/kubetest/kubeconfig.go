package kubetest

import (
	"fmt"
	"path/filepath"
	"strings"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Context is the name of the only context, and of its cluster, in every
// kubeconfig the package writes.
const Context = "local"

// Kubeconfig returns the path of a kubeconfig file that reaches the
// cluster as user (Admin or a name from Options.Users) with context
// "local". The files are written at start; a user Start was not told about
// is a bug in the test and panics.
func (c *Cluster) Kubeconfig(user string) string {
	path, ok := c.kubeconfigs[user]
	if !ok {
		panic(fmt.Sprintf("kubetest: Kubeconfig(%q): user not declared in Options.Users", user))
	}
	return path
}

// RESTConfig returns a client-go configuration for user (Admin or a name
// from Options.Users); an undeclared user panics like in Kubeconfig.
func (c *Cluster) RESTConfig(user string) *rest.Config {
	u, ok := c.users[user]
	if !ok {
		panic(fmt.Sprintf("kubetest: RESTConfig(%q): user not declared in Options.Users", user))
	}
	return &rest.Config{
		Host:            c.URL,
		BearerToken:     u.Token,
		TLSClientConfig: rest.TLSClientConfig{CAFile: c.CAFile},
	}
}

// writeKubeconfigs writes kubeconfig-<user>.yaml for every user.
func (c *Cluster) writeKubeconfigs() error {
	c.kubeconfigs = make(map[string]string, len(c.users))
	for name, u := range c.users {
		cfg := clientcmdapi.NewConfig()
		cfg.Clusters[Context] = &clientcmdapi.Cluster{Server: c.URL, CertificateAuthority: c.CAFile}
		cfg.AuthInfos[name] = &clientcmdapi.AuthInfo{Token: u.Token}
		cfg.Contexts[Context] = &clientcmdapi.Context{Cluster: Context, AuthInfo: name}
		cfg.CurrentContext = Context
		path := filepath.Join(c.Dir, "kubeconfig-"+fileSafe(name)+".yaml")
		for taken(c.kubeconfigs, path) {
			path = strings.TrimSuffix(path, ".yaml") + "_.yaml"
		}
		if err := clientcmd.WriteToFile(*cfg, path); err != nil {
			return fmt.Errorf("write kubeconfig of %s: %w", name, err)
		}
		c.kubeconfigs[name] = path
	}
	return nil
}

// fileSafe maps a user name (which may hold any character, such as
// system:serviceaccount:ns:name) to a file name part.
func fileSafe(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, name)
}

func taken(paths map[string]string, path string) bool {
	for _, p := range paths {
		if p == path {
			return true
		}
	}
	return false
}
