# Package github holds what the GitHub checks share: how an organisation is
# named in results and the source-level missing-evidence result. It is a
# helper library, not a check, so it has no check annotations.
package nachweis.lib.github

import data.nachweis.lib.evidence
import data.nachweis.lib.messages

# resource names a GitHub source in results, e.g. "github/example-org".
resource(source) := sprintf("github/%s", [source])

# org is the organisation login of a source, or the source name when the
# organisation itself was not recorded.
org(source, src) := login if {
	login := src.organization.login
	is_string(login)
	login != ""
} else := source

# missing_result is the no-evidence result for a source that did not deliver
# the evidence kind key (expected is a message); undefined when it did.
missing_result(source, src, key, expected) := {
	"status": "no-evidence",
	"resource": resource(source),
	"message": messages.msg("github_org_not_assessable", {"org": org(source, src), "reason": evidence.reason(src, key)}),
	"expected": expected,
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	evidence.missing(src, key)
}
