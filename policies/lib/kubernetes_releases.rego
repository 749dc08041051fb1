# Package kubernetes_releases is the table of Kubernetes minor releases and
# the end of their support by the Kubernetes project (patch releases end),
# as kubernetes.io/releases lists them. It is a helper library, not a check,
# so it has no check annotations.
#
# Maintenance: add each new minor release with its release date and the
# end-of-life date the project announces, and move as_of to the date of the
# newest release entered. A node running a minor newer than the table is
# reported as missing evidence until the table knows it; a minor older than
# the oldest entry is long out of support. Support a vendor extends beyond
# these dates (long-term support of a managed service) is recorded as an
# accepted exception, not in this table.
package nachweis.lib.kubernetes_releases

# as_of is the release date of the newest minor in the table.
as_of := "2025-12-17"

# releases maps "<major>.<minor>" to its release and end-of-life dates
# (the last day of patch support).
releases := {
	"1.28": {"released": "2023-08-15", "end_of_life": "2024-10-28"},
	"1.29": {"released": "2023-12-13", "end_of_life": "2025-02-28"},
	"1.30": {"released": "2024-04-17", "end_of_life": "2025-06-28"},
	"1.31": {"released": "2024-08-13", "end_of_life": "2025-10-28"},
	"1.32": {"released": "2024-12-11", "end_of_life": "2026-02-28"},
	"1.33": {"released": "2025-04-23", "end_of_life": "2026-06-28"},
	"1.34": {"released": "2025-08-27", "end_of_life": "2026-10-27"},
	"1.35": {"released": "2025-12-17", "end_of_life": "2027-02-28"},
}

# parse is [major, minor] of "<major>.<minor>"; undefined for anything else.
parse(minor) := [to_number(p[0]), to_number(p[1])] if {
	regex.match(`^[0-9]+\.[0-9]+$`, minor)
	p := split(minor, ".")
}

# newest and oldest are the newest and oldest minors of the table.
newest := m if {
	ordered := sort([parse(k) | some k, _ in releases])
	m := ordered[count(ordered) - 1]
}

oldest := sort([parse(k) | some k, _ in releases])[0]

# end_of_life_ns is the first moment after the last day of support of a
# minor in the table (UTC); undefined for a minor not in the table.
end_of_life_ns(minor) := time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [releases[minor].end_of_life])) + 86400000000000

# behind is how many minors a is behind b (negative when a is newer), for
# minors of the same major; undefined across majors.
behind(a, b) := parse(b)[1] - parse(a)[1] if parse(a)[0] == parse(b)[0]
