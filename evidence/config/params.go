package config

import (
	"maps"
	"slices"
	"time"
)

// Params are the effective policy parameters (policies/CONTRACT.md,
// input.params): the configuration's parameters over the defaults.
type Params struct {
	// BackupMaxAge is the age the newest backup may have; a backup
	// source's max_age overrides it.
	BackupMaxAge time.Duration
	// IntegrityMaxAge is the age the last repository check may have.
	IntegrityMaxAge time.Duration
	// RetentionTolerance is the slack allowed around a declared
	// retention.
	RetentionTolerance time.Duration
	// VeleroRetention is the declared retention of Velero backups (the
	// Schedule TTL); zero when not declared, so the check has no evidence.
	VeleroRetention time.Duration
	// VeleroGCInterval is how often Velero's garbage collection deletes
	// expired backups; a backup is gone at the latest this long after its
	// expiration.
	VeleroGCInterval time.Duration
	// GitHubMaxOwners is the number of organisation owners allowed.
	GitHubMaxOwners int
	// AllowedClusterAdmins are the subjects that may be bound to
	// cluster-admin: "<Kind>/<name>" or "ServiceAccount/<ns>/<name>".
	AllowedClusterAdmins []string
	// EUCountries are the ISO 3166 codes a backup site may be in: the
	// allowed jurisdictions of data and backups.
	EUCountries []string
	// AllowedRegistries are the registries tenant images may come from
	// without a digest; empty means only digest-pinned images pass.
	AllowedRegistries []string
	// NodeRegionLabel is the node label naming a node's region.
	NodeRegionLabel string
	// RegionCountries maps a region (the value of NodeRegionLabel) to
	// its ISO 3166 country code.
	RegionCountries map[string]string
	// DependabotMaxAge is how long an open critical or high Dependabot
	// alert may stay open.
	DependabotMaxAge time.Duration
}

// Default parameter values.
const (
	DefaultBackupMaxAge       = 26 * time.Hour
	DefaultIntegrityMaxAge    = 168 * time.Hour
	DefaultRetentionTolerance = 48 * time.Hour
	DefaultGitHubMaxOwners    = 3
	// DefaultVeleroGCInterval is Velero's default
	// --garbage-collection-frequency.
	DefaultVeleroGCInterval = time.Hour
	DefaultDependabotMaxAge = 30 * 24 * time.Hour
	// DefaultNodeRegionLabel is the well-known label cloud providers set
	// on every node.
	DefaultNodeRegionLabel = "topology.kubernetes.io/region"
)

// DefaultAllowedClusterAdmins are the subjects allowed to hold
// cluster-admin by default: the system:masters group only.
func DefaultAllowedClusterAdmins() []string {
	return []string{"Group/system:masters"}
}

// DefaultEUCountries are the 27 EU member states and the EEA members
// Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2; Greece is GR).
func DefaultEUCountries() []string {
	return []string{
		"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
		"FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU",
		"LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
	}
}

// DefaultRegionCountries maps the region names of common providers, as
// their cloud controllers set topology.kubernetes.io/region, to the
// country of the region's data centres (ISO 3166-1 alpha-2). A region not
// listed here or in parameters.region_countries has an unknown country,
// so its nodes cannot pass the location check; a region value that is a
// country code (DE) or a site (DE-Falkenstein) names its country itself.
func DefaultRegionCountries() map[string]string {
	return map[string]string{
		// Hetzner Cloud locations.
		"fsn1": "DE", "nbg1": "DE", "hel1": "FI", "ash": "US", "hil": "US", "sin": "SG",
		// AWS.
		"eu-central-1": "DE", "eu-central-2": "CH", "eu-west-1": "IE", "eu-west-2": "GB", "eu-west-3": "FR",
		"eu-north-1": "SE", "eu-south-1": "IT", "eu-south-2": "ES",
		"us-east-1": "US", "us-east-2": "US", "us-west-1": "US", "us-west-2": "US",
		// Microsoft Azure.
		"germanywestcentral": "DE", "germanynorth": "DE", "westeurope": "NL", "northeurope": "IE",
		"francecentral": "FR", "swedencentral": "SE", "norwayeast": "NO", "switzerlandnorth": "CH",
		"uksouth": "GB", "eastus": "US", "westus": "US",
		// Google Cloud.
		"europe-west1": "BE", "europe-west2": "GB", "europe-west3": "DE", "europe-west4": "NL",
		"europe-west6": "CH", "europe-west8": "IT", "europe-west9": "FR", "europe-west10": "DE",
		"europe-north1": "FI", "europe-central2": "PL", "europe-southwest1": "ES", "us-central1": "US",
	}
}

// Params returns the effective parameters: each one given in the
// configuration, else its default. The slices are copies.
func (c *Config) Params() Params {
	p := Params{
		BackupMaxAge:         DefaultBackupMaxAge,
		IntegrityMaxAge:      DefaultIntegrityMaxAge,
		RetentionTolerance:   DefaultRetentionTolerance,
		GitHubMaxOwners:      DefaultGitHubMaxOwners,
		VeleroGCInterval:     DefaultVeleroGCInterval,
		AllowedClusterAdmins: DefaultAllowedClusterAdmins(),
		EUCountries:          DefaultEUCountries(),
		AllowedRegistries:    []string{},
		NodeRegionLabel:      DefaultNodeRegionLabel,
		RegionCountries:      DefaultRegionCountries(),
		DependabotMaxAge:     DefaultDependabotMaxAge,
	}
	if c == nil {
		return p
	}
	q := c.Parameters
	if q.BackupMaxAge != nil {
		p.BackupMaxAge = *q.BackupMaxAge
	}
	if q.IntegrityMaxAge != nil {
		p.IntegrityMaxAge = *q.IntegrityMaxAge
	}
	if q.RetentionTolerance != nil {
		p.RetentionTolerance = *q.RetentionTolerance
	}
	if q.VeleroRetention != nil {
		p.VeleroRetention = *q.VeleroRetention
	}
	if q.VeleroGCInterval != nil {
		p.VeleroGCInterval = *q.VeleroGCInterval
	}
	if q.GitHubMaxOwners != nil {
		p.GitHubMaxOwners = *q.GitHubMaxOwners
	}
	// A list given as [] is kept empty: nobody may be cluster-admin.
	if q.AllowedClusterAdmins != nil {
		p.AllowedClusterAdmins = slices.Clone(q.AllowedClusterAdmins)
	}
	if q.EUCountries != nil {
		p.EUCountries = slices.Clone(q.EUCountries)
	}
	if q.AllowedRegistries != nil {
		p.AllowedRegistries = slices.Clone(q.AllowedRegistries)
	}
	if q.NodeRegionLabel != "" {
		p.NodeRegionLabel = q.NodeRegionLabel
	}
	maps.Copy(p.RegionCountries, q.RegionCountries)
	if q.DependabotMaxAge != nil {
		p.DependabotMaxAge = *q.DependabotMaxAge
	}
	return p
}
