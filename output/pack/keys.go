package pack

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
)

// PEM block types of the key files: PKCS #8 for the private key, PKIX
// (SubjectPublicKeyInfo) for the public key, as openssl and cosign read
// them.
const (
	privateKeyType = "PRIVATE KEY"
	publicKeyType  = "PUBLIC KEY"
)

// GenerateKey makes an ed25519 key pair from rand.
func GenerateKey(rand io.Reader) (ed25519.PublicKey, ed25519.PrivateKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return nil, nil, fmt.Errorf("generate ed25519 key: %w", err)
	}
	return pub, priv, nil
}

// EncodePrivateKey returns the private key as a PEM "PRIVATE KEY" block
// (PKCS #8, unencrypted: protect the file, it is written 0600).
func EncodePrivateKey(priv ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("encode private key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: privateKeyType, Bytes: der}), nil
}

// EncodePublicKey returns the public key as a PEM "PUBLIC KEY" block.
func EncodePublicKey(pub ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: publicKeyType, Bytes: der}), nil
}

// Fingerprint names a public key: "sha256:" and the hex SHA-256 of its
// DER SubjectPublicKeyInfo, the bytes `openssl pkey -pubin -outform DER`
// prints, so an auditor can compute it without nachweis.
func Fingerprint(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		// An ed25519.PublicKey of the wrong length; name it so that it
		// never matches a real fingerprint.
		return "sha256:invalid-key"
	}
	sum := sha256.Sum256(der)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ErrKey is matched by errors.Is for every key that cannot be used. Its
// messages never contain the key material.
var ErrKey = errors.New("unusable key")

type keyError struct{ msg string }

func (e *keyError) Error() string        { return e.msg }
func (e *keyError) Is(target error) bool { return target == ErrKey }

// ParsePrivateKey reads an ed25519 private key from one PEM "PRIVATE KEY"
// block (PKCS #8). Errors describe what was found, never the content.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, err := onePEM(data)
	if err != nil {
		return nil, err
	}
	switch block.Type {
	case privateKeyType:
	case "ENCRYPTED PRIVATE KEY":
		return nil, &keyError{"an encrypted private key; give the unencrypted PKCS #8 key nachweis keys generate writes (protect the file instead)"}
	case publicKeyType:
		return nil, &keyError{"a public key where the private key was expected"}
	default:
		return nil, &keyError{fmt.Sprintf("a PEM block of type %q; expected %q (PKCS #8) as nachweis keys generate writes", block.Type, privateKeyType)}
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, &keyError{"not a valid PKCS #8 private key"}
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, &keyError{fmt.Sprintf("a %s key; expected ed25519", keyKind(k))}
	}
	return priv, nil
}

// ParsePublicKey reads an ed25519 public key from one PEM "PUBLIC KEY"
// block.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	block, err := onePEM(data)
	if err != nil {
		return nil, err
	}
	if block.Type != publicKeyType {
		if block.Type == privateKeyType {
			return nil, &keyError{"a private key where the public key was expected; give the .pub file"}
		}
		return nil, &keyError{fmt.Sprintf("a PEM block of type %q; expected %q", block.Type, publicKeyType)}
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, &keyError{"not a valid PKIX public key"}
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, &keyError{fmt.Sprintf("a %s key; expected ed25519", keyKind(k))}
	}
	return pub, nil
}

// onePEM decodes exactly one PEM block, allowing only whitespace around
// it and no PEM headers.
func onePEM(data []byte) (*pem.Block, error) {
	block, rest := pem.Decode(data)
	if block == nil {
		return nil, &keyError{"not a PEM key file"}
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return nil, &keyError{"more than one PEM block or data after the key"}
	}
	if len(block.Headers) > 0 {
		return nil, &keyError{"PEM headers are not supported (an encrypted legacy key?)"}
	}
	return block, nil
}

func keyKind(k any) string {
	switch k.(type) {
	case *rsa.PrivateKey, *rsa.PublicKey:
		return "RSA"
	case *ecdsa.PrivateKey, *ecdsa.PublicKey:
		return "ECDSA"
	case *ecdh.PrivateKey, *ecdh.PublicKey:
		return "X25519/ECDH"
	}
	return "non-ed25519"
}
