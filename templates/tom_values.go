package templates

import (
	"regexp"
	"strings"
	"time"

	"github.com/nachweis/nachweis/controls/l10n"
	"github.com/nachweis/nachweis/evidence/config"
)

// TOMPlaceholders are the placeholders a measure's TOM statement
// (controls.Measure.Statement) may use, each filled with what the provider
// declared for the tenant:
//
//	{backup_max_age}      the maximum age of the newest backup: "26 h"
//	{retention}           the retention rule per repository: "web01 (restic): 7 täglich / 4 wöchentlich / 6 monatlich"
//	{longest_kept}        how long that rule keeps the longest-kept copy, per repository: "154 Tage (web01)"
//	{backup_sites}        the sites of the tenant's backups: "Falkenstein (DE) → Helsinki (FI)"
//	{backup_site_list}    the same as a list: "Falkenstein (DE) und Helsinki (FI)"
//	{integrity_max_age}   how long ago the last integrity check may be: "7 Tage"
//	{github_max_owners}   the number of GitHub organisation owners allowed: "3"
//	{dependabot_max_age}  how long a critical or high Dependabot alert may stay open: "30 Tage"
//	{allowed_registries}  the registries tenant images come from: "registry.example.com"
//
// A statement with a placeholder the tenant has no value for (no backup
// repository, no registry declared) is not used: the measure's description
// is stated instead.
var TOMPlaceholders = []string{
	"backup_max_age", "retention", "longest_kept", "backup_sites", "backup_site_list",
	"integrity_max_age", "github_max_owners", "dependabot_max_age", "allowed_registries",
}

var placeholderPattern = regexp.MustCompile(`\{([a-z_]+)\}`)

// tomValues are the values of the placeholders for one tenant, in the
// document's language; a placeholder without a value is missing.
type tomValues map[string]string

// newTOMValues computes the placeholder values of a tenant from the
// configuration and the tenant's backup repositories (Scope.Backups).
func newTOMValues(in TOMInput, backups []TOMBackup) tomValues {
	lang := in.Lang
	params := in.Config.Params()
	v := tomValues{
		"integrity_max_age":  l10n.Duration(lang, params.IntegrityMaxAge),
		"dependabot_max_age": l10n.Duration(lang, params.DependabotMaxAge),
	}
	if len(in.Config.Sources.GitHub) > 0 {
		v["github_max_owners"] = l10n.Int(lang, params.GitHubMaxOwners)
	}
	if len(params.AllowedRegistries) > 0 {
		v["allowed_registries"] = strings.Join(params.AllowedRegistries, ", ")
	}
	var ages, rules, kept, sites []string
	ageOf := map[string]bool{}
	for _, b := range backups {
		ageOf[b.MaxAge] = true
		ages = append(ages, b.MaxAge+" ("+b.Name+")")
		if b.Retention != "" {
			rules = append(rules, b.Name+" ("+b.Tool+"): "+b.Retention)
		}
		if b.LongestKept != "" {
			kept = append(kept, b.LongestKept+" ("+b.Name+")")
		}
		sites = append(sites, b.SiteNames...)
	}
	switch {
	case len(ageOf) == 1:
		v["backup_max_age"] = backups[0].MaxAge
	case len(ageOf) > 1:
		v["backup_max_age"] = strings.Join(ages, ", ")
	}
	if len(rules) > 0 {
		v["retention"] = strings.Join(rules, "; ")
	}
	if len(kept) > 0 {
		v["longest_kept"] = strings.Join(kept, ", ")
	}
	if sites = inOrderDistinct(sites); len(sites) > 0 {
		v["backup_sites"] = strings.Join(sites, " → ")
		v["backup_site_list"] = listJoin(lang, sites)
	}
	return v
}

// fill replaces the placeholders of s by their values; ok is false when
// one has no value.
func (v tomValues) fill(s string) (string, bool) {
	ok := true
	out := placeholderPattern.ReplaceAllStringFunc(s, func(m string) string {
		val, found := v[m[1:len(m)-1]]
		if !found {
			ok = false
		}
		return val
	})
	return out, ok
}

// tomMaxAge is the declared maximum age of a source's newest backup.
func tomMaxAge(b config.BackupSource, params config.Params) time.Duration {
	if b.MaxAge > 0 {
		return b.MaxAge
	}
	return params.BackupMaxAge
}

// inOrderDistinct returns the non-empty strings of s once each, in the
// order they first appear.
func inOrderDistinct(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// listJoin joins items as running text: "a", "a und b", "a, b und c"
// ("a, b and c" in English).
func listJoin(lang string, items []string) string {
	and := " and "
	if lang == "de" {
		and = " und "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}
