package config

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nachweis/nachweis/evidence"
	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// validator checks the rules the types cannot express. Its errors point
// at the line the decoder recorded for the key path, or for the nearest
// enclosing path when the key itself is missing.
type validator struct {
	file  string
	lines yamlstrict.Lines
}

func (v *validator) errf(path, format string, args ...any) *Error {
	return &Error{File: v.file, Line: v.lines.Line(path), Path: path, Msg: fmt.Sprintf(format, args...)}
}

var (
	tenantID   = regexp.MustCompile(`^[a-z0-9-]+$`)
	dnsLabel   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	sourceName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	envName    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	site       = regexp.MustCompile(`^[A-Z]{2}(-\S.*)?$`)
	repoKey    = regexp.MustCompile(`^repo[1-9][0-9]*$`)
	country    = regexp.MustCompile(`^[A-Z]{2}$`)
)

// frameworks are the framework ids scope decisions may name (the ids of
// the controls package, which this package must not import, and its
// unversioned aliases c5 = c5-2020 and iso27001 = iso27001-2022).
var frameworks = []string{"c5-2020", "c5-2026", "iso27001-2022", "gdpr", "c5", "iso27001"}

// frameworkList names the framework ids for messages.
const frameworkList = "c5-2020, c5-2026, iso27001-2022, gdpr (c5 and iso27001 mean c5-2020 and iso27001-2022)"

// frameworkAliases are the unversioned framework ids and what they mean.
var frameworkAliases = map[string]string{"c5": "c5-2020", "iso27001": "iso27001-2022"}

// c5v2026ID is a C5:2026 criterion or sub-criterion id.
var c5v2026ID = regexp.MustCompile(`^[A-Z]{2,3}-[0-9]{2}(\.[0-9]{2}(B|AC|AS))?$`)

func (v *validator) config(c *Config) error {
	checks := []func(*Config) error{v.tenants, v.sources, v.dirs, v.scope, v.parameters, v.subProcessors, v.service, v.signing, v.deletion}
	for _, check := range checks {
		if err := check(c); err != nil {
			return err
		}
	}
	return nil
}

func required(s string) bool { return strings.TrimSpace(s) != "" }

func (v *validator) tenants(c *Config) error {
	ids := map[string]string{}        // id → path
	namespaces := map[string]string{} // namespace → tenant id
	for i, t := range c.Tenants {
		p := fmt.Sprintf("tenants[%d]", i)
		switch {
		case t.ID == "":
			return v.errf(p+".id", "required: a tenant id made of a-z, 0-9 and -")
		case !tenantID.MatchString(t.ID):
			return v.errf(p+".id", "expected a tenant id made of a-z, 0-9 and -, got %s", yamlstrict.Quote(t.ID))
		}
		if first, dup := ids[t.ID]; dup {
			return v.errf(p+".id", "duplicate tenant id %q (first at line %d)", t.ID, v.lines.Line(first))
		}
		ids[t.ID] = p + ".id"
		for j, ns := range t.Namespaces {
			np := fmt.Sprintf("%s.namespaces[%d]", p, j)
			if !dnsLabel.MatchString(ns) || len(ns) > 63 {
				return v.errf(np, "expected a Kubernetes namespace name (a-z, 0-9 and -, at most 63 characters), got %s", yamlstrict.Quote(ns))
			}
			if owner, dup := namespaces[ns]; dup {
				return v.errf(np, "namespace %q is already claimed by tenant %q; a namespace belongs to one tenant", ns, owner)
			}
			namespaces[ns] = t.ID
		}
		if err := v.namespaceSelector(p+".namespace_selector", t.NamespaceSelector); err != nil {
			return err
		}
		for _, stage := range slices.Sorted(maps.Keys(t.Stages)) {
			sp := p + ".stages." + stage
			ns := t.Stages[stage]
			switch {
			case !dnsLabel.MatchString(stage):
				return v.errf(sp, "expected a stage name made of a-z, 0-9 and -, e.g. production or test")
			case !dnsLabel.MatchString(ns) || len(ns) > 63:
				return v.errf(sp, "expected a Kubernetes namespace name (a-z, 0-9 and -, at most 63 characters), got %s", yamlstrict.Quote(ns))
			case t.NamespaceSelector == nil && !slices.Contains(t.Namespaces, ns):
				return v.errf(sp, "namespace %q is not one of the tenant's namespaces", ns)
			}
		}
		if t.Contract != nil && !required(t.Contract.Reference) {
			return v.errf(p+".contract.reference", "required: the reference of the data processing agreement, e.g. AVV-2025-017")
		}
		if t.Contract != nil && t.Contract.Annex != "" && !annexPattern.MatchString(t.Contract.Annex) {
			return v.errf(p+".contract.annex", "expected the annex number as the contract names it, e.g. 2 or 3a (letters and digits, at most 8), got %q", t.Contract.Annex)
		}
		if err := v.deletionCase(p+".deletion", t.Deletion); err != nil {
			return err
		}
	}
	return nil
}

// annexPattern is an annex number as contracts write it: 2, 3a, IV.
var annexPattern = regexp.MustCompile(`^[0-9A-Za-z]{1,8}$`)

func (v *validator) sources(c *Config) error {
	s := c.Sources
	names := newNames(v)
	for i, k := range s.Kubernetes {
		if err := v.kubernetes(names, fmt.Sprintf("sources.kubernetes[%d]", i), k); err != nil {
			return err
		}
	}
	for i, r := range s.Restic {
		p := fmt.Sprintf("sources.restic[%d]", i)
		if err := v.backup(c, names, "restic", p, r.BackupSource); err != nil {
			return err
		}
		if !required(r.Repository) {
			return v.errf(p+".repository", "required: the restic repository, e.g. /srv/backup/restic/web-01")
		}
		if hasURLPassword(r.Repository) {
			return v.errf(p+".repository", "the repository URL contains a password; remove it and give it to restic through its environment (e.g. RESTIC_REST_PASSWORD) (the value is not shown)")
		}
		if err := v.secretRef(p, "password", r.PasswordFile, r.PasswordEnv); err != nil {
			return err
		}
		if err := v.resticCheck(p+".check", r.Check); err != nil {
			return err
		}
	}
	for i, b := range s.Borg {
		p := fmt.Sprintf("sources.borg[%d]", i)
		if err := v.backup(c, names, "borg", p, b.BackupSource); err != nil {
			return err
		}
		if !required(b.Repository) {
			return v.errf(p+".repository", "required: the borg repository, e.g. /srv/backup/borg/files-01")
		}
		if hasURLPassword(b.Repository) {
			return v.errf(p+".repository", "the repository URL contains a password; remove it and use an SSH key (the value is not shown)")
		}
		if err := v.secretRef(p, "passphrase", b.PassphraseFile, b.PassphraseEnv); err != nil {
			return err
		}
	}
	for i, g := range s.PgBackRest {
		p := fmt.Sprintf("sources.pgbackrest[%d]", i)
		if err := v.backup(c, names, "pgbackrest", p, g.BackupSource); err != nil {
			return err
		}
		if !required(g.Stanza) {
			return v.errf(p+".stanza", "required: the pgBackRest stanza, e.g. main")
		}
		if err := v.secretRef(p, "cipher_pass", g.CipherPassFile, g.CipherPassEnv); err != nil {
			return err
		}
	}
	for i, g := range s.GitHub {
		p := fmt.Sprintf("sources.github[%d]", i)
		if err := names.add("github", p, g.Name); err != nil {
			return err
		}
		if !required(g.Organization) {
			return v.errf(p+".organization", "required: the GitHub organisation login, e.g. example-org")
		}
		if err := v.envRef(p+".token_env", g.TokenEnv, "GITHUB_TOKEN"); err != nil {
			return err
		}
		if g.BaseURL != "" && !serverURL(g.BaseURL) {
			return v.errf(p+".base_url", "expected the http(s) URL of a GitHub Enterprise Server without credentials, query or fragment, e.g. https://ghe.example.com")
		}
	}
	return nil
}

// kubernetes checks a Kubernetes source: a name, either a kubeconfig
// (with an optional context) or in_cluster, and sane request settings.
func (v *validator) kubernetes(n *names, p string, k KubernetesSource) error {
	if err := n.add("kubernetes", p, k.Name); err != nil {
		return err
	}
	if k.InCluster && (k.Kubeconfig != "" || k.Context != "") {
		return v.errf(p+".in_cluster", "give in_cluster: true (the service account of the pod nachweis runs in) or kubeconfig and context, not both")
	}
	if _, given := v.lines[p+".page_size"]; given && (k.PageSize < 1 || k.PageSize > MaxKubernetesPageSize) {
		return v.errf(p+".page_size", "expected a number of objects per list request from 1 to %d, got %d", MaxKubernetesPageSize, k.PageSize)
	}
	return nil
}

// namespaceSelector checks a tenant's namespace selector: match_labels
// with at least one label, keys and values as Kubernetes accepts them.
// An empty selector would select every namespace of the cluster.
func (v *validator) namespaceSelector(p string, s *NamespaceSelector) error {
	if s == nil {
		return nil
	}
	if len(s.MatchLabels) == 0 {
		return v.errf(p+".match_labels", "required: at least one label the tenant's namespaces carry, e.g. {tenant: acme} (an empty selector would select every namespace)")
	}
	for _, k := range sortedKeys(s.MatchLabels) {
		kp := p + ".match_labels." + k
		if !labelKey(k) {
			return v.errf(kp, "expected a Kubernetes label key like tenant or example.com/tenant, got %s", yamlstrict.Quote(k))
		}
		if val := s.MatchLabels[k]; !labelValue(val) {
			return v.errf(kp, "expected a Kubernetes label value (at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit), got %s", yamlstrict.Quote(val))
		}
	}
	return nil
}

var (
	labelName = regexp.MustCompile(`^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`)
	dnsName   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
)

// labelKey reports whether k is a Kubernetes label key: an optional DNS
// subdomain prefix and "/", then a name of at most 63 characters.
func labelKey(k string) bool {
	prefix, name, ok := strings.Cut(k, "/")
	if !ok {
		prefix, name = "", k
	} else if prefix == "" || len(prefix) > 253 || !dnsName.MatchString(prefix) {
		return false
	}
	return len(name) <= 63 && labelName.MatchString(name)
}

// labelValue reports whether s is a Kubernetes label value; empty is one.
func labelValue(s string) bool {
	return s == "" || len(s) <= 63 && labelName.MatchString(s)
}

// names checks that source names are given, well-formed and unique per
// kind.
type names struct {
	v    *validator
	seen map[string]string // kind/name → path
}

func newNames(v *validator) *names { return &names{v: v, seen: map[string]string{}} }

func (n *names) add(kind, p, name string) error {
	switch {
	case name == "":
		return n.v.errf(p+".name", "required: a name for the source, unique among the %s sources", kind)
	case !sourceName.MatchString(name):
		return n.v.errf(p+".name", "expected a name made of letters, digits, '.', '_' and '-', got %s", yamlstrict.Quote(name))
	}
	key := kind + "/" + name
	if first, dup := n.seen[key]; dup {
		return n.v.errf(p+".name", "duplicate %s source name %q (first at line %d)", kind, name, n.v.lines.Line(first))
	}
	n.seen[key] = p + ".name"
	return nil
}

// backup checks the declarations common to backup sources.
func (v *validator) backup(c *Config, n *names, kind, p string, b BackupSource) error {
	if err := n.add(kind, p, b.Name); err != nil {
		return err
	}
	if b.Site != "" && !site.MatchString(b.Site) {
		return v.errf(p+".site", "expected a site like DE-Falkenstein (ISO 3166 country code, dash, place), got %s", yamlstrict.Quote(b.Site))
	}
	if b.Sites != nil {
		if kind != "pgbackrest" {
			return v.errf(p+".sites", "only pgbackrest sources declare sites per repository; use site")
		}
		if b.Site != "" {
			return v.errf(p+".sites", "give site (one for all repositories) or sites (per repository), not both")
		}
		for _, key := range sortedKeys(b.Sites) {
			kp := p + ".sites." + key
			if !repoKey.MatchString(key) {
				return v.errf(kp, "expected a pgBackRest repository key like repo1")
			}
			if s := b.Sites[key]; !site.MatchString(s) {
				return v.errf(kp, "expected a site like DE-Falkenstein (ISO 3166 country code, dash, place), got %s", yamlstrict.Quote(s))
			}
		}
	}
	if err := v.retention(kind, p+".retention", b.Retention); err != nil {
		return err
	}
	for _, id := range sortedKeys(b.Tenants) {
		if _, ok := c.Tenant(id); !ok {
			return v.errf(p+".tenants."+id, "unknown tenant %q (%s)", id, knownTenants(c))
		}
	}
	return nil
}

func knownTenants(c *Config) string {
	if len(c.Tenants) == 0 {
		return "no tenants are defined under tenants"
	}
	ids := make([]string, len(c.Tenants))
	for i, t := range c.Tenants {
		ids[i] = t.ID
	}
	sort.Strings(ids)
	return "defined tenants: " + strings.Join(ids, ", ")
}

// hasURLPassword reports whether a repository URL carries a password in
// its user info (rest:https://user:password@host/...). Such a URL would
// reach the bundle and the documents as the repository's location.
func hasURLPassword(repo string) bool {
	i := strings.Index(repo, "://")
	if i < 0 {
		return false
	}
	authority, _, _ := strings.Cut(repo[i+3:], "/")
	at := strings.LastIndexByte(authority, '@')
	return at >= 0 && strings.Contains(authority[:at], ":")
}

// secretRef checks a secret reference: at most one of <what>_file and
// <what>_env, and an environment variable name that looks like one. The
// value is never quoted: a secret pasted into the wrong key must not be
// echoed.
func (v *validator) secretRef(p, what, file, env string) error {
	if file != "" && env != "" {
		return v.errf(p+"."+what+"_env", "give %s_file or %s_env, not both", what, what)
	}
	return v.envRef(p+"."+what+"_env", env, envExamples[what])
}

// envExamples are example variable names of the secret references.
var envExamples = map[string]string{"password": "RESTIC_PASSWORD", "passphrase": "BORG_PASSPHRASE", "cipher_pass": "PGBACKREST_REPO1_CIPHER_PASS", "key": "NACHWEIS_SIGNING_KEY"}

// envRef checks the value of a *_env key: an environment variable name
// (letters, digits and '_', not starting with a digit) that does not look
// like a secret pasted where the name belongs (a GitHub token is a valid
// name: ghp_…). The value is never quoted, since the message would repeat
// the secret.
func (v *validator) envRef(path, name, example string) error {
	if name == "" || envName.MatchString(name) && !evidence.LooksLikeSecret(name) {
		return nil
	}
	return v.errf(path, "not a valid environment variable name (it looks like a secret value?): expected a name like %s (the value is not shown)", example)
}

var (
	subsetPart    = regexp.MustCompile(`^([1-9][0-9]*)/([1-9][0-9]*)$`)
	subsetPercent = regexp.MustCompile(`^([0-9]+(\.[0-9]+)?)%$`)
	subsetSize    = regexp.MustCompile(`^[1-9][0-9]*[bBkKmMgGtT]?$`)
)

// resticCheck checks a restic check block: read_data_subset in one of
// the forms restic accepts, or rotate, not both.
func (v *validator) resticCheck(p string, c *ResticCheck) error {
	if c == nil {
		return nil
	}
	const forms = "n/t with 1 <= n <= t (1/7), a percentage above 0 and at most 100 (5%) or a size (500M)"
	if _, given := v.lines[p+".rotate"]; given {
		if c.ReadDataSubset != "" {
			return v.errf(p+".rotate", "give read_data_subset or rotate, not both")
		}
		if c.Rotate < 1 || c.Rotate > MaxResticCheckRotate {
			return v.errf(p+".rotate", "expected a number of days from 1 to %d over which all data is read, got %d", MaxResticCheckRotate, c.Rotate)
		}
	}
	if _, given := v.lines[p+".read_data_subset"]; !given {
		return nil
	}
	s := c.ReadDataSubset
	ok := subsetSize.MatchString(s)
	if m := subsetPart.FindStringSubmatch(s); m != nil {
		n, err1 := strconv.Atoi(m[1])
		t, err2 := strconv.Atoi(m[2])
		ok = err1 == nil && err2 == nil && n <= t
	}
	if m := subsetPercent.FindStringSubmatch(s); m != nil {
		x, err := strconv.ParseFloat(m[1], 64)
		ok = err == nil && x > 0 && x <= 100
	}
	if !ok {
		return v.errf(p+".read_data_subset", "expected %s, got %s", forms, yamlstrict.Quote(s))
	}
	return nil
}

// signing checks the reference to the pack signing key.
func (v *validator) signing(c *Config) error {
	return v.secretRef("signing", "key", c.Signing.KeyFile, c.Signing.KeyEnv)
}

func (v *validator) dirs(c *Config) error {
	for _, l := range []struct {
		key  string
		dirs []string
	}{{"attestations", c.Attestations}, {"exceptions", c.Exceptions}, {"policies", c.Policies}} {
		for i, d := range l.dirs {
			if !required(d) {
				return v.errf(fmt.Sprintf("%s[%d]", l.key, i), "expected a directory, got an empty value")
			}
		}
	}
	return nil
}

func (v *validator) scope(c *Config) error {
	seen := map[string]string{}
	for i, d := range c.Scope.NotApplicable {
		p := fmt.Sprintf("scope.not_applicable[%d]", i)
		switch {
		case d.Framework == "":
			return v.errf(p+".framework", "required: one of %s", frameworkList)
		case !slices.Contains(frameworks, d.Framework):
			return v.errf(p+".framework", "expected one of %s, got %s", frameworkList, yamlstrict.Quote(d.Framework))
		case !required(d.ID):
			return v.errf(p+".id", "required: the requirement id, e.g. PS-01")
		case d.Justification.IsZero():
			return v.errf(p+".justification", "required: why the requirement does not apply (not-applicable is never assumed), {de: …, en: …}")
		case !required(d.DecidedBy):
			return v.errf(p+".decided_by", "required: who decided that the requirement does not apply")
		case d.DecidedOn.IsZero():
			return v.errf(p+".decided_on", "required: the date of the decision, YYYY-MM-DD")
		}
		fw := d.Framework
		if v, ok := frameworkAliases[fw]; ok {
			fw = v
		}
		key := fw + ":" + d.ID
		if first, dup := seen[key]; dup {
			return v.errf(p, "duplicate scope decision for %s %s (first at line %d)", d.Framework, d.ID, v.lines.Line(first))
		}
		seen[key] = p
	}
	for i, id := range c.Scope.C5v2026Additional {
		if !c5v2026ID.MatchString(id) {
			return v.errf(fmt.Sprintf("scope.c5_2026_additional[%d]", i), "expected a C5:2026 criterion (OPS-31) or additional sub-criterion id (OPS-31.01AC), got %s", yamlstrict.Quote(id))
		}
	}
	for i, d := range c.Scope.MeasuresNotApplicable {
		p := fmt.Sprintf("scope.measures_not_applicable[%d]", i)
		switch {
		case !required(d.ID):
			return v.errf(p+".id", "required: the measure id, e.g. TOM-VER-15")
		case d.Justification.IsZero():
			return v.errf(p+".justification", "required: why the measure is not used (not-applicable is never assumed), {de: …, en: …}")
		case !required(d.DecidedBy):
			return v.errf(p+".decided_by", "required: who decided that the measure is not used")
		case d.DecidedOn.IsZero():
			return v.errf(p+".decided_on", "required: the date of the decision, YYYY-MM-DD")
		}
		if first, dup := seen["measure:"+d.ID]; dup {
			return v.errf(p, "duplicate scope decision for measure %s (first at line %d)", d.ID, v.lines.Line(first))
		}
		seen["measure:"+d.ID] = p
	}
	return nil
}

func (v *validator) parameters(c *Config) error {
	q := c.Parameters
	if q.GitHubMaxOwners != nil && *q.GitHubMaxOwners < 1 {
		return v.errf("parameters.github_max_owners", "expected a number of owners of at least 1, got %d", *q.GitHubMaxOwners)
	}
	for i, s := range q.AllowedClusterAdmins {
		if !validSubject(s) {
			return v.errf(fmt.Sprintf("parameters.allowed_cluster_admins[%d]", i),
				"expected a subject like Group/system:masters, User/<name> or ServiceAccount/<namespace>/<name>, got %s", yamlstrict.Quote(s))
		}
	}
	for i, s := range q.EUCountries {
		if !countryCode(s) {
			return v.errf(fmt.Sprintf("parameters.eu_countries[%d]", i), "expected a two-letter ISO 3166 country code like DE, got %s", yamlstrict.Quote(s))
		}
	}
	for i, r := range q.AllowedRegistries {
		if r == "" || strings.ContainsAny(r, " \t@") || strings.HasSuffix(r, "/") || strings.Contains(r, "://") {
			return v.errf(fmt.Sprintf("parameters.allowed_registries[%d]", i), "expected a registry host or path like registry.example.com or ghcr.io/example-org, got %s", yamlstrict.Quote(r))
		}
	}
	if q.NodeRegionLabel != "" && strings.ContainsAny(q.NodeRegionLabel, " \t=") {
		return v.errf("parameters.node_region_label", "expected a label key like topology.kubernetes.io/region, got %s", yamlstrict.Quote(q.NodeRegionLabel))
	}
	for _, region := range slices.Sorted(maps.Keys(q.RegionCountries)) {
		if cc := q.RegionCountries[region]; !countryCode(cc) {
			return v.errf("parameters.region_countries."+region, "expected a two-letter ISO 3166 country code like DE, got %s", yamlstrict.Quote(cc))
		}
	}
	return nil
}

// countryCode reports whether s is two upper-case letters, like DE.
func countryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// validSubject reports whether s is "<Kind>/<name>" for User or Group, or
// "ServiceAccount/<namespace>/<name>".
func validSubject(s string) bool {
	kind, rest, ok := strings.Cut(s, "/")
	if !ok || rest == "" {
		return false
	}
	switch kind {
	case "User", "Group":
		return true
	case "ServiceAccount":
		ns, name, ok := strings.Cut(rest, "/")
		return ok && ns != "" && name != "" && !strings.Contains(name, "/")
	}
	return false
}

func (v *validator) subProcessors(c *Config) error {
	if err := v.subProcessorList("sub_processors", c.SubProcessors, nil); err != nil {
		return err
	}
	for i, t := range c.Tenants {
		if err := v.subProcessorList(fmt.Sprintf("tenants[%d].sub_processors", i), t.SubProcessors, c.SubProcessors); err != nil {
			return err
		}
	}
	return nil
}

// subProcessorList checks a list of sub-processors; a tenant's own must
// not repeat one of the provider's (shared).
func (v *validator) subProcessorList(path string, list, shared []SubProcessor) error {
	for i, s := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		if !required(s.Name) {
			return v.errf(p+".name", "required: the sub-processor's name")
		}
		if s.Location != "" && !country.MatchString(s.Location) {
			return v.errf(p+".location", "expected an ISO 3166 country code like DE, got %s", yamlstrict.Quote(s.Location))
		}
		if s.Method != "" && s.Method != MethodCarveOut && s.Method != MethodInclusive {
			return v.errf(p+".method", "expected %s or %s (how the audit report treats the sub-service organisation), got %s", MethodCarveOut, MethodInclusive, yamlstrict.Quote(s.Method))
		}
		for _, t := range []struct {
			key string
			t   Text
		}{{"service", s.Service}, {"transfer", s.Transfer}, {"attestation", s.Attestation}, {"controls", s.Controls}} {
			if err := v.text(p+"."+t.key, t.t, false, ""); err != nil {
				return err
			}
		}
		for _, other := range append(append([]SubProcessor(nil), shared...), list[:i]...) {
			if other.Name == s.Name {
				return v.errf(p+".name", "duplicate sub-processor %q", s.Name)
			}
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// serverURL reports whether s is an absolute http(s) URL with a host and
// without user info, query or fragment.
func serverURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" &&
		u.User == nil && u.RawQuery == "" && u.Fragment == "" && !u.ForceQuery
}
