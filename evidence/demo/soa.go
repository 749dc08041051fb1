package demo

import (
	"fmt"
	"io/fs"

	"github.com/nachweis/nachweis/evidence/config"
)

// SoAName is the name the demo SoA declarations report in messages.
const SoAName = "demo/" + config.SoAFile

// SoA parses the demo provider's Statement of Applicability declarations:
// all 93 Annex A controls, three of them excluded with reasons.
func SoA() (*config.SoA, error) {
	raw, err := fs.ReadFile(data, "data/"+config.SoAFile)
	if err != nil {
		return nil, fmt.Errorf("read demo SoA declarations: %w", err)
	}
	return config.ParseSoA(SoAName, raw)
}
