package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/output"
	"github.com/nachweis/nachweis/output/pack"
)

type verifyOptions struct {
	key string
}

func newVerifyCmd(d deps) *cobra.Command {
	var o verifyOptions
	cmd := &cobra.Command{
		Use:   "verify PACK.zip [--key PUB]",
		Short: "Verify an evidence pack offline: hashes, signature, and the results by evaluating again",
		Long: `Verify an evidence pack written by nachweis pack, offline:

  - every file's sha256 and size against manifest.json, and that no file is
    missing or added;
  - the ed25519 signature over the in-toto statement, whose subjects must be
    exactly those files and manifest.json. With --key the signature must be
    by that key; without it the key inside the pack is used and its
    fingerprint printed: a key carried in the pack proves integrity, not
    origin;
  - the results: the packed bundle is evaluated again with the packed
    policies, catalogs and configuration at the packed evaluation time, and
    the new results.json must be byte for byte the packed one.

Every problem names the file. Exits 0 when everything holds, 1 otherwise.
The zip is read in memory with limits on entries and sizes; nothing is
extracted.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("verify takes one pack file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(contextOf(cmd.Context()), args[0], o, d)
		},
	}
	cmd.Flags().StringVar(&o.key, "key", "", "the provider's public key (PEM) the pack must be signed with")
	return cmd
}

// verifyKeep are the files verify holds in memory after hashing them:
// what the re-evaluation reads. Documents and OSCAL files are only hashed.
func verifyKeep(p string) bool {
	for _, dir := range []string{packBundleDir, packPoliciesDir, packControlsDir, "config/"} {
		if strings.HasPrefix(p, dir) {
			return true
		}
	}
	return p == packResultsFile
}

func runVerify(ctx context.Context, file string, o verifyOptions, d deps) error {
	var key ed25519.PublicKey
	if o.key != "" {
		raw, err := readKeyFile(o.key)
		if err != nil {
			return fmt.Errorf("--key %s: %w", o.key, err)
		}
		if key, err = pack.ParsePublicKey(raw); err != nil {
			return fmt.Errorf("--key %s: %w", o.key, err)
		}
	}
	a, err := readPack(file)
	if err != nil {
		return err
	}
	rep := pack.Verify(a, key)
	problems := rep.Problems
	if rep.OK() {
		problems = append(problems, reevaluate(ctx, a, rep.Manifest)...)
	} else {
		problems = append(problems, pack.Problem{Path: packResultsFile, Reason: "not evaluated again: the pack failed the checks above"})
	}
	for _, p := range problems {
		fmt.Fprintf(d.stdout, "FAIL %s\n", p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("verify %s: %d problems; the pack is not intact", file, len(problems))
	}
	fmt.Fprintf(d.stdout, "ok   files: %d files with the sha256 and size manifest.json records, none missing, none added\n", rep.Files)
	if rep.KeyGiven {
		fmt.Fprintf(d.stdout, "ok   signature: by the given key %s\n", rep.KeyFingerprint)
	} else {
		fmt.Fprintf(d.stdout, "ok   signature: valid with the key packed in the pack, %s; a packed key proves integrity, not origin: compare the fingerprint with the one the provider gave you, or verify with --key\n", rep.KeyFingerprint)
	}
	m := rep.Manifest
	fmt.Fprintf(d.stdout, "ok   results: results.json reproduced byte for byte from bundle %s with the packed policies and catalogs at %s\n",
		m.Evaluation.BundleDigest, m.Evaluation.EvaluatedAt.UTC().Format("2006-01-02T15:04:05Z07:00"))
	if m.Tool.Version != version {
		fmt.Fprintf(d.stdout, "note packed by nachweis %s, verified with nachweis %s\n", m.Tool.Version, version)
	}
	return nil
}

// readPack reads a pack file into memory (see pack.Read): it must be a
// regular file, and nothing of it is written anywhere.
func readPack(file string) (*pack.Archive, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("verify %s: %w", file, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("verify %s: %w", file, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("verify %s: not a regular file", file)
	}
	a, err := pack.Read(f, info.Size(), pack.ReadOptions{Keep: verifyKeep})
	if err != nil {
		return nil, fmt.Errorf("verify %s: %w", file, err)
	}
	return a, nil
}

// reevaluate evaluates the packed evidence again as the manifest records
// it was evaluated and compares the results with results.json.
func reevaluate(ctx context.Context, a *pack.Archive, m *pack.Manifest) []pack.Problem {
	packed, ok := a.Data(packResultsFile)
	if !ok {
		return []pack.Problem{{Path: packResultsFile, Reason: "missing: a nachweis pack carries the results it was rendered from"}}
	}
	if m.Tool.Name != "nachweis" {
		return []pack.Problem{{Path: pack.ManifestFile, Reason: fmt.Sprintf("written by %q, not nachweis: cannot evaluate it again", m.Tool.Name)}}
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(packed, &head); err == nil && head.Schema != controls.ResultsSchema {
		// Another version of the results model (v1 had English strings
		// where v2 has messages) is named as such, not listed as differences.
		return []pack.Problem{{Path: packResultsFile, Reason: fmt.Sprintf(
			"holds results of schema %q, this nachweis writes %s: verify the pack with the version that wrote it (%s)",
			head.Schema, controls.ResultsSchema, m.Tool.Version)}}
	}
	e, err := newPackEvaluation(ctx, a.FS(), m.Evaluation.EvaluatedAt, m.Tool.Version)
	if err != nil {
		return []pack.Problem{{Path: packResultsFile, Reason: "cannot evaluate the packed files again: " + err.Error()}}
	}
	res, err := e.run(ctx, m.Evaluation.Tenant, m.Evaluation.Frameworks)
	if err != nil {
		return []pack.Problem{{Path: packResultsFile, Reason: "cannot evaluate the packed files again: " + err.Error()}}
	}
	var buf bytes.Buffer
	if err := output.WriteJSON(&buf, res); err != nil {
		return []pack.Problem{{Path: packResultsFile, Reason: err.Error()}}
	}
	var problems []pack.Problem
	if !bytes.Equal(buf.Bytes(), packed) {
		diffs, n := pack.DiffJSON(packed, buf.Bytes(), 3)
		reason := "differs from the results of evaluating the packed evidence again: " + strings.Join(diffs, "; ")
		if n > len(diffs) {
			reason += fmt.Sprintf(" (and %d more differences)", n-len(diffs))
		}
		if n == 0 {
			reason = "differs from the results of evaluating the packed evidence again in its bytes (formatting), not in content"
		}
		problems = append(problems, pack.Problem{Path: packResultsFile, Reason: reason})
	}
	if res.BundleDigest != m.Evaluation.BundleDigest || res.RunID != m.Evaluation.RunID {
		problems = append(problems, pack.Problem{Path: pack.ManifestFile, Reason: fmt.Sprintf(
			"records bundle %s and run %s, but the packed bundle is %s and its evaluation run %s",
			m.Evaluation.BundleDigest, m.Evaluation.RunID, res.BundleDigest, res.RunID)})
	}
	return problems
}
