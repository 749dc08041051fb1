# METADATA
# title: Backups are kept as long as declared, and no longer
# description: For every repository with a declared retention (daily d, weekly w, monthly m, yearly y), the oldest snapshot is not older than the longest tier (max of d, 7w, 31m, 366y days) plus the retention tolerance, so data is not kept longer than declared. When d > 0, the number of distinct UTC days with a successful snapshot within the last d days is at least min(d, whole days since the oldest snapshot), so the daily tier is actually filled; this simple count ignores which snapshot a tool would keep. A repository without declared retention or without snapshot evidence is reported as missing evidence; a repository without snapshots fails. Snapshots dated more than 5 minutes after the evaluation time are not counted; a repository with only such snapshots is reported as missing evidence.
# custom:
#   id: BAK-RET-01
#   severity: medium
#   measures: [TOM-VER-04]
#   requires: [backup.snapshots]
#   title_de: Datensicherungen werden so lange wie deklariert aufbewahrt, nicht länger
#   description_de: Für jedes Repository mit deklarierter Aufbewahrung (täglich d, wöchentlich w, monatlich m, jährlich y) ist der älteste Snapshot nicht älter als die längste Stufe (Maximum aus d, 7w, 31m, 366y Tagen) zuzüglich Toleranz, Daten werden also nicht länger als deklariert aufbewahrt. Bei d > 0 ist die Zahl der verschiedenen UTC-Tage mit erfolgreichem Snapshot in den letzten d Tagen mindestens min(d, volle Tage seit dem ältesten Snapshot), die tägliche Stufe ist also tatsächlich belegt; diese einfache Zählung bildet nicht nach, welchen Snapshot ein Werkzeug behält. Ein Repository ohne deklarierte Aufbewahrung oder ohne Snapshot-Nachweis gilt als fehlender Nachweis; ein Repository ohne Snapshots gilt als nicht erfüllt. Snapshots, die mehr als 5 Minuten nach dem Auswertungszeitpunkt datiert sind, zählen nicht; ein Repository mit nur solchen Snapshots gilt als fehlender Nachweis.
package nachweis.backup.retention

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.human

_day_s := 86400

_day_ns := 86400000000000

# days each kept snapshot of a tier covers at most
_tier_days := {"daily": 1, "weekly": 7, "monthly": 31, "yearly": 366}

_tolerance_s := s if {
	s := input.params.retention_tolerance_s
	is_number(s)
	s >= 0
} else := 0

results contains r if {
	some name, repo in backup.repositories
	v := _verdict(name, repo)
	r := {
		"status": v.status,
		"resource": backup.resource(name, repo),
		"message": v.message,
		"expected": v.expected,
		"measured": v.measured,
		"refs": array.concat(evidence.ref(repo), v.refs),
	}
}

_verdict(name, repo) := {
	"status": "no-evidence",
	"message": sprintf("repository %s cannot be assessed: %s", [name, backup.snapshots_missing(repo)]),
	"expected": "snapshots kept as declared",
	"measured": "unknown",
	"refs": [],
} if {
	not backup.snapshots_known(repo)
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: no retention is declared, so the kept snapshots cannot be compared with it", [name]),
	"expected": "a declared retention",
	"measured": sprintf("%s recorded", [human.counted(count(repo.snapshots), "snapshot", "snapshots")]),
	"refs": [],
} if {
	not is_object(repo.retention)
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s: the declared retention has invalid tiers: %s", [name, human.list(_invalid(repo.retention))]),
	"expected": "a declared retention",
	"measured": "unknown",
	"refs": [],
} if {
	count(_invalid(repo.retention)) > 0
} else := _assess(name, repo.snapshots, _tiers(repo.retention))

# A tier that is absent or null counts as 0; anything else must be a
# non-negative integer.
_invalid(retention) := [k |
	some k, _ in _tier_days
	v := object.get(retention, k, null)
	v != null
	not _count(v)
]

_count(v) if {
	is_number(v)
	v >= 0
	v == floor(v)
}

_tiers(retention) := {k: n |
	some k, _ in _tier_days
	n := _tier(object.get(retention, k, null))
}

_tier(v) := v if is_number(v)

else := 0

_assess(name, snapshots, tiers) := {
	"status": "no-evidence",
	"message": sprintf("repository %s: every snapshot is %s (%s, newest %s), so what is kept cannot be compared with the declared retention", [
		name,
		evidence.future_reason,
		human.counted(count(_future_times(snapshots)), "snapshot", "snapshots"),
		human.timestamp(max(_future_times(snapshots))),
	]),
	"expected": _expected(tiers),
	"measured": sprintf("snapshots %s", [evidence.future_reason]),
	"refs": [],
} if {
	count(_times(snapshots)) == 0
	count(_future_times(snapshots)) > 0
} else := {
	"status": "fail",
	"message": sprintf("repository %s holds no snapshots, so the declared retention (%s) is not kept", [name, _describe(tiers)]),
	"expected": _expected(tiers),
	"measured": "no snapshots",
	"refs": [],
} if {
	count(_times(snapshots)) == 0
} else := {
	"status": _status(problems),
	"message": _message(name, problems, oldest, tiers, points),
	"expected": _expected(tiers),
	"measured": _measured(oldest, tiers, points),
	"refs": evidence.ref(oldest),
} if {
	times := _times(snapshots)
	first := min(times)
	oldest := [s | some s in snapshots; s.time_ns == first][0]
	age_s := (input.now_ns - first) / 1000000000
	points := _daily_points(snapshots, tiers.daily, age_s)
	problems := array.concat(
		[sprintf("the oldest snapshot is %s old (%s), longer than the declared retention of %s plus %s tolerance", [
			human.duration(age_s),
			human.timestamp(first),
			human.duration(_longest_days(tiers) * _day_s),
			human.duration(_tolerance_s),
		]) |
			age_s > (_longest_days(tiers) * _day_s) + _tolerance_s
		],
		[sprintf("only %d of the last %d days have a successful snapshot (required: %d)", [points.found, tiers.daily, points.required]) |
			points.found < points.required
		],
	)
}

# _times are the snapshot times that count: those dated after the
# evaluation time (beyond the clock-skew tolerance) say nothing about what
# is kept.
_times(snapshots) := [s.time_ns | some s in snapshots; is_number(s.time_ns); not evidence.future(s.time_ns)]

_future_times(snapshots) := [s.time_ns | some s in snapshots; is_number(s.time_ns); evidence.future(s.time_ns)]

_longest_days(tiers) := max([d | some k, n in tiers; d := n * _tier_days[k]])

# _daily_points counts distinct UTC days with a successful snapshot in the
# last `daily` days; required is capped by the whole days since the oldest
# snapshot, so a young repository is not held to a full daily tier.
_daily_points(snapshots, daily, age_s) := {
	"found": count({floor(s.time_ns / _day_ns) |
		some s in snapshots
		backup.ok(s)
		s.time_ns <= input.now_ns
		input.now_ns - s.time_ns < daily * _day_ns
	}),
	"required": min([daily, floor(age_s / _day_s)]),
}

_status(problems) := "fail" if count(problems) > 0

else := "pass"

_message(name, problems, oldest, tiers, points) := sprintf("repository %s does not keep the declared retention: %s", [name, concat("; ", problems)]) if {
	count(problems) > 0
} else := sprintf("repository %s keeps the declared retention (%s): %s", [name, _describe(tiers), _measured(oldest, tiers, points)])

_describe(tiers) := sprintf("%d daily, %d weekly, %d monthly, %d yearly = %s", [
	tiers.daily, tiers.weekly, tiers.monthly, tiers.yearly,
	human.duration(_longest_days(tiers) * _day_s),
])

_expected(tiers) := concat("; ", array.concat(
	[sprintf("oldest snapshot at most %s old (retention %s, plus %s tolerance)", [
		human.duration((_longest_days(tiers) * _day_s) + _tolerance_s),
		_describe(tiers),
		human.duration(_tolerance_s),
	])],
	[sprintf("successful snapshots on min(%d, whole days since the oldest snapshot) distinct days of the last %d days", [tiers.daily, tiers.daily]) | tiers.daily > 0],
))

_measured(oldest, tiers, points) := concat("; ", array.concat(
	[sprintf("oldest snapshot %s ago (%s)", [human.age(input.now_ns, oldest.time_ns), human.timestamp(oldest.time_ns)])],
	[sprintf("%d distinct days with a successful snapshot in the last %d days (required: %d)", [points.found, tiers.daily, points.required]) | tiers.daily > 0],
))
