package main

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/internal/outfile"
	"github.com/nachweis/nachweis/output/pack"
)

type packOptions struct {
	evidenceOptions
	frameworks []string
	tenant     string
	lang       string
	tom        bool
	soa        string
	signKey    string
	output     string
}

func newPackCmd(d deps) *cobra.Command {
	var o packOptions
	cmd := &cobra.Command{
		Use:   "pack (--bundle DIR [--config FILE] | --demo) --sign-key KEY -o PACK.zip",
		Short: "Write the signed auditor evidence pack: documents, results, evidence, OSCAL",
		Long: `Write one zip for an auditor that proves what was measured, when, with which
policies, and that nothing changed afterwards, verifiable offline with nachweis
verify or with cosign and sha256sum:

  README.de.md, README.en.md      what is inside, how to verify it, what it does not prove
  documents/                      audit reports, SoA, control matrices (TOM annexes with --tom)
  results.json                    the results every document was rendered from
  oscal/                          OSCAL 1.1.3 assessment-results and component-definition
  bundle/                         the evidence bundle with its manifest
  policies/, controls/            the exact policies and catalogs evaluated
  config/                         the configuration without secrets, the attestations,
                                  exceptions and SoA declarations
  SHA256SUMS, manifest.json       sha256 and size of every file (canonical JSON)
  signature/                      in-toto statement over every file in a DSSE envelope
                                  signed with ed25519, and the public key

The results are computed from the packed copies, so nachweis verify can evaluate
them again and must get the identical results.json. With --tenant the pack covers
one tenant's scope (no audit reports: they need the whole provider). The same
inputs, key and clock (--now, SOURCE_DATE_EPOCH) give a byte-identical zip.

The signing key is --sign-key FILE, else signing.key_file or signing.key_env of the
configuration (make one with nachweis keys generate).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPack(contextOf(cmd.Context()), o, d)
		},
	}
	o.evidenceOptions.register(cmd)
	f := cmd.Flags()
	f.StringSliceVar(&o.frameworks, "framework", nil, "frameworks to report: "+frameworkChoices+" (repeatable; default all)")
	f.StringVar(&o.tenant, "tenant", "", "restrict the pack to one tenant's scope (tenant id from the configuration)")
	f.StringVar(&o.lang, "lang", "all", "document language: de, en or all")
	f.BoolVar(&o.tom, "tom", false, "also render the TOM annex of every tenant (with --tenant: of that tenant)")
	f.StringVar(&o.soa, "soa", "", "SoA declarations (default: soa.yaml beside the configuration, if present)")
	f.StringVar(&o.signKey, "sign-key", "", "ed25519 private key (PEM) to sign with (default: signing.key_file or signing.key_env of the configuration)")
	f.StringVarP(&o.output, "output", "o", "", "pack file to write (.zip)")
	return cmd
}

func runPack(ctx context.Context, o packOptions, d deps) error {
	if o.output == "" || o.output == "-" {
		return usagef("no output: give -o PACK.zip")
	}
	langs, err := packLanguages(o.lang)
	if err != nil {
		return err
	}
	frameworks := controls.Frameworks
	if len(o.frameworks) > 0 {
		// reporting order, once each
		if frameworks, err = resolveFrameworks(o.frameworks, d.stderr); err != nil {
			return err
		}
	}
	switch {
	case o.demo && (o.bundle != "" || o.config != ""):
		return usagef("--demo cannot be combined with --bundle or --config")
	case !o.demo && o.bundle == "":
		return usagef("no evidence: give --bundle DIR (from nachweis collect or import) or --demo")
	}
	// The key comes first: no evaluation runs for a pack that cannot be
	// signed.
	key, err := signingKey(o, d)
	if err != nil {
		return err
	}
	in, err := gatherPackInputs(o)
	if err != nil {
		return err
	}
	c, err := resolveClock("now", o.now, d, in.defaultNow)
	if err != nil {
		return err
	}
	e, err := newPackEvaluation(ctx, pack.FS(in.files), c.at, version)
	if err != nil {
		return err
	}
	if err := checkCutOff(c, e.ev.bundle.CutOff()); err != nil {
		if _, cerr := e.engine(); cerr != nil {
			return cerr // the policies were compiled before the clock was checked
		}
		return err
	}
	res, err := e.run(ctx, o.tenant, frameworks)
	if err != nil {
		return err
	}
	contents, err := renderPackContents(ctx, e, res, in, packRender{langs: langs, tom: o.tom, key: key})
	if err != nil {
		return err
	}
	files := append(in.files, contents.files...)
	wopts := pack.WriteOptions{
		Tool: pack.Tool{Name: "nachweis", Version: version},
		Evaluation: pack.Evaluation{
			EvaluatedAt: res.EvaluatedAt, BundleDigest: res.BundleDigest, RunID: res.RunID,
			Tenant: res.Tenant, Frameworks: res.Frameworks,
		},
		Key:     key,
		ModTime: res.EvaluatedAt,
	}
	var size int64
	err = writeOutput(ctx, o.output, outfile.Private, d.stdout, func(w io.Writer) error {
		cw := &countingWriter{w: w}
		err := pack.Write(cw, files, wopts)
		size = cw.n
		return err
	})
	if err != nil {
		return err
	}
	for _, warning := range contents.warnings {
		fmt.Fprintf(d.stderr, "nachweis: warning: %s\n", warning)
	}
	fmt.Fprintf(d.stdout, "%s (%s): %d files, %d documents; evaluated at %s, bundle %s\n",
		o.output, humanSize(size), len(files)+4, len(contents.documents), res.EvaluatedAt.Format("2006-01-02T15:04:05Z07:00"), res.BundleDigest)
	fmt.Fprintf(d.stdout, "signed with ed25519 key %s; give the auditor the public key or this fingerprint through another channel\n",
		pack.Fingerprint(key.Public().(ed25519.PublicKey)))
	return nil
}

func packLanguages(lang string) ([]string, error) {
	switch lang {
	case "all":
		return []string{"de", "en"}, nil
	case "de", "en":
		return []string{lang}, nil
	}
	return nil, usagef("--lang %q: expected de, en or all", lang)
}

// signingKey loads the private key from --sign-key, else from the
// configuration's signing.key_file or signing.key_env. Messages name
// where the key was looked for, never its content.
func signingKey(o packOptions, d deps) (ed25519.PrivateKey, error) {
	var where string
	var raw []byte
	switch {
	case o.signKey != "":
		where = "--sign-key " + o.signKey
		data, err := readKeyFile(o.signKey)
		if err != nil {
			return nil, fmt.Errorf("signing key %s: %w", where, err)
		}
		raw = data
	case o.config != "":
		cfg, err := config.Load(o.config)
		if err != nil {
			return nil, err
		}
		switch {
		case cfg.Signing.KeyFile != "":
			where = "signing.key_file " + cfg.Signing.KeyFile
			data, err := readKeyFile(cfg.Signing.KeyFile)
			if err != nil {
				return nil, fmt.Errorf("signing key %s: %w", where, err)
			}
			raw = data
		case cfg.Signing.KeyEnv != "":
			where = "signing.key_env " + cfg.Signing.KeyEnv
			raw = []byte(d.getenv(cfg.Signing.KeyEnv))
			if len(raw) == 0 {
				return nil, fmt.Errorf("signing key %s: the environment variable is not set or empty", where)
			}
		}
	}
	if raw == nil {
		return nil, usagef("no signing key: give --sign-key FILE (make one with nachweis keys generate -o DIR), or signing.key_file or signing.key_env in the configuration")
	}
	key, err := pack.ParsePrivateKey(raw)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", where, err)
	}
	return key, nil
}

// readKeyFile reads a key from a regular file (following symbolic links),
// never from a device or FIFO.
func readKeyFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if info.Size() > 64<<10 {
		return nil, fmt.Errorf("%d bytes: too large for a key file", info.Size())
	}
	return os.ReadFile(path)
}

// countingWriter counts the bytes written through it (the pack's size).
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
