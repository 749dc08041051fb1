package scaletest

import (
	"fmt"
	"strings"
)

// configYAML is the provider's nachweis.yaml: every tenant with its
// namespace, and per repository its site, retention and a tag selector
// per tenant.
func configYAML(n int) []byte {
	var sb strings.Builder
	sb.WriteString("organisation:\n  name: Skalierung Cloud GmbH\n  address: Musterstraße 12, 90402 Nürnberg\n  dpo: {name: Dr. Erika Mustermann, email: datenschutz@skalierung.example}\n")
	sb.WriteString("tenants:\n")
	for i := range n {
		fmt.Fprintf(&sb, "  - id: %s\n    name: Kunde %04d GmbH\n    namespaces: [%s]\n    contract: {reference: AVV-2026-%04d, date: 2026-01-15}\n", Tenant(i), i, Namespace(i), i)
	}
	fmt.Fprintf(&sb, "sources:\n  kubernetes:\n    - name: %s\n      context: prod-fsn1\n  restic:\n", Source)
	for r, repo := range repos {
		fmt.Fprintf(&sb, "    - name: %s\n      repository: sftp:restic@%s.backup.example:/srv/restic/tenants\n      password_env: RESTIC_PASSWORD_%s\n      site: %s\n      max_age: 26h\n      retention: {daily: %d}\n      tenants:\n",
			repo.Name, repo.Name, strings.ToUpper(repo.Name), repo.Site, repo.Daily)
		for i := range n {
			if repo.Name != "hel1" && i%2 != r {
				continue
			}
			fmt.Fprintf(&sb, "        %s: {tags: [%s]}\n", Tenant(i), Tenant(i))
		}
	}
	sb.WriteString("parameters:\n  allowed_cluster_admins: [Group/system:masters, Group/platform-ops]\n  allowed_registries: [registry.beispiel-cloud.de]\n")
	return []byte(sb.String())
}
