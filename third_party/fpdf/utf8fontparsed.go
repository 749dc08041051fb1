// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
)

// UTF8Font is a UTF-8 TrueType font parsed once by ParseUTF8Font, to be
// added to any number of documents with AddParsedUTF8Font. Parsing a font
// and deriving its identifier costs more than laying out a page of text;
// AddUTF8FontFromBytes repeats both for every document. The subset of the
// font that a document embeds is cut once for each set of runes and shared
// by the documents that use the same runes.
//
// A UTF8Font is safe to add to documents in several goroutines at once.
type UTF8Font struct {
	key string
	ttf []byte
	def fontDefType // as addFontFromBytes makes it, without usedRunes

	mu      sync.Mutex
	subsets map[string]utf8Subset // by runeSetKey
}

// maxUTF8Subsets bounds the subsets a UTF8Font keeps; documents that use
// yet other runes get theirs cut for them alone.
const maxUTF8Subsets = 64

// ParseUTF8Font parses a TrueType font for AddParsedUTF8Font, under the
// family and style that AddUTF8FontFromBytes takes. utf8Bytes must not be
// changed afterwards.
func ParseUTF8Font(familyStr, styleStr string, utf8Bytes []byte) (*UTF8Font, error) {
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	utf8File := newUTF8Font(&fileReader{readerPosition: 0, array: utf8Bytes})
	if err := utf8File.parseFile(); err != nil {
		return nil, fmt.Errorf("parse UTF-8 font %s: %w", fontkey, err)
	}
	desc := FontDescType{
		Ascent:       int(utf8File.Ascent),
		Descent:      int(utf8File.Descent),
		CapHeight:    utf8File.CapHeight,
		Flags:        utf8File.Flags,
		FontBBox:     utf8File.Bbox,
		ItalicAngle:  utf8File.ItalicAngle,
		StemV:        utf8File.StemV,
		MissingWidth: round(utf8File.DefaultWidth),
	}
	font := &UTF8Font{key: fontkey, ttf: utf8Bytes}
	font.def = fontDefType{
		Tp:       "UTF8",
		Name:     fontkey,
		Desc:     desc,
		Up:       int(round(utf8File.UnderlinePosition)),
		Ut:       round(utf8File.UnderlineThickness),
		Cw:       utf8File.CharWidths,
		utf8File: utf8File,
		parsed:   font,
	}
	var err error
	if font.def.i, err = generateFontID(font.def); err != nil {
		return nil, fmt.Errorf("parse UTF-8 font %s: %w", fontkey, err)
	}
	return font, nil
}

// AddParsedUTF8Font adds a font parsed by ParseUTF8Font to the document,
// as AddUTF8FontFromBytes would add the same bytes under the same family
// and style; the document's bytes are the same. A font already added under
// that family and style is kept.
func (f *Fpdf) AddParsedUTF8Font(font *UTF8Font) {
	if f.err != nil {
		return
	}
	if _, ok := f.fonts[font.key]; ok {
		return
	}
	def := font.def
	if f.aliasNbPagesStr == "" {
		def.usedRunes = makeSubsetRange(57)
	} else {
		def.usedRunes = makeSubsetRange(32)
	}
	f.fonts[font.key] = def
}

// utf8Subset is what a document embeds of a UTF-8 font: the font cut down
// to the runes the document uses, and the map of those runes to glyphs.
type utf8Subset struct {
	length1     int    // length of the subset font file
	font        []byte // the subset font file, compressed
	cidToGidMap []byte // compressed
	lastRune    int    // the largest rune used
}

// utf8Subset returns the subset of font the document embeds. A subset
// depends on the font and on the set of runes used alone; for a font from
// ParseUTF8Font it is taken from the subsets already cut when it can.
func (f *Fpdf) utf8Subset(font *fontDefType) utf8Subset {
	p := font.parsed
	if p == nil {
		return cutUTF8Subset(font.utf8File, font.usedRunes)
	}
	if f.protect.encrypted {
		// putstream encrypts the streams in place.
		return p.cut(font.usedRunes)
	}
	key := runeSetKey(font.usedRunes)
	p.mu.Lock()
	s, ok := p.subsets[key]
	p.mu.Unlock()
	if ok {
		return s
	}
	s = p.cut(font.usedRunes)
	p.mu.Lock()
	if p.subsets == nil {
		p.subsets = map[string]utf8Subset{}
	}
	if len(p.subsets) < maxUTF8Subsets {
		p.subsets[key] = s
	}
	p.mu.Unlock()
	return s
}

// cut cuts a subset from copies of the parsed font and of its bytes:
// GenerateCutFont replaces the parsed tables and writes into the bytes it
// reads (getMetrics appends to a slice of them).
func (p *UTF8Font) cut(usedRunes map[int]int) utf8Subset {
	utf8File := *p.def.utf8File
	utf8File.fileReader = &fileReader{readerPosition: 0, array: bytes.Clone(p.ttf)}
	return cutUTF8Subset(&utf8File, usedRunes)
}

// cutUTF8Subset is the subsetting putfonts did in line.
func cutUTF8Subset(utf8File *utf8FontFile, usedRunes map[int]int) utf8Subset {
	utf8FontStream := utf8File.GenerateCutFont(usedRunes)
	CodeSignDictionary := utf8File.CodeSymbolDictionary
	delete(CodeSignDictionary, 0)

	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range CodeSignDictionary {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	s := utf8Subset{length1: len(utf8FontStream), lastRune: utf8File.LastRune}
	mem := xmem.compress(cidToGidMap)
	s.cidToGidMap = mem.copy()
	mem.release()
	mem = xmem.compress(utf8FontStream)
	s.font = mem.copy()
	mem.release()
	return s
}

// runeSetKey names the set of runes a document uses: the values of
// usedRunes, which are all that GenerateCutFont reads of it.
func runeSetKey(usedRunes map[int]int) string {
	runes := make([]int, 0, len(usedRunes))
	for _, r := range usedRunes {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	runes = slices.Compact(runes)
	b := make([]byte, 0, 2*len(runes))
	for _, r := range runes {
		b = binary.AppendVarint(b, int64(r))
	}
	return string(b)
}
