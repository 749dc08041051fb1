package policies

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nachweis/nachweis/controls"
	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/config"
)

// The pod checks assess workloads as declared: each kind of controller,
// given without any pod, fails the check its template breaks, naming the
// workload, the container and the field; a clean template passes; the
// pods of a bad Deployment give one finding, through the Deployment. The
// objects go through the whole path: a bundle of kubectl get -o json
// lists, the projection, OPA and the aggregation.

// templateSpecs are pod specs that break one check each, and the text
// the finding must name.
var templateSpecs = []struct {
	check, spec, names string
}{
	{"K8S-POD-01", `{"securityContext":{"runAsNonRoot":true,"runAsUser":1000},"containers":[{"name":"app","image":"registry.example.com/a:1","securityContext":{"privileged":true}}]}`,
		"containers[app].securityContext.privileged true"},
	{"K8S-POD-02", `{"securityContext":{"runAsNonRoot":true,"runAsUser":1000},"containers":[{"name":"app","image":"registry.example.com/a:1"}],"volumes":[{"name":"logs","hostPath":{"path":"/var/log"}}]}`,
		"volumes[logs].hostPath.path /var/log"},
	{"K8S-POD-03", `{"hostNetwork":true,"securityContext":{"runAsNonRoot":true,"runAsUser":1000},"containers":[{"name":"app","image":"registry.example.com/a:1"}]}`,
		"hostNetwork true"},
	{"K8S-POD-04", `{"containers":[{"name":"app","image":"registry.example.com/a:1","securityContext":{"runAsUser":0}}]}`,
		"containers[app].securityContext.runAsUser 0"},
}

const cleanTemplate = `{"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}},` +
	`"containers":[{"name":"app","image":"registry.example.com/a:1","securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true}}]}`

// controller is kubectl's JSON of a controller of kind with the pod spec.
func controller(kind, ns, name, spec string) string {
	group := map[string]string{"Job": "batch/v1", "CronJob": "batch/v1"}[kind]
	if group == "" {
		group = "apps/v1"
	}
	s := fmt.Sprintf(`{"replicas":2,"selector":{"matchLabels":{"app":%q}},"template":{"metadata":{"labels":{"app":%q}},"spec":%s}}`, name, name, spec)
	if kind == "CronJob" {
		s = fmt.Sprintf(`{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":%s}}}}`, spec)
	}
	return fmt.Sprintf(`{"apiVersion":%q,"kind":%q,"metadata":{"name":%q,"namespace":%q},"spec":%s}`, group, kind, name, ns, s)
}

// typedList is kubectl get -o json of one resource.
func typedList(kind string, items ...string) []byte {
	return []byte(fmt.Sprintf(`{"apiVersion":"v1","kind":"%sList","metadata":{"resourceVersion":"1"},"items":[%s]}`, kind, strings.Join(items, ",")))
}

// checkObjects runs every check on a cluster holding the namespace
// tenant-x and the given workloads and pods, every workload kind listed.
func checkObjects(t *testing.T, workloads map[string][]string, pods []string) map[string]controls.CheckResult {
	t.Helper()
	items := []evidence.Item{
		{Kind: evidence.KindKubernetesList, Origin: "namespaces.json", Data: typedList("Namespace",
			`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"tenant-x","labels":{"kubernetes.io/metadata.name":"tenant-x"}}}`)},
		{Kind: evidence.KindKubernetesList, Origin: "pods.json", Data: typedList("Pod", pods...)},
	}
	for _, kind := range []string{"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"} {
		items = append(items, evidence.Item{Kind: evidence.KindKubernetesList, Origin: strings.ToLower(kind) + "s.json", Data: typedList(kind, workloads[kind]...)})
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	src := evidence.SourceData{
		Source: evidence.Source{Kind: "kubernetes", Name: "prod", Collector: "test", StartedAt: now, FinishedAt: now, Status: evidence.StatusOK},
		Items:  items,
	}
	b, err := evidence.Write(context.Background(), t.TempDir(), []evidence.SourceData{src}, evidence.WriteOptions{Now: now, ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("nachweis.yaml", []byte("tenants:\n  - {id: x, name: Tenant X, namespaces: [tenant-x]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	te, err := templateEngine()
	if err != nil {
		t.Fatal(err)
	}
	e, model := te.engine, te.model
	res, err := e.Run(context.Background(), RunOptions{Bundle: b, Config: cfg, Model: model, Now: now, ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]controls.CheckResult{}
	for _, c := range res.Checks {
		out[c.ID] = c
	}
	return out
}

// templateEngine compiles the policies once for the tests of this file.
var templateEngine = sync.OnceValues(func() (struct {
	engine *Engine
	model  *controls.Model
}, error) {
	var te struct {
		engine *Engine
		model  *controls.Model
	}
	var err error
	if te.model, err = controls.Load(); err != nil {
		return te, err
	}
	te.engine, err = NewEngine(context.Background(), EngineOptions{})
	return te, err
})

func findingsOf(c controls.CheckResult) map[string]controls.Finding {
	out := map[string]controls.Finding{}
	for _, f := range c.Findings {
		out[f.Resource] = f
	}
	return out
}

func TestTemplatesWithoutPods(t *testing.T) {
	for _, kind := range []string{"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"} {
		for _, tt := range templateSpecs {
			t.Run(kind+"/"+tt.check, func(t *testing.T) {
				checks := checkObjects(t, map[string][]string{kind: {controller(kind, "tenant-x", "crm", tt.spec)}}, nil)
				resource := "prod/" + strings.ToLower(kind) + "/tenant-x/crm"
				f, ok := findingsOf(checks[tt.check])[resource]
				if !ok || f.Status != controls.Fail {
					t.Fatalf("%s: finding for %s: %+v (findings %+v)", tt.check, resource, f, checks[tt.check].Findings)
				}
				want := fmt.Sprintf("%s tenant-x/crm (0 pods) ", kind)
				if !strings.HasPrefix(f.Message.Text.EN, want) || !strings.Contains(f.Message.Text.EN, tt.names) || f.Tenant != "x" {
					t.Errorf("message %q (tenant %q), want it to start %q and name %q", f.Message, f.Tenant, want, tt.names)
				}
				if checks[tt.check].Status != controls.Fail {
					t.Errorf("%s = %s, want fail", tt.check, checks[tt.check].Status)
				}
			})
		}
		t.Run(kind+"/clean", func(t *testing.T) {
			checks := checkObjects(t, map[string][]string{kind: {controller(kind, "tenant-x", "crm", cleanTemplate)}}, nil)
			for _, id := range []string{"K8S-POD-01", "K8S-POD-02", "K8S-POD-03", "K8S-POD-04", "K8S-POD-05"} {
				c := checks[id]
				f := findingsOf(c)["prod/namespace/tenant-x"]
				if c.Status != controls.Pass || len(c.Findings) != 1 || f.Status != controls.Pass {
					t.Errorf("%s = %s with %+v, want one pass for the namespace", id, c.Status, c.Findings)
				}
			}
		})
	}
}

// TestPodsReportedThroughOwner: 30 privileged pods of a Deployment (with
// their ReplicaSet) give one finding, through the Deployment, which
// counts them; a clean pod of its own beside them does not make the
// namespace pass.
func TestPodsReportedThroughOwner(t *testing.T) {
	privileged := templateSpecs[0].spec
	var pods []string
	for i := range 30 {
		pods = append(pods, fmt.Sprintf(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"crm-7f9c-%02d","namespace":"tenant-x",`+
			`"labels":{"app":"crm","pod-template-hash":"7f9c"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"crm-7f9c","controller":true}]},"spec":%s}`, i, privileged))
	}
	pods = append(pods, `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"debug","namespace":"tenant-x"},"spec":`+cleanTemplate+`}`)
	checks := checkObjects(t, map[string][]string{
		"Deployment": {controller("Deployment", "tenant-x", "crm", privileged)},
		"ReplicaSet": {strings.Replace(controller("ReplicaSet", "tenant-x", "crm-7f9c", privileged), `"namespace":"tenant-x"`,
			`"namespace":"tenant-x","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"crm","controller":true}]`, 1)},
	}, pods)
	c := checks["K8S-POD-01"]
	var fails []string
	for _, f := range c.Findings {
		if f.Status != controls.Pass {
			fails = append(fails, f.Resource+": "+f.Message.Text.EN)
		}
	}
	want := []string{"prod/deployment/tenant-x/crm: Deployment tenant-x/crm (30 pods) runs privileged containers: containers[app].securityContext.privileged true"}
	if !slices.Equal(fails, want) || len(c.Findings) != 1 {
		t.Errorf("K8S-POD-01 findings %q (of %d), want %q", fails, len(c.Findings), want)
	}
	raw, _ := json.Marshal(c.Findings[0].Evidence)
	if !strings.Contains(string(raw), "deployments.json") {
		t.Errorf("evidence %s does not cite the Deployment", raw)
	}
}
