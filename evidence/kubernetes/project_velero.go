package kubernetes

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/nachweis/nachweis/evidence/internal/nstime"
)

// veleroBackupSpec holds the fields of a Velero BackupSpec (a Backup's
// spec, a Schedule's template) the checks read.
type veleroBackupSpec struct {
	IncludedNamespaces []string        `json:"includedNamespaces"`
	ExcludedNamespaces []string        `json:"excludedNamespaces"`
	IncludedResources  []string        `json:"includedResources"`
	LabelSelector      json.RawMessage `json:"labelSelector"`
	OrLabelSelectors   json.RawMessage `json:"orLabelSelectors"`
	StorageLocation    string          `json:"storageLocation"`
	TTL                string          `json:"ttl"`
}

// namespaces returns the included namespaces, ["*"] when none are named
// (Velero then backs up every namespace), and the excluded ones, each
// sorted and without duplicates.
func (s *veleroBackupSpec) namespaces() (included, excluded []string) {
	included = sortedUnique(append([]string{}, s.IncludedNamespaces...))
	if len(included) == 0 {
		included = []string{"*"}
	}
	return included, sortedUnique(append([]string{}, s.ExcludedNamespaces...))
}

// filtered reports whether the spec backs up only part of each namespace.
func (s *veleroBackupSpec) filtered() bool {
	if isSet(s.LabelSelector) || isSet(s.OrLabelSelectors) && string(s.OrLabelSelectors) != "[]" {
		return true
	}
	for _, r := range s.IncludedResources {
		if r != "*" {
			return true
		}
	}
	return false
}

// ttlSeconds parses a Velero TTL ("168h0m0s"); null when not set or zero,
// since the server's default TTL then applies.
func (s *veleroBackupSpec) ttlSeconds() (*int64, error) {
	if s.TTL == "" {
		return nil, nil
	}
	d, err := time.ParseDuration(s.TTL)
	if err != nil || d < 0 {
		return nil, fmt.Errorf("ttl %q: want a duration such as 168h0m0s", s.TTL)
	}
	if d == 0 {
		return nil, nil
	}
	secs := int64(d / time.Second)
	return &secs, nil
}

// timestampNS parses an RFC 3339 timestamp of the API server; null when
// empty.
func timestampNS(field, v string) (*int64, error) {
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("%s %q: want an RFC 3339 time", field, v)
	}
	ns := nstime.Of(t)
	return &ns, nil
}

func (p *projector) veleroBackup(o *object, ref string) error {
	var spec veleroBackupSpec
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status struct {
		Phase               string `json:"phase"`
		CompletionTimestamp string `json:"completionTimestamp"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	ttl, err := spec.ttlSeconds()
	if err != nil {
		return err
	}
	completion, err := timestampNS("completionTimestamp", status.CompletionTimestamp)
	if err != nil {
		return err
	}
	in, ex := spec.namespaces()
	p.c.VeleroBackups = append(p.c.VeleroBackups, VeleroBackup{
		Namespace:          o.Metadata.Namespace,
		Name:               o.Metadata.Name,
		Phase:              status.Phase,
		CompletionNS:       completion,
		IncludedNamespaces: in,
		ExcludedNamespaces: ex,
		Filtered:           spec.filtered(),
		Schedule:           o.Metadata.Labels["velero.io/schedule-name"],
		StorageLocation:    spec.StorageLocation,
		TTLS:               ttl,
		Ref:                ref,
	})
	return nil
}

func (p *projector) veleroSchedule(o *object, ref string) error {
	var spec struct {
		Schedule string           `json:"schedule"`
		Paused   bool             `json:"paused"`
		Template veleroBackupSpec `json:"template"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status struct {
		Phase string `json:"phase"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	ttl, err := spec.Template.ttlSeconds()
	if err != nil {
		return err
	}
	in, ex := spec.Template.namespaces()
	p.c.VeleroSchedules = append(p.c.VeleroSchedules, VeleroSchedule{
		Namespace:          o.Metadata.Namespace,
		Name:               o.Metadata.Name,
		Schedule:           spec.Schedule,
		Paused:             spec.Paused,
		Phase:              status.Phase,
		IncludedNamespaces: in,
		ExcludedNamespaces: ex,
		Filtered:           spec.Template.filtered(),
		StorageLocation:    spec.Template.StorageLocation,
		TTLS:               ttl,
		Ref:                ref,
	})
	return nil
}

// SiteKey is the label (or annotation) that declares the site of a Velero
// BackupStorageLocation, e.g. nachweis.io/site: FI-Helsinki.
const SiteKey = "nachweis.io/site"

func (p *projector) veleroLocation(o *object, ref string) error {
	var spec struct {
		Provider      string `json:"provider"`
		ObjectStorage struct {
			Bucket string `json:"bucket"`
		} `json:"objectStorage"`
		Config     map[string]string `json:"config"`
		Default    bool              `json:"default"`
		AccessMode string            `json:"accessMode"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	var status struct {
		Phase string `json:"phase"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	site := o.Metadata.Labels[SiteKey]
	if site == "" {
		site = o.Metadata.Annotations[SiteKey]
	}
	mode := spec.AccessMode
	if mode == "" {
		mode = "ReadWrite" // Velero's default
	}
	p.c.VeleroLocations = append(p.c.VeleroLocations, VeleroLocation{
		Namespace:  o.Metadata.Namespace,
		Name:       o.Metadata.Name,
		Provider:   spec.Provider,
		Bucket:     spec.ObjectStorage.Bucket,
		Region:     spec.Config["region"],
		Site:       strings.TrimSpace(site),
		Default:    spec.Default,
		AccessMode: mode,
		Phase:      status.Phase,
		Ref:        ref,
	})
	return nil
}
