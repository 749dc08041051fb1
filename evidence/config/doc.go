// Package config reads nachweis.yaml, the configuration a provider keeps:
// its organisation, tenants (customers) and their scope, the evidence
// sources with what their output cannot tell (site, maximum age,
// retention, which tenant's data a repository holds), the directories of
// attestations, exceptions and extra policies, recorded scope decisions,
// policy parameters and sub-processors.
//
// Decoding is strict: an unknown key, a value of the wrong type, a bad
// duration or date, or a broken rule is an *Error naming the file, the
// line and the key path, e.g.
//
//	nachweis.yaml:12: sources.restic[0].max_age: expected a duration like 26h or 7d, got "yesterday"
//
// Secrets are referenced, never written down: restic sources take
// password_file or password_env, borg sources passphrase_file or
// passphrase_env, GitHub sources token_env. A key that looks like a literal
// secret (password, passphrase, token, secret, ..._key) is rejected
// without echoing its value.
//
// Relative paths (attestations, exceptions, policies, kubeconfig,
// password_file, passphrase_file, pgBackRest config) are resolved against
// the directory of the configuration file. Durations are Go durations and
// may start with a day count ("7d", "1d12h"); dates are YYYY-MM-DD.
//
// A minimal configuration:
//
//	organisation: {name: Beispiel Cloud GmbH, address: "...", dpo: {name: ..., email: ...}}
//	tenants:
//	  - id: acme            # required, unique, [a-z0-9-]
//	    name: ACME GmbH
//	    namespaces: [acme-prod, acme-test]
//	    contract: {reference: AVV-2025-017, date: 2025-03-01}
//	  - id: globex          # namespaces by label, resolved per cluster
//	    namespace_selector: {match_labels: {example.com/tenant: globex}}
//	sources:
//	  kubernetes:
//	    - {name: prod, kubeconfig: ./kubeconfig, context: local, timeout: 30s, page_size: 500}
//	    - {name: self, in_cluster: true}
//	  restic:
//	    - name: web01
//	      repository: /srv/backup/restic/web-01
//	      password_file: /etc/nachweis/restic-web01.pass
//	      site: DE-Falkenstein
//	      max_age: 26h
//	      retention: {daily: 7, weekly: 4, monthly: 6}
//	      tenants: {acme: {tags: [acme]}}
//	  borg:
//	    - {name: files01, repository: /srv/backup/borg/files-01, passphrase_env: BORG_FILES01_PASSPHRASE, site: FI-Helsinki}
//	  pgbackrest:
//	    - name: main
//	      stanza: main
//	      config: /etc/pgbackrest/pgbackrest.conf
//	      sites: {repo1: DE-Falkenstein, repo2: FI-Helsinki}
//	  github:
//	    - {name: example-org, organization: example-org, token_env: GITHUB_TOKEN}
//	attestations: [./attestations]
//	exceptions: [./exceptions]
//	policies: [./policies]
//	scope:
//	  not_applicable:
//	    - {framework: c5, id: PS-01, justification: "...", decided_by: "...", decided_on: 2026-01-15}
//	parameters:
//	  backup_max_age: 26h
//	  github_max_owners: 3
//	sub_processors:
//	  - {name: Hetzner Online GmbH, service: Rechenzentrum, location: DE, transfer: none}
//	classification: "Vertraulich – nur für den Auftraggeber"
//
// A tenant's namespace_selector selects the namespaces carrying all its
// match_labels; TenantNamespacesIn resolves it against the namespaces a
// cluster reports, and a namespace that would belong to two tenants is an
// error. A Kubernetes source uses a kubeconfig (and context) or, with
// in_cluster, the service account of the pod nachweis runs in; timeout
// bounds each request (default 30s) and page_size the objects per list
// request (default 500).
//
// Example is a commented configuration with every section, as written by
// nachweis init.
//
// Parameters not given take their defaults (see Params): backup_max_age
// 26h, integrity_max_age 168h, retention_tolerance 48h, github_max_owners
// 3, allowed_cluster_admins [Group/system:masters], eu_countries (the
// allowed jurisdictions) the EU 27 plus IS, LI and NO, allowed_registries
// none, node_region_label topology.kubernetes.io/region, region_countries
// DefaultRegionCountries (entries given add to and override them),
// dependabot_max_age 30d.
//
// A tenant's stages map each stage (production, test, development) to a
// namespace of the tenant.
//
// The package checks the configuration on its own terms only; whether a
// scope decision names a requirement of the catalog is checked by the
// engine, which knows the catalogs.
package config
