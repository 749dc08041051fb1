package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"

	"github.com/nachweis/nachweis/evidence/backup/backuptest"
	"github.com/nachweis/nachweis/evidence/deletion"
	"github.com/nachweis/nachweis/evidence/kubernetes/kubetest"
)

// The deletion end-to-end test runs against a real etcd + kube-apiserver
// (testdata/deletion/cluster.yaml) and a real restic repository: collect,
// plan, delete through the API and with restic forget, collect again,
// verify. Without a controller manager a deleted namespace stays
// Terminating and protected claims and volumes keep their finalizers; the
// test first verifies that state (in progress, exit 3), then finalizes
// through the API as the controllers would.

const (
	delBefore = "2026-11-02T10:00:00Z" // collection before the deletion
	delMid    = "2026-11-02T12:00:00Z" // deletion requested, not finished
	delAfter  = "2026-11-03T10:00:00Z" // deletion finished
	delFinal  = "2026-12-03T10:00:00Z" // after the Velero backup expired

	delResticPassword = "deletion-e2e-restic-password-5d2c"
)

// delSecrets are values in the cluster and the repository's password that
// must never appear in a bundle, plan, protocol or message.
var delSecrets = []string{"acme-e2e-secret-do-not-leak", "kontakt@acme-e2e.invalid", "initech-e2e-secret-do-not-leak", delResticPassword}

func TestE2EDeletion(t *testing.T) {
	began := time.Now()
	cluster := kubetest.Start(t, kubetest.Options{})
	cluster.Apply(t, kubetest.VeleroCRDs, []byte(mustRead(t, filepath.Join("testdata", "deletion", "cluster.yaml"))))

	// restic: one host and path, so acme's, globex's and initech's
	// snapshots are one forget group that keeps getting backups.
	var snaps []backuptest.Snapshot
	for _, day := range []string{"2026-10-29", "2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"} {
		at, _ := time.Parse(time.RFC3339, day+"T01:00:00Z")
		snaps = append(snaps,
			backuptest.Snapshot{Time: at, Host: "app-01", Tags: []string{"globex"}},
			backuptest.Snapshot{Time: at.Add(30 * time.Minute), Host: "app-01", Tags: []string{"initech"}},
			backuptest.Snapshot{Time: at.Add(time.Hour), Host: "app-01", Tags: []string{"acme"}})
	}
	repo := backuptest.Restic(t, delResticPassword, snaps...)
	dir := t.TempDir()
	cfg := writeDeletionConfig(t, dir, cluster.Kubeconfig(kubetest.Admin), repo)
	env := map[string]string{"PATH": os.Getenv("PATH")}
	collect := func(name, at string) string {
		t.Helper()
		bundle := filepath.Join(dir, name)
		if _, errOut, code := nachweis(t, env, "collect", "--config", cfg, "-o", bundle, "--now", at); code != exitOK {
			t.Fatalf("collect %s: exit %d: %s", name, code, errOut)
		}
		return bundle
	}
	ctx := context.Background()
	dyn := dynamic.NewForConfigOrDie(cluster.RESTConfig(kubetest.Admin))
	core := func(resource string) schema.GroupVersionResource {
		return schema.GroupVersionResource{Version: "v1", Resource: resource}
	}
	del := func(resource, ns, name string) {
		t.Helper()
		if err := dyn.Resource(core(resource)).Namespace(ns).Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
			t.Fatalf("delete %s %s/%s: %v", resource, ns, name, err)
		}
	}

	// 1. Inventory before the deletion.
	before := collect("before", delBefore)
	planFile := filepath.Join(dir, "plan-acme.json")
	if _, errOut, code := nachweis(t, env, "deletion", "plan", "--config", cfg, "--tenant", "acme", "--bundle", before, "--now", delBefore, "-o", planFile); code != exitOK {
		t.Fatalf("deletion plan: exit %d: %s", code, errOut)
	}
	plan := readJSON[deletion.Plan](t, planFile)
	testE2EDeletionPlan(t, plan)
	initechPlan := filepath.Join(dir, "plan-initech.json")
	if _, errOut, code := nachweis(t, env, "deletion", "plan", "--config", cfg, "--tenant", "initech", "--bundle", before, "--now", delBefore, "-o", initechPlan); code != exitOK {
		t.Fatalf("deletion plan initech: exit %d: %s", code, errOut)
	}
	planPDF := filepath.Join(dir, "plan-acme.pdf")
	if _, errOut, code := nachweis(t, env, "deletion", "plan", "--config", cfg, "--tenant", "acme", "--bundle", before, "--now", delBefore, "-o", planPDF); code != exitOK {
		t.Fatalf("deletion plan -o pdf: exit %d: %s", code, errOut)
	}
	if text := pdfText(t, planPDF); !strings.Contains(text, "Löschplan – Bestandsaufnahme") || !strings.Contains(text, "PersistentVolumeClaim acme-prod/data") {
		t.Errorf("plan PDF: %s", text)
	}

	// 2. Delete through the API as kubectl delete does, and the tenant's
	// snapshots with restic forget --tag --prune.
	del("namespaces", "", "acme-prod")
	del("namespaces", "", "initech-prod")
	del("persistentvolumeclaims", "acme-prod", "data")
	del("persistentvolumes", "", "pv-acme-data")
	del("secrets", "acme-prod", "db-credentials")
	del("secrets", "initech-prod", "api-token")
	del("configmaps", "acme-prod", "settings")
	// restic forget --tag T alone removes nothing (a policy or ids are
	// needed): forget the ids restic snapshots --tag T lists.
	for _, tag := range []string{"acme", "initech"} {
		var ids []struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(resticRun(t, repo, "snapshots", "--tag", tag, "--json"), &ids); err != nil || len(ids) == 0 {
			t.Fatalf("restic snapshots --tag %s: %v (%d)", tag, err, len(ids))
		}
		args := []string{"forget", "--prune"}
		for _, id := range ids {
			args = append(args, id.ID)
		}
		resticRun(t, repo, args...)
	}

	// 3. Deletion requested, not finished: the namespace is Terminating
	// and the claim and volume wait for their protection finalizers.
	mid := collect("mid", delMid)
	midJSON := filepath.Join(dir, "protocol-mid.json")
	_, errOut, code := nachweis(t, env, "deletion", "verify", "--config", cfg, "--tenant", "acme", "--before", planFile, "--after", mid, "--now", delMid, "--json", midJSON)
	if code != exitFailing {
		t.Fatalf("verify while Terminating: exit %d, want 3: %s", code, errOut)
	}
	p := readJSON[deletion.Protocol](t, midJSON)
	got := objectOutcomes(&p)
	for key, want := range map[string]string{
		"kubernetes/prod/Namespace//acme-prod":                 "in-progress terminating",
		"kubernetes/prod/PersistentVolumeClaim/acme-prod/data": "in-progress terminating",
		"kubernetes/prod/PersistentVolume//pv-acme-data":       "in-progress terminating",
		"kubernetes/prod/Secret/acme-prod/db-credentials":      "deleted ",
		"kubernetes/prod/ConfigMap/acme-prod/settings":         "deleted ",
	} {
		if got[key] != want {
			t.Errorf("while Terminating: %s = %q, want %q", key, got[key], want)
		}
	}
	if p.Status != deletion.StatusDraft || !strings.Contains(errOut, "LP-acme-20261102 is a draft") || !strings.Contains(errOut, "Namespace acme-prod (kubernetes/prod): in-progress") {
		t.Errorf("status %s, stderr %q", p.Status, errOut)
	}

	// 4. Finalize as the controllers would: release the claim and volume
	// protection, finalize the namespaces. initech's claim "leftover" was
	// never deleted: finalizing its namespace leaves it behind.
	patch := []byte(`{"metadata":{"finalizers":null}}`)
	if _, err := dyn.Resource(core("persistentvolumeclaims")).Namespace("acme-prod").Patch(ctx, "data", types.MergePatchType, patch, metav1.PatchOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := dyn.Resource(core("persistentvolumes")).Patch(ctx, "pv-acme-data", types.MergePatchType, patch, metav1.PatchOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, ns := range []string{"acme-prod", "initech-prod"} {
		n, err := dyn.Resource(core("namespaces")).Get(ctx, ns, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		unstructured.RemoveNestedField(n.Object, "spec", "finalizers")
		if _, err := dyn.Resource(core("namespaces")).Update(ctx, n, metav1.UpdateOptions{}, "finalize"); err != nil {
			t.Fatalf("finalize %s: %v", ns, err)
		}
	}
	waitGone(t, func() error {
		_, err := dyn.Resource(core("namespaces")).Get(ctx, "acme-prod", metav1.GetOptions{})
		return err
	})

	// 5. Deletion finished: every object of acme deleted and verified, the
	// Velero backup holds the data until 2 December.
	after := collect("after", delAfter)
	protoPDF, protoJSON := filepath.Join(dir, "protocol.pdf"), filepath.Join(dir, "protocol.json")
	if _, errOut, code := nachweis(t, env, "deletion", "verify", "--config", cfg, "--tenant", "acme", "--before", planFile, "--after", after,
		"--now", delAfter, "--lang", "de", "-o", protoPDF, "--json", protoJSON); code != exitOK {
		t.Fatalf("verify after the deletion: exit %d: %s", code, errOut)
	}
	p = readJSON[deletion.Protocol](t, protoJSON)
	testE2EDeletionProtocol(t, plan, p)
	text := pdfText(t, protoPDF)
	for _, want := range []string{
		"Löschprotokoll", "LP-acme-20261103", "Stufe 1: Löschung im aktiven Datenbestand durchgeführt",
		"4 Durchführung und Nachprüfung", "Objekt Ort Methode Ergebnis Nachweis",
		"Namespace acme-prod", "PersistentVolumeClaim acme-prod/data", "PersistentVolume pv-acme-data", "Secret acme-prod/db-credentials", "ConfigMap acme-prod/settings",
		"gelöscht und verifiziert",
		"Die letzte Sicherungskopie mit Daten des Auftraggebers läuft am 02.12.2026 ab.",
		"Geprüft von (zweite Person) Thomas Weber (ISB)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("German protocol (pdftotext) lacks %q", want)
		}
	}

	// 6. The PVC initech left behind: a draft naming it, exit 3.
	initechPDF, initechJSON := filepath.Join(dir, "protocol-initech.pdf"), filepath.Join(dir, "protocol-initech.json")
	_, errOut, code = nachweis(t, env, "deletion", "verify", "--config", cfg, "--tenant", "initech", "--before", initechPlan, "--after", after,
		"--now", delAfter, "-o", initechPDF, "--json", initechJSON)
	if code != exitFailing || !strings.Contains(errOut, "PersistentVolumeClaim leftover (kubernetes/prod/initech-prod): present") {
		t.Errorf("initech: exit %d, want 3 naming the claim; stderr %q", code, errOut)
	}
	ip := readJSON[deletion.Protocol](t, initechJSON)
	var blockers []string
	for _, b := range ip.Blockers {
		blockers = append(blockers, b.Key+" "+string(b.Outcome))
	}
	if diff := cmp.Diff([]string{"kubernetes/prod/PersistentVolumeClaim/initech-prod/leftover present"}, blockers); diff != "" || ip.Status != deletion.StatusDraft {
		t.Errorf("initech blockers (-want +got):\n%s\nstatus %s", diff, ip.Status)
	}
	if text := pdfText(t, initechPDF); !strings.Contains(text, "Entwurf") || !strings.Contains(text, "Offene Punkte") ||
		!strings.Contains(text, "PersistentVolumeClaim initech-prod/leftover") || !strings.Contains(text, "nicht gelöscht") {
		t.Errorf("initech draft protocol: %s", text)
	}

	// 7. After the Velero backup expired (Velero's garbage collection
	// deletes it): the final protocol shows the backups gone.
	if err := dyn.Resource(schema.GroupVersionResource{Group: "velero.io", Version: "v1", Resource: "backups"}).Namespace("velero").
		Delete(ctx, "acme-nightly-20261102020000", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	final := collect("final", delFinal)
	finalPDF, finalJSON := filepath.Join(dir, "protocol-final.pdf"), filepath.Join(dir, "protocol-final.json")
	if _, errOut, code := nachweis(t, env, "deletion", "verify", "--config", cfg, "--tenant", "acme", "--before", planFile, "--after", final,
		"--now", delFinal, "-o", finalPDF, "--json", finalJSON); code != exitOK {
		t.Fatalf("final verify: exit %d: %s", code, errOut)
	}
	fp := readJSON[deletion.Protocol](t, finalJSON)
	if fp.Status != deletion.StatusFinal || fp.LastCopyExpires != nil || fp.DocumentID != "LP-acme-20261203" {
		t.Errorf("final protocol: status %s, last copy %v, id %s", fp.Status, fp.LastCopyExpires, fp.DocumentID)
	}
	for _, c := range fp.Copies {
		if c.Outcome != deletion.Deleted {
			t.Errorf("final: copy %s is %s", c.Key, c.Outcome)
		}
	}
	if text := pdfText(t, finalPDF); !strings.Contains(text, "Stufe 2: Abschlussbestätigung") || !strings.Contains(text, "Keine Sicherungskopie enthält noch Daten des Auftraggebers.") {
		t.Errorf("final protocol: %s", text)
	}

	testE2EDeletionBadInput(t, env, cfg, planFile, before, after)

	// Nothing secret in any file written or any bundle.
	err := filepath.WalkDir(dir, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || de.Name() == "restic.pass" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range delSecrets {
			if strings.Contains(string(b), s) {
				t.Errorf("%s contains %q", path, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("deletion end to end: %s", time.Since(began).Round(time.Millisecond))
}

func testE2EDeletionPlan(t *testing.T, plan deletion.Plan) {
	var objects []string
	for _, o := range plan.Objects {
		objects = append(objects, o.Key)
	}
	want := []string{
		"kubernetes/prod/Namespace//acme-prod",
		"kubernetes/prod/PersistentVolumeClaim/acme-prod/data",
		"kubernetes/prod/PersistentVolume//pv-acme-data",
		"kubernetes/prod/Secret/acme-prod/db-credentials",
		"kubernetes/prod/ConfigMap/acme-prod/settings",
	}
	if diff := cmp.Diff(want, objects); diff != "" {
		t.Errorf("plan objects (-want +got):\n%s", diff)
	}
	for _, o := range plan.Objects {
		if o.Kind == deletion.KindPV && (o.Size != "10Gi" || o.ReclaimPolicy != "Retain" || o.StorageClass != "encrypted-ssd" || o.Claim != "acme-prod/data") {
			t.Errorf("volume %+v", o)
		}
		if o.Evidence.SHA256 == "" || o.Cluster != "anwendung" {
			t.Errorf("%s: evidence %+v, cluster %q", o.Key, o.Evidence, o.Cluster)
		}
	}
	restic, velero := 0, 0
	for _, c := range plan.Copies {
		switch c.Tool {
		case deletion.ToolRestic:
			restic++
			// The group keeps getting backups: every copy has a date.
			if c.Expiry.At == nil || c.Expiry.Basis != deletion.BasisSimulated {
				t.Errorf("restic copy %s: expiry %+v", c.ID, c.Expiry)
			}
		case deletion.ToolVelero:
			velero++
			if c.Expiry.At == nil || c.Expiry.At.UTC().Format(time.RFC3339) != "2026-12-02T03:00:00Z" || c.Site != "DE-Falkenstein" {
				t.Errorf("velero copy %+v", c)
			}
		}
	}
	if restic != 5 || velero != 1 {
		t.Errorf("plan copies: %d restic, %d velero; want 5 and 1", restic, velero)
	}
	if len(plan.Identities) != 2 || plan.Evidence == nil {
		t.Errorf("identities %v, evidence %v", plan.Identities, plan.Evidence)
	}
}

func testE2EDeletionProtocol(t *testing.T, plan deletion.Plan, p deletion.Protocol) {
	if p.Status != deletion.StatusActiveDeleted || len(p.Blockers) != 0 {
		t.Errorf("status %s, blockers %+v", p.Status, p.Blockers)
	}
	// Every object of the plan is listed and deleted.
	got := objectOutcomes(&p)
	if len(got) != len(plan.Objects) {
		t.Errorf("protocol lists %d objects, the plan %d", len(got), len(plan.Objects))
	}
	for _, o := range plan.Objects {
		if got[o.Key] != "deleted " {
			t.Errorf("%s: %q, want deleted", o.Key, got[o.Key])
		}
	}
	for _, o := range p.Objects {
		if o.Verification == nil || o.Verification.SHA256 == "" || o.VerifiedAt == nil {
			t.Errorf("%s: no verification evidence", o.Key)
		}
	}
	copies := map[string]string{}
	for _, c := range p.Copies {
		copies[c.Tool] += string(c.Outcome) + " "
	}
	if copies["restic"] != strings.Repeat("deleted ", 5) || copies["velero"] != "pending-expiry " {
		t.Errorf("copies: %v", copies)
	}
	if p.LastCopyExpires == nil || p.LastCopyExpires.At.UTC().Format(time.RFC3339) != "2026-12-02T03:00:00Z" {
		t.Errorf("last copy expires %+v", p.LastCopyExpires)
	}
}

func testE2EDeletionBadInput(t *testing.T, env map[string]string, cfg, plan, before, after string) {
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"before newer than after", []string{"--before", after, "--after", before},
			"nachweis: --before (evidence of 2026-11-03T10:00:00Z) is newer than --after (evidence of 2026-11-02T10:00:00Z)\n"},
		{"unknown tenant", []string{"--tenant", "umbrella", "--before", plan, "--after", after},
			"nachweis: --tenant umbrella: not a tenant of " + cfg + " (defined tenants: acme, globex, initech)\n"},
		{"plan of another tenant", []string{"--tenant", "globex", "--before", plan, "--after", after},
			`nachweis: --before ` + plan + `: the plan is of tenant "acme", not "globex"` + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"deletion", "verify", "--config", cfg, "--json", filepath.Join(t.TempDir(), "p.json")}, tt.args...)
			if !slices.Contains(args, "--tenant") {
				args = append(args, "--tenant", "acme")
			}
			_, errOut, code := nachweis(t, env, args...)
			if code != exitUsage || errOut != tt.want {
				t.Errorf("exit %d, stderr %q; want 2, %q", code, errOut, tt.want)
			}
		})
	}
	// Another cluster: the same source name, another kube-system uid.
	other := kubetest.Start(t, kubetest.Options{})
	dir := t.TempDir()
	otherCfg := strings.Replace(mustRead(t, cfg), mustKubeconfigLine(t, cfg), "      kubeconfig: "+strconv.Quote(other.Kubeconfig(kubetest.Admin)), 1)
	if err := os.WriteFile(filepath.Join(dir, "nachweis.yaml"), []byte(otherCfg), 0o644); err != nil {
		t.Fatal(err)
	}
	otherBundle := filepath.Join(dir, "bundle")
	if _, errOut, code := nachweis(t, env, "collect", "--config", filepath.Join(dir, "nachweis.yaml"), "-o", otherBundle, "--now", delAfter); code != exitOK {
		t.Fatalf("collect the other cluster: exit %d: %s", code, errOut)
	}
	_, errOut, code := nachweis(t, env, "deletion", "verify", "--config", cfg, "--tenant", "acme", "--before", plan, "--after", otherBundle, "--json", filepath.Join(dir, "p.json"))
	if code != exitUsage || !strings.HasPrefix(errOut, "nachweis: --before and --after are of different systems: source kubernetes/prod is kube-system uid ") {
		t.Errorf("other cluster: exit %d, stderr %q", code, errOut)
	}
}

func mustKubeconfigLine(t *testing.T, cfg string) string {
	for _, l := range strings.Split(mustRead(t, cfg), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "kubeconfig:") {
			return l
		}
	}
	t.Fatal("no kubeconfig line")
	return ""
}

// writeDeletionConfig writes the configuration of the deletion test.
func writeDeletionConfig(t *testing.T, dir, kubeconfig, repo string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "restic.pass"), []byte(delResticPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := `language: de
organisation: {name: Beispiel Cloud GmbH, address: "Musterstraße 12, 90402 Nürnberg"}
classification: {customer: Vertraulich – nur für den Auftraggeber}
tenants:
  - id: acme
    name: ACME GmbH
    namespace_selector: {match_labels: {beispiel-cloud.de/tenant: acme}}
    contract: {reference: AVV-2025-017, date: 2025-03-01}
    deletion:
      trigger: contract_end
      contract_end: 2026-10-31
      instruction: return_and_delete
      requested_by: Datenschutzbeauftragte der ACME GmbH
      requested_on: 2026-11-02
      channel: Ticket SUP-4711
      executed_by: Jonas Richter (Betrieb)
      verified_by: Thomas Weber (ISB)
  - {id: globex, name: Globex Logistik AG, namespaces: [globex-prod]}
  - id: initech
    name: Initech AG
    namespaces: [initech-prod]
    deletion: {trigger: contract_end, contract_end: 2026-10-31, requested_by: Initech AG}
sources:
  kubernetes:
    - name: prod
      kubeconfig: ` + strconv.Quote(kubeconfig) + `
      context: local
      timeout: 10s
  restic:
    - name: app01
      repository: ` + strconv.Quote(repo) + `
      password_file: restic.pass
      site: DE-Falkenstein
      retention: {daily: 7, weekly: 4, monthly: 6, tool_version: "0.14.0"}
      tenants: {acme: {tags: [acme]}, globex: {tags: [globex]}, initech: {tags: [initech]}}
deletion:
  classes:
    - {id: LK-1, name: Bei Vertragsende, starting_point: contract_end}
    - {id: LK-30, name: 30 Tage ab Erzeugung, starting_point: creation, period: 30d}
  clusters:
    - {id: anwendung, name: Anwendungsdaten, class: LK-1, kinds: [namespaces, persistentvolumeclaims, persistentvolumes, secrets, configmaps]}
    - {id: sicherung, name: Datensicherungen, class: LK-30, kinds: [velero, restic]}
    - {id: protokolle, name: Protokolldaten, class: LK-30}
  places:
    - {id: logs, name: Zentrale Protokollierung, cluster: protokolle, method: Rotation nach 30 Tagen, responsible: IT-Betrieb}
  legal_retention:
    - {id: rechnungen, name: Rechnungen, legal_basis: "§ 147 Abs. 1 Nr. 4 AO, § 257 Abs. 1 Nr. 4 HGB", years: 10}
`
	p := filepath.Join(dir, "nachweis.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func resticRun(t *testing.T, repo string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("restic", append([]string{"-r", repo, "--no-cache", "-q"}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "RESTIC_PASSWORD=" + delResticPassword, "TZ=UTC"}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("restic %s: %v", strings.Join(args, " "), err)
	}
	return out
}

func readJSON[T any](t *testing.T, path string) T {
	t.Helper()
	var v T
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

func objectOutcomes(p *deletion.Protocol) map[string]string {
	out := map[string]string{}
	for _, o := range p.Objects {
		out[o.Key] = string(o.Outcome) + " " + o.Detail
	}
	return out
}

// waitGone waits until get reports that the object is gone.
func waitGone(t *testing.T, get func() error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for get() == nil {
		if time.Now().After(deadline) {
			t.Fatal("object still there after finalizing")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
