package evidence

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ImportOptions say what Import reads and where it writes.
type ImportOptions struct {
	// Bundle is the bundle directory to create or add a source to.
	Bundle string
	// Kind optionally names what the files are: a source kind
	// ("restic"), an item kind ("restic/snapshots") or, for Kubernetes
	// objects that do not carry their kind, kubernetes/<Kind>
	// ("kubernetes/Pod"). Empty: detected from the content.
	Kind string
	// Source optionally names the source; empty: derived (see Import).
	Source string
	// Files are the files to import, all of one source.
	Files []string
	// Now is the source's collection time and the manifest's created_at.
	Now time.Time
	// CollectedAtUnknown says that Now is only the time of the import,
	// not when the files were collected (no --collected-at): the source
	// is recorded with collected_at_unknown, and evidence without times
	// of its own (restic check output) has no time at all, so checks of
	// its age report no-evidence instead of taking the import for it.
	CollectedAtUnknown bool
	// Notice, when set, receives one line for each thing the user should
	// know about the import that is not an error.
	Notice func(string)
	// ToolVersion is recorded in the manifest.
	ToolVersion string
}

// ImportCollector is the collector recorded for imported sources.
const ImportCollector = "import"

// maxImportSize bounds a single imported file, which is held in memory.
const maxImportSize = 1 << 30

// ErrInput is matched by errors.Is for every *InputError.
var ErrInput = errors.New("unusable import input")

// InputError reports a file or option Import cannot use: one line naming
// the file, what is wrong and what was expected.
type InputError struct {
	// Path is the file as the user gave it; empty for an option.
	Path string
	// Reason says what is wrong, e.g. "truncated JSON at byte 812".
	Reason string
	// Expected says what would have been accepted; may be empty.
	Expected string
}

// Error returns "import <file>: <reason>: expected <what>".
func (e *InputError) Error() string {
	var sb strings.Builder
	sb.WriteString("import")
	if e.Path != "" {
		sb.WriteString(" " + e.Path)
	}
	sb.WriteString(": " + e.Reason)
	if e.Expected != "" {
		sb.WriteString(": expected " + e.Expected)
	}
	return sb.String()
}

// Is makes errors.Is(err, ErrInput) true.
func (e *InputError) Is(target error) bool { return target == ErrInput }

// Import adds one source, made of files a user already has, to the bundle
// opts.Bundle, creating the bundle if needed. A source of the same kind
// and name is replaced as a whole. The files are stored byte for byte
// (except GitHub deploy keys and webhooks, see RedactGitHub, and
// Kubernetes objects, whose secrets and literal values Write removes, see
// redactKubernetes);
// their kinds are detected as described in detect.go, and all must belong
// to one source kind.
//
// The source name is opts.Source if given, else derived:
//   - kubernetes: "cluster";
//   - borg: the base name of the repository location;
//   - pgbackrest: the stanza name (when the output holds one stanza);
//   - github: the organization's login, else the owner in a
//     branch-protection URL;
//   - otherwise (restic, and the cases above without a name in the
//     content): the name of the directory holding the files, which must
//     then all be in the same directory.
//
// Content-derived names of different files must agree. Derived names are
// reduced to letters, digits, '.', '_' and '-'.
//
// Errors about the input are *InputError (errors.Is ErrInput). On any
// error the bundle is left as it was, and none is created.
func Import(ctx context.Context, opts ImportOptions) error {
	want, err := parseKindFlag(opts.Kind)
	if err != nil {
		return err
	}
	switch {
	case opts.Bundle == "":
		return &InputError{Reason: "no bundle directory given"}
	case len(opts.Files) == 0:
		return &InputError{Reason: "no files given"}
	case opts.Now.IsZero():
		return errors.New("import: no collection time given")
	}
	if opts.Source != "" {
		if err := checkName(opts.Source); err != nil {
			return &InputError{Reason: fmt.Sprintf("--source %v", err)}
		}
	}
	ins, err := readInputs(ctx, opts.Files)
	if err != nil {
		return err
	}
	dets, srcKind, err := detectAll(ins, want)
	if err != nil {
		return err
	}
	name, err := sourceName(opts.Source, srcKind, ins, dets)
	if err != nil {
		return err
	}
	items := make([]Item, len(ins))
	for i, in := range ins {
		// Deploy keys and webhooks lose their key material and secrets
		// before they are stored; everything else is stored as given.
		data, note, err := RedactGitHub(dets[i].kind, in.data)
		if err != nil {
			return &InputError{Path: in.path, Reason: err.Error()}
		}
		items[i] = Item{Kind: dets[i].kind, ItemKind: dets[i].itemKind, Origin: filepath.Base(in.path), Data: data, Redacted: note}
	}
	src := SourceData{
		Source: Source{
			Kind:               srcKind,
			Name:               name,
			Collector:          ImportCollector,
			StartedAt:          opts.Now,
			FinishedAt:         opts.Now,
			CollectedAtUnknown: opts.CollectedAtUnknown,
			Status:             StatusOK,
		},
		Items: items,
	}
	if _, err := Write(ctx, opts.Bundle, []SourceData{src}, WriteOptions{Now: opts.Now, ToolVersion: opts.ToolVersion}); err != nil {
		// Kubernetes objects Write cannot redact safely are the input's
		// fault: name the file.
		var ie *ItemError
		if errors.As(err, &ie) && ie.Index >= 0 && ie.Index < len(ins) {
			return &InputError{Path: ins[ie.Index].path, Reason: ie.Err.Error()}
		}
		return fmt.Errorf("import: %w", err)
	}
	if opts.CollectedAtUnknown && opts.Notice != nil {
		for i, in := range ins {
			if timeless[dets[i].kind] {
				opts.Notice(fmt.Sprintf("import %s: %s carries no time of its own and --collected-at was not given: "+
					"its time is recorded as unknown, so checks of its age report no-evidence", in.path, kindDescriptions[dets[i].kind]))
			}
		}
	}
	return nil
}

// timeless are the item kinds whose content carries no time of its own
// while a check depends on how recent it is: their time is the source's
// collection time.
var timeless = map[string]bool{KindResticCheck: true}

// input is one file read for import.
type input struct {
	path   string
	data   []byte
	c      content
	reason string
}

func readInputs(ctx context.Context, files []string) ([]input, error) {
	seen := map[string]string{}
	ins := make([]input, 0, len(files))
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		if abs, err := filepath.Abs(p); err == nil {
			if prev, dup := seen[abs]; dup {
				return nil, &InputError{Path: p, Reason: "given twice (also as " + prev + ")"}
			}
			seen[abs] = p
		}
		data, err := readInput(p)
		if err != nil {
			return nil, err
		}
		// Before anything reads the content: a key given twice (also
		// "kind") would be read one way here and another way later.
		if err := duplicateKeys("", data); err != nil && looksLikeJSON(data) {
			return nil, &InputError{Path: p, Reason: err.Error()}
		}
		c, reason := classify(data)
		ins = append(ins, input{path: p, data: data, c: c, reason: reason})
	}
	return ins, nil
}

func readInput(p string) ([]byte, error) {
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &InputError{Path: p, Reason: "no such file"}
	}
	if err != nil {
		return nil, &InputError{Path: p, Reason: cause(err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &InputError{Path: p, Reason: cause(err)}
	}
	if fi.IsDir() {
		return nil, &InputError{Path: p, Reason: "is a directory", Expected: "a file (give the files in it, e.g. " + filepath.Join(p, "*.json") + ")"}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxImportSize+1))
	if err != nil {
		return nil, &InputError{Path: p, Reason: cause(err)}
	}
	if len(data) > maxImportSize {
		return nil, &InputError{Path: p, Reason: "larger than 1 GiB"}
	}
	return data, nil
}

// looksLikeJSON reports whether data starts, after white space, like a
// JSON object or array.
func looksLikeJSON(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// cause strips the *PathError wrapper, whose path the InputError names.
func cause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// detectAll resolves the kind of every file. The source kind comes from
// --kind, else from the first file whose content decides it; files whose
// content leaves the kind open (empty arrays, GitHub user lists) are then
// resolved within that source kind.
func detectAll(ins []input, want kindFlag) ([]detected, string, error) {
	srcKind, first := want.source, ""
	if srcKind == "" {
		for _, in := range ins {
			if sk := singleSource(in.c.kinds); in.reason == "" && sk != "" {
				srcKind, first = sk, in.path
				break
			}
		}
	}
	dets := make([]detected, len(ins))
	for i, in := range ins {
		d, err := resolve(in.path, in.data, in.c, in.reason, want, srcKind, first)
		if err != nil {
			return nil, "", err
		}
		sk := sourceOf(d.kind)
		if srcKind == "" {
			srcKind, first = sk, in.path
		} else if sk != srcKind {
			return nil, "", &InputError{Path: in.path, Reason: fmt.Sprintf(
				"found %s, a %s source, but %s is a %s source; import one source per call",
				kindDescriptions[d.kind], sk, first, srcKind)}
		}
		dets[i] = d
	}
	return dets, srcKind, nil
}

// sourceName applies the naming rule documented on Import.
func sourceName(given, srcKind string, ins []input, dets []detected) (string, error) {
	if given != "" {
		return given, nil
	}
	if srcKind == "kubernetes" {
		return "cluster", nil
	}
	name, from := "", ""
	for i, d := range dets {
		if d.name == "" {
			continue
		}
		n := sanitizeName(d.name)
		switch {
		case n == "":
		case name == "":
			name, from = n, ins[i].path
		case n != name:
			return "", &InputError{Path: ins[i].path,
				Reason:   fmt.Sprintf("names source %q, but %s names %q", n, from, name),
				Expected: "the files of one source per call, or --source NAME"}
		}
	}
	if name != "" {
		return name, nil
	}
	for _, d := range dets {
		if n := sanitizeName(d.weakName); n != "" {
			return n, nil
		}
	}
	dir := parentDir(ins[0].path)
	for _, in := range ins[1:] {
		if d := parentDir(in.path); d != dir {
			return "", &InputError{Path: in.path,
				Reason:   fmt.Sprintf("is in directory %s, but %s is in %s, and the source name comes from the directory", d, ins[0].path, dir),
				Expected: "--source NAME, or the files of one source in one directory"}
		}
	}
	if n := sanitizeName(filepath.Base(dir)); n != "" {
		return n, nil
	}
	return "", &InputError{Path: ins[0].path, Reason: "cannot derive a source name", Expected: "--source NAME"}
}

func parentDir(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return filepath.Dir(p)
}

// sanitizeName reduces s to a valid source name: characters other than
// letters, digits, '.', '_' and '-' become '-', and it starts with a
// letter or digit.
func sanitizeName(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if isAlnum(r) || r == '.' || r == '_' || r == '-' {
			sb.WriteRune(r)
		} else {
			sb.WriteByte('-')
		}
	}
	n := strings.TrimLeft(sb.String(), "._-")
	if len(n) > maxNameLen {
		n = n[:maxNameLen]
	}
	return n
}
