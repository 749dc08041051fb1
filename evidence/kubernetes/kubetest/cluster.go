package kubetest

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
)

// Admin is the user every cluster has: group system:masters, token
// Cluster.AdminToken.
const Admin = "admin"

// apiserverEnv names a kube-apiserver binary to use instead of
// <repo>/bin/kube-apiserver.
const apiserverEnv = "NACHWEIS_KUBE_APISERVER"

// module is the main module's path; the repository root is the directory
// of the go.mod that declares it.
const module = "github.com/nachweis/nachweis"

// User is a token-authenticated identity. kube-apiserver reads its token
// file once at start, so every user is declared in Options.
type User struct {
	Name   string
	Token  string
	Groups []string
}

// Options configure Start.
type Options struct {
	// Users are the identities besides Admin. They have no permissions
	// until the test applies RBAC objects naming them.
	Users []User
	// Timeout bounds the start, from launching etcd until kube-apiserver's
	// /readyz answers ok; zero means 90 seconds.
	Timeout time.Duration
}

// Cluster is a running etcd and kube-apiserver.
type Cluster struct {
	// URL is the API server's https URL on 127.0.0.1.
	URL string
	// CAFile is the PEM file that verifies the server's self-signed
	// certificate (kube-apiserver's cert-dir apiserver.crt).
	CAFile string
	// AdminToken is the bearer token of Admin.
	AdminToken string
	// Dir holds the token file, keys, certificates, kubeconfigs, etcd's
	// data and both servers' logs (etcd.log, kube-apiserver.log); it is
	// removed when the test ends.
	Dir string

	users       map[string]User
	kubeconfigs map[string]string

	mu     sync.Mutex // guards the apply client
	dyn    dynamic.Interface
	mapper *restmapper.DeferredDiscoveryRESTMapper

	etcd, apiserver *process
}

// Start runs etcd and kube-apiserver for the test and returns once the API
// server is ready. Both are killed, and their directory removed, when the
// test and its subtests have finished. A missing binary fails the test with
// a pointer to `make deps`.
func Start(t testing.TB, opts Options) *Cluster {
	t.Helper()
	etcdBin, err := exec.LookPath("etcd")
	if err != nil {
		t.Fatalf("kubetest: etcd is not on PATH (%v); run `make deps`, which installs Debian's etcd-server", err)
	}
	apiserverBin, err := findAPIServer()
	if err != nil {
		t.Fatalf("kubetest: %v; run `make deps`, which builds bin/kube-apiserver", err)
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 90 * time.Second
	}
	adminToken, err := randomToken()
	if err != nil {
		t.Fatalf("kubetest: %v", err)
	}
	users, err := userTable(adminToken, opts.Users)
	if err != nil {
		t.Fatalf("kubetest: %v", err)
	}

	dir := t.TempDir() // before Cleanup below, so the servers die before it is removed
	c := &Cluster{Dir: dir, AdminToken: adminToken, users: users}
	if err := c.writeFiles(); err != nil {
		t.Fatalf("kubetest: %v", err)
	}
	t.Cleanup(c.stop)

	// A port found free can be taken before a server binds it; start
	// again on new ports when that happens.
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for attempt := 1; ; attempt++ {
		err = c.start(ctx, etcdBin, apiserverBin)
		if err == nil {
			break
		}
		retry := attempt < 3 && c.lost()
		c.stop()
		if !retry {
			t.Fatalf("kubetest: start cluster in %s: %v", dir, err)
		}
	}
	if err := c.writeKubeconfigs(); err != nil {
		t.Fatalf("kubetest: %v", err)
	}
	return c
}

// findAPIServer returns $NACHWEIS_KUBE_APISERVER or <repo>/bin/kube-apiserver.
func findAPIServer() (string, error) {
	if p := os.Getenv(apiserverEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", apiserverEnv, p, err)
		}
		return p, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "bin", "kube-apiserver")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("no kube-apiserver binary (%s unset): %w", apiserverEnv, err)
	}
	return p, nil
}

// repoRoot walks up from the working directory (the package directory
// under go test) to the go.mod of module github.com/nachweis/nachweis,
// passing other modules' go.mod files such as testdata/kube-apiserver's.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find repository root: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if declaresModule(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("find repository root: no go.mod of module %s above %s", module, wd)
		}
	}
}

// declaresModule reports whether the go.mod at path is the main module's.
func declaresModule(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if fields := strings.Fields(s.Text()); len(fields) == 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == module
		}
	}
	return false
}

// userTable checks the users and adds Admin.
func userTable(adminToken string, users []User) (map[string]User, error) {
	table := map[string]User{Admin: {Name: Admin, Token: adminToken, Groups: []string{"system:masters"}}}
	tokens := map[string]bool{adminToken: true}
	for _, u := range users {
		switch {
		case u.Name == "" || u.Token == "":
			return nil, fmt.Errorf("user %q: name and token are required", u.Name)
		case table[u.Name].Name != "":
			return nil, fmt.Errorf("user %q: declared twice (or named like the built-in admin)", u.Name)
		case tokens[u.Token]:
			return nil, fmt.Errorf("user %q: token already used by another user", u.Name)
		case strings.ContainsAny(u.Name+u.Token, ",\"\n\r"):
			return nil, fmt.Errorf("user %q: name and token must not contain commas, quotes or newlines", u.Name)
		}
		for _, g := range u.Groups {
			if g == "" || strings.ContainsAny(g, ",\"\n\r") {
				return nil, fmt.Errorf("user %q: group %q: must be non-empty without commas, quotes or newlines", u.Name, g)
			}
		}
		table[u.Name] = u
		tokens[u.Token] = true
	}
	return table, nil
}

func randomToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate admin token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// writeFiles writes the token file and the service account key.
func (c *Cluster) writeFiles() error {
	var tokens strings.Builder
	for _, u := range c.users {
		// token,user,uid,"group1,group2"
		fmt.Fprintf(&tokens, "%s,%s,%s,%q\n", u.Token, u.Name, u.Name, strings.Join(u.Groups, ","))
	}
	if err := os.WriteFile(filepath.Join(c.Dir, "tokens.csv"), []byte(tokens.String()), 0o600); err != nil {
		return fmt.Errorf("write token file: %w", err)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("generate service account key: %w", err)
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	if err := os.WriteFile(filepath.Join(c.Dir, "sa.key"), keyPEM, 0o600); err != nil {
		return fmt.Errorf("write service account key: %w", err)
	}
	return nil
}

// start launches etcd, then kube-apiserver, on fresh ports and waits for
// both. On error the caller stops whatever was started.
func (c *Cluster) start(ctx context.Context, etcdBin, apiserverBin string) error {
	ports, err := freePorts(3)
	if err != nil {
		return err
	}
	etcdURL := "http://127.0.0.1:" + strconv.Itoa(ports[0])
	peerURL := "http://127.0.0.1:" + strconv.Itoa(ports[1])
	data := filepath.Join(c.Dir, "etcd")
	if err := os.RemoveAll(data); err != nil { // left by an earlier attempt
		return fmt.Errorf("clear etcd data: %w", err)
	}
	c.etcd, err = startProcess("etcd", filepath.Join(c.Dir, "etcd.log"), etcdBin,
		"--name=kubetest",
		"--data-dir="+data,
		"--listen-client-urls="+etcdURL,
		"--advertise-client-urls="+etcdURL,
		"--listen-peer-urls="+peerURL,
		"--initial-advertise-peer-urls="+peerURL,
		"--initial-cluster=kubetest="+peerURL,
		"--logger=zap",
		"--log-outputs=stderr",
	)
	if err != nil {
		return err
	}
	if err := waitHealthy(ctx, c.etcd, &http.Client{Timeout: 5 * time.Second}, etcdURL+"/health", ""); err != nil {
		return err
	}

	certs := filepath.Join(c.Dir, "certs")
	c.URL = "https://127.0.0.1:" + strconv.Itoa(ports[2])
	c.CAFile = filepath.Join(certs, "apiserver.crt")
	saKey := filepath.Join(c.Dir, "sa.key")
	c.apiserver, err = startProcess("kube-apiserver", filepath.Join(c.Dir, "kube-apiserver.log"), apiserverBin,
		"--etcd-servers="+etcdURL,
		"--bind-address=127.0.0.1",
		// Loopback is not a valid endpoint address, so with it the
		// kubernetes service gets no endpoints (nothing would use them).
		"--advertise-address=127.0.0.1",
		"--endpoint-reconciler-type=none",
		"--secure-port="+strconv.Itoa(ports[2]),
		"--cert-dir="+certs,
		"--token-auth-file="+filepath.Join(c.Dir, "tokens.csv"),
		"--authorization-mode=RBAC",
		"--service-account-issuer=https://kubernetes.default.svc",
		"--service-account-key-file="+saKey,
		"--service-account-signing-key-file="+saKey,
		"--service-cluster-ip-range=10.96.0.0/12",
		"--allow-privileged=true",
		// No controller manager creates default service accounts.
		"--disable-admission-plugins=ServiceAccount",
	)
	if err != nil {
		return err
	}
	client, err := c.waitCA(ctx)
	if err != nil {
		return err
	}
	defer client.CloseIdleConnections()
	if err := waitHealthy(ctx, c.apiserver, client, c.URL+"/readyz", c.AdminToken); err != nil {
		return err
	}
	// /readyz does not wait for the namespaces every cluster has (their
	// controllers create them asynchronously); tests apply into them.
	for _, ns := range []string{"default", "kube-system", "kube-public", "kube-node-lease"} {
		if err := waitHealthy(ctx, c.apiserver, client, c.URL+"/api/v1/namespaces/"+ns, c.AdminToken); err != nil {
			return err
		}
	}
	return nil
}

// lost reports whether the last start failed because a server could not
// bind its port.
func (c *Cluster) lost() bool {
	return (c.etcd != nil && c.etcd.exited() && c.etcd.portInUse()) ||
		(c.apiserver != nil && c.apiserver.exited() && c.apiserver.portInUse())
}

// stop kills kube-apiserver, then etcd, and waits for both.
func (c *Cluster) stop() {
	if c.apiserver != nil {
		c.apiserver.stop()
	}
	if c.etcd != nil {
		c.etcd.stop()
	}
}

// freePorts returns n distinct loopback ports that were free a moment ago.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		defer l.Close() // held until all are chosen, so they differ
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// waitCA waits for kube-apiserver to write its self-signed certificate and
// returns a client that trusts it.
func (c *Cluster) waitCA(ctx context.Context) (*http.Client, error) {
	for {
		pemData, err := os.ReadFile(c.CAFile)
		if err == nil {
			pool := x509.NewCertPool()
			if pool.AppendCertsFromPEM(pemData) {
				return &http.Client{
					Timeout:   5 * time.Second,
					Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
				}, nil
			}
			// Still being written.
		}
		if err := pause(ctx, c.apiserver); err != nil {
			return nil, fmt.Errorf("wait for %s: %w", c.CAFile, err)
		}
	}
}

// waitHealthy polls url until it answers 200.
func waitHealthy(ctx context.Context, p *process, client *http.Client, url, token string) error {
	last := "no answer yet"
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("%s: %s", resp.Status, body)
		} else {
			last = err.Error()
		}
		if err := pause(ctx, p); err != nil {
			return fmt.Errorf("wait for %s: %w; last answer: %s", url, err, last)
		}
	}
}

// pause waits a moment, failing early with the log's end when p exits or
// the start times out.
func pause(ctx context.Context, p *process) error {
	select {
	case <-p.done:
		return p.exitError()
	case <-ctx.Done():
		return fmt.Errorf("%w; end of %s:\n%s", ctx.Err(), p.log, p.tail())
	case <-time.After(100 * time.Millisecond):
		return nil
	}
}
