package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// StagingPattern is the glob of every staging file and directory nachweis
// creates (filepath.Match syntax).
const StagingPattern = ".nachweis-*.tmp"

const (
	stagingPrefix = ".nachweis-"
	stagingSuffix = ".tmp"
	// maxStem keeps a staging name within the 255 bytes of a file name.
	maxStem = 120
)

// stagingName returns a fresh staging name for an output called base.
func stagingName(base string) string {
	if len(base) > maxStem {
		base = base[:maxStem]
	}
	return fmt.Sprintf("%s%s-%08x%s", stagingPrefix, base, rand.Uint32(), stagingSuffix)
}

// IsStaging reports whether name (a base name) is a staging name.
func IsStaging(name string) bool {
	ok, _ := filepath.Match(StagingPattern, name)
	return ok
}

// registry holds the staging paths that exist right now, so that a forced
// exit can remove them, and serialises commits against that exit.
var registry = struct {
	mu    sync.Mutex
	paths map[string]bool
	// created are output directories made for a set not yet committed;
	// a forced exit removes them if they are still empty.
	created map[string]bool
	// commit is held (read) while outputs are moved into place, and
	// (write) by RemoveStaging, so a forced exit never interrupts a commit
	// and no commit starts after it.
	commit sync.RWMutex
}{paths: map[string]bool{}, created: map[string]bool{}}

func track(path string) {
	registry.mu.Lock()
	registry.paths[path] = true
	registry.mu.Unlock()
}

func untrack(path string) {
	registry.mu.Lock()
	delete(registry.paths, path)
	registry.mu.Unlock()
}

// commitWait bounds how long RemoveStaging waits for a commit in progress
// (renames, or copies beside a link's target on another file system).
const commitWait = 10 * time.Second

// RemoveStaging removes every staging file and directory of this process
// that still exists, after waiting (up to commitWait) for a commit in
// progress to finish, and blocks every later commit. It is for a forced
// exit only: the process must end right after it.
func RemoveStaging() {
	for deadline := time.Now().Add(commitWait); !registry.commit.TryLock() && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	registry.mu.Lock()
	paths := make([]string, 0, len(registry.paths))
	for p := range registry.paths {
		paths = append(paths, p)
	}
	created := make([]string, 0, len(registry.created))
	for p := range registry.created {
		created = append(created, p)
	}
	registry.mu.Unlock()
	// Deepest first, so files go before the directories holding them.
	sort.Sort(sort.Reverse(sort.StringSlice(paths)))
	for _, p := range paths {
		os.RemoveAll(p)
	}
	for _, p := range created {
		os.Remove(p) // only if empty
	}
}

func setCreated(dir string, on bool) {
	registry.mu.Lock()
	if on {
		registry.created[dir] = true
	} else {
		delete(registry.created, dir)
	}
	registry.mu.Unlock()
}

// Commit runs fn, which moves finished outputs into place, so that a
// forced exit (RemoveStaging) waits for it instead of cutting it short.
func Commit(fn func() error) error {
	registry.commit.RLock()
	defer registry.commit.RUnlock()
	return fn()
}

// createStaging creates a staging file beside the output called base in
// dir, with perm reduced by the umask. The caller removes it with
// dropStaging.
func createStaging(dir, base string, perm fs.FileMode) (*os.File, error) {
	for range 100 {
		p := filepath.Join(dir, stagingName(base))
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("create staging file: %w", err)
		}
		track(p)
		return f, nil
	}
	return nil, fmt.Errorf("create staging file in %s: too many name collisions", dir)
}

// StagingDir creates a staging directory for the output called base in
// dir (0700: it is private until its content is moved out). Remove it with
// DropStaging.
func StagingDir(dir, base string) (string, error) {
	for range 100 {
		p := filepath.Join(dir, stagingName(base))
		err := os.Mkdir(p, 0o700)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("create staging directory: %w", err)
		}
		track(p)
		return p, nil
	}
	return "", fmt.Errorf("create staging directory in %s: too many name collisions", dir)
}

// DropStaging removes a staging file or directory and forgets it.
func DropStaging(path string) error {
	err := os.RemoveAll(path)
	untrack(path)
	return err
}

// KeepStaging forgets a staging path without removing it: it holds the
// only copy of something (a previous bundle that could not be restored).
func KeepStaging(path string) { untrack(path) }
