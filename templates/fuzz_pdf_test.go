package templates_test

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/demo"
	"github.com/nachweis/nachweis/output/pdf"
	"github.com/nachweis/nachweis/policies"
	"github.com/nachweis/nachweis/templates"
)

// fuzzDemo is the demo evaluated once: provider-wide for the report and
// for tenant acme for its TOM annex.
type fuzzDemo struct {
	all, acme *controls.Results
	model     *controls.Model
}

var (
	fuzzDemoOnce sync.Once
	fuzzDemoData fuzzDemo
	fuzzDemoErr  error
)

func evaluateDemo(tb testing.TB) fuzzDemo {
	tb.Helper()
	fuzzDemoOnce.Do(func() {
		ctx := context.Background()
		b, err := demo.Bundle()
		if err != nil {
			fuzzDemoErr = err
			return
		}
		cfg, err := demo.Config()
		if err != nil {
			fuzzDemoErr = err
			return
		}
		rec, err := demo.Records()
		if err != nil {
			fuzzDemoErr = err
			return
		}
		if fuzzDemoData.model, err = controls.Load(); err != nil {
			fuzzDemoErr = err
			return
		}
		engine, err := policies.NewEngine(ctx, policies.EngineOptions{})
		if err != nil {
			fuzzDemoErr = err
			return
		}
		now := time.Date(2026, 11, 23, 19, 0, 0, 0, time.UTC)
		for _, tenant := range []string{"", "acme"} {
			res, err := engine.Run(ctx, policies.RunOptions{Bundle: b, Config: cfg, Records: rec, Model: fuzzDemoData.model, Now: now, Tenant: tenant, ToolVersion: "0.1.0-test"})
			if err != nil {
				fuzzDemoErr = err
				return
			}
			if tenant == "" {
				fuzzDemoData.all = res
			} else {
				fuzzDemoData.acme = res
			}
		}
	})
	if fuzzDemoErr != nil {
		tb.Fatalf("evaluate demo: %v", fuzzDemoErr)
	}
	return fuzzDemoData
}

// withValue returns a copy of res in which the findings, their expected
// and measured values and the sources' errors carry value, as evidence
// (a Kubernetes name, a collector message) can.
func withValue(t *testing.T, res *controls.Results, value string) *controls.Results {
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var out controls.Results
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	for i := range out.Checks {
		for j := range out.Checks[i].Findings {
			f := &out.Checks[i].Findings[j]
			f.Resource = value + "/" + f.Resource
			f.Message.Text.DE += " " + value
			f.Message.Text.EN += " " + value
			f.Measured = controls.Message{Text: controls.Text{DE: value, EN: value}}
		}
	}
	for i := range out.Sources {
		out.Sources[i].Status, out.Sources[i].Error = "error", value
	}
	return &out
}

// FuzzDocumentPDF takes strings from configuration and evidence through
// the templates to the PDF: the provider, tenant and sub-processor names
// and every finding's object, message and measured value of the demo's
// results become value, and the TOM annex (de, en) or the C5 audit report
// is built and laid out. Whatever value holds (Markdown, HTML, entities,
// bidi controls, bytes that are not UTF-8), the documents build, their
// Markdown holds no link, image or HTML (the templates have none, so any
// would come from value), and the PDF renders.
func FuzzDocumentPDF(f *testing.F) {
	for _, s := range []string{
		"&#x1F600;", "&lt;b&gt;", "<script>alert(1)</script>", "[link](https://evil.example)", "![img](x.png)",
		"evil\u202etxt.exe", "\x1b]0;title\x07", "bad \xff byte", "https://evil.example/x www.evil.example a@evil.example",
		"a | b\n\n| c |\n|---|", "# h\n- l\n1. n\n> q\n```\ncode", "<!-- c -->", "\\*x\\*", "`x`", "~~x~~", "[x]: https://e.example",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(3))
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	f.Fuzz(func(t *testing.T, value string, which uint8) {
		d := evaluateDemo(t)
		cfg, err := demo.Config()
		if err != nil {
			t.Fatal(err)
		}
		cfg.Organisation.Name = value
		cfg.SubProcessors[0].Name, cfg.SubProcessors[0].Address = value, value
		cfg.SubProcessors[0].Service = config.Text{DE: value, EN: value}
		for i := range cfg.Tenants {
			cfg.Tenants[i].Name = value
		}
		lang := []string{"de", "en"}[which%2]
		var doc templates.Document
		if which&2 == 0 {
			doc, err = templates.TOM(templates.TOMInput{Results: withValue(t, d.acme, value), Config: cfg, Model: d.model, Tenant: "acme", Lang: lang})
		} else {
			doc, err = templates.Report(templates.ReportInput{Results: withValue(t, d.all, value), Config: cfg, Model: d.model, Framework: "c5-2020", Lang: lang})
		}
		if err != nil {
			t.Fatalf("value %q: %v", value, err)
		}
		root := md.Parser().Parse(text.NewReader(doc.Markdown))
		err = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n.Kind() {
			case ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindRawHTML, ast.KindHTMLBlock:
				t.Fatalf("value %q makes a %s in the Markdown", value, n.Kind())
			}
			return ast.WalkContinue, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := pdf.Render(&out, doc); err != nil {
			t.Fatalf("value %q: %v", value, err)
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
			t.Fatalf("value %q: output is no PDF", value)
		}
	})
}
