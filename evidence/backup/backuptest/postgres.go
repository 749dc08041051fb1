package backuptest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// PostgresBin is where Debian's postgresql-15 installs initdb, pg_ctl and
// postgres.
const PostgresBin = "/usr/lib/postgresql/15/bin"

// PgRepo is one repository of a pgBackRest test stanza.
type PgRepo struct {
	// CipherPass encrypts the repository with aes-256-cbc; empty leaves
	// it unencrypted.
	CipherPass string
}

// PgStanza is a running PostgreSQL 15 cluster with a pgBackRest stanza
// and a full backup in each of its repositories.
type PgStanza struct {
	Stanza string
	// Config is the pgbackrest.conf the cluster's archive_command and the
	// backups used, cipher passes included.
	Config string
	// ConfigNoPass is the same configuration without the cipher passes:
	// whoever reads the repositories with it must supply them.
	ConfigNoPass string
	// Repos are the repository directories, repo1 first.
	Repos []string
	// SystemID is the cluster's database system identifier as
	// pg_controldata prints it: a uint64 that does not fit a float64.
	SystemID string
	// Dir holds the cluster, its socket, the repositories and the
	// configurations; it is removed when the test ends.
	Dir string
}

// NeedPostgres skips the test when pgbackrest or PostgreSQL 15 is not
// installed, unless NACHWEIS_REQUIRE_TOOLS is set (CI, after make deps),
// where a missing tool fails the test.
func NeedPostgres(t testing.TB) {
	t.Helper()
	var missing []string
	if _, err := exec.LookPath("pgbackrest"); err != nil {
		missing = append(missing, "pgbackrest")
	}
	for _, b := range []string{"initdb", "pg_ctl", "postgres", "pg_controldata"} {
		if _, err := os.Stat(filepath.Join(PostgresBin, b)); err != nil {
			missing = append(missing, filepath.Join(PostgresBin, b))
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := strings.Join(missing, ", ") + " not installed: run make deps (installs Debian's pgbackrest and postgresql)"
	if os.Getenv("NACHWEIS_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s (NACHWEIS_REQUIRE_TOOLS is set)", msg)
	}
	t.Skip(msg)
}

// PgBackRest starts a PostgreSQL 15 cluster listening only on a unix
// socket, configures pgBackRest with the given repositories (repo1 first;
// a second one models the copy at another site), creates the stanza and
// takes one full backup into each repository. The cluster is stopped and
// everything removed when the test ends.
//
// PostgreSQL refuses to run as root: when the test runs as root (CI
// containers), the cluster and pgBackRest run as the user nobody, in a
// directory nobody owns under os.TempDir(), which must be traversable by
// nobody.
func PgBackRest(t testing.TB, stanza string, repos ...PgRepo) *PgStanza {
	t.Helper()
	NeedPostgres(t)
	if len(repos) == 0 {
		t.Fatal("backuptest.PgBackRest: no repositories given")
	}
	pgbackrest, err := exec.LookPath("pgbackrest")
	if err != nil {
		t.Fatal(err)
	}
	as := runAs(t)
	dir, err := os.MkdirTemp("", "nachweis-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &PgStanza{
		Stanza:       stanza,
		Config:       filepath.Join(dir, "pgbackrest.conf"),
		ConfigNoPass: filepath.Join(dir, "pgbackrest-nopass.conf"),
		Dir:          dir,
	}
	data, sock := filepath.Join(dir, "pgdata"), filepath.Join(dir, "sock")
	for _, d := range []string{sock, filepath.Join(dir, "lock")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var conf, noPass strings.Builder
	global := fmt.Sprintf("[global]\nlock-path=%s\nlog-level-console=warn\nlog-level-stderr=off\nlog-level-file=off\nstart-fast=y\n", filepath.Join(dir, "lock"))
	conf.WriteString(global)
	noPass.WriteString(global)
	for i, r := range repos {
		n := i + 1
		path := filepath.Join(dir, "repo"+strconv.Itoa(n))
		s.Repos = append(s.Repos, path)
		common := fmt.Sprintf("repo%d-path=%s\nrepo%d-retention-full=2\n", n, path, n)
		conf.WriteString(common)
		noPass.WriteString(common)
		if r.CipherPass != "" {
			conf.WriteString(fmt.Sprintf("repo%d-cipher-type=aes-256-cbc\nrepo%d-cipher-pass=%s\n", n, n, r.CipherPass))
			noPass.WriteString(fmt.Sprintf("repo%d-cipher-type=aes-256-cbc\n", n))
		}
	}
	section := fmt.Sprintf("\n[%s]\npg1-path=%s\npg1-socket-path=%s\npg1-port=5432\npg1-user=postgres\n", stanza, data, sock)
	conf.WriteString(section)
	noPass.WriteString(section)
	for path, text := range map[string]string{s.Config: conf.String(), s.ConfigNoPass: noPass.String()} {
		if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	if as != nil {
		if err := chownTree(dir, as); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	pgRun(t, as, filepath.Join(PostgresBin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C")
	out, err := pgCommand(as, filepath.Join(PostgresBin, "pg_controldata"), data).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_controldata %s: %v\n%s", data, err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Database system identifier:"); ok {
			s.SystemID = strings.TrimSpace(v)
		}
	}
	if s.SystemID == "" {
		t.Fatalf("pg_controldata %s printed no database system identifier:\n%s", data, out)
	}
	settings := fmt.Sprintf(`
listen_addresses = ''
unix_socket_directories = '%s'
port = 5432
shared_buffers = 16MB
max_connections = 10
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = replica
max_wal_senders = 2
archive_mode = on
archive_command = '%s --config=%s --stanza=%s archive-push %%p'
`, sock, pgbackrest, s.Config, stanza)
	f, err := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(settings); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	pgCtl := filepath.Join(PostgresBin, "pg_ctl")
	pgRun(t, as, pgCtl, "-D", data, "-l", filepath.Join(dir, "postgres.log"), "-w", "-t", "60", "start")
	t.Cleanup(func() {
		cmd := pgCommand(as, pgCtl, "-D", data, "-m", "immediate", "-w", "stop")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Logf("stop the test PostgreSQL cluster: %v\n%s", err, out)
		}
	})
	base := []string{"--config=" + s.Config, "--stanza=" + stanza}
	pgRun(t, as, pgbackrest, append(base, "stanza-create")...)
	for i := range repos {
		pgRun(t, as, pgbackrest, append(base, "--type=full", "--repo="+strconv.Itoa(i+1), "backup")...)
	}
	return s
}

// runAs returns the credential of the user nobody when the test runs as
// root, else nil (run as the test's own user).
func runAs(t testing.TB) *syscall.Credential {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Fatalf("running as root, PostgreSQL needs an unprivileged user: %v", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		t.Fatalf("user nobody has uid %q, gid %q", u.Uid, u.Gid)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}
}

func chownTree(dir string, as *syscall.Credential) error {
	return filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(as.Uid), int(as.Gid))
	})
}

// pgCommand runs name as the given user (nil: the test's own) with a
// small clean environment.
func pgCommand(as *syscall.Credential, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	path := os.Getenv("PATH")
	if path == "" {
		path = "/usr/local/bin:/usr/bin:/bin"
	}
	cmd.Env = []string{"PATH=" + path, "LANG=C", "LC_ALL=C", "TZ=UTC"}
	cmd.Dir = "/"
	if as != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: as}
	}
	return cmd
}

func pgRun(t testing.TB, as *syscall.Credential, name string, args ...string) {
	t.Helper()
	out, err := pgCommand(as, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
