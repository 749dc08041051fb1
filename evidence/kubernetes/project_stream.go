package kubernetes

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
)

// The streamed projection reads each List once, in chunks, item by item:
// it keeps no file in memory, and decodes, validates and checks for
// duplicate keys in one pass (jsonscan.Decoder). Pods and their
// controllers are decoded by the fast path (fast_decode.go), every other
// object with encoding/json as the read projection does. Whatever it
// cannot read exactly as the read projection would (invalid JSON, a
// duplicate key, a value of an unexpected type, a file that changed since
// the bundle was opened, an object whose kind depends on a list kind not
// read yet) makes Project read everything again the other way, which
// reports the error as it always has.

// errFallback stops the streamed projection.
var errFallback = errors.New("kubernetes: project by reading whole files")

// streamBuffer is the size of the first buffer; it grows for larger
// objects. Tests make it small, so that objects are cut off.
var streamBuffer = 1 << 20

// hotKinds are decoded by the fast path.
var hotKinds = map[string]bool{"Pod": true, "Deployment": true, "StatefulSet": true, "DaemonSet": true, "ReplicaSet": true, "Job": true, "CronJob": true}

// projectStream projects the files as Project does, streaming each List.
// It reports false when the files must be read whole instead.
func projectStream(files []File, scope Scope) (*Cluster, bool) {
	p := newProjector(scope)
	s := &stream{}
	for _, f := range files {
		switch f.Kind {
		case KindVersion:
			data, err := f.content()
			if err != nil {
				return nil, false
			}
			f.Data = data
			if err := p.version(f); err != nil {
				return nil, false
			}
		case KindList:
			p.path = f.Path
			if err := p.streamFile(s, f); err != nil {
				return nil, false
			}
		}
	}
	c, err := p.finish()
	if err != nil {
		return nil, false
	}
	return c, true
}

// stream is a window on a file being read: buf[pos:end] is read and not
// consumed yet.
type stream struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	d        jsonscan.Decoder
	item     fastItem
	// own is the buffer files are read into, kept from file to file.
	own []byte
}

// reset starts reading a file from r, or the whole file data when r is
// nil.
func (s *stream) reset(r io.Reader, data []byte) {
	s.r, s.pos = r, 0
	if r == nil {
		s.buf, s.end, s.eof = data, len(data), true
		return
	}
	if len(s.own) == 0 {
		s.own = make([]byte, streamBuffer)
	}
	s.buf, s.end, s.eof = s.own, 0, false
}

// fill reads more of the file, moving what is not consumed to the
// buffer's start and growing it when it is full.
func (s *stream) fill() error {
	if s.eof {
		return errFallback
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
		s.buf = s.buf[:cap(s.buf)]
		s.own = s.buf
	}
	// Fill the buffer: an object cut off at its end is decoded again.
	for s.end < len(s.buf) {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return nil
		}
		if err != nil {
			return err // a read error or a file that is not what the manifest lists
		}
	}
	return nil
}

// step runs read on the unconsumed input until it no longer needs more
// input, then consumes what it read. read must not change anything
// outside what it returns: it may run again on more input.
func (s *stream) step(read func(d *jsonscan.Decoder)) error {
	for {
		if s.eof {
			s.d.Reset(s.buf[s.pos:s.end])
		} else {
			s.d.ResetPartial(s.buf[s.pos:s.end])
		}
		read(&s.d)
		switch err := s.d.Err(); {
		case err == nil:
			s.pos += s.d.Offset()
			return nil
		case err == jsonscan.ErrShort && !s.eof:
			if err := s.fill(); err != nil {
				return err
			}
		default:
			return errFallback
		}
	}
}

// streamFile projects one file of kubectl get -o json output: a List or
// typed list, or a JSON array of objects. A single object is decoded
// with encoding/json, as the read projection does.
func (p *projector) streamFile(s *stream, f File) error {
	if key, ok := kindKeys[f.ItemKind]; ok {
		p.present(f.ItemKind, key)
	}
	switch {
	case f.Data != nil:
		s.reset(nil, f.Data)
	case f.Open != nil:
		r, err := f.Open()
		if err != nil {
			return err
		}
		defer r.Close()
		s.reset(r, nil)
	default:
		return errFallback
	}
	var open byte
	if err := s.step(func(d *jsonscan.Decoder) { open = d.Punct("{[") }); err != nil {
		return err
	}
	if open == '[' {
		if err := p.streamItems(s, f, "#/"); err != nil {
			return err
		}
	} else if err := p.streamWrapper(s, f); err != nil {
		return err
	}
	// Nothing but white space up to the end of the file, which the
	// verifying reader checks against the manifest when it is reached.
	for {
		s.d.Reset(s.buf[s.pos:s.end])
		if s.d.Done() != nil {
			return errFallback
		}
		s.pos = s.end
		if s.eof {
			return nil
		}
		if err := s.fill(); err != nil {
			return err
		}
	}
}

// member is an outermost member other than items, kept to decode the
// list (or single object) with encoding/json at its end.
type member struct {
	key []byte
	raw []byte
}

// streamWrapper reads the members of the outermost object after its
// opening brace: items is streamed, the others are kept and decoded at
// the end as the read projection decodes the whole object.
func (p *projector) streamWrapper(s *stream, f File) error {
	var members []member
	items := false
	for first := true; ; first = false {
		var key []byte
		end := false
		err := s.step(func(d *jsonscan.Decoder) {
			if first && d.Peek() == '}' || !first && d.Punct(",}") == '}' {
				if first {
					d.Punct("}")
				}
				end = true
				return
			}
			key = d.MemberKey()
		})
		if err != nil {
			return err
		}
		if end {
			break
		}
		key = bytes.Clone(key)
		for _, m := range members {
			if bytes.EqualFold(m.key, key) {
				return errFallback // a duplicate key
			}
		}
		if items && bytes.EqualFold(key, []byte("items")) {
			return errFallback
		}
		if string(key) == "items" {
			items = true
			var open byte
			if err := s.step(func(d *jsonscan.Decoder) { open = d.Punct("[") }); err != nil || open != '[' {
				return errFallback // null or not an array: left to the read projection
			}
			if err := p.streamItems(s, f, "#/items/"); err != nil {
				return err
			}
			continue
		}
		if bytes.EqualFold(key, []byte("items")) {
			return errFallback
		}
		var raw []byte
		if err := s.step(func(d *jsonscan.Decoder) { raw = d.Raw() }); err != nil {
			return err
		}
		members = append(members, member{key: key, raw: bytes.Clone(raw)})
	}
	var doc bytes.Buffer
	doc.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			doc.WriteByte(',')
		}
		k, err := json.Marshal(string(m.key))
		if err != nil {
			return errFallback
		}
		doc.Write(k)
		doc.WriteByte(':')
		doc.Write(m.raw)
	}
	doc.WriteByte('}')
	var o object
	if err := json.Unmarshal(doc.Bytes(), &o); err != nil {
		return errFallback
	}
	if !items && !strings.HasSuffix(o.Kind, "List") {
		if err := p.object(&o, f.ItemKind, f.Path+"#"); err != nil {
			return errFallback
		}
		return nil
	}
	// A typed list (PodList) names the kind of its items even when it is
	// empty; a generic List tells nothing until it has items.
	if f.ItemKind == "" && o.Kind != "List" {
		itemKind := strings.TrimSuffix(o.Kind, "List")
		if veleroKinds[itemKind] && !isVeleroAPIVersion(o.APIVersion) {
			itemKind = ""
		}
		if key, ok := kindKeys[itemKind]; ok {
			p.present(itemKind, key)
		}
	}
	return nil
}

// streamItems projects the elements of an array whose opening bracket was
// read, refs prefix followed by the index.
func (p *projector) streamItems(s *stream, f File, prefix string) error {
	it := &s.item
	for i := 0; ; i++ {
		end, start := false, 0
		err := s.step(func(d *jsonscan.Decoder) {
			if i == 0 && d.Peek() == ']' || i > 0 && d.Punct(",]") == ']' {
				if i == 0 {
					d.Punct("]")
				}
				end = true
				return
			}
			d.Peek()
			start = d.Offset()
			it.read(d)
		})
		if err != nil && s.d.Err() != jsonscan.ErrStop {
			return err
		}
		if end {
			return nil
		}
		ref := f.Path + prefix + strconv.Itoa(i)
		if err == nil && it.kind == "" && f.ItemKind == "" {
			// Its kind may come from the list's kind, which may follow
			// the items.
			return errFallback
		}
		if err == nil && !it.legacy && hotKinds[inferKind(it.kind, it.meta.selfLink, f.ItemKind)] {
			if err := p.fastObject(it, f.ItemKind, ref); err != nil {
				return err
			}
			continue
		}
		// Any other object, or one the fast path stopped at: the item's
		// bytes, validated, decoded with encoding/json.
		var raw []byte
		if err != nil {
			if err := s.step(func(d *jsonscan.Decoder) {
				if i > 0 {
					d.Punct(",")
				}
				raw = d.Raw()
			}); err != nil {
				return err
			}
		} else {
			raw = s.buf[s.pos-s.d.Offset()+start : s.pos]
		}
		var o object
		if err := json.Unmarshal(raw, &o); err != nil {
			return errFallback
		}
		if o.Kind == "" && f.ItemKind == "" {
			return errFallback
		}
		if err := p.object(&o, f.ItemKind, ref); err != nil {
			return errFallback
		}
	}
}

// fastItem is what the fast path reads of an object, before it knows
// whether the projection reads it.
type fastItem struct {
	apiVersion, kind string
	meta             fastMeta
	// legacy is set when the object has fields the fast path does not
	// read (a binding's roleRef and subjects, a list's items).
	legacy bool
	// spec and status are the raw values when they were not decoded as
	// they were read (the kind was not known yet).
	spec, status         []byte
	specRead, statusRead bool
	pod                  podSpec
	workload             workloadSpec
	daemonSet            daemonSetStatus
}

// read decodes an object. Its spec and a DaemonSet's status are decoded
// as they are read when the kind came before them, as it does in what
// the API server and kubectl write.
func (it *fastItem) read(d *jsonscan.Decoder) {
	*it = fastItem{}
	if !d.Object() {
		return
	}
	for {
		key, ok := d.Key()
		if !ok {
			return
		}
		switch string(key) {
		case "apiVersion":
			it.apiVersion = d.String()
		case "kind":
			it.kind = d.String()
		case "metadata":
			readMeta(d, &it.meta)
		case "spec":
			switch {
			case it.kind == "Pod":
				readPodSpec(d, &it.pod)
				it.specRead = true
			case hotKinds[it.kind]:
				readWorkloadSpec(d, &it.workload)
				it.specRead = true
			default:
				it.spec = d.Raw()
			}
		case "status":
			if it.kind == "DaemonSet" {
				readDaemonSetStatus(d, &it.daemonSet)
				it.statusRead = true
			} else {
				it.status = d.Raw()
			}
		case "roleRef", "subjects", "items":
			it.legacy = true
			d.Skip()
		case "provisioner", "parameters", "type", "rules":
			d.Skip() // raw in the read projection: any JSON
		default:
			other(d, key, objectFields)
		}
	}
}

// fastObject projects a pod or controller the fast path read.
func (p *projector) fastObject(it *fastItem, itemKind, ref string) error {
	m := &it.meta
	kind := inferKind(it.kind, m.selfLink, itemKind)
	if !p.admit(kind, it.apiVersion, m.selfLink, m.namespace, m.name) {
		return nil
	}
	decode := func(raw []byte, read func(d *jsonscan.Decoder)) error {
		if raw == nil {
			return nil
		}
		d := jsonscan.NewDecoder(raw)
		read(d)
		if d.Done() != nil {
			return errFallback
		}
		return nil
	}
	if kind == "Pod" {
		if !it.specRead {
			if err := decode(it.spec, func(d *jsonscan.Decoder) { readPodSpec(d, &it.pod) }); err != nil {
				return err
			}
		}
		p.addPod(m.namespace, m.name, m.owner, m.templateHash, &it.pod, ref)
		return nil
	}
	if !it.specRead {
		if err := decode(it.spec, func(d *jsonscan.Decoder) { readWorkloadSpec(d, &it.workload) }); err != nil {
			return err
		}
	}
	if kind == "DaemonSet" && !it.statusRead {
		if err := decode(it.status, func(d *jsonscan.Decoder) { readDaemonSetStatus(d, &it.daemonSet) }); err != nil {
			return err
		}
	}
	spec := it.workload // the controller keeps its template
	p.addWorkload(kind, m.namespace, m.name, m.owner, &spec, &it.daemonSet, ref)
	return nil
}
