package pdf

import (
	"encoding/binary"
	"math"
	"sync"

	"github.com/nachweis/nachweis/output/pdf/hyphen"
)

// textLayouts keeps the lines of the texts laid out so far, for all
// documents of the process. The documents of a batch (a TOM annex per
// tenant) are mostly the same text at the same widths, and breaking a
// paragraph into lines costs more than drawing it. Layout is a function
// of the runs, the size, the width and the hyphenation alone, so a text
// laid out once gives the same lines everywhere.
var textLayouts = &layoutCache{max: 4096}

// layoutCache maps text, size, width and hyphenation to lines. When it
// holds max texts it starts empty again, so that the texts in use come
// back and those of one document only (names, counts) do not pile up.
type layoutCache struct {
	mu    sync.Mutex
	max   int
	lines map[*hyphen.Hyphenator]map[string][]line
	n     int
	key   []byte // scratch, under mu
}

func (c *layoutCache) get(runs []run, size, maxW float64, hy *hyphen.Hyphenator) []line {
	c.mu.Lock()
	c.key = layoutKey(c.key[:0], runs, size, maxW)
	lines, ok := c.lines[hy][string(c.key)]
	var key string
	if !ok {
		key = string(c.key)
	}
	c.mu.Unlock()
	if ok {
		return lines
	}
	lines = breakLines(runs, size, maxW, hy)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lines == nil || c.n >= c.max {
		c.lines = map[*hyphen.Hyphenator]map[string][]line{}
		c.n = 0
	}
	m := c.lines[hy]
	if m == nil {
		m = map[string][]line{}
		c.lines[hy] = m
	}
	if _, ok := m[key]; !ok {
		m[key] = lines
		c.n++
	}
	return lines
}

// layoutKey appends to b what layout depends on: the size, the width and
// every run's text, face, link and kind.
func layoutKey(b []byte, runs []run, size, maxW float64) []byte {
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(size))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(maxW))
	for _, rn := range runs {
		flags := byte(0)
		if rn.code {
			flags |= 1
		}
		if rn.hash {
			flags |= 2
		}
		b = append(b, byte(rn.st), flags)
		b = binary.AppendUvarint(b, uint64(len(rn.text)))
		b = append(b, rn.text...)
		b = binary.AppendUvarint(b, uint64(len(rn.link)))
		b = append(b, rn.link...)
	}
	return b
}
