package backup

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
	"github.com/nachweis/nachweis/evidence/internal/nstime"
)

// borgOutput is the part of borg list --json and borg info --json output
// the projection reads (borg docs/internals/frontends.rst).
type borgOutput struct {
	// Archives is nil for borg info REPO, which describes the repository
	// only, and a list for borg list and borg info --last N.
	Archives   []borgArchive `json:"archives"`
	Encryption *struct {
		Mode string `json:"mode"`
	} `json:"encryption"`
	Repository *struct {
		Location string `json:"location"`
	} `json:"repository"`
}

type borgArchive struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Start    string `json:"start"`
	Time     string `json:"time"`
	Hostname string `json:"hostname"`
}

// borgCheckpoint matches the names borg 1.x gives interrupted backups.
var borgCheckpoint = regexp.MustCompile(`\.checkpoint(\.\d+)?$`)

// projectBorg projects one borg repository, named after its source. An
// archive listed by several files (borg list and borg info) is projected
// once: its ref points into the first borg list file, its hostname comes
// from borg info.
func projectBorg(r Repo) (map[string]*Repository, error) {
	repo := newRepository(r)
	prefixes := borgPrefixes(r.Tenants)
	index := map[string]int{} // archive id or name -> index in repo.Snapshots
	// borg list files first, so refs point into the full inventory
	// whatever order the files come in.
	files := slices.Clone(r.Files)
	slices.SortStableFunc(files, func(a, b File) int { return borgOrder(a.Kind) - borgOrder(b.Kind) })
	for _, f := range files {
		if f.Kind != KindBorgList && f.Kind != KindBorgInfo {
			continue
		}
		op := strings.TrimPrefix(f.Kind, "borg/")
		var out borgOutput
		if err := jsonscan.Decode(f.Data, "", &out); err != nil {
			return nil, fmt.Errorf("project borg %s %s: decode borg %s --json output: %w", op, f.Path, op, err)
		}
		if out.Repository != nil && repo.Location == "" {
			repo.Location = out.Repository.Location
			repo.Ref = f.Path + "#/repository"
		}
		if out.Encryption != nil && out.Encryption.Mode != "" && repo.Encryption == nil {
			mode := out.Encryption.Mode
			repo.Encryption = &Encryption{
				Encrypted: encryptedBy(borgModes, mode),
				Mode:      mode,
				Ref:       f.Path + "#/encryption",
			}
			repo.Present[KeyEncryption] = true
		}
		if out.Archives == nil && f.Kind == KindBorgInfo {
			continue // repository information only
		}
		repo.Present[KeySnapshots] = true
		for i, a := range out.Archives {
			ptr := "/archives/" + strconv.Itoa(i)
			key := a.ID
			if key == "" {
				key = a.Name
			}
			if key == "" {
				return nil, fmt.Errorf("project borg %s %s: %s: archive without id and name", op, f.Path, ptr)
			}
			if j, ok := index[key]; ok {
				if repo.Snapshots[j].Hostname == "" {
					repo.Snapshots[j].Hostname = a.Hostname
				}
				continue
			}
			t, err := borgTime(a)
			if err != nil {
				return nil, fmt.Errorf("project borg %s %s: %s: %w", op, f.Path, ptr, err)
			}
			index[key] = len(repo.Snapshots)
			repo.Snapshots = append(repo.Snapshots, Snapshot{
				ID:       a.Name,
				TimeNS:   nstime.Of(t),
				OK:       !borgCheckpoint.MatchString(a.Name),
				Hostname: a.Hostname,
				Tags:     []string{},
				Tenants:  prefixes.match(a.Name),
				Ref:      f.Path + "#" + ptr,
			})
		}
	}
	if repo.Ref == "" && len(files) > 0 {
		repo.Ref = files[0].Path + "#"
	}
	return map[string]*Repository{r.Source: repo}, nil
}

func borgOrder(kind string) int {
	if kind == KindBorgList {
		return 0
	}
	return 1
}

// borgTime parses an archive's start (borg info) or time (borg list).
// borg 1.x prints local time without an offset; nachweis runs borg with
// TZ=UTC, so such times are UTC. A time with an offset is taken as is.
func borgTime(a borgArchive) (time.Time, error) {
	s := a.Start
	if s == "" {
		s = a.Time
	}
	if s == "" {
		return time.Time{}, fmt.Errorf("archive %q has no start or time", a.Name)
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("archive %q: time %q is neither borg's local time nor RFC 3339", a.Name, s)
	}
	return t, nil
}

type prefixSelector struct {
	prefix, tenant string
}

type borgSelectors []prefixSelector

func borgPrefixes(tenants map[string]Selector) borgSelectors {
	var s borgSelectors
	for _, id := range sortedTenantIDs(tenants) {
		if p := tenants[id].ArchivePrefix; p != "" {
			s = append(s, prefixSelector{prefix: p, tenant: id})
		}
	}
	return s
}

func (s borgSelectors) match(name string) []string {
	set := tenantSet{}
	for _, p := range s {
		if strings.HasPrefix(name, p.prefix) {
			set[p.tenant] = struct{}{}
		}
	}
	return set.sorted()
}
