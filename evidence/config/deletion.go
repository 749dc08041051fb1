package config

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // retention.timezone must not depend on the machine's zoneinfo

	"github.com/nachweis/nachweis/evidence/internal/yamlstrict"
)

// Deletion is the provider's deletion concept in the terms of ISO/IEC
// 27555 (which replaced DIN 66398): deletion classes, the data clusters
// (clusters of PII) assigned to them, the places holding tenant data that
// no collector can see, and statutory retention. The deletion protocol
// (nachweis deletion) reads it; the zero value declares nothing.
type Deletion struct {
	Classes  []DeletionClass `yaml:"classes"`
	Clusters []DataCluster   `yaml:"clusters"`
	// Places are declared, not measured: the protocol shows them as the
	// provider's statement, never as verified.
	Places []DeclaredPlace `yaml:"places"`
	// LegalRetention lists data kept after deletion because a law
	// requires it (e.g. § 147 AO, § 257 HGB).
	LegalRetention []LegalRetention `yaml:"legal_retention"`
}

// DeletionClass is a deletion class: a starting point and a standard
// deletion period counted from it.
type DeletionClass struct {
	ID   string `yaml:"id"`
	Name Text   `yaml:"name"`
	// StartingPoint is when the period starts: StartCreation or
	// StartContractEnd.
	StartingPoint string `yaml:"starting_point"`
	// Period is the standard deletion period; zero (not given) means at
	// the starting point.
	Period time.Duration `yaml:"period"`
}

// Starting points of a deletion class.
const (
	// StartCreation: the period runs from the creation of each data
	// object (logs, backups).
	StartCreation = "creation"
	// StartContractEnd: the period runs from the end of the contract.
	StartContractEnd = "contract_end"
)

// StartingPoints lists the valid starting points.
var StartingPoints = []string{StartCreation, StartContractEnd}

// DataCluster is a cluster of PII: data of one purpose with one deletion
// rule, given by its deletion class.
type DataCluster struct {
	ID    string `yaml:"id"`
	Name  Text   `yaml:"name"`
	Class string `yaml:"class"`
	// Kinds are the inventory kinds whose items belong to the cluster
	// (see InventoryKinds); each kind belongs to at most one cluster.
	Kinds []string `yaml:"kinds"`
	// Method is MethodLogical (the default) or MethodCryptographic, as
	// the provider declares it.
	Method string `yaml:"method"`
}

// Deletion methods a data cluster declares.
const (
	// MethodLogical: deletion through the system's interface (API
	// delete, forget and prune); the storage is released, not purged.
	MethodLogical = "logical"
	// MethodCryptographic: cryptographic erasure, the keys of the
	// encrypted storage are destroyed.
	MethodCryptographic = "cryptographic"
)

// InventoryKinds are the kinds of items the deletion inventory finds, as
// data clusters name them.
var InventoryKinds = []string{
	"namespaces", "persistentvolumeclaims", "persistentvolumes", "secrets", "configmaps",
	"velero", "restic", "borg", "pgbackrest",
}

// DeclaredPlace is a place holding tenant data that nachweis cannot see,
// such as the ticket system, log storage or e-mail. Its deletion date
// follows from its data cluster's deletion class.
type DeclaredPlace struct {
	ID   string `yaml:"id"`
	Name Text   `yaml:"name"`
	// Cluster is the id of its data cluster.
	Cluster string `yaml:"cluster"`
	// Method says how the data is deleted there, e.g. {de: Tickets
	// werden anonymisiert, en: tickets are anonymised}.
	Method Text `yaml:"method"`
	// Responsible is the role that carries the deletion out.
	Responsible Text `yaml:"responsible"`
}

// LegalRetention is data kept after deletion because a law requires it.
// The period starts at the end of the calendar year in which the contract
// ended, as under § 147 (4) AO and § 257 (5) HGB.
type LegalRetention struct {
	ID   string `yaml:"id"`
	Name Text   `yaml:"name"`
	// LegalBasis names the law as each language cites it, e.g.
	// {de: "§ 147 Abs. 1 Nr. 4 AO", en: "section 147(1) no. 4 AO"}.
	LegalBasis Text `yaml:"legal_basis"`
	// Years is the retention period in whole years.
	Years int `yaml:"years"`
}

// MaxLegalRetentionYears bounds legal_retention[].years.
const MaxLegalRetentionYears = 100

// DeletionCase records the deletion of one tenant's data: what started it,
// who asked for it and who carries it out and verifies it.
type DeletionCase struct {
	// Trigger is TriggerContractEnd or TriggerInstruction.
	Trigger string `yaml:"trigger"`
	// ContractEnd is the last day of the contract; required with
	// trigger contract_end.
	ContractEnd time.Time `yaml:"contract_end"`
	// Instruction is InstructionDelete (the default) or
	// InstructionReturnAndDelete.
	Instruction string `yaml:"instruction"`
	RequestedBy string `yaml:"requested_by"`
	// RequestedOn is the day of the instruction; zero when not given.
	RequestedOn time.Time `yaml:"requested_on"`
	// Channel is how the instruction arrived, e.g. "Ticket SUP-4711".
	Channel string `yaml:"channel"`
	// ExecutedBy and VerifiedBy are the person who deletes and the second
	// person who checks the protocol; they must differ.
	ExecutedBy string `yaml:"executed_by"`
	VerifiedBy string `yaml:"verified_by"`
}

// Triggers and instructions of a deletion case.
const (
	TriggerContractEnd         = "contract_end"
	TriggerInstruction         = "instruction"
	InstructionDelete          = "delete"
	InstructionReturnAndDelete = "return_and_delete"
)

// Start is the day the deletion periods of contract_end classes run
// from: the contract end, else the day of the instruction.
func (d DeletionCase) Start() time.Time {
	if !d.ContractEnd.IsZero() {
		return d.ContractEnd
	}
	return d.RequestedOn
}

// DeletionClass returns the deletion class with the given id.
func (c *Config) DeletionClass(id string) (DeletionClass, bool) {
	if c == nil {
		return DeletionClass{}, false
	}
	for _, k := range c.Deletion.Classes {
		if k.ID == id {
			return k, true
		}
	}
	return DeletionClass{}, false
}

// DataClusterOf returns the data cluster that holds items of an inventory
// kind (see InventoryKinds) or has the given id.
func (c *Config) DataClusterOf(kindOrID string) (DataCluster, bool) {
	if c == nil {
		return DataCluster{}, false
	}
	for _, d := range c.Deletion.Clusters {
		if d.ID == kindOrID || slices.Contains(d.Kinds, kindOrID) {
			return d, true
		}
	}
	return DataCluster{}, false
}

// deletion checks the deletion concept: unique ids, known references, each
// inventory kind in at most one cluster.
func (v *validator) deletion(c *Config) error {
	d := c.Deletion
	classes := map[string]string{}
	for i, k := range d.Classes {
		p := fmt.Sprintf("deletion.classes[%d]", i)
		if err := v.uniqueID(classes, p, k.ID, "a deletion class id, e.g. LK-1"); err != nil {
			return err
		}
		switch {
		case k.Name.IsZero():
			return v.errf(p+".name", "required: the name of the deletion class, e.g. {de: 30 Tage ab Vertragsende, en: 30 days after contract end}")
		case k.StartingPoint == "":
			return v.errf(p+".starting_point", "required: one of %s", strings.Join(StartingPoints, ", "))
		case !slices.Contains(StartingPoints, k.StartingPoint):
			return v.errf(p+".starting_point", "expected one of %s, got %s", strings.Join(StartingPoints, ", "), yamlstrict.Quote(k.StartingPoint))
		}
	}
	clusters := map[string]string{}
	kinds := map[string]string{} // kind → cluster id
	for i, k := range d.Clusters {
		p := fmt.Sprintf("deletion.clusters[%d]", i)
		if err := v.uniqueID(clusters, p, k.ID, "a data cluster id, e.g. anwendungsdaten"); err != nil {
			return err
		}
		if k.Name.IsZero() {
			return v.errf(p+".name", "required: the name of the data cluster, e.g. {de: Anwendungsdaten des Mandanten, en: the tenant's application data}")
		}
		if err := v.reference(p+".class", k.Class, classes, "deletion class", "deletion.classes"); err != nil {
			return err
		}
		for j, kind := range k.Kinds {
			kp := fmt.Sprintf("%s.kinds[%d]", p, j)
			if !slices.Contains(InventoryKinds, kind) {
				return v.errf(kp, "expected one of %s, got %s", strings.Join(InventoryKinds, ", "), yamlstrict.Quote(kind))
			}
			if other, dup := kinds[kind]; dup {
				return v.errf(kp, "%s already belong to data cluster %q; each kind belongs to one cluster", kind, other)
			}
			kinds[kind] = k.ID
		}
		if k.Method != "" && k.Method != MethodLogical && k.Method != MethodCryptographic {
			return v.errf(p+".method", "expected %s or %s, got %s", MethodLogical, MethodCryptographic, yamlstrict.Quote(k.Method))
		}
	}
	places := map[string]string{}
	for i, k := range d.Places {
		p := fmt.Sprintf("deletion.places[%d]", i)
		if err := v.uniqueID(places, p, k.ID, "a place id, e.g. tickets"); err != nil {
			return err
		}
		if k.Name.IsZero() {
			return v.errf(p+".name", "required: the name of the place, e.g. {de: Ticketsystem, en: ticket system}")
		}
		if err := v.reference(p+".cluster", k.Cluster, clusters, "data cluster", "deletion.clusters"); err != nil {
			return err
		}
	}
	retained := map[string]string{}
	for i, k := range d.LegalRetention {
		p := fmt.Sprintf("deletion.legal_retention[%d]", i)
		if err := v.uniqueID(retained, p, k.ID, "an id, e.g. rechnungen"); err != nil {
			return err
		}
		switch {
		case k.Name.IsZero():
			return v.errf(p+".name", "required: what is kept, e.g. {de: Rechnungen und Buchungsbelege, en: invoices and accounting records}")
		case k.LegalBasis.IsZero():
			return v.errf(p+".legal_basis", "required: the law that requires keeping it, e.g. {de: \"§ 147 AO, § 257 HGB\", en: \"section 147 AO, section 257 HGB\"}")
		case k.Years < 1 || k.Years > MaxLegalRetentionYears:
			return v.errf(p+".years", "expected the retention period in whole years from 1 to %d, got %d", MaxLegalRetentionYears, k.Years)
		}
	}
	return nil
}

// uniqueID checks that an id is given, well-formed and not used before in
// seen (id → path), and records it.
func (v *validator) uniqueID(seen map[string]string, p, id, want string) error {
	switch {
	case id == "":
		return v.errf(p+".id", "required: %s", want)
	case !sourceName.MatchString(id):
		return v.errf(p+".id", "expected an id made of letters, digits, '.', '_' and '-', got %s", yamlstrict.Quote(id))
	}
	if first, dup := seen[id]; dup {
		return v.errf(p+".id", "duplicate id %q (first at line %d)", id, v.lines.Line(first))
	}
	seen[id] = p + ".id"
	return nil
}

// reference checks that id names an entry of defined (id → path).
func (v *validator) reference(p, id string, defined map[string]string, noun, section string) error {
	if id == "" {
		return v.errf(p, "required: the id of a %s under %s", noun, section)
	}
	if _, ok := defined[id]; !ok {
		ids := make([]string, 0, len(defined))
		for k := range defined {
			ids = append(ids, k)
		}
		slices.Sort(ids)
		known := "none is defined"
		if len(ids) > 0 {
			known = "defined: " + strings.Join(ids, ", ")
		}
		return v.errf(p, "unknown %s %q (%s under %s)", noun, id, known, section)
	}
	return nil
}

// deletionCase checks a tenant's deletion block.
func (v *validator) deletionCase(p string, d *DeletionCase) error {
	if d == nil {
		return nil
	}
	triggers := []string{TriggerContractEnd, TriggerInstruction}
	switch {
	case d.Trigger == "":
		return v.errf(p+".trigger", "required: %s", strings.Join(triggers, " or "))
	case !slices.Contains(triggers, d.Trigger):
		return v.errf(p+".trigger", "expected %s, got %s", strings.Join(triggers, " or "), yamlstrict.Quote(d.Trigger))
	case d.Trigger == TriggerContractEnd && d.ContractEnd.IsZero():
		return v.errf(p+".contract_end", "required with trigger contract_end: the last day of the contract, YYYY-MM-DD")
	case d.Trigger == TriggerInstruction && d.RequestedOn.IsZero():
		return v.errf(p+".requested_on", "required with trigger instruction: the day of the customer's instruction, YYYY-MM-DD")
	case d.Instruction != "" && d.Instruction != InstructionDelete && d.Instruction != InstructionReturnAndDelete:
		return v.errf(p+".instruction", "expected %s or %s, got %s", InstructionDelete, InstructionReturnAndDelete, yamlstrict.Quote(d.Instruction))
	case !required(d.RequestedBy):
		return v.errf(p+".requested_by", "required: who gave the instruction, e.g. \"Datenschutzbeauftragte der ACME GmbH\"")
	case required(d.ExecutedBy) && strings.EqualFold(strings.TrimSpace(d.ExecutedBy), strings.TrimSpace(d.VerifiedBy)):
		return v.errf(p+".verified_by", "the verification needs a second person: verified_by must differ from executed_by")
	}
	return nil
}

// retention checks a declared retention for the tool of a backup source:
// which keep rules the tool has, and the settings of the retention
// simulation.
func (v *validator) retention(kind, p string, r *Retention) error {
	if r == nil {
		return nil
	}
	counts := []struct {
		key string
		n   int
	}{{"last", r.Last}, {"minutely", r.Minutely}, {"hourly", r.Hourly}, {"daily", r.Daily}, {"weekly", r.Weekly},
		{"monthly", r.Monthly}, {"yearly", r.Yearly}, {"full", r.Full}}
	for _, f := range counts {
		if f.n < 0 {
			return v.errf(p+"."+f.key, "expected a number of backups kept (0 or more), got %d", f.n)
		}
	}
	only := map[string][]string{
		"minutely":      {"borg"},
		"tags":          {"restic"},
		"group_by":      {"restic"},
		"prefixes":      {"borg"},
		"timezone":      {"borg"},
		"full":          {"pgbackrest"},
		"full_interval": {"pgbackrest"},
		"last":          {"restic", "borg"},
		"hourly":        {"restic", "borg"},
		"within":        {"restic", "borg"},
		"tool_version":  {"restic", "borg"},
	}
	for _, key := range sortedKeys(only) {
		if _, given := v.lines[p+"."+key]; given && !slices.Contains(only[key], kind) {
			return v.errf(p+"."+key, "%s does not apply to %s sources (only to %s)", key, kind, strings.Join(only[key], ", "))
		}
	}
	if r.Within%time.Hour != 0 {
		return v.errf(p+".within", "expected whole hours, like 48h or 30d (restic and borg count keep-within in hours), got %s", r.Within)
	}
	if r.GroupBy != "" && r.GroupBy != GroupByNone {
		for _, g := range strings.Split(r.GroupBy, ",") {
			if !slices.Contains(resticGroupFields, g) {
				return v.errf(p+".group_by", "expected restic's --group-by: a comma-separated list of host, paths and tags, or none, got %s", yamlstrict.Quote(r.GroupBy))
			}
		}
	}
	for i, tl := range r.Tags {
		if strings.TrimSpace(tl) == "" || slices.Contains(strings.Split(tl, ","), "") {
			return v.errf(fmt.Sprintf("%s.tags[%d]", p, i), "expected a tag or a comma-separated list of tags (restic --keep-tag), got %s", yamlstrict.Quote(tl))
		}
	}
	for i, px := range r.Prefixes {
		if px == "" {
			return v.errf(fmt.Sprintf("%s.prefixes[%d]", p, i), "expected the archive name prefix one borg prune runs on (--glob-archives '<prefix>*'), got an empty value")
		}
	}
	if r.Timezone != "" {
		if _, err := time.LoadLocation(r.Timezone); err != nil || r.Timezone == "Local" {
			return v.errf(p+".timezone", "expected an IANA time zone like Europe/Berlin or UTC (the zone borg prune runs in), got %s", yamlstrict.Quote(r.Timezone))
		}
	}
	if r.ToolVersion != "" {
		if _, _, ok := parseVersion(r.ToolVersion); !ok {
			return v.errf(p+".tool_version", "expected the tool's version like 0.14.0 or 1.2.4, got %s", yamlstrict.Quote(r.ToolVersion))
		}
	}
	if _, given := v.lines[p+".full_interval"]; given && r.Full == 0 {
		return v.errf(p+".full", "required with full_interval: pgBackRest's repo-retention-full, the number of full backups kept")
	}
	return nil
}

// KeepsOldest reports whether the tool of kind keeps the oldest snapshot
// while a keep rule has counts left: restic since 0.16, borg since 1.2,
// and both when no tool_version is given.
func (r Retention) KeepsOldest(kind string) bool {
	major, minor, ok := parseVersion(r.ToolVersion)
	if !ok {
		return true
	}
	switch kind {
	case "restic":
		return major > 0 || minor >= 16
	case "borg":
		return major > 1 || major == 1 && minor >= 2
	}
	return false
}

var versionPattern = regexp.MustCompile(`^v?([0-9]{1,4})\.([0-9]{1,4})(\.[0-9]{1,4})?$`)

// parseVersion reads major and minor of a version like 0.14.0 or v1.2.
func parseVersion(s string) (major, minor int, ok bool) {
	m := versionPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	major, _ = strconv.Atoi(m[1])
	minor, _ = strconv.Atoi(m[2])
	return major, minor, true
}

// GroupByNone is retention.group_by for no grouping (restic forget
// --group-by with an empty value).
const GroupByNone = "none"

var resticGroupFields = []string{"host", "paths", "tags"}

// Location is the zone the tool buckets snapshots in: borg prune's local
// zone (retention.timezone, default UTC). restic uses each snapshot's own
// offset and ignores it.
func (r Retention) Location() *time.Location {
	if r.Timezone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(r.Timezone)
	if err != nil {
		return time.UTC // validation rejected it; not reached for a parsed configuration
	}
	return loc
}

// RunInterval is how often a backup and the forget or prune with this
// policy run: retention.interval, default 24h.
func (r Retention) RunInterval() time.Duration {
	if r.Interval > 0 {
		return r.Interval
	}
	return DefaultRetentionInterval
}

// DefaultRetentionInterval is the backup and prune interval assumed when
// retention.interval is not given.
const DefaultRetentionInterval = 24 * time.Hour

// ResticGroupBy is restic forget's --group-by as a list: host and paths
// by default, none for "none".
func (r Retention) ResticGroupBy() []string {
	switch r.GroupBy {
	case "":
		return []string{"host", "paths"}
	case GroupByNone:
		return nil
	}
	return strings.Split(r.GroupBy, ",")
}

// SimulationGap says what the retention lacks to be simulated for the
// tool of kind (restic, borg, pgbackrest), "" when nothing: restic and
// borg need at least one keep rule, pgBackRest full and full_interval.
func (r Retention) SimulationGap(kind string) string {
	if kind == "pgbackrest" {
		if r.Full == 0 || r.FullInterval == 0 {
			return "full (repo-retention-full) and full_interval (how often a full backup runs)"
		}
		return ""
	}
	if r.Last > 0 || r.Minutely > 0 || r.Hourly > 0 || r.Daily > 0 || r.Weekly > 0 ||
		r.Monthly > 0 || r.Yearly > 0 || r.Within > 0 || len(r.Tags) > 0 {
		return ""
	}
	return "a keep rule (last, hourly, daily, weekly, monthly, yearly or within)"
}
