package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/attest"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/demo"
	"github.com/nachweis/nachweis/output/pack"
	"github.com/nachweis/nachweis/policies"
)

// packInputs are the files a pack is evaluated from, at their pack paths,
// and what else the pack says about them.
type packInputs struct {
	files []pack.File
	// soa, records, custom: the pack carries SoA declarations,
	// attestation or exception records, the provider's own policies.
	soa, records, custom bool
	// defaultNow is the clock without --now or SOURCE_DATE_EPOCH (the
	// demo's evidence cut-off; zero: the wall clock).
	defaultNow time.Time
}

func (in *packInputs) add(p string, data []byte) {
	in.files = append(in.files, pack.File{Path: p, Data: data})
}

// files abstracts where a configuration's records and SoA are read from:
// the operating system's file system, or the embedded demo.
type sourceFiles interface {
	readFile(name string) ([]byte, error)
	readDir(name string) ([]fs.DirEntry, error)
	join(elem ...string) string
	loadRecords(dir string) (*attest.Set, error)
}

type osSource struct{}

func (osSource) readFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (osSource) readDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osSource) join(elem ...string) string                 { return filepath.Join(elem...) }
func (osSource) loadRecords(dir string) (*attest.Set, error) {
	return attest.Load(dir)
}

type fsSource struct{ fsys fs.FS }

func (s fsSource) readFile(name string) ([]byte, error)       { return fs.ReadFile(s.fsys, name) }
func (s fsSource) readDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.fsys, name) }
func (fsSource) join(elem ...string) string                   { return path.Join(elem...) }
func (s fsSource) loadRecords(dir string) (*attest.Set, error) {
	return attest.LoadFS(s.fsys, dir)
}

// gatherPackInputs copies what the evaluation reads into pack files: the
// bundle (verified), the embedded policies and the extra policy
// directories, the catalogs, the sanitized configuration with its
// attestation and exception directories, and the SoA declarations.
func gatherPackInputs(o packOptions) (*packInputs, error) {
	in := &packInputs{}
	var (
		b          *evidence.Bundle
		src        sourceFiles = osSource{}
		cfgName    string
		cfgRaw     []byte
		recordDirs [2][]string // attestations, exceptions
		policyDirs = o.policyDirs
		soaPath    = o.soa
		err        error
	)
	switch {
	case o.demo:
		if b, err = demo.Bundle(); err != nil {
			return nil, err
		}
		demoFS, err := demo.FS()
		if err != nil {
			return nil, err
		}
		src = fsSource{demoFS}
		cfgName = demo.ConfigName
		if cfgRaw, err = fs.ReadFile(demoFS, "nachweis.yaml"); err != nil {
			return nil, fmt.Errorf("read demo configuration: %w", err)
		}
		recordDirs = [2][]string{{"attestations"}, {"exceptions"}}
		if soaPath == "" {
			soaPath = "soa.yaml"
		}
		in.defaultNow = b.CutOff()
	default:
		if b, err = evidence.Open(o.bundle); err != nil {
			return nil, err
		}
		if o.config != "" {
			cfg, err := config.Load(o.config)
			if err != nil {
				return nil, err
			}
			if cfgRaw, err = os.ReadFile(o.config); err != nil {
				return nil, fmt.Errorf("read configuration: %w", err)
			}
			cfgName = o.config
			recordDirs = [2][]string{cfg.Attestations, cfg.Exceptions}
			policyDirs = append(append([]string{}, cfg.Policies...), policyDirs...)
			if soaPath == "" {
				beside := filepath.Join(filepath.Dir(o.config), "soa.yaml")
				if _, err := os.Stat(beside); err == nil {
					soaPath = beside
				}
			}
		}
	}
	if err := in.addBundle(b); err != nil {
		return nil, err
	}
	if err := in.addPolicies(policyDirs); err != nil {
		return nil, err
	}
	if err := copyFS(controls.DataFS(), packControlsDir, in); err != nil {
		return nil, fmt.Errorf("copy catalogs: %w", err)
	}
	packed, err := in.addRecords(src, recordDirs)
	if err != nil {
		return nil, err
	}
	sanitized, err := config.Sanitize(cfgName, cfgRaw, config.SanitizeOptions{Attestations: packed[0], Exceptions: packed[1]})
	if err != nil {
		return nil, err
	}
	in.add(packConfigFile, sanitized)
	if soaPath != "" {
		raw, err := src.readFile(soaPath)
		if err != nil {
			return nil, fmt.Errorf("read SoA declarations: %w", err)
		}
		if _, err := config.ParseSoA(soaPath, raw); err != nil {
			return nil, err
		}
		in.add(packSoAFile, raw)
		in.soa = true
	}
	return in, nil
}

// addBundle copies the bundle's manifest as it is (its digest names the
// bundle) and every file it lists, each verified again on reading.
func (in *packInputs) addBundle(b *evidence.Bundle) error {
	raw, err := fs.ReadFile(b.FS, evidence.ManifestFile)
	if err != nil {
		return fmt.Errorf("read bundle manifest: %w", err)
	}
	in.add(packBundleDir+evidence.ManifestFile, raw)
	for _, s := range b.Manifest.Sources {
		for _, f := range s.Files {
			data, err := b.ReadFile(f.Path)
			if err != nil {
				return err
			}
			in.add(packBundleDir+f.Path, data)
		}
	}
	return nil
}

// addPolicies copies the modules the engine loads: the embedded policies
// under policies/ (as the engine names them) and each extra directory
// under policies/custom/<n>/.
func (in *packInputs) addPolicies(dirs []string) error {
	if err := copyFS(policies.FS, packPoliciesDir, in); err != nil {
		return fmt.Errorf("copy policies: %w", err)
	}
	for i, dir := range dirs {
		info, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("policy directory %s: %w", dir, err)
		}
		if !info.IsDir() {
			return fmt.Errorf("policy directory %s: not a directory", dir)
		}
		prefix := packCustomDir + strconv.Itoa(i+1) + "/"
		if err := copyFS(os.DirFS(dir), prefix, in); err != nil {
			return fmt.Errorf("copy policy directory %s: %w", dir, err)
		}
		in.custom = true
	}
	return nil
}

// copyFS copies the policy modules (from a policy tree) or every file
// (otherwise) of fsys under prefix.
func copyFS(fsys fs.FS, prefix string, in *packInputs) error {
	onlyModules := strings.HasPrefix(prefix, packPoliciesDir)
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (onlyModules && !policies.IsModule(p)) {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		in.add(prefix+p, data)
		return nil
	})
}

// addRecords copies each distinct attestation and exception directory to
// config/records/<n>/: its record files (*.yaml, *.yml as attest.Load
// reads them) and the attachments they reference, which must lie inside
// the directory. It returns the packed directories of the attestations
// and of the exceptions, relative to config/.
func (in *packInputs) addRecords(src sourceFiles, dirs [2][]string) ([2][]string, error) {
	var packed [2][]string
	index := map[string]string{}
	for list, ds := range dirs {
		for _, dir := range ds {
			key := src.join(dir)
			rel, seen := index[key]
			if !seen {
				rel = strings.TrimPrefix(packRecordsDir, "config/") + strconv.Itoa(len(index)+1)
				index[key] = rel
				if err := in.copyRecordDir(src, dir, "config/"+rel+"/"); err != nil {
					return packed, err
				}
			}
			packed[list] = append(packed[list], rel)
		}
	}
	return packed, nil
}

func (in *packInputs) copyRecordDir(src sourceFiles, dir, prefix string) error {
	entries, err := src.readDir(dir)
	if err != nil {
		return fmt.Errorf("read attestation directory: %w", err)
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || !(strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			continue
		}
		data, err := src.readFile(src.join(dir, n))
		if err != nil {
			return fmt.Errorf("read attestation file: %w", err)
		}
		in.add(prefix+n, data)
		in.records = true
	}
	set, err := src.loadRecords(dir)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, a := range set.Attestations {
		for _, at := range a.Attachments {
			dest := path.Clean(prefix + filepath.ToSlash(at.Path))
			if !strings.HasPrefix(dest, prefix) || filepath.IsAbs(at.Path) {
				return fmt.Errorf("attestation %s (%s): attachment %s lies outside the attestation directory %s; a pack carries only attachments inside it", a.ID, a.File, at.Path, dir)
			}
			if seen[dest] {
				continue
			}
			seen[dest] = true
			data, err := src.readFile(src.join(dir, at.Path))
			if err != nil {
				return fmt.Errorf("attestation %s: attachment %s: %w", a.ID, at.Path, err)
			}
			in.add(dest, data)
		}
	}
	return nil
}
