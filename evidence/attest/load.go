package attest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
	"gopkg.in/yaml.v3"
)

// files abstracts the two places records are loaded from: the operating
// system's file system (paths in its syntax) and an fs.FS (slash paths).
type files interface {
	readDir(dir string) ([]fs.DirEntry, error)
	readFile(name string) ([]byte, error)
	open(name string) (io.ReadCloser, error)
	join(elem ...string) string
	dir(name string) string
}

type osFiles struct{}

func (osFiles) readDir(dir string) ([]fs.DirEntry, error) { return os.ReadDir(dir) }
func (osFiles) readFile(name string) ([]byte, error)      { return os.ReadFile(name) }
func (osFiles) open(name string) (io.ReadCloser, error)   { return os.Open(name) }
func (osFiles) join(elem ...string) string                { return filepath.Join(elem...) }
func (osFiles) dir(name string) string                    { return filepath.Dir(name) }

type fsFiles struct{ fsys fs.FS }

func (f fsFiles) readDir(dir string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, dir) }
func (f fsFiles) readFile(name string) ([]byte, error)      { return fs.ReadFile(f.fsys, name) }
func (f fsFiles) open(name string) (io.ReadCloser, error)   { return f.fsys.Open(name) }
func (fsFiles) join(elem ...string) string                  { return path.Join(elem...) }
func (fsFiles) dir(name string) string                      { return path.Dir(name) }

// Load reads every *.yaml and *.yml file in the given directories (not
// their subdirectories; names starting with "." are skipped), in sorted
// order, and verifies every attachment against its SHA-256. A directory
// given twice is read once. No directories give an empty Set.
//
// A malformed file, a failed validation, a missing or changed attachment
// and an id used twice are errors; the first one found is returned, as
// an *Error naming the file, line and field where it has one.
func Load(dirs ...string) (*Set, error) {
	return load(osFiles{}, dirs)
}

// LoadFS is Load reading from fsys (for example an embedded demo), with
// slash-separated directories. Attachments are read from fsys too.
func LoadFS(fsys fs.FS, dirs ...string) (*Set, error) {
	return load(fsFiles{fsys}, dirs)
}

func load(f files, dirs []string) (*Set, error) {
	set := &Set{Attestations: []Attestation{}, Exceptions: []Exception{}}
	seenDir := map[string]bool{}
	for _, dir := range dirs {
		dir = f.join(dir) // clean, so that ./a and a are the same
		if seenDir[dir] {
			continue
		}
		seenDir[dir] = true
		entries, err := f.readDir(dir)
		if err != nil {
			return nil, fmt.Errorf("read attestation directory: %w", err)
		}
		var names []string
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, ".") || !(strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
				continue
			}
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if err := loadFile(f, f.join(dir, n), set); err != nil {
				return nil, err
			}
		}
	}
	if err := checkUnique(set); err != nil {
		return nil, err
	}
	sort.SliceStable(set.Attestations, func(i, j int) bool { return set.Attestations[i].ID < set.Attestations[j].ID })
	sort.SliceStable(set.Exceptions, func(i, j int) bool { return set.Exceptions[i].ID < set.Exceptions[j].ID })
	return set, nil
}

// loadFile reads one file: either a mapping with the lists attestations
// and/or exceptions, or a single attestation (it has measure) or
// exception (it has check).
func loadFile(f files, name string, set *Set) error {
	data, err := f.readFile(name)
	if err != nil {
		return fmt.Errorf("read attestation file: %w", err)
	}
	root, err := yamlstrict.Parse(name, data)
	if err != nil {
		return fromYAML(err)
	}
	const want = "expected a mapping with attestations: or exceptions:, or a single attestation (with measure:) or exception (with check:)"
	if root == nil {
		return &Error{File: name, Line: 1, Msg: "empty file; " + want}
	}
	for root.Kind == yaml.AliasNode {
		root = root.Alias
	}
	if root.Kind != yaml.MappingNode {
		return &Error{File: name, Line: root.Line, Msg: want + ", got " + yamlstrict.Describe(root)}
	}
	d := newDecoder(name)
	lists := map[string]*yaml.Node{}
	var single string
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch k := root.Content[i].Value; k {
		case "attestations", "exceptions":
			if _, dup := lists[k]; dup {
				return &Error{File: name, Line: root.Content[i].Line, Field: k, Msg: "field repeated"}
			}
			lists[k] = root.Content[i+1]
		case "measure":
			single = "attestation"
		case "check":
			single = "exception"
		}
	}
	switch {
	case len(lists) > 0:
		for i := 0; i+1 < len(root.Content); i += 2 {
			if k := root.Content[i]; k.Value != "attestations" && k.Value != "exceptions" {
				return &Error{File: name, Line: k.Line, Field: k.Value, Msg: "unknown field; a file with attestations: or exceptions: lists has nothing else at the top"}
			}
		}
		if err := eachItem(name, lists["attestations"], "attestations", func(n *yaml.Node) error {
			return addAttestation(f, d, n, set)
		}); err != nil {
			return err
		}
		return eachItem(name, lists["exceptions"], "exceptions", func(n *yaml.Node) error {
			return addException(d, n, set)
		})
	case single == "attestation":
		return addAttestation(f, d, root, set)
	case single == "exception":
		return addException(d, root, set)
	}
	return &Error{File: name, Line: root.Line, Msg: want}
}

// eachItem calls fn for every element of the list node (nil: none).
func eachItem(name string, list *yaml.Node, key string, fn func(*yaml.Node) error) error {
	if list == nil || yamlstrict.IsNull(list) {
		return nil
	}
	for list.Kind == yaml.AliasNode {
		list = list.Alias
	}
	if list.Kind != yaml.SequenceNode {
		return &Error{File: name, Line: list.Line, Field: key, Msg: "expected a list, got " + yamlstrict.Describe(list)}
	}
	for _, n := range list.Content {
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

// rawAttestation is an attestation as written; dates stay text until
// validation, so that a message can say what they must relate to.
type rawAttestation struct {
	ID          string       `yaml:"id"`
	Measure     string       `yaml:"measure"`
	Statement   Text         `yaml:"statement"`
	AttestedBy  Person       `yaml:"attested_by"`
	Date        string       `yaml:"date"`
	ValidUntil  string       `yaml:"valid_until"`
	ReviewCycle string       `yaml:"review_cycle"`
	Attachments []Attachment `yaml:"attachments"`
}

// rawException is an exception as written.
type rawException struct {
	ID                  string `yaml:"id"`
	Check               string `yaml:"check"`
	Scope               string `yaml:"scope"`
	RiskID              string `yaml:"risk_id"`
	RiskOwner           string `yaml:"risk_owner"`
	ApprovedOn          string `yaml:"approved_on"`
	ExpiresOn           string `yaml:"expires_on"`
	CompensatingMeasure Text   `yaml:"compensating_measure"`
	CustomerText        *Text  `yaml:"customer_text"`
	ResidualRisk        string `yaml:"residual_risk"`
}

// addAttestation decodes, validates and verifies one attestation and
// adds it to set.
func addAttestation(f files, d *yamlstrict.Decoder, n *yaml.Node, set *Set) error {
	var raw rawAttestation
	lines, err := d.Decode(n, &raw)
	if err != nil {
		return fromYAML(err)
	}
	v := &validator{file: d.File, lines: lines}
	a, err := v.attestation(raw)
	if err != nil {
		return err
	}
	for i, at := range a.Attachments {
		if err := verifyAttachment(f, d.File, a.ID, at, v, fmt.Sprintf("attachments[%d]", i)); err != nil {
			return err
		}
	}
	set.Attestations = append(set.Attestations, a)
	return nil
}

// addException decodes and validates one exception and adds it to set.
func addException(d *yamlstrict.Decoder, n *yaml.Node, set *Set) error {
	var raw rawException
	lines, err := d.Decode(n, &raw)
	if err != nil {
		return fromYAML(err)
	}
	v := &validator{file: d.File, lines: lines}
	x, err := v.exception(raw)
	if err != nil {
		return err
	}
	set.Exceptions = append(set.Exceptions, x)
	return nil
}

// verifyAttachment hashes the attachment, found relative to the
// directory of the attestation file, and compares it with the record.
// Errors name the attestation id and the attachment path; field is the
// attachment's field path for the line.
func verifyAttachment(f files, name, id string, at Attachment, v *validator, field string) error {
	p := f.join(f.dir(name), at.Path)
	r, err := f.open(p)
	if err != nil {
		e := v.errf(field+".path", "attestation %s: attachment %s: %v", id, at.Path, err)
		e.Err = err
		return e
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return v.errf(field+".path", "attestation %s: attachment %s: read %s: %v", id, at.Path, p, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != at.SHA256 {
		return v.errf(field+".sha256", "attestation %s: attachment %s has sha256 %s, but %s is recorded (was it changed after it was attested?)", id, at.Path, got, at.SHA256)
	}
	return nil
}

// checkUnique rejects an attestation or exception id used twice.
func checkUnique(set *Set) error {
	seen := map[string]Attestation{}
	for _, a := range set.Attestations {
		if first, dup := seen[a.ID]; dup {
			return &Error{File: a.File, Line: a.Line, Field: "id", Msg: fmt.Sprintf("duplicate attestation id %q, also in %s:%d", a.ID, first.File, first.Line)}
		}
		seen[a.ID] = a
	}
	seenX := map[string]Exception{}
	for _, x := range set.Exceptions {
		if first, dup := seenX[x.ID]; dup {
			return &Error{File: x.File, Line: x.Line, Field: "id", Msg: fmt.Sprintf("duplicate exception id %q, also in %s:%d", x.ID, first.File, first.Line)}
		}
		seenX[x.ID] = x
	}
	return nil
}
