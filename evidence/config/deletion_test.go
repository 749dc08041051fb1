package config

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const deletionYAML = `
language: de
tenants:
  - id: acme
    deletion:
      trigger: contract_end
      contract_end: 2026-10-31
      instruction: return_and_delete
      requested_by: Datenschutzbeauftragte der ACME GmbH
      requested_on: 2026-11-02
      channel: Ticket SUP-4711
      executed_by: Jonas Richter (Betrieb)
      verified_by: Thomas Weber (ISB)
sources:
  restic:
    - name: web01
      repository: /r
      retention: {last: 3, hourly: 24, daily: 7, weekly: 4, monthly: 6, yearly: 2, within: 2d, tags: [keep, "legal,hold"], group_by: "host,tags", interval: 12h}
  borg:
    - name: files01
      repository: /b
      retention: {last: 2, minutely: 5, daily: 7, within: 36h, prefixes: [web-01-, db-01-], timezone: Europe/Berlin}
  pgbackrest:
    - name: main
      stanza: main
      retention: {daily: 7, full: 2, full_interval: 7d}
parameters:
  velero_gc_interval: 30m
deletion:
  classes:
    - {id: LK-1, name: Bei Vertragsende, starting_point: contract_end}
    - {id: LK-30, name: 30 Tage ab Erzeugung, starting_point: creation, period: 30d}
  clusters:
    - {id: anwendung, name: Anwendungsdaten, class: LK-1, kinds: [namespaces, persistentvolumeclaims, persistentvolumes, configmaps]}
    - {id: schluessel, name: Zugangsdaten, class: LK-1, kinds: [secrets], method: cryptographic}
    - {id: sicherung, name: Datensicherungen, class: LK-30, kinds: [velero, restic, borg, pgbackrest]}
    - {id: protokolle, name: Protokolldaten, class: LK-30}
  places:
    - {id: logs, name: Zentrale Protokollierung, cluster: protokolle, method: Rotation nach 30 Tagen, responsible: IT-Betrieb}
  legal_retention:
    - {id: rechnungen, name: Rechnungen, legal_basis: "§ 147 AO, § 257 HGB", years: 10}
`

func TestParseDeletion(t *testing.T) {
	c, err := Parse("nachweis.yaml", []byte(deletionYAML))
	if err != nil {
		t.Fatal(err)
	}
	wantCase := &DeletionCase{
		Trigger: TriggerContractEnd, ContractEnd: date("2026-10-31"), Instruction: InstructionReturnAndDelete,
		RequestedBy: "Datenschutzbeauftragte der ACME GmbH", RequestedOn: date("2026-11-02"), Channel: "Ticket SUP-4711",
		ExecutedBy: "Jonas Richter (Betrieb)", VerifiedBy: "Thomas Weber (ISB)",
	}
	if diff := cmp.Diff(wantCase, c.Tenants[0].Deletion); diff != "" {
		t.Errorf("tenant deletion (-want +got):\n%s", diff)
	}
	if got := c.Tenants[0].Deletion.Start(); !got.Equal(date("2026-10-31")) {
		t.Errorf("Start = %s", got)
	}
	wantRet := []*Retention{
		{Last: 3, Hourly: 24, Daily: 7, Weekly: 4, Monthly: 6, Yearly: 2, Within: 48 * time.Hour, Tags: []string{"keep", "legal,hold"}, GroupBy: "host,tags", Interval: 12 * time.Hour},
		{Last: 2, Minutely: 5, Daily: 7, Within: 36 * time.Hour, Prefixes: []string{"web-01-", "db-01-"}, Timezone: "Europe/Berlin"},
		{Daily: 7, Full: 2, FullInterval: 7 * 24 * time.Hour},
	}
	gotRet := []*Retention{c.Sources.Restic[0].Retention, c.Sources.Borg[0].Retention, c.Sources.PgBackRest[0].Retention}
	if diff := cmp.Diff(wantRet, gotRet); diff != "" {
		t.Errorf("retention (-want +got):\n%s", diff)
	}
	r := *gotRet[0]
	if diff := cmp.Diff([]string{"host", "tags"}, r.ResticGroupBy()); diff != "" || r.RunInterval() != 12*time.Hour {
		t.Errorf("group by %v, interval %s", r.ResticGroupBy(), r.RunInterval())
	}
	if got := (Retention{}).ResticGroupBy(); !cmp.Equal([]string{"host", "paths"}, got) {
		t.Errorf("default group by = %v", got)
	}
	if got := (Retention{GroupBy: GroupByNone}).ResticGroupBy(); got != nil {
		t.Errorf("group by none = %v", got)
	}
	if got := gotRet[1].Location().String(); got != "Europe/Berlin" {
		t.Errorf("borg location = %s", got)
	}
	if (Retention{}).Location() != time.UTC || (Retention{}).RunInterval() != 24*time.Hour {
		t.Error("defaults: want UTC and 24h")
	}
	for _, tt := range []struct {
		kind string
		r    Retention
		want string
	}{
		{"restic", Retention{Daily: 7}, ""},
		{"borg", Retention{Within: time.Hour}, ""},
		{"restic", Retention{Interval: time.Hour}, "a keep rule (last, hourly, daily, weekly, monthly, yearly or within)"},
		{"pgbackrest", Retention{Daily: 7}, "full (repo-retention-full) and full_interval (how often a full backup runs)"},
		{"pgbackrest", Retention{Full: 2, FullInterval: time.Hour}, ""},
	} {
		if got := tt.r.SimulationGap(tt.kind); got != tt.want {
			t.Errorf("%s %+v: SimulationGap = %q, want %q", tt.kind, tt.r, got, tt.want)
		}
	}
	for _, tt := range []struct {
		kind, version string
		want          bool
	}{
		{"restic", "", true}, {"restic", "0.14.0", false}, {"restic", "0.16.4", true}, {"restic", "v1.0", true},
		{"borg", "", true}, {"borg", "1.1.18", false}, {"borg", "1.2.4", true}, {"borg", "2.0", true},
	} {
		if got := (Retention{ToolVersion: tt.version}).KeepsOldest(tt.kind); got != tt.want {
			t.Errorf("%s %s: KeepsOldest = %v, want %v", tt.kind, tt.version, got, tt.want)
		}
	}
	if p := c.Params(); p.VeleroGCInterval != 30*time.Minute {
		t.Errorf("velero gc interval = %s", p.VeleroGCInterval)
	}
	if p := (&Config{}).Params(); p.VeleroGCInterval != time.Hour {
		t.Errorf("default velero gc interval = %s", p.VeleroGCInterval)
	}
	if d, ok := c.DataClusterOf("secrets"); !ok || d.ID != "schluessel" || d.Method != MethodCryptographic {
		t.Errorf("DataClusterOf(secrets) = %+v, %v", d, ok)
	}
	if d, ok := c.DataClusterOf("protokolle"); !ok || d.Class != "LK-30" {
		t.Errorf("DataClusterOf(protokolle) = %+v, %v", d, ok)
	}
	if k, ok := c.DeletionClass("LK-30"); !ok || k.Period != 30*24*time.Hour || k.StartingPoint != StartCreation {
		t.Errorf("DeletionClass(LK-30) = %+v, %v", k, ok)
	}
	if _, ok := c.DataClusterOf("github"); ok {
		t.Error("DataClusterOf(github) found a cluster")
	}
}

// TestParseBadDeletion: each mistake in the deletion concept, a tenant's
// deletion case or a retention gets one line naming the key.
func TestParseBadDeletion(t *testing.T) {
	const classes = "deletion:\n  classes:\n    - {id: LK-1, name: x, starting_point: contract_end}\n"
	const restic = "sources:\n  restic:\n    - name: web01\n      repository: /r\n"
	const borg = "sources:\n  borg:\n    - name: f\n      repository: /b\n"
	const pg = "sources:\n  pgbackrest:\n    - name: main\n      stanza: main\n"
	const tenant = "tenants:\n  - id: acme\n    deletion:\n"
	tests := []struct{ name, yaml, want string }{
		{"class without id", "deletion:\n  classes:\n    - {name: x, starting_point: creation}\n",
			`bad.yaml:4: deletion.classes[0].id: required: a deletion class id, e.g. LK-1`},
		{"duplicate class", classes + "    - {id: LK-1, name: y, starting_point: creation}\n",
			`bad.yaml:5: deletion.classes[1].id: duplicate id "LK-1" (first at line 4)`},
		{"bad starting point", "deletion:\n  classes:\n    - {id: LK-1, name: x, starting_point: tomorrow}\n",
			`bad.yaml:4: deletion.classes[0].starting_point: expected one of creation, contract_end, got "tomorrow"`},
		{"cluster with unknown class", classes + "  clusters:\n    - {id: a, name: A, class: LK-9}\n",
			`bad.yaml:6: deletion.clusters[0].class: unknown deletion class "LK-9" (defined: LK-1 under deletion.classes)`},
		{"cluster without class", "deletion:\n  clusters:\n    - {id: a, name: A}\n",
			`bad.yaml:4: deletion.clusters[0].class: required: the id of a deletion class under deletion.classes`},
		{"unknown kind", classes + "  clusters:\n    - {id: a, name: A, class: LK-1, kinds: [pods]}\n",
			`bad.yaml:6: deletion.clusters[0].kinds[0]: expected one of namespaces, persistentvolumeclaims, persistentvolumes, secrets, configmaps, velero, restic, borg, pgbackrest, got "pods"`},
		{"kind in two clusters", classes + "  clusters:\n    - {id: a, name: A, class: LK-1, kinds: [secrets]}\n    - {id: b, name: B, class: LK-1, kinds: [restic, secrets]}\n",
			`bad.yaml:7: deletion.clusters[1].kinds[1]: secrets already belong to data cluster "a"; each kind belongs to one cluster`},
		{"bad method", classes + "  clusters:\n    - {id: a, name: A, class: LK-1, method: shred}\n",
			`bad.yaml:6: deletion.clusters[0].method: expected logical or cryptographic, got "shred"`},
		{"place with unknown cluster", classes + "  places:\n    - {id: logs, name: Logs, cluster: protokolle}\n",
			`bad.yaml:6: deletion.places[0].cluster: unknown data cluster "protokolle" (none is defined under deletion.clusters)`},
		{"legal retention without basis", "deletion:\n  legal_retention:\n    - {id: r, name: Rechnungen, years: 10}\n",
			`bad.yaml:4: deletion.legal_retention[0].legal_basis: required: the law that requires keeping it, e.g. {de: "§ 147 AO, § 257 HGB", en: "section 147 AO, section 257 HGB"}`},
		{"legal retention zero years", "deletion:\n  legal_retention:\n    - {id: r, name: Rechnungen, legal_basis: AO, years: 0}\n",
			`bad.yaml:4: deletion.legal_retention[0].years: expected the retention period in whole years from 1 to 100, got 0`},
		{"tenant deletion without trigger", tenant + "      requested_by: x\n",
			`bad.yaml:4: tenants[0].deletion.trigger: required: contract_end or instruction`},
		{"contract end missing", tenant + "      trigger: contract_end\n      requested_by: x\n",
			`bad.yaml:4: tenants[0].deletion.contract_end: required with trigger contract_end: the last day of the contract, YYYY-MM-DD`},
		{"instruction without date", tenant + "      trigger: instruction\n      requested_by: x\n",
			`bad.yaml:4: tenants[0].deletion.requested_on: required with trigger instruction: the day of the customer's instruction, YYYY-MM-DD`},
		{"bad instruction", tenant + "      trigger: contract_end\n      contract_end: 2026-10-31\n      instruction: archive\n      requested_by: x\n",
			`bad.yaml:7: tenants[0].deletion.instruction: expected delete or return_and_delete, got "archive"`},
		{"no requester", tenant + "      trigger: contract_end\n      contract_end: 2026-10-31\n",
			`bad.yaml:4: tenants[0].deletion.requested_by: required: who gave the instruction, e.g. "Datenschutzbeauftragte der ACME GmbH"`},
		{"same person verifies", tenant + "      trigger: contract_end\n      contract_end: 2026-10-31\n      requested_by: x\n      executed_by: Jonas Richter\n      verified_by: \" jonas richter\"\n",
			`bad.yaml:9: tenants[0].deletion.verified_by: the verification needs a second person: verified_by must differ from executed_by`},
		{"full for restic", restic + "      retention: {daily: 7, full: 2}\n",
			`bad.yaml:6: sources.restic[0].retention.full: full does not apply to restic sources (only to pgbackrest)`},
		{"tags for borg", borg + "      retention: {daily: 7, tags: [keep]}\n",
			`bad.yaml:6: sources.borg[0].retention.tags: tags does not apply to borg sources (only to restic)`},
		{"within for pgbackrest", pg + "      retention: {within: 7d}\n",
			`bad.yaml:6: sources.pgbackrest[0].retention.within: within does not apply to pgbackrest sources (only to restic, borg)`},
		{"within in minutes", restic + "      retention: {within: 90m}\n",
			`bad.yaml:6: sources.restic[0].retention.within: expected whole hours, like 48h or 30d (restic and borg count keep-within in hours), got 1h30m0s`},
		{"bad group by", restic + "      retention: {daily: 7, group_by: \"host,time\"}\n",
			`bad.yaml:6: sources.restic[0].retention.group_by: expected restic's --group-by: a comma-separated list of host, paths and tags, or none, got "host,time"`},
		{"empty keep tag", restic + "      retention: {tags: [\"a,\"]}\n",
			`bad.yaml:6: sources.restic[0].retention.tags[0]: expected a tag or a comma-separated list of tags (restic --keep-tag), got "a,"`},
		{"bad timezone", borg + "      retention: {daily: 7, timezone: Mars/Olympus}\n",
			`bad.yaml:6: sources.borg[0].retention.timezone: expected an IANA time zone like Europe/Berlin or UTC (the zone borg prune runs in), got "Mars/Olympus"`},
		{"full interval without full", pg + "      retention: {full_interval: 7d}\n",
			`bad.yaml:6: sources.pgbackrest[0].retention.full: required with full_interval: pgBackRest's repo-retention-full, the number of full backups kept`},
		{"negative last", restic + "      retention: {last: -1}\n",
			`bad.yaml:6: sources.restic[0].retention.last: expected a number of backups kept (0 or more), got -1`},
		{"bad tool version", restic + "      retention: {daily: 7, tool_version: latest}\n",
			`bad.yaml:6: sources.restic[0].retention.tool_version: expected the tool's version like 0.14.0 or 1.2.4, got "latest"`},
		{"bad gc interval", "parameters:\n  velero_gc_interval: often\n",
			`bad.yaml:3: parameters.velero_gc_interval: expected a duration like 26h or 7d, got "often"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Texts are plain German (the file's language): the first
			// line declares it, so every want counts from line 2.
			_, err := Parse("bad.yaml", []byte("language: de\n"+tt.yaml))
			if err == nil {
				t.Fatalf("Parse gave no error, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse error\n got: %s\nwant: %s", got, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T is not an *Error", err)
			}
		})
	}
}
