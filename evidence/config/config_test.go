package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

func TestLoadGood(t *testing.T) {
	tests := []struct {
		file string
		want *Config
	}{
		{
			file: "testdata/minimal.yaml",
			want: &Config{
				File: "testdata/minimal.yaml",
				Dir:  "testdata",
				Organisation: Organisation{
					Name: "Beispiel Cloud GmbH", Address: "...",
					DPO: Contact{Name: "...", Email: "..."},
				},
				Classification: Classification{Customer: Text{DE: "Vertraulich – nur für den Auftraggeber", EN: "Confidential – for the customer only"}},
				Tenants: []Tenant{{
					ID: "acme", Name: "ACME GmbH", Namespaces: []string{"acme-prod", "acme-test"},
					Contract: &Contract{Reference: "AVV-2025-017", Date: date("2025-03-01")},
				}},
				Sources: Sources{
					Kubernetes: []KubernetesSource{{Name: "prod", Kubeconfig: "testdata/kubeconfig", Context: "local"}},
					Restic: []ResticSource{{
						BackupSource: BackupSource{
							Kind: "restic", Name: "web01", Site: "DE-Falkenstein", MaxAge: 26 * time.Hour,
							Retention: &Retention{Daily: 7, Weekly: 4, Monthly: 6},
							Tenants:   map[string]Selector{"acme": {Tags: []string{"acme"}}},
						},
						Repository:   "/srv/backup/restic/web-01",
						PasswordFile: "/etc/nachweis/restic-web01.pass",
					}},
					Borg: []BorgSource{{
						BackupSource:  BackupSource{Kind: "borg", Name: "files01", Site: "FI-Helsinki"},
						Repository:    "/srv/backup/borg/files-01",
						PassphraseEnv: "BORG_FILES01_PASSPHRASE",
					}},
					PgBackRest: []PgBackRestSource{{
						BackupSource: BackupSource{Kind: "pgbackrest", Name: "main",
							Sites: map[string]string{"repo1": "DE-Falkenstein", "repo2": "FI-Helsinki"}},
						Stanza: "main",
						Config: "/etc/pgbackrest/pgbackrest.conf",
					}},
					GitHub: []GitHubSource{{Name: "example-org", Organization: "example-org", TokenEnv: "GITHUB_TOKEN"}},
				},
				Attestations: []string{"testdata/attestations"},
				Exceptions:   []string{"testdata/exceptions"},
				Policies:     []string{"testdata/policies"},
				Scope: Scope{NotApplicable: []ScopeDecision{{
					Framework: "c5", ID: "PS-01", Justification: Text{DE: "...", EN: "..."}, DecidedBy: "...", DecidedOn: date("2026-01-15"),
				}}},
				Parameters: Parameters{
					BackupMaxAge:         ptr(26 * time.Hour),
					IntegrityMaxAge:      ptr(168 * time.Hour),
					RetentionTolerance:   ptr(48 * time.Hour),
					GitHubMaxOwners:      ptr(3),
					AllowedClusterAdmins: []string{"Group/system:masters"},
				},
				SubProcessors: []SubProcessor{{
					Name: "Hetzner Online GmbH", Address: "...", Service: Text{DE: "Rechenzentrum", EN: "data centre"}, Location: "DE",
				}},
			},
		},
		{
			file: "testdata/full.yaml",
			want: &Config{
				File:     "testdata/full.yaml",
				Dir:      "testdata",
				Language: "de",
				Organisation: Organisation{
					Name: "Beispiel Cloud GmbH", Address: "Musterstraße 12, 90402 Nürnberg",
					DPO: Contact{Name: "Dr. Erika Mustermann", Email: "datenschutz@beispiel-cloud.de"},
				},
				Service: Service{
					Name:        Text{DE: "Beispiel CRM", EN: "Example CRM"},
					Description: Text{DE: "Webanwendung für Kundenbeziehungen, mandantenfähig auf Kubernetes betrieben.", EN: "Multi-tenant web application for customer relations, run on Kubernetes."},
					Locations: []ServiceLocation{
						{Site: "DE-Falkenstein", Purpose: Text{DE: "Produktion", EN: "production"}, Provider: "Hetzner Online GmbH"},
						{Site: "FI-Helsinki", Purpose: Text{DE: "Off-Site-Datensicherung"}},
						{Site: "DE-Nuremberg", Name: Text{DE: "Nürnberg", EN: "Nuremberg"}, Purpose: Text{DE: "Datensicherung", EN: "backups"}},
					},
					CustomerControls: []CustomerControl{{
						ID:           "KK-01",
						Text:         Text{DE: "Der Auftraggeber verwaltet die Benutzer seines Identitätsanbieters.", EN: "The customer manages the users of its identity provider."},
						Requirements: []string{"c5:IDM-09", "gdpr:32(1)(b)"},
					}},
				},
				Classification: Classification{
					Customer: Text{DE: "Vertraulich – nur für den Auftraggeber"},
					Internal: Text{DE: "Vertraulich – intern", EN: "Confidential – internal"},
				},
				Roles: map[string]Text{"Informationssicherheitsbeauftragter (ISB)": {DE: "Informationssicherheitsbeauftragte(r) (ISB)", EN: "Information security officer (ISO)"}},
				Tenants: []Tenant{
					{
						ID: "acme", Name: "ACME GmbH", Namespaces: []string{"acme-prod", "acme-test"},
						Contract: &Contract{Reference: "AVV-2025-017", Date: date("2025-03-01")},
					},
					{ID: "globex-2", Name: "Globex Logistik AG", Namespaces: []string{"globex-prod"},
						SubProcessors: []SubProcessor{{Name: "Beispiel KI GmbH", Service: Text{DE: "Texterkennung", EN: "text recognition"}, Location: "DE"}}},
					{
						ID: "initech", Name: "Initech Software GmbH",
						NamespaceSelector: &NamespaceSelector{MatchLabels: map[string]string{"example.com/tenant": "initech", "stage": "prod"}},
					},
				},
				Sources: Sources{
					Kubernetes: []KubernetesSource{
						{Name: "prod", Kubeconfig: filepath.Join("testdata", "kube", "prod.yaml"), Context: "prod-fsn1", Timeout: 90 * time.Second, PageSize: 2000},
						{Name: "staging"},
						{Name: "self", InCluster: true},
					},
					Restic: []ResticSource{{
						BackupSource: BackupSource{
							Kind: "restic", Name: "web01", Site: "DE-Falkenstein", MaxAge: 26 * time.Hour,
							Retention: &Retention{Daily: 7, Weekly: 4, Monthly: 6, Yearly: 1},
							Tenants: map[string]Selector{"acme": {
								Tags: []string{"acme"}, Hosts: []string{"web-01"}, Paths: []string{"/srv/acme"},
							}},
						},
						Repository:   "/srv/backup/restic/web-01",
						PasswordFile: filepath.Join("testdata", "secrets", "restic-web01.pass"),
					}},
					Borg: []BorgSource{{
						BackupSource: BackupSource{
							Kind: "borg", Name: "files01", Site: "FI-Helsinki", MaxAge: 7 * 24 * time.Hour,
							Retention: &Retention{Daily: 7, Weekly: 4, Monthly: 6, Yearly: 1},
							Tenants:   map[string]Selector{"globex-2": {Hosts: []string{"files-01"}, ArchivePrefix: "globex-"}},
						},
						Repository:     "ssh://u1@files.example/./files-01",
						PassphraseFile: "/etc/nachweis/borg-files01.pass",
					}},
					PgBackRest: []PgBackRestSource{
						{
							BackupSource: BackupSource{
								Kind: "pgbackrest", Name: "main",
								Sites:   map[string]string{"repo1": "DE-Falkenstein", "repo2": "FI-Helsinki"},
								Tenants: map[string]Selector{"acme": {Stanzas: []string{"main"}, Databases: []string{"acme"}}},
							},
							Stanza: "main",
							Config: "/etc/pgbackrest/pgbackrest.conf",
						},
						{
							BackupSource: BackupSource{Kind: "pgbackrest", Name: "sales", Site: "DE-Nuremberg"},
							Stanza:       "sales",
						},
					},
					GitHub: []GitHubSource{{Name: "example-org", Organization: "example-org", TokenEnv: "GITHUB_TOKEN"}},
				},
				Attestations: []string{filepath.Join("testdata", "attestations"), "/var/lib/nachweis/attestations"},
				Exceptions:   []string{filepath.Join("testdata", "exceptions")},
				Policies:     []string{filepath.Join("shared", "policies")},
				Scope: Scope{
					NotApplicable: []ScopeDecision{
						{
							Framework: "c5", ID: "PS-01",
							Justification: Text{DE: "Keine eigenen Räumlichkeiten; Rechenzentrum des Unterauftragnehmers (siehe PS-07)."},
							DecidedBy:     "Max Beispiel (ISB)", DecidedOn: date("2026-01-15"),
						},
						{Framework: "iso27001", ID: "A.7.5", Justification: Text{DE: "Keine eigenen Räumlichkeiten.", EN: "No own premises."}, DecidedBy: "ISB", DecidedOn: date("2026-01-15")},
					},
					MeasuresNotApplicable: []MeasureDecision{{ID: "TOM-VER-15", Justification: Text{EN: "Velero is not used."}, DecidedBy: "ISB", DecidedOn: date("2026-03-02")}},
				},
				Parameters: Parameters{
					BackupMaxAge:         ptr(30 * time.Hour),
					IntegrityMaxAge:      ptr(14 * 24 * time.Hour),
					RetentionTolerance:   ptr(24 * time.Hour),
					VeleroRetention:      ptr(30 * 24 * time.Hour),
					GitHubMaxOwners:      ptr(2),
					AllowedClusterAdmins: []string{"Group/system:masters", "ServiceAccount/kube-system/admin"},
					EUCountries:          []string{"DE", "FI"},
				},
				SubProcessors: []SubProcessor{{
					Name: "Hetzner Online GmbH", Address: "Industriestr. 25, 91710 Gunzenhausen",
					Service: Text{DE: "Rechenzentrum"}, Location: "DE", Transfer: Text{DE: "none"},
					Method: MethodCarveOut, Attestation: Text{DE: "ISO/IEC 27001-Zertifikat", EN: "ISO/IEC 27001 certificate"},
					Controls: Text{DE: "Zutrittskontrolle im Rechenzentrum", EN: "physical access control of the data centre"},
				}},
			},
		},
		{
			file: "testdata/empty.yaml",
			want: &Config{File: "testdata/empty.yaml", Dir: "testdata"},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := Load(tt.file)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Load (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseBad feeds configurations with one mistake each and asserts the
// whole message: file, line, key path and what was expected.
func TestParseBad(t *testing.T) {
	const tenants = "tenants:\n  - {id: acme, namespaces: [acme-prod]}\n"
	tests := []struct {
		name string
		yaml string
		want string
		// secret must not appear in the message.
		secret string
	}{
		{
			name: "unknown key",
			yaml: "tenants:\n  - id: acme\n    nmae: ACME GmbH\n",
			want: "bad.yaml:3: tenants[0].nmae: unknown key (expected one of: id, name, namespaces, namespace_selector, stages, contract, sub_processors, deletion)",
		},
		{
			name: "unknown top-level key",
			yaml: "organisation: {name: X}\ntenant: []\n",
			want: "bad.yaml:2: tenant: unknown key (expected one of: language, organisation, service, classification, roles, tenants, sources, attestations, exceptions, policies, scope, parameters, sub_processors, signing, deletion)",
		},
		{
			name: "list expected",
			yaml: "tenants: acme\n",
			want: `bad.yaml:1: tenants: expected a list, got "acme"`,
		},
		{
			name: "mapping expected",
			yaml: "organisation: Beispiel Cloud GmbH\n",
			want: `bad.yaml:1: organisation: expected a mapping, got "Beispiel Cloud GmbH"`,
		},
		{
			name: "text expected",
			yaml: "organisation: {name: [a, b]}\n",
			want: `bad.yaml:1: organisation.name: expected text, got a list`,
		},
		{
			name: "plain text without the file's language",
			yaml: "classification: {customer: Vertraulich}\n",
			want: `bad.yaml:1: classification.customer: expected a text in German and English, {de: …, en: …} (plain text needs the file's language: add language: de or language: en at its top), got "Vertraulich"`,
		},
		{
			name: "a text is no list",
			yaml: "language: de\nclassification: {customer: [a, b]}\n",
			want: `bad.yaml:2: classification.customer: expected a text ({de: …, en: …}, or plain text in the file's language de), got a list`,
		},
		{
			name: "a text in an unknown language",
			yaml: "classification: {customer: {de: Vertraulich, fr: Confidentiel}}\n",
			want: `bad.yaml:1: classification.customer.fr: unknown key (expected one of: de, en)`,
		},
		{
			name: "a text of blanks",
			yaml: "classification: {internal: {de: intern, en: \"  \"}}\n",
			want: `bad.yaml:1: classification.internal.en: expected text, got only blanks`,
		},
		{
			name: "unknown file language",
			yaml: "language: fr\n",
			want: `bad.yaml:1: language: expected de or en (the language of texts written as plain text), got "fr"`,
		},
		{
			name: "sub-processor method",
			yaml: "sub_processors:\n  - {name: Hetzner Online GmbH, method: outsourced}\n",
			want: `bad.yaml:2: sub_processors[0].method: expected carve-out or inclusive (how the audit report treats the sub-service organisation), got "outsourced"`,
		},
		{
			name: "location of an unknown provider",
			yaml: "sub_processors: [{name: Hetzner Online GmbH}]\nservice:\n  locations:\n    - {site: DE-Falkenstein, purpose: {de: Produktion, en: production}, provider: Hetzner}\n",
			want: `bad.yaml:4: service.locations[0].provider: expected the name of one of sub_processors, got "Hetzner"`,
		},
		{
			name: "location without a purpose",
			yaml: "service:\n  locations:\n    - {site: DE-Falkenstein}\n",
			want: `bad.yaml:3: service.locations[0].purpose: required: what happens at the site, e.g. {de: Produktion, en: production}, {de: …, en: …}`,
		},
		{
			name: "customer control requirement",
			yaml: "service:\n  customer_controls:\n    - {id: KK-01, text: {de: x, en: x}, requirements: [IDM-09]}\n",
			want: `bad.yaml:3: service.customer_controls[0].requirements[0]: expected a requirement reference like c5-2020:IDM-09, iso27001-2022:A.5.17 or gdpr:32(1)(b), got "IDM-09"`,
		},
		{
			name: "a tenant's sub-processor repeats the provider's",
			yaml: "sub_processors: [{name: Hetzner Online GmbH}]\ntenants:\n  - id: acme\n    sub_processors: [{name: Hetzner Online GmbH}]\n",
			want: `bad.yaml:4: tenants[0].sub_processors[0].name: duplicate sub-processor "Hetzner Online GmbH"`,
		},
		{
			name: "role without a name",
			yaml: "roles: {ISB: {}}\n",
			want: `bad.yaml:1: roles.ISB: required: the role's name, {de: …, en: …}`,
		},
		{
			name: "whole number expected",
			yaml: "sources:\n  restic:\n    - name: web01\n      repository: /r\n      retention: {daily: seven}\n",
			want: `bad.yaml:5: sources.restic[0].retention.daily: expected a whole number, got "seven"`,
		},
		{
			name: "bad duration",
			yaml: "sources:\n  restic:\n    - name: web01\n      repository: /r\n      max_age: yesterday\n",
			want: `bad.yaml:5: sources.restic[0].max_age: expected a duration like 26h or 7d, got "yesterday"`,
		},
		{
			name: "duration without unit",
			yaml: "parameters:\n  backup_max_age: 26\n",
			want: `bad.yaml:2: parameters.backup_max_age: expected a duration like 26h or 7d, got "26"`,
		},
		{
			name: "negative duration",
			yaml: "parameters:\n  integrity_max_age: -5h\n",
			want: `bad.yaml:2: parameters.integrity_max_age: expected a duration like 26h or 7d, got "-5h"`,
		},
		{
			name: "bad date",
			yaml: "scope:\n  not_applicable:\n    - {framework: c5, id: PS-01, justification: {de: x, en: x}, decided_by: y, decided_on: 2026-02-30}\n",
			want: `bad.yaml:3: scope.not_applicable[0].decided_on: expected a date YYYY-MM-DD, got "2026-02-30"`,
		},
		{
			name: "long value shortened",
			yaml: "tenants:\n  - id: " + strings.Repeat("x", 100) + "_\n",
			want: `bad.yaml:2: tenants[0].id: expected a tenant id made of a-z, 0-9 and -, got "` + strings.Repeat("x", 60) + `"…`,
		},
		{
			name: "unknown tenant in backup selector",
			yaml: tenants + "sources:\n  borg:\n    - name: files01\n      repository: /b\n      tenants:\n        acme: {hosts: [web-01]}\n        globex: {hosts: [app-01]}\n",
			want: `bad.yaml:9: sources.borg[0].tenants.globex: unknown tenant "globex" (defined tenants: acme)`,
		},
		{
			name: "selector without tenants",
			yaml: "sources:\n  restic:\n    - {name: web01, repository: /r, tenants: {acme: {tags: [acme]}}}\n",
			want: `bad.yaml:3: sources.restic[0].tenants.acme: unknown tenant "acme" (no tenants are defined under tenants)`,
		},
		{
			name: "duplicate tenant id",
			yaml: "tenants:\n  - id: acme\n    name: ACME GmbH\n  - id: acme\n    name: ACME AG\n",
			want: `bad.yaml:4: tenants[1].id: duplicate tenant id "acme" (first at line 2)`,
		},
		{
			name: "missing tenant id",
			yaml: "tenants:\n  - id: acme\n  - name: Globex\n",
			want: `bad.yaml:3: tenants[1].id: required: a tenant id made of a-z, 0-9 and -`,
		},
		{
			name: "tenant id with capitals",
			yaml: "tenants:\n  - id: ACME\n",
			want: `bad.yaml:2: tenants[0].id: expected a tenant id made of a-z, 0-9 and -, got "ACME"`,
		},
		{
			name: "namespace of two tenants",
			yaml: "tenants:\n  - {id: acme, namespaces: [shared, acme-prod]}\n  - id: globex\n    namespaces:\n      - globex-prod\n      - shared\n",
			want: `bad.yaml:6: tenants[1].namespaces[1]: namespace "shared" is already claimed by tenant "acme"; a namespace belongs to one tenant`,
		},
		{
			name: "kubernetes timeout not a duration",
			yaml: "sources:\n  kubernetes:\n    - name: prod\n      timeout: 30\n",
			want: `bad.yaml:4: sources.kubernetes[0].timeout: expected a duration like 26h or 7d, got "30"`,
		},
		{
			name: "kubernetes page size zero",
			yaml: "sources:\n  kubernetes:\n    - name: prod\n      page_size: 0\n",
			want: `bad.yaml:4: sources.kubernetes[0].page_size: expected a number of objects per list request from 1 to 10000, got 0`,
		},
		{
			name: "kubernetes page size too large",
			yaml: "sources:\n  kubernetes:\n    - {name: prod, page_size: 50000}\n",
			want: `bad.yaml:3: sources.kubernetes[0].page_size: expected a number of objects per list request from 1 to 10000, got 50000`,
		},
		{
			name: "kubernetes page size not a number",
			yaml: "sources:\n  kubernetes:\n    - {name: prod, page_size: many}\n",
			want: `bad.yaml:3: sources.kubernetes[0].page_size: expected a whole number, got "many"`,
		},
		{
			name: "kubernetes in_cluster not a bool",
			yaml: "sources:\n  kubernetes:\n    - name: prod\n      in_cluster: yes please\n",
			want: `bad.yaml:4: sources.kubernetes[0].in_cluster: expected true or false, got "yes please"`,
		},
		{
			name: "kubernetes in_cluster and kubeconfig",
			yaml: "sources:\n  kubernetes:\n    - name: prod\n      kubeconfig: ./kubeconfig\n      in_cluster: true\n",
			want: `bad.yaml:5: sources.kubernetes[0].in_cluster: give in_cluster: true (the service account of the pod nachweis runs in) or kubeconfig and context, not both`,
		},
		{
			name: "kubernetes unknown key",
			yaml: "sources:\n  kubernetes:\n    - name: prod\n      namespace: default\n",
			want: `bad.yaml:4: sources.kubernetes[0].namespace: unknown key (expected one of: name, kubeconfig, context, in_cluster, timeout, page_size)`,
		},
		{
			name:   "kubernetes literal token",
			yaml:   "sources:\n  kubernetes:\n    - name: prod\n      token: eyJhbGciOiJSUzI1NiJ9.secret\n",
			want:   `bad.yaml:4: sources.kubernetes[0].token: a literal secret does not belong in the configuration; keep it in a file or an environment variable and reference it with a *_file or *_env key of the source (the value is not shown)`,
			secret: "eyJhbGci",
		},
		{
			name: "namespace selector without labels",
			yaml: "tenants:\n  - id: acme\n    namespace_selector: {}\n",
			want: `bad.yaml:3: tenants[0].namespace_selector.match_labels: required: at least one label the tenant's namespaces carry, e.g. {tenant: acme} (an empty selector would select every namespace)`,
		},
		{
			name: "namespace selector with empty labels",
			yaml: "tenants:\n  - id: acme\n    namespace_selector:\n      match_labels: {}\n",
			want: `bad.yaml:4: tenants[0].namespace_selector.match_labels: required: at least one label the tenant's namespaces carry, e.g. {tenant: acme} (an empty selector would select every namespace)`,
		},
		{
			name: "namespace selector unknown key",
			yaml: "tenants:\n  - id: acme\n    namespace_selector:\n      matchLabels: {tenant: acme}\n",
			want: `bad.yaml:4: tenants[0].namespace_selector.matchLabels: unknown key (expected one of: match_labels)`,
		},
		{
			name: "namespace selector labels not a mapping",
			yaml: "tenants:\n  - id: acme\n    namespace_selector:\n      match_labels: [tenant=acme]\n",
			want: `bad.yaml:4: tenants[0].namespace_selector.match_labels: expected a mapping, got a list`,
		},
		{
			name: "namespace selector bad label key",
			yaml: "tenants:\n  - id: acme\n    namespace_selector:\n      match_labels:\n        tenant: acme\n        \"Example.com/tenant\": acme\n",
			want: `bad.yaml:6: tenants[0].namespace_selector.match_labels.Example.com/tenant: expected a Kubernetes label key like tenant or example.com/tenant, got "Example.com/tenant"`,
		},
		{
			name: "namespace selector bad label value",
			yaml: "tenants:\n  - id: acme\n    namespace_selector: {match_labels: {tenant: ACME GmbH}}\n",
			want: `bad.yaml:3: tenants[0].namespace_selector.match_labels.tenant: expected a Kubernetes label value (at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit), got "ACME GmbH"`,
		},
		{
			name:   "literal restic password",
			yaml:   "sources:\n  restic:\n    - name: web01\n      repository: /r\n      password: hunter2-s3cr3t\n",
			want:   `bad.yaml:5: sources.restic[0].password: a literal secret does not belong in the configuration; reference it with password_file or password_env instead (the value is not shown)`,
			secret: "hunter2-s3cr3t",
		},
		{
			name: "contract annex with spaces",
			yaml: "tenants:\n  - id: acme\n    contract: {reference: AVV-1, date: 2025-03-01, annex: Anlage 2}\n",
			want: `bad.yaml:3: tenants[0].contract.annex: expected the annex number as the contract names it, e.g. 2 or 3a (letters and digits, at most 8), got "Anlage 2"`,
		},
		{
			name:   "literal pgBackRest cipher pass",
			yaml:   "sources:\n  pgbackrest:\n    - name: main\n      stanza: main\n      cipher_pass: s3cr3t-cipher\n",
			want:   `bad.yaml:5: sources.pgbackrest[0].cipher_pass: a literal secret does not belong in the configuration; reference it with cipher_pass_file or cipher_pass_env instead (the value is not shown)`,
			secret: "s3cr3t-cipher",
		},
		{
			name:   "literal borg passphrase",
			yaml:   "sources:\n  borg:\n    - name: files01\n      repository: /b\n      passphrase: \"correct horse battery staple\"\n",
			want:   `bad.yaml:5: sources.borg[0].passphrase: a literal secret does not belong in the configuration; reference it with passphrase_file or passphrase_env instead (the value is not shown)`,
			secret: "correct horse",
		},
		{
			name:   "literal github token",
			yaml:   "sources:\n  github:\n    - name: example-org\n      organization: example-org\n      token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n",
			want:   `bad.yaml:5: sources.github[0].token: a literal secret does not belong in the configuration; reference it with token_env instead (the value is not shown)`,
			secret: "ghp_abc",
		},
		{
			name:   "literal secret with a prefix, as a mapping",
			yaml:   "sources:\n  restic:\n    - name: web01\n      repository: /r\n      restic_password: {value: hunter2-s3cr3t}\n",
			want:   `bad.yaml:5: sources.restic[0].restic_password: a literal secret does not belong in the configuration; reference it with password_file or password_env instead (the value is not shown)`,
			secret: "hunter2",
		},
		{
			name: "signing key given twice",
			yaml: "signing: {key_file: keys/nachweis.key, key_env: NACHWEIS_SIGNING_KEY}\n",
			want: `bad.yaml:1: signing.key_env: give key_file or key_env, not both`,
		},
		{
			name:   "signing key pasted into key_env",
			yaml:   "signing:\n  key_env: \"-----BEGIN PRIVATE KEY----- MC4CAQAwBQYDK2VwBCIEIPlanted\"\n",
			want:   `bad.yaml:2: signing.key_env: not a valid environment variable name (it looks like a secret value?): expected a name like NACHWEIS_SIGNING_KEY (the value is not shown)`,
			secret: "MC4CAQAw",
		},
		{
			name:   "literal signing key",
			yaml:   "signing:\n  private_key: MC4CAQAwBQYDK2VwBCIEIPlanted\n",
			want:   `bad.yaml:2: signing.private_key: a literal secret does not belong in the configuration; reference it with key_file or key_env instead (the value is not shown)`,
			secret: "MC4CAQAw",
		},
		{
			name:   "literal secret at the top",
			yaml:   "github_token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n",
			want:   `bad.yaml:1: github_token: a literal secret does not belong in the configuration; keep it in a file or an environment variable and reference it with a *_file or *_env key of the source (the value is not shown)`,
			secret: "ghp_abc",
		},
		{
			name:   "secret value in an env reference",
			yaml:   "sources:\n  restic:\n    - name: web01\n      repository: /r\n      password_env: \"hunter2 s3cr3t!\"\n",
			want:   `bad.yaml:5: sources.restic[0].password_env: not a valid environment variable name (it looks like a secret value?): expected a name like RESTIC_PASSWORD (the value is not shown)`,
			secret: "hunter2",
		},
		{
			name:   "secret value in token_env",
			yaml:   "sources:\n  github:\n    - {name: o, organization: o, token_env: \"ghp_abc-def\"}\n",
			want:   `bad.yaml:3: sources.github[0].token_env: not a valid environment variable name (it looks like a secret value?): expected a name like GITHUB_TOKEN (the value is not shown)`,
			secret: "ghp_abc",
		},
		// A GitHub token is a valid variable name by its characters:
		// it is refused by its shape, and never echoed.
		{
			name:   "GitHub token in token_env",
			yaml:   "sources:\n  github:\n    - {name: o, organization: o, token_env: ghp_Pl4ntedT0kenValue0123456789abcdef}\n",
			want:   `bad.yaml:3: sources.github[0].token_env: not a valid environment variable name (it looks like a secret value?): expected a name like GITHUB_TOKEN (the value is not shown)`,
			secret: "ghp_Pl4nted",
		},
		{
			name:   "password in password_env",
			yaml:   "sources:\n  restic:\n    - name: web01\n      repository: /r\n      password_env: Tr0ub4dor3xyzQ\n",
			want:   `bad.yaml:5: sources.restic[0].password_env: not a valid environment variable name (it looks like a secret value?): expected a name like RESTIC_PASSWORD (the value is not shown)`,
			secret: "Tr0ub4dor",
		},
		{
			name:   "token in passphrase_env",
			yaml:   "sources:\n  borg:\n    - name: files01\n      repository: /r\n      passphrase_env: glpat_AbCdEf0123456789xyzW\n",
			want:   `bad.yaml:5: sources.borg[0].passphrase_env: not a valid environment variable name (it looks like a secret value?): expected a name like BORG_PASSPHRASE (the value is not shown)`,
			secret: "AbCdEf0123",
		},
		{
			name:   "token in cipher_pass_env",
			yaml:   "sources:\n  pgbackrest:\n    - name: db\n      stanza: main\n      cipher_pass_env: AKIAIOSFODNN7EXAMPLE\n",
			want:   `bad.yaml:5: sources.pgbackrest[0].cipher_pass_env: not a valid environment variable name (it looks like a secret value?): expected a name like PGBACKREST_REPO1_CIPHER_PASS (the value is not shown)`,
			secret: "IOSFODNN",
		},
		{
			name:   "credentials in base_url",
			yaml:   "sources:\n  github:\n    - {name: o, organization: o, base_url: \"https://x:ghp_secret@ghe.example.com\"}\n",
			want:   `bad.yaml:3: sources.github[0].base_url: expected the http(s) URL of a GitHub Enterprise Server without credentials, query or fragment, e.g. https://ghe.example.com`,
			secret: "ghp_secret",
		},
		{
			name: "base_url without scheme",
			yaml: "sources:\n  github:\n    - {name: o, organization: o, base_url: ghe.example.com}\n",
			want: `bad.yaml:3: sources.github[0].base_url: expected the http(s) URL of a GitHub Enterprise Server without credentials, query or fragment, e.g. https://ghe.example.com`,
		},
		{
			name:   "password in a restic repository URL",
			yaml:   "sources:\n  restic:\n    - name: web01\n      repository: rest:https://backup:hunter2-s3cr3t@rest.example:8000/web01\n",
			want:   `bad.yaml:4: sources.restic[0].repository: the repository URL contains a password; remove it and give it to restic through its environment (e.g. RESTIC_REST_PASSWORD) (the value is not shown)`,
			secret: "hunter2",
		},
		{
			name:   "password in a borg repository URL",
			yaml:   "sources:\n  borg:\n    - {name: files01, repository: \"ssh://borg:hunter2-s3cr3t@files.example:22/./files-01\"}\n",
			want:   `bad.yaml:3: sources.borg[0].repository: the repository URL contains a password; remove it and use an SSH key (the value is not shown)`,
			secret: "hunter2",
		},
		{
			name: "password file and env",
			yaml: "sources:\n  restic:\n    - name: web01\n      repository: /r\n      password_file: /p\n      password_env: RESTIC_PASSWORD\n",
			want: `bad.yaml:6: sources.restic[0].password_env: give password_file or password_env, not both`,
		},
		{
			name: "NA without justification",
			yaml: "scope:\n  not_applicable:\n    - framework: c5\n      id: PS-01\n      decided_by: ISB\n      decided_on: 2026-01-15\n",
			want: `bad.yaml:3: scope.not_applicable[0].justification: required: why the requirement does not apply (not-applicable is never assumed), {de: …, en: …}`,
		},
		{
			name: "NA with blank justification",
			yaml: "language: de\nscope:\n  not_applicable:\n    - {framework: c5, id: PS-01, justification: \"  \", decided_by: ISB, decided_on: 2026-01-15}\n",
			want: `bad.yaml:4: scope.not_applicable[0].justification: required: why the requirement does not apply (not-applicable is never assumed), {de: …, en: …}`,
		},
		{
			name: "NA without decided_on",
			yaml: "scope:\n  not_applicable:\n    - {framework: c5, id: PS-01, justification: {de: x, en: x}, decided_by: ISB}\n",
			want: `bad.yaml:3: scope.not_applicable[0].decided_on: required: the date of the decision, YYYY-MM-DD`,
		},
		{
			name: "NA unknown framework",
			yaml: "scope:\n  not_applicable:\n    - {framework: iso27002, id: A.7.5, justification: {de: x, en: x}, decided_by: ISB, decided_on: 2026-01-15}\n",
			want: `bad.yaml:3: scope.not_applicable[0].framework: expected one of c5-2020, c5-2026, iso27001-2022, gdpr (c5 and iso27001 mean c5-2020 and iso27001-2022), got "iso27002"`,
		},
		{
			name: "NA twice",
			yaml: "scope:\n  not_applicable:\n    - {framework: c5, id: PS-01, justification: {de: x, en: x}, decided_by: ISB, decided_on: 2026-01-15}\n    - {framework: c5, id: PS-01, justification: {de: y, en: y}, decided_by: ISB, decided_on: 2026-01-16}\n",
			want: `bad.yaml:4: scope.not_applicable[1]: duplicate scope decision for c5 PS-01 (first at line 3)`,
		},
		{
			name: "duplicate source name",
			yaml: "sources:\n  restic:\n    - {name: web01, repository: /a}\n    - {name: web01, repository: /b}\n",
			want: `bad.yaml:4: sources.restic[1].name: duplicate restic source name "web01" (first at line 3)`,
		},
		{
			name: "source without name",
			yaml: "sources:\n  kubernetes:\n    - kubeconfig: ./kubeconfig\n",
			want: `bad.yaml:3: sources.kubernetes[0].name: required: a name for the source, unique among the kubernetes sources`,
		},
		{
			name: "restic without repository",
			yaml: "sources:\n  restic:\n    - name: web01\n      site: DE-Falkenstein\n",
			want: `bad.yaml:3: sources.restic[0].repository: required: the restic repository, e.g. /srv/backup/restic/web-01`,
		},
		{
			name: "sites on restic",
			yaml: "sources:\n  restic:\n    - name: web01\n      repository: /r\n      sites: {repo1: DE-Falkenstein}\n",
			want: `bad.yaml:5: sources.restic[0].sites: only pgbackrest sources declare sites per repository; use site`,
		},
		{
			name: "bad site",
			yaml: "sources:\n  borg:\n    - {name: files01, repository: /b, site: Helsinki}\n",
			want: `bad.yaml:3: sources.borg[0].site: expected a site like DE-Falkenstein (ISO 3166 country code, dash, place), got "Helsinki"`,
		},
		{
			name: "bad repository key",
			yaml: "sources:\n  pgbackrest:\n    - name: main\n      stanza: main\n      sites:\n        repo1: DE-Falkenstein\n        backup2: FI-Helsinki\n",
			want: `bad.yaml:7: sources.pgbackrest[0].sites.backup2: expected a pgBackRest repository key like repo1`,
		},
		{
			name: "negative retention",
			yaml: "sources:\n  restic:\n    - name: web01\n      repository: /r\n      retention:\n        daily: 7\n        weekly: -1\n",
			want: `bad.yaml:7: sources.restic[0].retention.weekly: expected a number of backups kept (0 or more), got -1`,
		},
		{
			name: "unknown retention tier",
			yaml: "sources:\n  restic:\n    - {name: web01, repository: /r, retention: {quarterly: 4}}\n",
			want: `bad.yaml:3: sources.restic[0].retention.quarterly: unknown key (expected one of: last, minutely, hourly, daily, weekly, monthly, yearly, within, tags, group_by, prefixes, timezone, interval, full, full_interval, tool_version)`,
		},
		{
			name: "github without organization",
			yaml: "sources:\n  github:\n    - name: example-org\n",
			want: `bad.yaml:3: sources.github[0].organization: required: the GitHub organisation login, e.g. example-org`,
		},
		{
			name: "bad cluster admin",
			yaml: "parameters:\n  allowed_cluster_admins: [system:masters]\n",
			want: `bad.yaml:2: parameters.allowed_cluster_admins[0]: expected a subject like Group/system:masters, User/<name> or ServiceAccount/<namespace>/<name>, got "system:masters"`,
		},
		{
			name: "no owners allowed",
			yaml: "parameters:\n  github_max_owners: 0\n",
			want: `bad.yaml:2: parameters.github_max_owners: expected a number of owners of at least 1, got 0`,
		},
		{
			name: "measure not applicable without justification",
			yaml: "scope:\n  measures_not_applicable:\n    - {id: TOM-VER-15, decided_by: ISB, decided_on: 2026-01-15}\n",
			want: `bad.yaml:3: scope.measures_not_applicable[0].justification: required: why the measure is not used (not-applicable is never assumed), {de: …, en: …}`,
		},
		{
			name: "stage namespace of another tenant",
			yaml: "tenants:\n  - id: acme\n    namespaces: [acme-prod]\n    stages: {production: acme-prod, test: globex-test}\n",
			want: `bad.yaml:4: tenants[0].stages.test: namespace "globex-test" is not one of the tenant's namespaces`,
		},
		{
			name: "stage name",
			yaml: "tenants:\n  - id: acme\n    namespaces: [acme-prod]\n    stages: {Production: acme-prod}\n",
			want: `bad.yaml:4: tenants[0].stages.Production: expected a stage name made of a-z, 0-9 and -, e.g. production or test`,
		},
		{
			name: "registry with scheme",
			yaml: "parameters:\n  allowed_registries: [https://registry.example.com]\n",
			want: `bad.yaml:2: parameters.allowed_registries[0]: expected a registry host or path like registry.example.com or ghcr.io/example-org, got "https://registry.example.com"`,
		},
		{
			name: "region country",
			yaml: "parameters:\n  region_countries:\n    fsn1: Germany\n",
			want: `bad.yaml:3: parameters.region_countries.fsn1: expected a two-letter ISO 3166 country code like DE, got "Germany"`,
		},
		{
			name: "country name instead of code",
			yaml: "parameters:\n  eu_countries: [DE, Germany]\n",
			want: `bad.yaml:2: parameters.eu_countries[1]: expected a two-letter ISO 3166 country code like DE, got "Germany"`,
		},
		{
			name: "sub-processor location",
			yaml: "sub_processors:\n  - {name: Hetzner Finland Oy, location: Finland}\n",
			want: `bad.yaml:2: sub_processors[0].location: expected an ISO 3166 country code like DE, got "Finland"`,
		},
		{
			name: "empty directory",
			yaml: "attestations: [./attestations, \"\"]\n",
			want: `bad.yaml:1: attestations[1]: expected a directory, got an empty value`,
		},
		{
			name: "repeated key",
			yaml: "language: de\ntenants: []\nlanguage: en\n",
			want: `bad.yaml:3: language: key repeated (first on line 1)`,
		},
		{
			name: "invalid YAML",
			yaml: "tenants:\n  - id: acme\n   name: x\n",
			// yaml.v3 reports the line where the enclosing block starts.
			want: `bad.yaml:1: invalid YAML: did not find expected '-' indicator`,
		},
		{
			name: "two documents",
			yaml: "classification: intern\n---\nclassification: vertraulich\n",
			want: `bad.yaml:2: expected one YAML document, found another (remove the "---")`,
		},
		{
			name: "invalid YAML without a line",
			yaml: "classification: a: b\n",
			want: `bad.yaml:1: invalid YAML: mapping values are not allowed in this context`,
		},
		{
			name: "not a mapping",
			yaml: "- tenants\n",
			want: `bad.yaml:1: expected a mapping, got a list`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("bad.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse gave no error, want %q; config %+v", tt.want, c)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse error\n got: %s\nwant: %s", got, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T is not an *Error", err)
			}
			if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error echoes the secret: %s", err)
			}
		})
	}
}

// TestParseAliasBomb checks that aliases cannot multiply the work of
// decoding without bound: 200 references to a tenant with 10,000
// namespaces stop at the limit instead of decoding two million values.
func TestParseAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("tenants:\n  - &t {id: a, namespaces: [")
	for i := range 10_000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("ns")
	}
	b.WriteString("]}\n")
	for range 200 {
		b.WriteString("  - *t\n")
	}
	_, err := Parse("bomb.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "document too large (more than 1000000 values after expanding aliases)") {
		t.Errorf("Parse: %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nachweis.yaml"))
	if err == nil || !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "read configuration: ") {
		t.Errorf("Load of a missing file: %v; want a wrapped not-exist error", err)
	}
}

func TestParams(t *testing.T) {
	defaults := Params{
		BackupMaxAge:         26 * time.Hour,
		IntegrityMaxAge:      168 * time.Hour,
		RetentionTolerance:   48 * time.Hour,
		VeleroGCInterval:     time.Hour,
		GitHubMaxOwners:      3,
		AllowedClusterAdmins: []string{"Group/system:masters"},
		EUCountries: []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
			"FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU",
			"LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"},
		AllowedRegistries: []string{},
		NodeRegionLabel:   "topology.kubernetes.io/region",
		RegionCountries:   DefaultRegionCountries(),
		DependabotMaxAge:  30 * 24 * time.Hour,
	}
	tests := []struct {
		name string
		yaml string
		want func(p *Params)
	}{
		{"defaults", "", func(*Params) {}},
		{"one override", "parameters: {backup_max_age: 2d}", func(p *Params) { p.BackupMaxAge = 48 * time.Hour }},
		{"empty list is kept", "parameters: {allowed_cluster_admins: []}", func(p *Params) { p.AllowedClusterAdmins = []string{} }},
		{"null is the default", "parameters: {eu_countries: null, github_max_owners: 5}", func(p *Params) { p.GitHubMaxOwners = 5 }},
		{"velero retention declared", "parameters: {velero_retention: 7d}", func(p *Params) { p.VeleroRetention = 7 * 24 * time.Hour }},
		{"registries, region label, dependabot age", "parameters: {allowed_registries: [registry.example.com, ghcr.io/example-org], node_region_label: example.com/site, dependabot_max_age: 14d}",
			func(p *Params) {
				p.AllowedRegistries = []string{"registry.example.com", "ghcr.io/example-org"}
				p.NodeRegionLabel = "example.com/site"
				p.DependabotMaxAge = 14 * 24 * time.Hour
			}},
		{"region countries add to and override the defaults", "parameters: {region_countries: {dc-frankfurt: DE, eu-central-2: CH, hel1: DE}}",
			func(p *Params) {
				p.RegionCountries = DefaultRegionCountries()
				p.RegionCountries["dc-frankfurt"] = "DE"
				p.RegionCountries["hel1"] = "DE"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("nachweis.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			want := defaults
			want.AllowedClusterAdmins = append([]string(nil), defaults.AllowedClusterAdmins...)
			want.RegionCountries = DefaultRegionCountries()
			tt.want(&want)
			if diff := cmp.Diff(want, c.Params()); diff != "" {
				t.Errorf("Params (-want +got):\n%s", diff)
			}
		})
	}
	if len(defaults.EUCountries) != 30 {
		t.Errorf("default eu_countries has %d entries, want 27 EU + 3 EEA", len(defaults.EUCountries))
	}
	// The zero Config (no configuration file) has the defaults too, and
	// the caller cannot change the defaults through the returned slices.
	var zero Config
	p := zero.Params()
	p.EUCountries[0] = "XX"
	p.RegionCountries["fsn1"] = "XX"
	if diff := cmp.Diff(defaults, zero.Params()); diff != "" {
		t.Errorf("zero Config Params (-want +got):\n%s", diff)
	}
}

func TestLookups(t *testing.T) {
	c, err := Load("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	wantNS := map[string]string{"acme-prod": "acme", "acme-test": "acme", "globex-prod": "globex-2"}
	if diff := cmp.Diff(wantNS, c.TenantNamespaces()); diff != "" {
		t.Errorf("TenantNamespaces (-want +got):\n%s", diff)
	}
	b, ok := c.BackupSource("borg", "files01")
	if !ok || b.Kind != "borg" || b.Site != "FI-Helsinki" || b.MaxAge != 7*24*time.Hour {
		t.Errorf("BackupSource(borg, files01) = %+v, %v", b, ok)
	}
	if _, ok := c.BackupSource("restic", "files01"); ok {
		t.Errorf("BackupSource(restic, files01) found a borg source")
	}
	if tn, ok := c.Tenant("globex-2"); !ok || tn.Name != "Globex Logistik AG" {
		t.Errorf("Tenant(globex-2) = %+v, %v", tn, ok)
	}
	// A Config built in Go, not parsed, answers the same way.
	built := &Config{Sources: Sources{PgBackRest: []PgBackRestSource{{BackupSource: BackupSource{Name: "main"}}}}}
	if b, ok := built.BackupSource("pgbackrest", "main"); !ok || b.Kind != "pgbackrest" {
		t.Errorf("BackupSource on a built Config = %+v, %v", b, ok)
	}
	var none *Config
	if len(none.TenantNamespaces()) != 0 || none.Params().GitHubMaxOwners != 3 {
		t.Errorf("nil Config does not give empty namespaces and default params")
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"26h", 26 * time.Hour, true},
		{"7d", 7 * 24 * time.Hour, true},
		{"1d12h", 36 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"0s", 0, false},
		{"0d", 0, false},
		{"-1h", 0, false},
		{"1d-12h", 0, false},
		{"d", 0, false},
		{"7 days", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDuration(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestParseErrorOneLine: keys and values with line breaks or terminal
// escapes leave the message one line (keys written printable, values
// quoted).
func TestParseErrorOneLine(t *testing.T) {
	tests := []struct{ data, want string }{
		{"\"a\\nb\\e[2J\": 1\n", "n.yaml:1: a%0Ab%1B[2J: unknown key"},
		{"tenants:\n  - id: \"a\\nb\"\n    namespaces: [x]\n", `n.yaml:2: tenants[0].id: expected a tenant id made of a-z, 0-9 and -, got "a\nb"`},
	}
	for _, tt := range tests {
		_, err := Parse("n.yaml", []byte(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.ContainsAny(err.Error(), "\n\r\x1b") {
			t.Errorf("%q: %q, want one line starting %q", tt.data, err, tt.want)
		}
	}
	_, err := ParseSoA("soa.yaml", []byte("controls:\n  \"A.5.1\\n\": {applicable: true}\n"))
	if want := `soa.yaml:2: controls.A.5.1%0A: unknown Annex A control "A.5.1\n"`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("soa: %q, want prefix %q", err, want)
	}
}
