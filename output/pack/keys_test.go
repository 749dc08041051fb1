package pack

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
)

func TestKeysRoundTrip(t *testing.T) {
	pub, priv, err := GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	privPEM, err := EncodePrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM, err := EncodePublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	gotPriv, err := ParsePrivateKey(privPEM)
	if err != nil || !gotPriv.Equal(priv) {
		t.Fatalf("private key round trip: %v", err)
	}
	gotPub, err := ParsePublicKey(pubPEM)
	if err != nil || !gotPub.Equal(pub) {
		t.Fatalf("public key round trip: %v", err)
	}
	// The fingerprint is sha256 of the DER SubjectPublicKeyInfo, which
	// openssl prints with `openssl pkey -pubin -outform DER`.
	block, _ := pem.Decode(pubPEM)
	sum := sha256.Sum256(block.Bytes)
	if got, want := Fingerprint(pub), "sha256:"+hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("fingerprint %s, want %s", got, want)
	}
}

// TestParseKeyErrors: every unusable key gives an ErrKey that says what
// was found and never contains the key material.
func TestParseKeyErrors(t *testing.T) {
	_, priv, _ := GenerateKey(rand.Reader)
	privPEM, _ := EncodePrivateKey(priv)
	pubPEM, _ := EncodePublicKey(priv.Public().(ed25519.PublicKey))
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKCS8PrivateKey(ec)
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER})
	ecPubDER, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	ecPubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecPubDER})
	body := func(p []byte) string { // the base64 of the key, as it would leak
		lines := strings.Split(strings.TrimSpace(string(p)), "\n")
		return strings.Join(lines[1:len(lines)-1], "")
	}
	tests := []struct {
		name    string
		private bool
		data    []byte
		want    string
	}{
		{"garbage private", true, []byte("planted-secret-not-pem"), "not a PEM key file"},
		{"public for private", true, pubPEM, "a public key where the private key was expected"},
		{"private for public", false, privPEM, "a private key where the public key was expected"},
		{"ECDSA private", true, ecPEM, "a ECDSA key; expected ed25519"},
		{"ECDSA public", false, ecPubPEM, "a ECDSA key; expected ed25519"},
		{"encrypted", true, pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte("planted-secret")}), "an encrypted private key"},
		{"two blocks", true, append(append([]byte(nil), privPEM...), privPEM...), "more than one PEM block"},
		{"corrupt DER", true, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("planted-secret")}), "not a valid PKCS #8 private key"},
		{"legacy headers", true, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED"}, Bytes: []byte("planted-secret")}), "PEM headers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.private {
				_, err = ParsePrivateKey(tt.data)
			} else {
				_, err = ParsePublicKey(tt.data)
			}
			if !errors.Is(err, ErrKey) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want an ErrKey containing %q", err, tt.want)
			}
			for _, secret := range []string{"planted-secret", body(privPEM), body(ecPEM)} {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error %q contains key material", err)
				}
			}
		})
	}
}
