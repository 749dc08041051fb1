package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nachweis/nachweis/evidence/config"
	"github.com/nachweis/nachweis/evidence/deletion"
)

func dtp(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// deletionFixture is a tenant whose namespace, claim and Secret are gone,
// whose volume (Retain) is Released, and one of whose restic snapshots
// remains until April 2027.
func deletionFixture() (before, after *deletion.Plan) {
	tenant := deletion.Tenant{ID: "acme", Name: "ACME GmbH", ContractReference: "AVV-2025-017", ContractDate: dtp("2025-03-01T00:00:00Z"),
		Namespaces: map[string][]string{"prod": {"acme-prod"}},
		Request: &deletion.Request{Trigger: "contract_end", ContractEnd: dtp("2026-10-31T00:00:00Z"), Instruction: "return_and_delete",
			RequestedBy: "Datenschutzbeauftragte der ACME GmbH", RequestedOn: dtp("2026-11-02T00:00:00Z"), Channel: "Ticket SUP-4711",
			ExecutedBy: "Jonas Richter (Betrieb)", VerifiedBy: "Thomas Weber (ISB)"}}
	app := deletion.Assignment{Cluster: "anwendung", Class: "LK-1", Method: "logical"}
	bk := deletion.Assignment{Cluster: "sicherung", Class: "LK-B", Method: "logical"}
	obj := func(kind, ns, name, file string) deletion.Object {
		return deletion.Object{Key: "kubernetes/prod/" + kind + "/" + ns + "/" + name, Source: "prod", Kind: kind, Namespace: ns, Name: name,
			Assignment: app, Evidence: deletion.Ref{File: "sources/kubernetes/prod/" + file, SHA256: strings.Repeat("ab", 32), Pointer: "/items/0"}}
	}
	pvc := obj(deletion.KindPVC, "acme-prod", "data", "persistentvolumeclaims.json")
	pvc.Size, pvc.StorageClass = "10Gi", "encrypted-ssd"
	pv := obj(deletion.KindPV, "", "pv-acme-data", "persistentvolumes.json")
	pv.Size, pv.ReclaimPolicy, pv.Claim, pv.Phase = "10Gi", "Retain", "acme-prod/data", "Bound"
	snap := func(id, at, expires string) deletion.Copy {
		return deletion.Copy{Key: "restic/web01/web01/" + id, Tool: "restic", Source: "web01", Repository: "web01", ID: id, Time: *dtp(at), Site: "DE-Falkenstein",
			Expiry: deletion.Expiry{At: dtp(expires), Basis: deletion.BasisSimulated}, Assignment: bk,
			Evidence: deletion.Ref{File: "sources/restic/web01/snapshots.json", SHA256: strings.Repeat("cd", 32), Pointer: "/0"}}
	}
	rules := deletion.Rules{
		Classes: []deletion.Class{{ID: "LK-1", Name: "Bei Vertragsende", StartingPoint: "contract_end"}, {ID: "LK-B", Name: "180 Tage ab Erzeugung", StartingPoint: "creation", PeriodHours: 180 * 24}},
		Clusters: []deletion.Cluster{{ID: "anwendung", Name: "Anwendungsdaten", Class: "LK-1", Method: "logical"},
			{ID: "sicherung", Name: "Datensicherungen", Class: "LK-B", Method: "logical"}},
	}
	backup := deletion.Backup{Source: "restic/web01", Tool: "restic", Name: "web01", Repositories: []string{"web01"}, Sites: []string{"DE-Falkenstein"},
		Selector: "tags acme", Rule: "--keep-daily 7 --keep-weekly 4 --keep-monthly 6", IntervalHours: 24, Shared: true, Listed: true, Assignment: bk,
		Copies: 2, Oldest: dtp("2026-10-30T02:00:00Z"), Newest: dtp("2026-10-31T02:00:00Z"), LastExpiry: deletion.Expiry{At: dtp("2027-04-01T02:00:00Z"), Basis: deletion.BasisSimulated}}
	before = &deletion.Plan{Schema: deletion.PlanSchema, Tenant: tenant, CreatedAt: *dtp("2026-11-02T10:00:00Z"), ToolVersion: "test",
		Evidence: &deletion.Evidence{Digest: "sha256:" + strings.Repeat("1", 64), CutOff: *dtp("2026-11-02T10:00:00Z")},
		Objects:  []deletion.Object{obj(deletion.KindNamespace, "", "acme-prod", "namespaces.json"), pvc, pv, obj(deletion.KindSecret, "acme-prod", "db-credentials", "secrets.json")},
		Copies:   []deletion.Copy{snap("1a2b3c4d", "2026-10-30T02:00:00Z", "2026-11-06T02:00:00Z"), snap("5e6f7a8b", "2026-10-31T02:00:00Z", "2027-04-01T02:00:00Z")},
		Backups:  []deletion.Backup{backup}, Rules: rules,
		Places:   []deletion.Place{{ID: "logs", Name: "Zentrale Protokollierung", Method: "Rotation nach 30 Tagen", Responsible: "IT-Betrieb", Assignment: deletion.Assignment{Cluster: "protokolle", Class: "LK-30"}, Due: dtp("2026-11-30T00:00:00Z")}},
		Retained: []deletion.Retained{{ID: "rechnungen", Name: "Rechnungen", LegalBasis: "§ 147 Abs. 1 Nr. 4 AO, § 257 Abs. 1 Nr. 4 HGB", Years: 10, Until: dtp("2036-12-31T00:00:00Z")}},
	}
	pvAfter := pv
	pvAfter.Phase = "Released"
	pvAfter.Evidence.File = "sources/kubernetes/prod/persistentvolumes.json"
	list := func(kind, file string) deletion.List {
		return deletion.List{Source: "kubernetes/prod", Kind: kind, Evidence: deletion.Ref{File: "sources/kubernetes/prod/" + file, SHA256: strings.Repeat("ef", 32)}}
	}
	after = &deletion.Plan{Schema: deletion.PlanSchema, Tenant: tenant, CreatedAt: *dtp("2026-11-23T10:00:00Z"), ToolVersion: "test",
		Evidence: &deletion.Evidence{Digest: "sha256:" + strings.Repeat("2", 64), CutOff: *dtp("2026-11-23T10:00:00Z"),
			Sources: []deletion.Source{{Key: "kubernetes/prod", Status: "ok"}, {Key: "restic/web01", Status: "ok"}}},
		Lists: []deletion.List{list(deletion.KindNamespace, "namespaces.json"), list(deletion.KindPVC, "persistentvolumeclaims.json"),
			list(deletion.KindPV, "persistentvolumes.json"), list(deletion.KindSecret, "secrets.json"),
			{Source: "restic/web01", Kind: "snapshots", Repository: "web01", Evidence: deletion.Ref{File: "sources/restic/web01/snapshots.json", SHA256: strings.Repeat("cd", 32)}}},
		Objects: []deletion.Object{pvAfter},
		Copies:  []deletion.Copy{snap("5e6f7a8b", "2026-10-31T02:00:00Z", "2027-04-01T02:00:00Z")},
		Backups: []deletion.Backup{backup}, Rules: rules, Places: before.Places, Retained: before.Retained,
	}
	return before, after
}

func deletionConfig() *config.Config {
	return &config.Config{
		Organisation:   config.Organisation{Name: "Beispiel Cloud GmbH", Address: "Musterstraße 12, 90402 Nürnberg"},
		Classification: config.Classification{Customer: config.Text{DE: "Vertraulich – nur für den Auftraggeber", EN: "Confidential – for the customer only"}},
	}
}

// TestDeletionProtocolGolden renders the protocol of the fixture in both
// languages and compares with testdata (rewrite with -update).
func TestDeletionProtocolGolden(t *testing.T) {
	before, after := deletionFixture()
	p, err := deletion.Verify(before, after, *dtp("2026-11-23T12:00:00Z"), "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			doc, err := DeletionProtocol(DeletionInput{Protocol: p, Config: deletionConfig(), Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "deletion-acme."+lang+".md"), doc.Markdown)
			if !doc.Draft || doc.ID != "LP-acme-20261123" || doc.Watermark == "" {
				t.Errorf("document: draft %v, id %s, watermark %q", doc.Draft, doc.ID, doc.Watermark)
			}
		})
	}
	doc, err := DeletionProtocol(DeletionInput{Protocol: p, Config: deletionConfig(), Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	md := string(doc.Markdown)
	for _, want := range []string{
		"Die letzte Sicherungskopie mit Daten des Auftraggebers läuft am 01.04.2027 ab.",
		"| PersistentVolume pv-acme-data (10Gi, Reclaim-Policy Retain) | Cluster prod | logische Löschung; Freigabe des Speichers nach der Reclaim-Policy | Löschung nicht abgeschlossen; Volume mit Reclaim-Policy Retain im Zustand Released",
		"| PersistentVolumeClaim acme-prod/data (10Gi, encrypted-ssd) | Cluster prod | logische Löschung über die Kubernetes-API | gelöscht und verifiziert (nachgeprüft am 23.11.2026, 11:00 Uhr (MEZ))",
		"| Rechnungen | § 147 Abs. 1 Nr. 4 AO, § 257 Abs. 1 Nr. 4 HGB | 31.12.2036 |",
		"| Geprüft von (zweite Person) | Thomas Weber (ISB) |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("German protocol lacks %q", want)
		}
	}
	// German documents are German: no English outcome or detail labels.
	for _, english := range []string{"deleted and verified", "not evidenced", "pending", "Retain is Released", "contract end"} {
		if strings.Contains(md, english) {
			t.Errorf("German protocol contains English %q", english)
		}
	}
	// Never "unwiederbringlich": a logical deletion does not guarantee it.
	if strings.Contains(md, "unwiederbringlich") || strings.Contains(md, "irreversib") {
		t.Error("protocol claims an irreversible deletion")
	}
}

// TestDeletionStages: a protocol without blockers states stage 1 while a
// copy remains, and stage 2 with the sentence that none remains.
func TestDeletionStages(t *testing.T) {
	before, after := deletionFixture()
	after.Objects = nil
	p, err := deletion.Verify(before, after, *dtp("2026-11-23T12:00:00Z"), "test")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := DeletionProtocol(DeletionInput{Protocol: p, Config: deletionConfig(), Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	md := string(doc.Markdown)
	if doc.Draft || doc.Status != "Stufe 1: Löschung im aktiven Datenbestand durchgeführt" ||
		!strings.Contains(md, "Die Abschlussbestätigung folgt, wenn keine Sicherungskopie mehr Daten des Auftraggebers enthält, frühestens am 01.04.2027.") ||
		strings.Contains(md, "## Offene Punkte") {
		t.Errorf("stage 1: draft %v, status %q\n%s", doc.Draft, doc.Status, md)
	}
	after.Copies = nil
	after.Evidence.CutOff = *dtp("2027-04-02T10:00:00Z")
	p, err = deletion.Verify(before, after, *dtp("2027-04-02T12:00:00Z"), "test")
	if err != nil {
		t.Fatal(err)
	}
	doc, err = DeletionProtocol(DeletionInput{Protocol: p, Config: deletionConfig(), Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	md = string(doc.Markdown)
	if doc.Status != "Stage 2: final confirmation" || !strings.Contains(md, "**No backup copy holds the customer's data any more.**") ||
		!strings.Contains(md, "This is the final confirmation.") {
		t.Errorf("stage 2: status %q\n%s", doc.Status, md)
	}
}

func TestDeletionPlanGolden(t *testing.T) {
	before, _ := deletionFixture()
	for _, lang := range []string{"de", "en"} {
		doc, err := DeletionPlan(DeletionInput{Plan: before, Config: deletionConfig(), Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "deletion-plan-acme."+lang+".md"), doc.Markdown)
		if doc.ID != "LP-acme-20261102-PLAN" || doc.Draft {
			t.Errorf("plan document: id %s, draft %v", doc.ID, doc.Draft)
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if tomUpdating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
