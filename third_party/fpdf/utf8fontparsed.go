// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
)

// UTF8Font is a UTF-8 TrueType font parsed once by ParseUTF8Font, to be
// added to any number of documents with AddParsedUTF8Font. Parsing a font
// and deriving its identifier costs more than laying out a page of text;
// AddUTF8FontFromBytes repeats both for every document.
//
// A UTF8Font is never changed after ParseUTF8Font returns: it is safe to
// add it to documents in several goroutines at once.
type UTF8Font struct {
	key string
	ttf []byte
	def fontDefType // as addFontFromBytes makes it, without usedRunes
}

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
	def := fontDefType{
		Tp:       "UTF8",
		Name:     fontkey,
		Desc:     desc,
		Up:       int(round(utf8File.UnderlinePosition)),
		Ut:       round(utf8File.UnderlineThickness),
		Cw:       utf8File.CharWidths,
		utf8File: utf8File,
	}
	var err error
	if def.i, err = generateFontID(def); err != nil {
		return nil, fmt.Errorf("parse UTF-8 font %s: %w", fontkey, err)
	}
	return &UTF8Font{key: fontkey, ttf: utf8Bytes, def: def}, nil
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
	// Subsetting (GenerateCutFont) replaces the parsed tables of its
	// utf8FontFile and writes into the font bytes it reads (getMetrics
	// appends to a slice of them): each document cuts its subset from its
	// own copy of both.
	utf8File := *font.def.utf8File
	utf8File.fileReader = &fileReader{readerPosition: 0, array: bytes.Clone(font.ttf)}
	def.utf8File = &utf8File
	f.fonts[font.key] = def
}
