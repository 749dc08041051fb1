package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// how says how an output path is written.
type how int

const (
	// replace: a staging file beside the path, renamed onto it (a new
	// path or a regular file).
	replace how = iota
	// direct: opened and written in place (character device, FIFO, a
	// file reached through /proc or /dev/fd).
	direct
	// descriptor: this process's open file descriptor fd.
	descriptor
)

// target is an output path resolved to what is written.
type target struct {
	path   string // the path written: symbolic links resolved
	how    how
	fd     int  // for descriptor
	exists bool // something is at path (for replace: a regular file)
}

// maxLinks bounds symbolic link chains, as the kernel does (ELOOP).
const maxLinks = 40

// resolve follows the symbolic links at path to what is written. A link
// into /proc or /dev/fd (/dev/stdout → /proc/self/fd/1) stands for an open
// file, not a path that could be replaced: resolution stops there.
func resolve(path string) (string, error) {
	p := filepath.Clean(path)
	for hops := 0; ; hops++ {
		if isHandle(p) {
			return p, nil
		}
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil // a new file, or the missing target of a link
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		if hops == maxLinks {
			return "", errors.New("too many levels of symbolic links")
		}
		dst, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dst) {
			dst = filepath.Join(filepath.Dir(p), dst)
		}
		p = filepath.Clean(dst)
	}
}

// isHandle reports whether p names an open file rather than a place in
// the file system.
func isHandle(p string) bool {
	return strings.HasPrefix(p, "/proc/") || strings.HasPrefix(p, "/dev/fd/")
}

// ownDescriptor returns N when p is /dev/fd/N, /proc/self/fd/N or
// /proc/<our pid>/fd/N.
func ownDescriptor(p string) (int, bool) {
	var rest string
	switch {
	case strings.HasPrefix(p, "/dev/fd/"):
		rest = strings.TrimPrefix(p, "/dev/fd/")
	case strings.HasPrefix(p, "/proc/self/fd/"):
		rest = strings.TrimPrefix(p, "/proc/self/fd/")
	case strings.HasPrefix(p, "/proc/"+strconv.Itoa(os.Getpid())+"/fd/"):
		rest = strings.TrimPrefix(p, "/proc/"+strconv.Itoa(os.Getpid())+"/fd/")
	default:
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n >= 0
}

// inspect decides how the file output at path is written. What can never
// be an output file is an error naming the path.
func inspect(path string) (target, error) {
	p, err := resolve(path)
	if err != nil {
		return target{}, err
	}
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) && !isHandle(p) {
		return target{path: p, how: replace}, nil
	}
	if err != nil {
		return target{}, err
	}
	if err := fileKind(path, p, fi.Mode()); err != nil {
		return target{}, err
	}
	switch {
	case isHandle(p):
		if fd, ok := ownDescriptor(p); ok {
			return target{path: p, how: descriptor, fd: fd, exists: true}, nil
		}
		return target{path: p, how: direct, exists: true}, nil
	case fi.Mode().IsRegular():
		return target{path: p, how: replace, exists: true}, nil
	default:
		return target{path: p, how: direct, exists: true}, nil
	}
}

// fileKind accepts the kinds of file an output may be written to: regular
// files, character devices and FIFOs. path is what the user gave, resolved
// what it leads to.
func fileKind(path, resolved string, m fs.FileMode) error {
	what := ""
	switch {
	case m.IsRegular(), m&fs.ModeCharDevice != 0, m&fs.ModeNamedPipe != 0:
		return nil
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeDevice != 0:
		what = "a block device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	default:
		what = "not a regular file"
	}
	if resolved != filepath.Clean(path) {
		return fmt.Errorf("leads to %s, which is %s: expected a file, a character device or a FIFO", resolved, what)
	}
	return fmt.Errorf("is %s: expected a file, a character device or a FIFO", what)
}

// ResolveDir returns the directory a directory output (a bundle, -o DIR)
// is written into: path with its symbolic links followed. It need not
// exist yet; if it exists it must be a directory. Errors do not repeat
// path; the caller names it.
func ResolveDir(path string) (string, error) {
	p, err := resolve(path)
	if err != nil {
		return "", err
	}
	if isHandle(p) {
		return "", errors.New("is an open file, not a directory")
	}
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		what := "not a directory"
		switch m := fi.Mode(); {
		case m&fs.ModeCharDevice != 0:
			what = "a character device, not a directory"
		case m&fs.ModeDevice != 0:
			what = "a block device, not a directory"
		case m&fs.ModeNamedPipe != 0:
			what = "a FIFO, not a directory"
		case m&fs.ModeSocket != 0:
			what = "a socket, not a directory"
		case m.IsRegular():
			what = "a file, not a directory"
		}
		if p != filepath.Clean(path) {
			return "", fmt.Errorf("leads to %s, which exists and is %s", p, what)
		}
		return "", fmt.Errorf("exists and is %s", what)
	}
	return p, nil
}
