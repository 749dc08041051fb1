package pdf

import (
	"os"
	"testing"
)

func TestWriteSample(t *testing.T) {
	out := os.Getenv("PDF_SAMPLE")
	if out == "" {
		t.Skip("set PDF_SAMPLE")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Render(f, fixtureDocument()); err != nil {
		t.Fatal(err)
	}
}
