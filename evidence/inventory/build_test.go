package inventory

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/deletion"
)

var cut = time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC)

const configYAML = `
language: de
tenants:
  - id: acme
    name: ACME GmbH
    namespaces: [acme-prod]
    deletion: {trigger: contract_end, contract_end: 2026-10-31, requested_by: DSB der ACME GmbH}
  - id: globex
    namespace_selector: {match_labels: {tenant: globex}}
sources:
  kubernetes:
    - {name: prod}
  restic:
    - name: web01
      repository: /r
      site: DE-Falkenstein
      retention: {daily: 7, weekly: 4, monthly: 6}
      tenants: {acme: {tags: [acme]}, globex: {tags: [globex]}}
  borg:
    - name: files01
      repository: /b
      site: FI-Helsinki
      retention: {daily: 7, prefixes: [acme-2026-, shared-]}
      tenants: {acme: {archive_prefix: acme-}}
  pgbackrest:
    - name: main
      stanza: main
      sites: {repo1: DE-Falkenstein}
      retention: {full: 2, full_interval: 7d}
      tenants: {acme: {databases: [acme]}}
parameters:
  velero_gc_interval: 1h
deletion:
  classes:
    - {id: LK-1, name: Vertragsende, starting_point: contract_end}
    - {id: LK-30, name: 30 Tage, starting_point: creation, period: 30d}
  clusters:
    - {id: app, name: Anwendungsdaten, class: LK-1, kinds: [namespaces, persistentvolumeclaims, persistentvolumes, configmaps, secrets]}
    - {id: backup, name: Sicherungen, class: LK-30, kinds: [velero, restic, borg, pgbackrest], method: cryptographic}
    - {id: logs, name: Protokolle, class: LK-30}
  places:
    - {id: logs, name: Zentrale Protokollierung, cluster: logs, responsible: IT-Betrieb}
  legal_retention:
    - {id: invoices, name: Rechnungen, legal_basis: "§ 147 AO", years: 10}
`

func kube(name string, data string) evidence.Item {
	return evidence.Item{Kind: evidence.KindKubernetesList, Origin: name, Data: []byte(data)}
}

// restic snapshots: the tenant's daily series in October (tag acme), one
// globex snapshot in the same group, one acme snapshot of another host.
func resticSnapshots() string {
	var b strings.Builder
	b.WriteString("[")
	for d := 1; d <= 31; d++ {
		t := time.Date(2026, 10, d, 2, 0, 0, 0, time.UTC)
		if d > 1 {
			b.WriteString(",")
		}
		b.WriteString(`{"time":"` + t.Format(time.RFC3339) + `","paths":["/srv"],"hostname":"web-01","tags":["acme"],"id":"acme` + t.Format("0102") + `0000","short_id":"acme` + t.Format("0102") + `"}`)
	}
	b.WriteString(`,{"time":"2026-10-31T01:00:00Z","paths":["/srv"],"hostname":"web-01","tags":["globex"],"id":"gx000000000","short_id":"gx000000"}`)
	b.WriteString(`,{"time":"2026-10-31T04:00:00Z","paths":["/data"],"hostname":"db-01","tags":["acme"],"id":"db000000000","short_id":"db000000"}]`)
	return b.String()
}

func writeBundle(t *testing.T) *evidence.Bundle {
	t.Helper()
	src := func(kind, name string, items ...evidence.Item) evidence.SourceData {
		return evidence.SourceData{Source: evidence.Source{Kind: kind, Name: name, Collector: "test", StartedAt: cut, FinishedAt: cut, Status: evidence.StatusOK}, Items: items}
	}
	pg, err := os.ReadFile(filepath.Join("..", "backup", "testdata", "pgbackrest", "main-two-repos-encrypted", "info.json"))
	if err != nil {
		t.Fatal(err)
	}
	k := src("kubernetes", "prod",
		kube("namespaces.json", `{"apiVersion":"v1","kind":"NamespaceList","items":[
			{"metadata":{"name":"kube-system","uid":"uid-kube-system"}},
			{"metadata":{"name":"acme-prod","uid":"u1","creationTimestamp":"2026-01-01T00:00:00Z"},"status":{"phase":"Active"}},
			{"metadata":{"name":"globex-prod","labels":{"tenant":"globex"}},"status":{"phase":"Active"}}]}`),
		kube("persistentvolumeclaims.json", `{"apiVersion":"v1","kind":"PersistentVolumeClaimList","items":[
			{"metadata":{"name":"data","namespace":"acme-prod"},"spec":{"storageClassName":"ssd","volumeName":"pv-1"},"status":{"phase":"Bound","capacity":{"storage":"10Gi"}}}]}`),
		kube("persistentvolumes.json", `{"apiVersion":"v1","kind":"PersistentVolumeList","items":[
			{"metadata":{"name":"pv-1"},"spec":{"capacity":{"storage":"10Gi"},"storageClassName":"ssd","persistentVolumeReclaimPolicy":"Delete","claimRef":{"namespace":"acme-prod","name":"data"}},"status":{"phase":"Bound"}}]}`),
		kube("secrets.json", `{"apiVersion":"v1","kind":"SecretList","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"acme-prod"},"type":"Opaque"}]}`),
		kube("velero-backups.json", `{"apiVersion":"velero.io/v1","kind":"BackupList","items":[
			{"metadata":{"name":"nightly-20261030","namespace":"velero"},"spec":{"includedNamespaces":["acme-prod"],"storageLocation":"default"},
			 "status":{"phase":"Completed","startTimestamp":"2026-10-30T02:00:00Z","completionTimestamp":"2026-10-30T02:05:00Z","expiration":"2026-11-29T02:00:00Z"}}]}`),
		kube("velero-backupstoragelocations.json", `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocationList","items":[
			{"metadata":{"name":"default","namespace":"velero","labels":{"nachweis.io/site":"DE-Falkenstein"}}}]}`),
	)
	// ConfigMaps could not be listed.
	k.Source.Errors = map[string]string{"configmaps": "list configmaps: forbidden (HTTP 403)"}
	sources := []evidence.SourceData{
		k,
		src("restic", "web01",
			evidence.Item{Kind: evidence.KindResticSnapshots, Origin: "snapshots.json", Data: []byte(resticSnapshots())},
			evidence.Item{Kind: evidence.KindResticConfig, Origin: "config.json", Data: []byte(`{"version":2,"id":"restic-repo-id"}`)}),
		src("borg", "files01", evidence.Item{Kind: evidence.KindBorgList, Origin: "list.json", Data: []byte(`{"repository":{"id":"borg-id","location":"/b"},"archives":[
			{"name":"acme-2026-10-30","time":"2026-10-30T02:00:00.000000"},{"name":"acme-2026-10-31","time":"2026-10-31T02:00:00.000000"},
			{"name":"acme-old-2026-01-01","time":"2026-01-01T03:00:00.000000"},{"name":"shared-2026-10-31","time":"2026-10-31T02:00:00.000000"}]}`)}),
		src("pgbackrest", "main", evidence.Item{Kind: evidence.KindPgBackRestInfo, Origin: "info.json", Data: pg}),
	}
	b, err := evidence.Write(context.Background(), filepath.Join(t.TempDir(), "bundle"), sources, evidence.WriteOptions{Now: cut, ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBuild(t *testing.T) {
	cfg, err := config.Parse("nachweis.yaml", []byte(configYAML))
	if err != nil {
		t.Fatal(err)
	}
	b := writeBundle(t)
	p, err := Build(Input{Bundle: b, Config: cfg, Tenant: "acme", Now: cut, ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var objects []string
	for _, o := range p.Objects {
		objects = append(objects, o.Key+" "+o.Cluster+"/"+o.Class+"/"+o.Method+" "+o.Size)
	}
	wantObjects := []string{
		"kubernetes/prod/Namespace//acme-prod app/LK-1/logical ",
		"kubernetes/prod/PersistentVolumeClaim/acme-prod/data app/LK-1/logical 10Gi",
		"kubernetes/prod/PersistentVolume//pv-1 app/LK-1/logical 10Gi",
		"kubernetes/prod/Secret/acme-prod/db app/LK-1/logical ",
	}
	if diff := cmp.Diff(wantObjects, objects); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string][]string{"prod": {"acme-prod"}}, p.Tenant.Namespaces); diff != "" {
		t.Errorf("namespaces (-want +got):\n%s", diff)
	}
	expiries := map[string]string{}
	for _, c := range p.Copies {
		e := c.Expiry.Basis + " " + c.Expiry.Reason
		if c.Expiry.At != nil {
			e = c.Expiry.Basis + " " + c.Expiry.At.Format(time.RFC3339)
		}
		if c.Expiry.UpperBound {
			e += " at the latest"
		}
		expiries[c.Key] = e
	}
	want := map[string]string{
		// status.expiration plus the 1h garbage-collection interval.
		"velero/prod/default/velero/nightly-20261030": "velero-expiration 2026-11-29T03:00:00Z",
		// The host,paths group with globex keeps getting backups, at
		// 04:00 like the repository's newest snapshot: the 31 October
		// snapshot, the newest of its day, is October's monthly until 1
		// April 2027 (see backup.TestSimulateLastExpiry); the 30th is a
		// daily only, and week 44 ends with the run of 1 November, so the
		// 30th goes when the seventh newer day arrives, on 6 November.
		"restic/web01/web01/acme1031": "simulated 2027-04-01T04:00:00Z",
		"restic/web01/web01/acme1030": "simulated 2026-11-06T04:00:00Z",
		// Its own group (db-01, /data) gets no more backups.
		"restic/web01/web01/db000000": "never no-new-backups",
		// borg: the acme-2026- series holds only the tenant's archives;
		// no prune runs on acme-old-.
		"borg/files01/files01/acme-2026-10-30":     "never no-new-backups",
		"borg/files01/files01/acme-2026-10-31":     "never no-new-backups",
		"borg/files01/files01/acme-old-2026-01-01": "never no-prune",
		// pgBackRest (stanza shared by databases): the fixture's fulls of
		// 23 November; two newer fulls are needed, one a week from the
		// newest.
		"pgbackrest/main/main/repo1/20261123-180449F":                  "pgbackrest-retention 2026-12-07T18:04:52Z",
		"pgbackrest/main/main/repo1/20261123-180449F_20261123-180455I": "pgbackrest-retention 2026-12-07T18:04:52Z at the latest",
	}
	for k, w := range want {
		if got := expiries[k]; got != w {
			t.Errorf("%s: expiry %q, want %q", k, got, w)
		}
	}
	if _, ok := expiries["restic/web01/web01/gx000000"]; ok {
		t.Error("globex's snapshot is listed as acme's")
	}
	var gaps []string
	for _, g := range p.Gaps {
		gaps = append(gaps, g.Source+" "+g.What+": "+g.Reason)
	}
	if diff := cmp.Diff([]string{"kubernetes/prod ConfigMap: list configmaps: forbidden (HTTP 403)"}, gaps); diff != "" {
		t.Errorf("gaps (-want +got):\n%s", diff)
	}
	var ids []string
	for _, id := range p.Identities {
		ids = append(ids, id.Source+"="+id.Value)
	}
	wantIDs := []string{"borg/files01=borg-id", "kubernetes/prod=kube-system uid uid-kube-system", "pgbackrest/main=main=7642011472967116994", "restic/web01=restic-repo-id"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("identities (-want +got):\n%s", diff)
	}
	if len(p.Places) != 1 || p.Places[0].Due == nil || p.Places[0].Due.Format(time.DateOnly) != "2026-11-30" {
		t.Errorf("places: %+v", p.Places)
	}
	if len(p.Retained) != 1 || p.Retained[0].Until.Format(time.DateOnly) != "2036-12-31" {
		t.Errorf("retained: %+v", p.Retained)
	}
	for _, c := range p.Copies {
		if c.Evidence.SHA256 == "" || c.Cluster != "backup" || c.Method != "cryptographic" {
			t.Errorf("%s: evidence %+v, assignment %+v", c.Key, c.Evidence, c.Assignment)
		}
	}
}

func TestBuildBadInput(t *testing.T) {
	cfg, err := config.Parse("nachweis.yaml", []byte(strings.Replace(configYAML, "retention: {daily: 7, weekly: 4, monthly: 6}", "retention: {interval: 12h}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	b := writeBundle(t)
	for _, tt := range []struct{ tenant, want string }{
		{"initech", "--tenant initech: not a tenant of nachweis.yaml (defined tenants: acme, globex)"},
		{"acme", "nachweis.yaml: sources.restic[0].retention: cannot compute when the copies of tenant acme in restic source web01 expire: give a keep rule (last, hourly, daily, weekly, monthly, yearly or within)"},
	} {
		_, err := Build(Input{Bundle: b, Config: cfg, Tenant: tt.tenant, Now: cut})
		var ie *deletion.InputError
		if !errors.As(err, &ie) || err.Error() != tt.want {
			t.Errorf("Build(%s): %v\nwant input error: %s", tt.tenant, err, tt.want)
		}
	}
}

// TestBuildWithoutEvidence: a plan from the configuration alone declares
// the namespaces and sources, shows nothing present and says so.
func TestBuildWithoutEvidence(t *testing.T) {
	cfg, err := config.Parse("nachweis.yaml", []byte(configYAML))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(Input{Config: cfg, Tenant: "acme", Now: cut})
	if err != nil {
		t.Fatal(err)
	}
	if p.Evidence != nil || len(p.Objects) != 1 || !p.Objects[0].Declared || len(p.Copies) != 0 || len(p.Backups) != 3 {
		t.Errorf("plan without evidence: %+v", p)
	}
	if len(p.Gaps) != 1 || !strings.HasPrefix(p.Gaps[0].Reason, "no evidence bundle") {
		t.Errorf("gaps: %+v", p.Gaps)
	}
}
