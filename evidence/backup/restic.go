package backup

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
	"github.com/nachweis/nachweis/evidence/internal/nstime"
)

// resticSnapshot is the part of a restic snapshots --json entry the
// projection reads (restic internal/data/snapshot.go).
type resticSnapshot struct {
	Time     string   `json:"time"`
	Paths    []string `json:"paths"`
	Hostname string   `json:"hostname"`
	Tags     []string `json:"tags"`
	ID       string   `json:"id"`
	ShortID  string   `json:"short_id"`
}

// resticEntry is an entry of the snapshots array: a snapshot, or with
// --group-by a group holding snapshots.
type resticEntry struct {
	resticSnapshot
	GroupKey  json.RawMessage  `json:"group_key"`
	Snapshots []resticSnapshot `json:"snapshots"`
}

// resticConfig is restic cat config.
type resticConfig struct {
	Version int    `json:"version"`
	ID      string `json:"id"`
}

// projectRestic projects one restic repository, named after its source.
func projectRestic(r Repo) (map[string]*Repository, error) {
	repo := newRepository(r)
	sel := newResticSelectors(r.Tenants)
	seen := map[string]bool{}
	var snapshotsRef, configRef, checkRef string
	for _, f := range r.Files {
		switch f.Kind {
		case KindResticSnapshots:
			if err := resticSnapshots(repo, f, sel, seen); err != nil {
				return nil, fmt.Errorf("project restic snapshots %s: %w", f.Path, err)
			}
			if snapshotsRef == "" {
				snapshotsRef = f.Path + "#"
			}
		case KindResticConfig:
			if repo.Encryption != nil {
				continue
			}
			var c resticConfig
			if err := jsonscan.Decode(f.Data, "", &c); err != nil {
				return nil, fmt.Errorf("project restic config %s: decode restic cat config output: %w", f.Path, err)
			}
			if c.ID == "" {
				return nil, fmt.Errorf("project restic config %s: no repository id, expected restic cat config output", f.Path)
			}
			// restic cat config only succeeds after decrypting the
			// repository with its password: every restic repository is
			// encrypted (AES-256-CTR with Poly1305-AES).
			mode := "restic repository (AES-256-CTR + Poly1305)"
			if c.Version > 0 {
				mode = fmt.Sprintf("restic repository v%d (AES-256-CTR + Poly1305)", c.Version)
			}
			repo.Encryption = &Encryption{Encrypted: encrypted(true), Mode: mode, Ref: f.Path + "#"}
			repo.Location = c.ID
			repo.Present[KeyEncryption] = true
			configRef = f.Path + "#"
		case KindResticCheck:
			if repo.Integrity != nil {
				continue
			}
			repo.Integrity = resticCheck(f, r.CheckedAt)
			repo.Present[KeyIntegrity] = true
			checkRef = f.Path + "#"
		}
	}
	repo.Ref = firstNonEmpty(snapshotsRef, configRef, checkRef)
	return map[string]*Repository{r.Source: repo}, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func resticSnapshots(repo *Repository, f File, sel *resticSelectors, seen map[string]bool) error {
	var entries []resticEntry
	if err := jsonscan.Decode(f.Data, "", &entries); err != nil {
		return fmt.Errorf("decode restic snapshots --json output: %w", err)
	}
	repo.Present[KeySnapshots] = true
	add := func(s *resticSnapshot, ptr string) error {
		t, err := time.Parse(time.RFC3339Nano, s.Time)
		if err != nil {
			return fmt.Errorf("%s: time %q is not RFC 3339", ptr, s.Time)
		}
		id := s.ShortID
		if id == "" {
			id = s.ID
			if len(id) > 8 {
				id = id[:8]
			}
		}
		if id == "" {
			return fmt.Errorf("%s: snapshot without id", ptr)
		}
		if seen[s.ID+"/"+id] {
			return nil
		}
		seen[s.ID+"/"+id] = true
		repo.Snapshots = append(repo.Snapshots, Snapshot{
			ID:       id,
			TimeNS:   nstime.Of(t),
			OK:       true,
			Hostname: s.Hostname,
			Tags:     orEmpty(s.Tags),
			Tenants:  sel.match(s),
			Ref:      f.Path + "#" + ptr,
		})
		return nil
	}
	for i := range entries {
		e := &entries[i]
		if e.GroupKey != nil {
			for j := range e.Snapshots {
				if err := add(&e.Snapshots[j], "/"+strconv.Itoa(i)+"/snapshots/"+strconv.Itoa(j)); err != nil {
					return err
				}
			}
			continue
		}
		if err := add(&e.resticSnapshot, "/"+strconv.Itoa(i)); err != nil {
			return err
		}
	}
	return nil
}

// resticCheck reads restic check output: the check passed when restic
// printed "no errors were found" and no line reports an error or a fatal
// condition.
func resticCheck(f File, checkedAt time.Time) *Integrity {
	var clean bool
	var problems []string
	sc := bufio.NewScanner(bytes.NewReader(f.Data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		l := strings.ToLower(line)
		switch {
		case l == "no errors were found":
			clean = true
		case strings.Contains(l, "error") || strings.Contains(l, "fatal"):
			problems = append(problems, line)
		}
	}
	in := &Integrity{CheckedAtNS: unixNS(checkedAt), Ref: f.Path + "#"}
	switch {
	case sc.Err() != nil:
		in.Detail = "restic check output unreadable: " + sc.Err().Error()
	case len(problems) > 0:
		if len(problems) > 3 {
			problems = append(problems[:3], fmt.Sprintf("and %d more", len(problems)-3))
		}
		in.Detail = strings.Join(problems, "; ")
	case !clean:
		in.Detail = `restic check did not report "no errors were found"`
	default:
		in.OK = true
		in.Detail = "no errors were found"
	}
	return in
}

// resticSelectors are the tenant selectors of a restic repository as
// lookups: tag and host to tenants, and the path prefixes per tenant.
type resticSelectors struct {
	tags  map[string][]string
	hosts map[string][]string
	paths []pathSelector
}

type pathSelector struct {
	prefix, tenant string
}

func newResticSelectors(tenants map[string]Selector) *resticSelectors {
	s := &resticSelectors{tags: map[string][]string{}, hosts: map[string][]string{}}
	for _, id := range sortedTenantIDs(tenants) {
		sel := tenants[id]
		for _, t := range sel.Tags {
			s.tags[t] = append(s.tags[t], id)
		}
		for _, h := range sel.Hosts {
			s.hosts[h] = append(s.hosts[h], id)
		}
		for _, p := range sel.Paths {
			if p != "" {
				// "/srv/www/" and "/srv/www" select the same tree; "/"
				// becomes "" and selects every absolute path.
				s.paths = append(s.paths, pathSelector{prefix: strings.TrimRight(p, "/"), tenant: id})
			}
		}
	}
	return s
}

// match returns the tenants of a snapshot.
func (s *resticSelectors) match(snap *resticSnapshot) []string {
	set := tenantSet{}
	for _, t := range snap.Tags {
		for _, id := range s.tags[t] {
			set[id] = struct{}{}
		}
	}
	for _, id := range s.hosts[snap.Hostname] {
		set[id] = struct{}{}
	}
	for _, p := range snap.Paths {
		for _, ps := range s.paths {
			if p == ps.prefix || strings.HasPrefix(p, ps.prefix+"/") {
				set[ps.tenant] = struct{}{}
			}
		}
	}
	return set.sorted()
}
