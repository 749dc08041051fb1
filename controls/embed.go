package controls

import "embed"

// dataFS holds the compliance data shipped with nachweis: the catalogs,
// the crosswalk between them and the provider's measures.
//
//go:embed catalogs/*.yaml
var dataFS embed.FS
