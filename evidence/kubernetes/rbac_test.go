package kubernetes_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/nachweis/nachweis/evidence/kubernetes"
)

// TestReadmeRBAC checks that the ClusterRole the README documents grants
// get and list on exactly the resources the collector lists: no fewer
// (the collection would record them as forbidden) and no more.
func TestReadmeRBAC(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var role *struct {
		Rules []struct {
			APIGroups []string `yaml:"apiGroups"`
			Resources []string `yaml:"resources"`
			Verbs     []string `yaml:"verbs"`
		} `yaml:"rules"`
	}
	for _, block := range bytes.Split(readme, []byte("```yaml\n"))[1:] {
		block, _, _ = bytes.Cut(block, []byte("```"))
		if !bytes.Contains(block, []byte("kind: ClusterRole\n")) {
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(block))
		for {
			var doc struct {
				Kind string `yaml:"kind"`
			}
			var node yaml.Node
			if err := dec.Decode(&node); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("README ClusterRole: %v", err)
			}
			if err := node.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			if doc.Kind == "ClusterRole" {
				if err := node.Decode(&role); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if role == nil {
		t.Fatal("README has no ClusterRole")
	}
	var granted []string
	for _, r := range role.Rules {
		if !slices.Equal(r.Verbs, []string{"get", "list"}) {
			t.Errorf("rule %v grants %v, want exactly get and list", r.Resources, r.Verbs)
		}
		for _, g := range r.APIGroups {
			for _, res := range r.Resources {
				granted = append(granted, strings.TrimSuffix(res+"."+g, "."))
			}
		}
	}
	want := kubernetes.CollectedResources()
	slices.Sort(granted)
	slices.Sort(want)
	if diff := cmp.Diff(want, granted); diff != "" {
		t.Errorf("README ClusterRole resources (-collected +granted):\n%s", diff)
	}
}
