package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/nachweis/nachweis/output/pack"
)

type keysGenerateOptions struct {
	dir  string
	name string
}

func newKeysCmd(d deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Manage the ed25519 key that signs evidence packs",
		Args:  noArgs,
	}
	var o keysGenerateOptions
	gen := &cobra.Command{
		Use:   "generate -o DIR",
		Short: "Generate an ed25519 key pair for signing evidence packs",
		Long: `Generate an ed25519 key pair in DIR: NAME.key, the private key (PEM, PKCS #8,
written with mode 0600), and NAME.pub, the public key (PEM) to give to auditors.
It prints the public key's fingerprint (sha256 of the DER SubjectPublicKeyInfo)
for auditors to compare. Existing key files are never overwritten.

Sign packs with nachweis pack --sign-key DIR/NAME.key, or name the key in the
configuration (signing.key_file, or signing.key_env for an environment variable
holding the PEM).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runKeysGenerate(o, d)
		},
	}
	gen.Flags().StringVarP(&o.dir, "output", "o", "", "directory for the key files (created with mode 0700 if missing)")
	gen.Flags().StringVar(&o.name, "name", "nachweis", "base name of the key files")
	cmd.AddCommand(gen)
	return cmd
}

func runKeysGenerate(o keysGenerateOptions, d deps) error {
	if o.dir == "" {
		return usagef("no output: give -o DIR")
	}
	if o.name == "" || o.name != filepath.Base(o.name) || o.name[0] == '.' {
		return usagef("--name %q: expected a plain file name like nachweis", o.name)
	}
	privPath := filepath.Join(o.dir, o.name+".key")
	pubPath := filepath.Join(o.dir, o.name+".pub")
	for _, p := range []string{privPath, pubPath} {
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("generate keys: %s exists; nachweis never overwrites a key (remove it or choose another -o or --name)", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("generate keys: %w", err)
		}
	}
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return fmt.Errorf("generate keys: %w", err)
	}
	pub, priv, err := pack.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	privPEM, err := pack.EncodePrivateKey(priv)
	if err != nil {
		return err
	}
	pubPEM, err := pack.EncodePublicKey(pub)
	if err != nil {
		return err
	}
	if err := writeNewFile(privPath, privPEM, 0o600); err != nil {
		return fmt.Errorf("generate keys: %w", err)
	}
	if err := writeNewFile(pubPath, pubPEM, 0o644); err != nil {
		os.Remove(privPath) // created above: no half pair is left behind
		return fmt.Errorf("generate keys: %w", err)
	}
	fmt.Fprintf(d.stdout, "%s: private key (mode 0600; keep it secret, sign with --sign-key or signing.key_file)\n", privPath)
	fmt.Fprintf(d.stdout, "%s: public key (give it to the auditor)\n", pubPath)
	fmt.Fprintf(d.stdout, "fingerprint %s\n", pack.Fingerprint(pub))
	return nil
}

// writeNewFile writes data to a new file at path with mode perm: written
// completely to a temporary file in the same directory, then linked to
// path, which fails if path exists. No existing file is ever replaced and
// no partial file is ever visible at path.
func writeNewFile(path string, data []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".nachweis-"+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists; nachweis never overwrites a key", path)
		}
		return err
	}
	return nil
}
