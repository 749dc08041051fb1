package collect

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/backup"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/kubernetes"
)

// Options say what Run collects and where it writes.
type Options struct {
	// Config holds the sources; Config.File names it in messages.
	Config *config.Config
	// Bundle is the bundle directory. It is replaced as a whole: the new
	// bundle holds exactly the configured sources.
	Bundle string
	// ToolVersion is recorded in the manifest and as the collector.
	ToolVersion string
	// Clock gives the sources' start and finish times and the manifest's
	// created_at. Library code never reads the wall clock.
	Clock func() time.Time
	// Progress, when set, receives the progress of Kubernetes sources.
	Progress func(kubernetes.Progress)
	// Warn, when set, receives one line per source that was not
	// collected.
	Warn func(string)
	// Getenv reads the environment: PATH for the backup tools and the
	// variables named by password_env, passphrase_env, cipher_pass_env
	// and token_env. Nil means os.Getenv.
	Getenv func(string) string
	// HTTPClient sends the GitHub API requests; nil means the GitHub
	// collector's default (a 60 s timeout per request).
	HTTPClient *http.Client
	// RunTool runs restic, borg and pgbackrest; nil means
	// backup.ExecRunner.
	RunTool backup.Runner
}

// ErrNoSources is returned when the configuration has no sources.
var ErrNoSources = errors.New("no sources configured")

// Run collects every source of o.Config, in the order of the
// configuration, and writes them into o.Bundle with evidence.Write
// (atomically: on error no bundle is written and an existing one is left
// as it was). A Kubernetes source that cannot be used at all (see
// kubernetes.Collect) stops the run with an error naming the source;
// errors of single resources are recorded in the bundle. A restic or borg
// repository or a pgBackRest stanza that cannot be read is recorded as a
// failed source with the tool's message (see backup.CollectRestic and
// backup.CollectPgBackRest) and reported through Warn.
//
// Every message Run passes on (its error, warnings, progress) is first
// cleared of credentials of a recognisable shape
// (evidence.ScrubCredentials), whichever collector wrote it; each
// collector also removes the credentials it knows by value.
func Run(ctx context.Context, o Options) (*evidence.Bundle, error) {
	if o.Config == nil || o.Clock == nil || o.Bundle == "" {
		return nil, errors.New("collect: configuration, clock and bundle are required")
	}
	warn := func(string) {}
	if o.Warn != nil {
		warn = func(msg string) { o.Warn(evidence.ScrubCredentials(msg)) }
	}
	if progress := o.Progress; progress != nil {
		o.Progress = func(p kubernetes.Progress) {
			p.Err = evidence.ScrubCredentials(p.Err)
			progress(p)
		}
	}
	b, err := run(ctx, o, warn)
	if err != nil {
		return nil, scrubbedError{err}
	}
	return b, nil
}

// scrubbedError is an error whose text is cleared of credentials; its
// chain is kept for errors.Is and errors.As.
type scrubbedError struct{ err error }

func (e scrubbedError) Error() string { return evidence.ScrubCredentials(e.err.Error()) }
func (e scrubbedError) Unwrap() error { return e.err }

func run(ctx context.Context, o Options, warn func(string)) (*evidence.Bundle, error) {
	c := o.Config
	var sources []evidence.SourceData
	for _, k := range c.Sources.Kubernetes {
		sd, err := kubernetes.Collect(ctx, kubernetes.CollectOptions{
			Name:       k.Name,
			Kubeconfig: k.Kubeconfig,
			Context:    k.Context,
			InCluster:  k.InCluster,
			Timeout:    k.RequestTimeout(),
			PageSize:   k.ListPageSize(),
			Collector:  collector(o.ToolVersion),
			Now:        o.Clock,
			Progress:   o.Progress,
		})
		if err != nil {
			return nil, fmt.Errorf("collect kubernetes/%s: %w", k.Name, err)
		}
		sources = append(sources, sd)
	}
	for _, r := range c.Sources.Restic {
		bo := o.backupOptions(r.Name, r.Repository, r.PasswordFile, r.PasswordEnv)
		if r.Check != nil {
			bo.Check = &backup.ResticCheck{ReadDataSubset: r.Check.ReadDataSubset, Rotate: r.Check.Rotate}
		}
		sd, err := backup.CollectRestic(ctx, bo)
		if err != nil {
			return nil, fmt.Errorf("collect restic/%s: %w", r.Name, err)
		}
		sources = append(sources, warnFailed(sd, warn))
	}
	for _, r := range c.Sources.Borg {
		sd, err := backup.CollectBorg(ctx, o.backupOptions(r.Name, r.Repository, r.PassphraseFile, r.PassphraseEnv))
		if err != nil {
			return nil, fmt.Errorf("collect borg/%s: %w", r.Name, err)
		}
		sources = append(sources, warnFailed(sd, warn))
	}
	for _, p := range c.Sources.PgBackRest {
		bo := o.backupOptions(p.Name, "", p.CipherPassFile, p.CipherPassEnv)
		bo.Stanza, bo.Config, bo.CipherRepos = p.Stanza, p.Config, p.CipherRepos()
		sd, err := backup.CollectPgBackRest(ctx, bo)
		if err != nil {
			return nil, fmt.Errorf("collect pgbackrest/%s: %w", p.Name, err)
		}
		sources = append(sources, warnFailed(sd, warn))
	}
	for _, g := range c.Sources.GitHub {
		sd, err := collectGitHub(ctx, o, g, warn)
		if err != nil {
			return nil, fmt.Errorf("collect github/%s: %w", g.Name, err)
		}
		sources = append(sources, sd)
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("%s: %w: add a cluster under sources.kubernetes (see nachweis init)", c.File, ErrNoSources)
	}
	b, err := evidence.Write(ctx, o.Bundle, sources, evidence.WriteOptions{
		Now:         o.Clock(),
		ToolVersion: o.ToolVersion,
		Replace:     true,
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

func (o Options) backupOptions(name, repo, secretFile, secretEnv string) backup.CollectOptions {
	return backup.CollectOptions{
		Name:       name,
		Repository: repo,
		SecretFile: secretFile,
		SecretEnv:  secretEnv,
		Collector:  collector(o.ToolVersion),
		Now:        o.Clock,
		Getenv:     o.Getenv,
		Run:        o.RunTool,
	}
}

// warnFailed reports a backup source that could not be read; it is kept
// in the bundle, so its checks report no-evidence with its error.
func warnFailed(sd evidence.SourceData, warn func(string)) evidence.SourceData {
	s := sd.Source
	if s.Status == evidence.StatusError {
		warn(fmt.Sprintf("%s/%s: %s", s.Kind, s.Name, s.Error))
	}
	return sd
}

func collector(version string) string {
	return "nachweis " + version
}
