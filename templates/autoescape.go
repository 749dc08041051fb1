package templates

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"text/template"
	"text/template/parse"
)

// MaxMarkdown is the most Markdown one template may produce. A template
// that loops without end is stopped here with an error naming it, long
// before it could exhaust the memory (the largest embedded document, the
// C5 report of a provider with 2,000 tenants, is far below 1 MiB).
const MaxMarkdown = 64 << 20

// errTooLarge stops a template's execution at MaxMarkdown.
var errTooLarge = errors.New("too large")

// autoName is the escaper that ends every output action of a template
// (see autoEscape); the leading underscore keeps it out of the way of
// the documented functions.
const autoName = "_escape"

// markdownWriter collects a template's output, at most MaxMarkdown bytes,
// and knows what the current line holds so far: where a value goes
// decides how it is escaped.
type markdownWriter struct {
	buf       bytes.Buffer
	lineStart int  // offset in buf of the current line
	fence     bool // inside a fenced code block
}

func (w *markdownWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > MaxMarkdown {
		return 0, errTooLarge
	}
	n, start := len(p), w.buf.Len()
	w.buf.Write(p)
	for rest := p; ; {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		end := start + i
		line := bytes.TrimLeft(w.buf.Bytes()[w.lineStart:end], " ")
		if bytes.HasPrefix(line, []byte("```")) || bytes.HasPrefix(line, []byte("~~~")) {
			w.fence = !w.fence
		}
		w.lineStart = end + 1
		start, rest = end+1, rest[i+1:]
	}
	return n, nil
}

// escapeValue is the auto-escaper: v as text on one line (a line break
// in a value would end a table row or start a block), with Markdown
// syntax escaped; block syntax (#, -, 1.) too when v starts a block. In a
// fenced code block (a bar chart) Markdown is not interpreted, so the
// value is only kept on its line, which is all it needs to stay inside.
func (w *markdownWriter) escapeValue(v any) string {
	s := oneLine(printable(v))
	if w.fence {
		return s
	}
	return escape(s, blockStart(w.buf.Bytes()[w.lineStart:]))
}

// blockStart reports whether what precedes a value on its line leaves it
// at the start of a block: nothing but indentation, block quote markers
// and list markers.
func blockStart(line []byte) bool {
	for {
		line = bytes.TrimLeft(line, " \t")
		switch {
		case len(line) == 0:
			return true
		case line[0] == '>':
			line = line[1:]
		case (line[0] == '-' || line[0] == '+' || line[0] == '*') && (len(line) == 1 || line[1] == ' ' || line[1] == '\t'):
			line = line[1:]
		case line[0] >= '0' && line[0] <= '9':
			j := 0
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') {
				return false
			}
			line = line[j+1:]
		default:
			return false
		}
	}
}

// printable is v as text/template prints it: pointers followed unless
// they print themselves, nothing for no value.
func printable(v any) string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if _, ok := rv.Interface().(fmt.Stringer); ok {
			break
		}
		if _, ok := rv.Interface().(error); ok {
			break
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return ""
	}
	return fmt.Sprint(rv.Interface())
}

// autoEscape makes escaping the default, as html/template does for HTML:
// every action of every template in t that prints a value gets the
// escaper as its last command, unless it ends in md or cell (or formats a
// number or time, see safeFuncs). So a
// value from evidence or configuration can never become Markdown syntax,
// even in a field a template author forgot to escape.
func autoEscape(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			escapeNode(tt.Tree, tt.Tree.Root)
		}
	}
}

func escapeNode(tree *parse.Tree, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			escapeNode(tree, c)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 || escapedPipe(n.Pipe) {
			return // an assignment prints nothing
		}
		id := parse.NewIdentifier(autoName).SetTree(tree).SetPos(n.Pos)
		n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{id}})
	case *parse.IfNode:
		escapeNode(tree, n.List)
		escapeNode(tree, n.ElseList)
	case *parse.RangeNode:
		escapeNode(tree, n.List)
		escapeNode(tree, n.ElseList)
	case *parse.WithNode:
		escapeNode(tree, n.List)
		escapeNode(tree, n.ElseList)
	}
}

// safeFuncs are the functions whose output needs no escaping: md and cell
// escape themselves, the others format numbers and times (typed values
// that cannot carry text from evidence).
var safeFuncs = map[string]bool{
	"md": true, "cell": true, autoName: true,
	"date": true, "datetime": true, "number": true, "percent": true, "int": true, "duration": true,
}

// escapedPipe reports whether a pipeline ends in a function whose output
// needs no escaping.
func escapedPipe(p *parse.PipeNode) bool {
	if len(p.Cmds) == 0 {
		return false
	}
	last := p.Cmds[len(p.Cmds)-1]
	if len(last.Args) == 0 {
		return false
	}
	id, ok := last.Args[0].(*parse.IdentifierNode)
	return ok && safeFuncs[id.Ident]
}
