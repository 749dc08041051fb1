package xlsx

import (
	"fmt"
	"io"
	"testing"

	"github.com/nachweis/nachweis/controls"
)

// go test -run '^$' -bench . -benchmem ./output/xlsx/

func BenchmarkWriteSoA(b *testing.B) {
	res, m, soa := demoFixture(b)
	in := SoAInput{Results: res, Model: m, Declared: soa, Lang: "de", Meta: demoMeta()}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteSoA(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteMatrix(b *testing.B) {
	res, m, _ := demoFixture(b)
	for _, fw := range controls.Frameworks {
		b.Run(fw, func(b *testing.B) {
			in := MatrixInput{Framework: fw, Results: res, Model: m, Lang: "de", Meta: demoMeta()}
			for i := 0; i < b.N; i++ {
				if err := WriteMatrix(io.Discard, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteMatrixManyFindings renders the C5 matrix for results in
// which one check failed for 10,000 namespaces: a Feststellungen sheet of
// 10,000 rows.
func BenchmarkWriteMatrixManyFindings(b *testing.B) {
	res, m, _ := demoFixture(b)
	many := *res
	many.Checks = append([]controls.CheckResult(nil), res.Checks...)
	for i := range many.Checks {
		c := &many.Checks[i]
		if c.ID != "K8S-NET-01" || len(c.Findings) == 0 {
			continue
		}
		proto := c.Findings[0]
		c.Findings = make([]controls.Finding, 10_000)
		for n := range c.Findings {
			f := proto
			f.Status = controls.Fail
			f.Resource = fmt.Sprintf("prod/namespace/tenant-%05d", n)
			c.Findings[n] = f
		}
	}
	in := MatrixInput{Framework: controls.C5, Results: &many, Model: m, Lang: "de", Meta: demoMeta()}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteMatrix(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
