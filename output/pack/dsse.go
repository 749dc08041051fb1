package pack

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// The in-toto and DSSE names a pack's signature uses.
const (
	// PayloadType is the DSSE payload type of an in-toto statement.
	PayloadType = "application/vnd.in-toto+json"
	// StatementType is the in-toto Statement v1 type.
	StatementType = "https://in-toto.io/Statement/v1"
	// PredicateType names the predicate of a nachweis evidence pack; give
	// it to cosign verify-blob-attestation --type.
	PredicateType = "https://github.com/nachweis/nachweis/evidence-pack/v1"
)

// Statement is an in-toto Statement v1 whose subjects are the pack's
// content files and manifest.json.
type Statement struct {
	Type          string    `json:"_type"`
	Subject       []Subject `json:"subject"`
	PredicateType string    `json:"predicateType"`
	Predicate     Predicate `json:"predicate"`
}

// Subject is one signed file.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// Predicate repeats the manifest's tool and evaluation, so that the
// statement alone says what the signature vouches for.
type Predicate struct {
	Tool       Tool       `json:"tool"`
	Evaluation Evaluation `json:"evaluation"`
}

// Envelope is a DSSE envelope.
type Envelope struct {
	PayloadType string      `json:"payloadType"`
	Payload     string      `json:"payload"`
	Signatures  []Signature `json:"signatures"`
}

// Signature is one DSSE signature; KeyID is the key's Fingerprint.
type Signature struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"`
}

// errBadSignature is a well-formed envelope whose signature does not
// verify.
var errBadSignature = errors.New("the signature does not verify")

// pae is the DSSE pre-authentication encoding, the bytes that are signed:
// "DSSEv1 <len(type)> <type> <len(body)> <body>".
func pae(payloadType string, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString("DSSEv1 ")
	b.WriteString(strconv.Itoa(len(payloadType)))
	b.WriteByte(' ')
	b.WriteString(payloadType)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(payload)))
	b.WriteByte(' ')
	b.Write(payload)
	return b.Bytes()
}

// signStatement encodes the statement canonically and wraps it in a DSSE
// envelope signed with priv (ed25519 over the PAE bytes; ed25519 is
// deterministic, so the envelope is too).
func signStatement(st *Statement, priv ed25519.PrivateKey) ([]byte, error) {
	payload, err := canonicalJSON(st)
	if err != nil {
		return nil, fmt.Errorf("encode statement: %w", err)
	}
	sig := ed25519.Sign(priv, pae(PayloadType, payload))
	env := Envelope{
		PayloadType: PayloadType,
		Payload:     base64.StdEncoding.EncodeToString(payload),
		Signatures:  []Signature{{KeyID: Fingerprint(priv.Public().(ed25519.PublicKey)), Sig: base64.StdEncoding.EncodeToString(sig)}},
	}
	out, err := canonicalJSON(env)
	if err != nil {
		return nil, fmt.Errorf("encode envelope: %w", err)
	}
	return append(out, '\n'), nil
}

// openEnvelope parses a DSSE envelope, checks that one of its signatures
// verifies with pub, and returns the statement it carries. The error says
// what is wrong, for a Problem on the envelope file.
func openEnvelope(raw []byte, pub ed25519.PublicKey) (*Statement, error) {
	var env Envelope
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		return nil, fmt.Errorf("invalid DSSE envelope: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("invalid DSSE envelope: data after the envelope object")
	}
	if env.PayloadType != PayloadType {
		return nil, fmt.Errorf("payloadType %q, expected %q", env.PayloadType, PayloadType)
	}
	payload, err := base64.StdEncoding.DecodeString(env.Payload)
	if err != nil {
		return nil, fmt.Errorf("payload is not base64: %v", err)
	}
	if len(env.Signatures) == 0 {
		return nil, fmt.Errorf("no signature: the pack is not signed")
	}
	signed := pae(env.PayloadType, payload)
	ok := false
	for _, s := range env.Signatures {
		sig, err := base64.StdEncoding.DecodeString(s.Sig)
		if err == nil && ed25519.Verify(pub, signed, sig) {
			ok = true
			break
		}
	}
	if !ok {
		return nil, fmt.Errorf("%w with key %s: the statement was changed or signed with another key", errBadSignature, Fingerprint(pub))
	}
	var st Statement
	sdec := json.NewDecoder(bytes.NewReader(payload))
	sdec.DisallowUnknownFields()
	if err := sdec.Decode(&st); err != nil {
		return nil, fmt.Errorf("signed statement: invalid JSON: %v", err)
	}
	if st.Type != StatementType {
		return nil, fmt.Errorf("signed statement: _type %q, expected %q", st.Type, StatementType)
	}
	if st.PredicateType != PredicateType {
		return nil, fmt.Errorf("signed statement: predicateType %q, expected %q", st.PredicateType, PredicateType)
	}
	return &st, nil
}
