package backup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/jsonscan"
	"github.com/nachweis/nachweis/evidence/internal/nstime"
)

// pgStanza is the part of a stanza of pgbackrest info --output=json the
// projection reads (pgBackRest src/command/info/info.c). db[].system-id
// does not fit a float64; it is not read, and the decoder uses UseNumber
// so that no number is ever rounded.
type pgStanza struct {
	Name   string `json:"name"`
	Cipher string `json:"cipher"`
	// Status is nil when the output has none (see status).
	Status *pgStatus `json:"status"`
	Repo   []struct {
		Key    json.Number `json:"key"`
		Cipher string      `json:"cipher"`
		Status *pgStatus   `json:"status"`
	} `json:"repo"`
	Backup []pgBackup `json:"backup"`
}

// status is the stanza's status; without one, its zero value, which is
// no usable status.
func (st *pgStanza) status() pgStatus {
	if st.Status == nil {
		return pgStatus{}
	}
	return *st.Status
}

type pgStatus struct {
	Code    json.Number `json:"code"`
	Message string      `json:"message"`
}

type pgBackup struct {
	Label     string `json:"label"`
	Type      string `json:"type"`
	Timestamp struct {
		Start json.Number `json:"start"`
		Stop  json.Number `json:"stop"`
	} `json:"timestamp"`
	// Error is true when pgBackRest found errors (e.g. page checksum
	// errors) while taking the backup; absent before pgBackRest 2.36.
	Error    *bool `json:"error"`
	Database struct {
		RepoKey json.Number `json:"repo-key"`
	} `json:"database"`
}

// pgRepo collects one repository of a stanza while projecting.
type pgRepo struct {
	repo   *Repository
	status *pgStatus
	// newest is the index of the newest backup in repo.Snapshots.
	newest  int
	newestT int64
	errored bool
}

// projectPgBackRest projects every repository of every stanza of a
// pgBackRest source. A repository is named "<source>/repo<key>"; when the
// source holds several stanzas, "<source>/<stanza>/repo<key>", so that the
// names stay unique. Without an info file, the repository keys declared in
// Sites (or the source itself) are projected with no evidence present, so
// that the checks report them as missing.
func projectPgBackRest(r Repo) (map[string]*Repository, error) {
	var stanzas []pgStanza
	var path string
	for _, f := range r.Files {
		if f.Kind != KindPgBackRestInfo {
			continue
		}
		if path != "" {
			return nil, fmt.Errorf("project pgbackrest info %s: source %s already has info file %s; expected one pgbackrest info --output=json per source", f.Path, r.Source, path)
		}
		dec := json.NewDecoder(bytes.NewReader(f.Data))
		dec.UseNumber()
		if err := dec.Decode(&stanzas); err != nil {
			return nil, fmt.Errorf("project pgbackrest info %s: decode pgbackrest info --output=json output: %w", f.Path, jsonscan.Explain(f.Data, err))
		}
		path = f.Path
	}
	out := map[string]*Repository{}
	if path == "" {
		keys := make([]string, 0, len(r.Sites))
		for k := range r.Sites {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			repo := newRepository(r)
			repo.Site = r.Sites[k]
			out[r.Source+"/"+k] = repo
		}
		if len(out) == 0 {
			out[r.Source] = newRepository(r)
		}
		return out, nil
	}
	for si := range stanzas {
		if err := pgStanzaRepos(r, path, si, &stanzas[si], len(stanzas) > 1, out); err != nil {
			return nil, fmt.Errorf("project pgbackrest info %s: %w", path, err)
		}
	}
	return out, nil
}

func pgStanzaRepos(r Repo, path string, si int, st *pgStanza, qualify bool, out map[string]*Repository) error {
	sptr := "/" + strconv.Itoa(si)
	name := func(key string) string {
		if qualify {
			return r.Source + "/" + st.Name + "/repo" + key
		}
		return r.Source + "/repo" + key
	}
	tenants := pgTenants(r.Tenants, st.Name)
	repos := map[string]*pgRepo{}
	var order []string
	newRepo := func(key, ref string) *pgRepo {
		repo := newRepository(r)
		repo.Location = st.Name
		repo.Ref = ref
		repo.Present[KeySnapshots] = true
		repo.Present[KeyIntegrity] = true
		if site, ok := r.Sites["repo"+key]; ok {
			repo.Site = site
		}
		p := &pgRepo{repo: repo, newest: -1}
		repos[key] = p
		order = append(order, key)
		return p
	}
	for ri, rp := range st.Repo {
		key := rp.Key.String()
		if _, err := strconv.ParseUint(key, 10, 32); err != nil {
			return fmt.Errorf("%s/repo/%d: repository key %q is not a number", sptr, ri, key)
		}
		if _, dup := repos[key]; dup {
			return fmt.Errorf("%s/repo/%d: repository key %s appears twice", sptr, ri, key)
		}
		rptr := sptr + "/repo/" + strconv.Itoa(ri)
		p := newRepo(key, path+"#"+rptr)
		p.status = rp.Status
		cipher, cptr := rp.Cipher, rptr+"/cipher"
		if cipher == "" && st.Cipher != "mixed" {
			cipher, cptr = st.Cipher, sptr+"/cipher"
		}
		if cipher != "" {
			p.repo.Encryption = &Encryption{Encrypted: encryptedBy(pgBackRestCiphers, cipher), Mode: cipher, Ref: path + "#" + cptr}
			p.repo.Present[KeyEncryption] = true
		}
	}
	for bi := range st.Backup {
		b := &st.Backup[bi]
		bptr := sptr + "/backup/" + strconv.Itoa(bi)
		key := b.Database.RepoKey.String()
		if key == "" {
			key = "1" // before multi-repository support every backup was in repo1
		}
		p, ok := repos[key]
		if !ok {
			// A backup in a repository the repo list does not name
			// (pgBackRest before 2.33 had no repo list): its encryption
			// is the stanza's.
			p = newRepo(key, path+"#"+sptr)
			if st.Cipher != "" && st.Cipher != "mixed" {
				p.repo.Encryption = &Encryption{Encrypted: encryptedBy(pgBackRestCiphers, st.Cipher), Mode: st.Cipher, Ref: path + "#" + sptr + "/cipher"}
				p.repo.Present[KeyEncryption] = true
			}
		}
		stop, err := b.Timestamp.Stop.Int64()
		if err != nil {
			return fmt.Errorf("%s/timestamp/stop: %q is not Unix seconds", bptr, b.Timestamp.Stop)
		}
		errored := b.Error != nil && *b.Error
		tNS := nstime.Of(time.Unix(stop, 0))
		if p.newest < 0 || tNS > p.newestT {
			p.newest, p.newestT, p.errored = len(p.repo.Snapshots), tNS, errored
		}
		tags := []string{}
		if b.Type != "" {
			tags = append(tags, b.Type)
		}
		p.repo.Snapshots = append(p.repo.Snapshots, Snapshot{
			ID:      b.Label,
			TimeNS:  tNS,
			OK:      !errored,
			Tags:    tags,
			Tenants: tenants,
			Ref:     path + "#" + bptr,
		})
	}
	for _, key := range order {
		p := repos[key]
		p.repo.Integrity = pgIntegrity(p, st, path, sptr)
		status := st.status()
		if p.status != nil {
			status = *p.status
		}
		if !pgUsable(status) {
			// pgBackRest could not read the repository (a missing stanza,
			// a wrong cipher pass, no access): what it lists is not
			// evidence of what the repository holds.
			why := fmt.Sprintf("pgBackRest cannot read repo%s of stanza %s: %s", key, st.Name, pgStatusText(status))
			if enc := p.repo.Encryption; enc != nil && enc.Encrypted != nil && *enc.Encrypted && strings.Contains(status.Message, "FormatError") {
				why += "; the repository is encrypted: is its cipher pass right?"
			}
			for _, k := range Keys {
				p.repo.Present[k] = false
				p.repo.Errors[k] = why
			}
		}
		n := name(key)
		if _, dup := out[n]; dup {
			return fmt.Errorf("%s: repository %q appears twice", sptr, n)
		}
		out[n] = p.repo
	}
	return nil
}

// pgStatusPgMismatch is the stanza status "database mismatch across
// repos".
const pgStatusPgMismatch = "5"

// pgIntegrity judges a repository by pgBackRest's own verdict: its status
// code is 0, the stanza's repositories hold the same database cluster,
// and its newest backup completed without errors. The time of
// that verdict is the newest backup's stop time.
func pgIntegrity(p *pgRepo, st *pgStanza, path, sptr string) *Integrity {
	status, ref := p.status, p.repo.Ref+"/status"
	switch {
	case status != nil:
	case st.Status != nil:
		status, ref = st.Status, path+"#"+sptr+"/status"
	default:
		// Neither the repository nor the stanza has a status: the
		// ref names the stanza, which lacks it.
		status, ref = &pgStatus{}, path+"#"+sptr
	}
	in := &Integrity{Ref: ref}
	code := status.Code.String()
	msg := status.Message
	if p.newest < 0 {
		in.Detail = fmt.Sprintf("status %s (%s); no backups", code, msg)
		return in
	}
	newest := p.repo.Snapshots[p.newest]
	in.CheckedAtNS = &p.newestT
	switch {
	case code != "0":
		in.Detail = fmt.Sprintf("status %s (%s)", code, msg)
	case st.status().Code.String() == pgStatusPgMismatch:
		// Each repository is fine, but they hold backups of different
		// database clusters.
		in.Detail = fmt.Sprintf("status 0 (%s); stanza %s", msg, pgStatusText(st.status()))
	case p.errored:
		in.Detail = fmt.Sprintf("status 0 (%s); newest backup %s has errors", msg, newest.ID)
	default:
		in.OK = true
		in.Detail = fmt.Sprintf("status 0 (%s); newest backup %s completed without errors", msg, newest.ID)
	}
	return in
}

// pgTenants returns the tenants whose selectors name the stanza.
func pgTenants(tenants map[string]Selector, stanza string) []string {
	out := []string{}
	for _, id := range sortedTenantIDs(tenants) {
		if slices.Contains(tenants[id].Stanzas, stanza) {
			out = append(out, id)
		}
	}
	return out
}
