package kubernetes

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// versionInfo is the part of the API server's version.Info the
// projection reads.
type versionInfo struct {
	Major      string `json:"major"`
	Minor      string `json:"minor"`
	GitVersion string `json:"gitVersion"`
}

// version reads the API server's version from GET /version (as collect
// stores it) or from kubectl version -o json (its serverVersion). A file
// without a server version is an error: it cannot show what it is
// imported for.
func (p *projector) version(f File) error {
	var doc struct {
		versionInfo
		ServerVersion *versionInfo `json:"serverVersion"`
	}
	if err := json.Unmarshal(f.Data, &doc); err != nil {
		return fmt.Errorf("decode version: %w", err)
	}
	v, ptr := &doc.versionInfo, ""
	if doc.ServerVersion != nil {
		v, ptr = doc.ServerVersion, "/serverVersion"
	}
	if v.GitVersion == "" && v.Major == "" {
		return fmt.Errorf("no server version: expected GET /version or kubectl version -o json with serverVersion")
	}
	if p.c.Version != nil {
		return nil // the first file wins, as for objects
	}
	p.c.Version = &Version{GitVersion: v.GitVersion, Minor: v.minor(), Ref: f.Path + "#" + ptr}
	p.c.Present[KeyVersion] = true
	return nil
}

var (
	digitsRE  = regexp.MustCompile(`^[0-9]+`)
	semverRE  = regexp.MustCompile(`^v?([0-9]+)\.([0-9]+)(\.|$|[-+])`)
	unbuiltRE = regexp.MustCompile(`^v?0\.0\.0`)
)

// minor is "<major>.<minor>" from the major and minor fields (GKE
// reports "31+"), else from gitVersion; "" when neither holds one. A
// binary built without version information reports v0.0.0, which names
// no release.
func (v *versionInfo) minor() string {
	major, minor := digitsRE.FindString(v.Major), digitsRE.FindString(v.Minor)
	if major != "" && minor != "" {
		return major + "." + minor
	}
	return minorOf(v.GitVersion)
}

// minorOf is "<major>.<minor>" of a version such as v1.31.4,
// v1.31.4-eks-1234 or v1.31.4+k3s1; "" when it holds none.
func minorOf(version string) string {
	version = strings.TrimSpace(version)
	if unbuiltRE.MatchString(version) {
		return ""
	}
	m := semverRE.FindStringSubmatch(version)
	if m == nil {
		return ""
	}
	return trimZeros(m[1]) + "." + trimZeros(m[2])
}

func trimZeros(s string) string {
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t
	}
	return "0"
}
