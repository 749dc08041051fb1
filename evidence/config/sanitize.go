package config

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// SanitizeOptions say what a sanitized configuration names instead of the
// directories of the original: the attestation and exception directories
// as they are found beside the sanitized file (e.g. in an evidence pack).
type SanitizeOptions struct {
	Attestations []string
	Exceptions   []string
}

// Sanitize returns the configuration file data without what must not
// leave the provider with it, for an evidence pack: every comment, the
// signing key reference, and from every source the secret references
// (*_file, *_env), the kubeconfig and pgBackRest's config path. The extra
// policy directories are dropped (a pack carries its policies itself);
// attestations and exceptions name the directories of o. Everything else
// is kept as written, aliases expanded, so the result parses to the same
// tenants, declarations, scope decisions and parameters. data must be a
// configuration Parse accepts.
func Sanitize(name string, data []byte, o SanitizeOptions) ([]byte, error) {
	root, err := yamlstrict.Parse(name, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	budget := maxSanitizeNodes
	root, err = expandAliases(root, &budget)
	if err != nil {
		return nil, fmt.Errorf("sanitize %s: %w", name, err)
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("sanitize %s: expected a mapping at the top, got %s", name, yamlstrict.Describe(root))
	}
	dropComments(root)
	var content []*yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "signing", "policies", "attestations", "exceptions":
			continue
		case "sources":
			sanitizeSources(v)
		}
		content = append(content, k, v)
	}
	for _, l := range []struct {
		key  string
		dirs []string
	}{{"attestations", o.Attestations}, {"exceptions", o.Exceptions}} {
		if len(l.dirs) == 0 {
			continue
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		for _, d := range l.dirs {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: d})
		}
		content = append(content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: l.key}, seq)
	}
	root.Content = content
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("sanitize %s: %w", name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("sanitize %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// maxSanitizeNodes bounds alias expansion as Parse's decoder bounds
// decoding.
const maxSanitizeNodes = 1_000_000

// expandAliases returns a copy of n in which every alias is replaced by a
// copy of its target and no node carries an anchor, so that dropping a
// key cannot leave an alias without its anchor.
func expandAliases(n *yaml.Node, budget *int) (*yaml.Node, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	*budget--
	if *budget < 0 {
		return nil, fmt.Errorf("more than %d nodes after expanding aliases", maxSanitizeNodes)
	}
	c := *n
	c.Anchor = ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		x, err := expandAliases(child, budget)
		if err != nil {
			return nil, err
		}
		c.Content[i] = x
	}
	return &c, nil
}

func dropComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		dropComments(c)
	}
}

// sanitizeSources removes from every source of every kind the keys that
// reference secrets or local credential files.
func sanitizeSources(sources *yaml.Node) {
	if sources.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(sources.Content); i += 2 {
		list := sources.Content[i]
		if list.Kind != yaml.SequenceNode {
			continue
		}
		for _, src := range list.Content {
			if src.Kind != yaml.MappingNode {
				continue
			}
			var keep []*yaml.Node
			for j := 0; j+1 < len(src.Content); j += 2 {
				if credentialKey(src.Content[j].Value) {
					continue
				}
				keep = append(keep, src.Content[j], src.Content[j+1])
			}
			src.Content = keep
		}
	}
}

// credentialKey reports whether a source key references a secret or a
// file holding credentials.
func credentialKey(k string) bool {
	return strings.HasSuffix(k, "_file") || strings.HasSuffix(k, "_env") || k == "kubeconfig" || k == "config"
}
