package config

import (
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
	// EUCountries are the ISO 3166 codes a backup site may be in.
	EUCountries []string
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
	return p
}
