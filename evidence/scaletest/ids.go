package scaletest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// hexID returns a stable 64-digit hex id, like a restic snapshot id or a
// Kubernetes uid source.
func hexID(parts ...any) string {
	sum := sha256.Sum256([]byte(fmt.Sprint(parts...)))
	return hex.EncodeToString(sum[:])
}

// uid returns a stable Kubernetes uid made of parts.
func uid(parts ...any) string {
	h := hexID(parts...)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
