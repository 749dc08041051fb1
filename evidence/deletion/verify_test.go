package deletion

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func tp(s string) *time.Time { t := ts(s); return &t }

var (
	cut1 = ts("2026-11-02T10:00:00Z")
	cut2 = ts("2026-11-23T10:00:00Z")
	now  = ts("2026-11-23T12:00:00Z")
)

func list(source, kind, repo, file string) List {
	return List{Source: source, Kind: kind, Repository: repo, Evidence: Ref{File: file, SHA256: "sha-" + file}}
}

func obj(kind, ns, name string) Object {
	key := "kubernetes/prod/" + kind + "/" + ns + "/" + name
	return Object{Key: key, Source: "prod", Kind: kind, Namespace: ns, Name: name, Evidence: Ref{File: "before/" + kind, Pointer: "/items/0"}}
}

func snap(id string, expires string) Copy {
	c := Copy{Key: "restic/web01/web01/" + id, Tool: ToolRestic, Source: "web01", Repository: "web01", ID: id, Time: ts("2026-10-30T02:00:00Z"),
		Expiry: Expiry{Basis: BasisSimulated}, Evidence: Ref{File: "restic/snapshots.json", Pointer: "/0"}}
	if expires != "" {
		c.Expiry.At = tp(expires)
	}
	return c
}

func beforePlan() *Plan {
	pv := obj(KindPV, "", "pv-acme")
	pv.ReclaimPolicy, pv.Claim, pv.Phase = "Retain", "acme-prod/data", "Bound"
	return &Plan{
		Schema: PlanSchema, Tenant: Tenant{ID: "acme", Name: "ACME GmbH"}, CreatedAt: cut1,
		Evidence:   &Evidence{Digest: "sha256:before", CutOff: cut1},
		Identities: []Identity{{Source: "kubernetes/prod", Value: "uid-1"}, {Source: "restic/web01", Value: "repo-1"}},
		Objects: []Object{
			obj(KindNamespace, "", "acme-prod"), obj(KindPVC, "acme-prod", "data"), pv,
			obj(KindSecret, "acme-prod", "db"), obj(KindConfigMap, "acme-prod", "settings"), obj(KindPVC, "acme-prod", "left"),
		},
		Copies: []Copy{snap("a1", "2026-11-20T02:00:00Z"), snap("a2", "2027-04-01T02:00:00Z")},
	}
}

// afterPlan: everything deleted but the claim "left"; the volume of
// "data" was released and is kept (Retain); ConfigMaps were not listed;
// snapshot a2 remains.
func afterPlan() *Plan {
	pv := obj(KindPV, "", "pv-acme")
	pv.ReclaimPolicy, pv.Claim, pv.Phase = "Retain", "acme-prod/data", "Released"
	pv.Evidence.File = "after/pv"
	left := obj(KindPVC, "acme-prod", "left")
	left.Evidence.File = "after/pvc"
	return &Plan{
		Schema: PlanSchema, Tenant: Tenant{ID: "acme", Name: "ACME GmbH"}, CreatedAt: cut2,
		Evidence:   &Evidence{Digest: "sha256:after", CutOff: cut2, Sources: []Source{{Key: "kubernetes/prod", Status: "ok"}, {Key: "restic/web01", Status: "ok"}}},
		Identities: []Identity{{Source: "kubernetes/prod", Value: "uid-1"}, {Source: "restic/web01", Value: "repo-1"}},
		Lists: []List{
			list("kubernetes/prod", KindNamespace, "", "ns.json"), list("kubernetes/prod", KindPVC, "", "pvc.json"),
			list("kubernetes/prod", KindPV, "", "pv.json"), list("kubernetes/prod", KindSecret, "", "secrets.json"),
			list("restic/web01", "snapshots", "web01", "snapshots.json"),
		},
		Objects: []Object{left, pv},
		Copies:  []Copy{snap("a2", "2027-04-01T02:00:00Z")},
		Gaps:    []Gap{{Source: "kubernetes/prod", What: KindConfigMap, Reason: "list configmaps: forbidden (HTTP 403)"}},
		Places:  []Place{{ID: "logs", Name: "Protokolle", Due: tp("2026-11-30T00:00:00Z")}},
	}
}

type row struct {
	Key     string
	Outcome Outcome
	Detail  string
	Ref     string
}

func TestVerify(t *testing.T) {
	p, err := Verify(beforePlan(), afterPlan(), now, "test")
	if err != nil {
		t.Fatal(err)
	}
	var got []row
	for _, o := range p.Objects {
		r := row{Key: o.Key, Outcome: o.Outcome, Detail: o.Detail}
		if o.Verification != nil {
			r.Ref = o.Verification.File
		}
		got = append(got, r)
	}
	for _, c := range p.Copies {
		r := row{Key: c.Key, Outcome: c.Outcome, Detail: c.Detail}
		if c.Verification != nil {
			r.Ref = c.Verification.File
		}
		got = append(got, r)
	}
	want := []row{
		{"kubernetes/prod/Namespace//acme-prod", Deleted, "", "ns.json"},
		{"kubernetes/prod/PersistentVolumeClaim/acme-prod/data", Deleted, "", "pvc.json"},
		{"kubernetes/prod/PersistentVolumeClaim/acme-prod/left", Present, "", "after/pvc"},
		{"kubernetes/prod/PersistentVolume//pv-acme", InProgress, "retain-released", "after/pv"},
		{"kubernetes/prod/Secret/acme-prod/db", Deleted, "", "secrets.json"},
		// Not listed after the deletion: never "deleted".
		{"kubernetes/prod/ConfigMap/acme-prod/settings", NotEvidenced, "list configmaps: forbidden (HTTP 403)", ""},
		{"restic/web01/web01/a1", Deleted, "", "snapshots.json"},
		{"restic/web01/web01/a2", PendingExpiry, "", "restic/snapshots.json"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if p.Status != StatusDraft || p.DocumentID != "LP-acme-20261123" {
		t.Errorf("status %s, id %s", p.Status, p.DocumentID)
	}
	var blockers []string
	for _, b := range p.Blockers {
		blockers = append(blockers, string(b.Outcome)+" "+b.Kind+" "+b.Where+" "+b.Name)
	}
	wantBlockers := []string{
		"present PersistentVolumeClaim kubernetes/prod/acme-prod left",
		"in-progress PersistentVolume kubernetes/prod pv-acme",
		"not-evidenced ConfigMap kubernetes/prod/acme-prod settings",
	}
	if diff := cmp.Diff(wantBlockers, blockers); diff != "" {
		t.Errorf("blockers (-want +got):\n%s", diff)
	}
	if p.LastCopyExpires == nil || !p.LastCopyExpires.At.Equal(ts("2027-04-01T02:00:00Z")) {
		t.Errorf("last copy expires %+v", p.LastCopyExpires)
	}
	wantBackups := []BackupResult{{Backup: Backup{Source: "restic/web01", Tool: ToolRestic, Name: "web01", Copies: 1,
		Oldest: tp("2026-10-30T02:00:00Z"), Newest: tp("2026-10-30T02:00:00Z"), LastExpiry: Expiry{At: tp("2027-04-01T02:00:00Z"), Basis: BasisSimulated}},
		Before: 2, Remaining: 1, Outcome: PendingExpiry}}
	if diff := cmp.Diff(wantBackups, p.Backups); diff != "" {
		t.Errorf("backups (-want +got):\n%s", diff)
	}
}

// TestVerifyStages: with every blocker gone the protocol is stage 1 while
// a copy or a declared date is pending, and final after the last one.
func TestVerifyStages(t *testing.T) {
	after := afterPlan()
	after.Objects = nil
	after.Gaps = nil
	after.Lists = append(after.Lists, list("kubernetes/prod", KindConfigMap, "", "cm.json"))
	p, err := Verify(beforePlan(), after, now, "test")
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != StatusActiveDeleted || len(p.Blockers) != 0 || p.FinalFrom == nil || !p.FinalFrom.Equal(ts("2027-04-01T02:00:00Z")) {
		t.Errorf("stage 1: status %s, blockers %v, final from %v", p.Status, p.Blockers, p.FinalFrom)
	}
	// After the last expiry: the copy is gone, the declared date passed.
	later := *after
	later.Copies = nil
	later.Evidence = &Evidence{Digest: "sha256:later", CutOff: ts("2027-04-02T10:00:00Z"), Sources: after.Evidence.Sources}
	p, err = Verify(beforePlan(), &later, ts("2027-04-02T12:00:00Z"), "test")
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != StatusFinal || p.LastCopyExpires != nil || p.FinalFrom != nil || p.DocumentID != "LP-acme-20270402" {
		t.Errorf("final: status %s, last %v, final from %v, id %s", p.Status, p.LastCopyExpires, p.FinalFrom, p.DocumentID)
	}
	for _, c := range p.Copies {
		if c.Outcome != Deleted {
			t.Errorf("%s: %s", c.Key, c.Outcome)
		}
	}
	// A copy kept for ever, a copy past its expiry, a new Velero backup.
	after.Copies = []Copy{snap("a2", ""), snap("a1", "2026-11-20T02:00:00Z")}
	after.Copies[0].Expiry = Expiry{Basis: BasisNever, Reason: ReasonNoNewBackups}
	p, err = Verify(beforePlan(), after, now, "test")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range p.Copies {
		got[c.ID] = string(c.Outcome) + " " + c.Detail
	}
	if diff := cmp.Diff(map[string]string{"a1": "no-expiry overdue", "a2": "no-expiry no-new-backups"}, got); diff != "" || p.Status != StatusDraft {
		t.Errorf("copies (-want +got):\n%s\nstatus %s", diff, p.Status)
	}
}

func TestVerifyBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(before, after *Plan)
		want   string
	}{
		{"other tenant", func(_, a *Plan) { a.Tenant.ID = "globex" },
			`the plans are of different tenants: --before is of "acme", --after of "globex"`},
		{"before newer", func(b, _ *Plan) { b.Evidence.CutOff = ts("2026-12-01T00:00:00Z") },
			"--before (evidence of 2026-12-01T00:00:00Z) is newer than --after (evidence of 2026-11-23T10:00:00Z)"},
		{"other cluster", func(_, a *Plan) { a.Identities[0].Value = "uid-2" },
			"--before and --after are of different systems: source kubernetes/prod is uid-1 in --before and uid-2 in --after"},
		{"after without evidence", func(_, a *Plan) { a.Evidence = nil },
			"--after has no evidence: the state after the deletion must come from a collected bundle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, a := beforePlan(), afterPlan()
			tt.change(b, a)
			_, err := Verify(b, a, now, "test")
			var ie *InputError
			if !errors.As(err, &ie) || err.Error() != tt.want {
				t.Errorf("Verify: %v, want input error %q", err, tt.want)
			}
		})
	}
}
