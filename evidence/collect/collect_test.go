package collect

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/nachweis/nachweis/evidence/config"
)

func TestRunNoSources(t *testing.T) {
	cfg := &config.Config{File: "nachweis.yaml"}
	_, err := Run(context.Background(), Options{Config: cfg, Bundle: filepath.Join(t.TempDir(), "b"), Clock: time.Now})
	if !errors.Is(err, ErrNoSources) {
		t.Errorf("Run without sources: %v", err)
	}
}
