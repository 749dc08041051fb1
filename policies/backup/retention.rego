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
#   messages:
#     expected_kept:
#       de: "Snapshots wie erklärt aufbewahrt"
#       en: "snapshots kept as declared"
#     expected_declared:
#       de: "eine erklärte Aufbewahrung"
#       en: "a declared retention"
#     not_declared:
#       de: "Repository {name}: Es ist keine Aufbewahrung erklärt, daher lassen sich die aufbewahrten Snapshots nicht damit vergleichen"
#       en: "repository {name}: no retention is declared, so the kept snapshots cannot be compared with it"
#     measured_recorded:
#       de: "{count:count:Snapshot:Snapshots} erfasst"
#       en: "{count:count:snapshot:snapshots} recorded"
#     invalid:
#       de: "Repository {name}: Die erklärte Aufbewahrung hat ungültige Stufen: {tiers:list}"
#       en: "repository {name}: the declared retention has invalid tiers: {tiers:list}"
#     all_future:
#       de: "Repository {name}: Jeder Snapshot ist nach dem Bewertungszeitpunkt datiert ({count:count:Snapshot:Snapshots}, neuester vom {newest_ns:datetime}), daher lässt sich das Aufbewahrte nicht mit der erklärten Aufbewahrung vergleichen"
#       en: "repository {name}: every snapshot is dated after the evaluation time ({count:count:snapshot:snapshots}, newest {newest_ns:datetime}), so what is kept cannot be compared with the declared retention"
#     measured_future:
#       de: "Snapshots nach dem Bewertungszeitpunkt datiert"
#       en: "snapshots dated after the evaluation time"
#     empty:
#       de: "Repository {name} enthält keine Snapshots, daher wird die erklärte Aufbewahrung ({retention:msg}) nicht eingehalten"
#       en: "repository {name} holds no snapshots, so the declared retention ({retention:msg}) is not kept"
#     measured_empty:
#       de: "keine Snapshots"
#       en: "no snapshots"
#     too_old:
#       de: "Der älteste Snapshot ist {age_s:duration} alt ({time_ns:datetime}), älter als die erklärte Aufbewahrung ({retention_s:duration}) zuzüglich Toleranz ({tolerance_s:duration})"
#       en: "the oldest snapshot is {age_s:duration} old ({time_ns:datetime}), longer than the declared retention of {retention_s:duration} plus {tolerance_s:duration} tolerance"
#     too_few_days:
#       de: "Nur an {found} der letzten {daily:count:Tag:Tage} gibt es einen erfolgreichen Snapshot (erforderlich: {required})"
#       en: "only {found} of the last {daily:count:day:days} have a successful snapshot (required: {required})"
#     fail:
#       de: "Repository {name} hält die erklärte Aufbewahrung nicht ein: {problems:msgs}"
#       en: "repository {name} does not keep the declared retention: {problems:msgs}"
#     pass:
#       de: "Repository {name} hält die erklärte Aufbewahrung ein ({retention:msg}): {measured:msg}"
#       en: "repository {name} keeps the declared retention ({retention:msg}): {measured:msg}"
#     retention:
#       de: "{daily} täglich, {weekly} wöchentlich, {monthly} monatlich, {yearly} jährlich = {longest_s:duration}"
#       en: "{daily} daily, {weekly} weekly, {monthly} monthly, {yearly} yearly = {longest_s:duration}"
#     parts:
#       de: "{parts:msgs}"
#       en: "{parts:msgs}"
#     expected_age:
#       de: "ältester Snapshot höchstens {max_s:duration} alt (Aufbewahrung {retention:msg}, Toleranz {tolerance_s:duration})"
#       en: "oldest snapshot at most {max_s:duration} old (retention {retention:msg}, plus {tolerance_s:duration} tolerance)"
#     expected_daily:
#       de: "erfolgreiche Snapshots an min({daily}, ganze Tage seit dem ältesten Snapshot) verschiedenen Tagen der letzten {daily:count:Tag:Tage}"
#       en: "successful snapshots on min({daily}, whole days since the oldest snapshot) distinct days of the last {daily:count:day:days}"
#     measured_oldest:
#       de: "ältester Snapshot vom {time_ns:datetime}, Alter {age_s:duration}"
#       en: "oldest snapshot {age_s:duration} ago ({time_ns:datetime})"
#     measured_days:
#       de: "{found:count:Tag:Tage} mit erfolgreichem Snapshot in den letzten {daily:count:Tag:Tagen} (erforderlich: {required})"
#       en: "{found:count:distinct day:distinct days} with a successful snapshot in the last {daily:count:day:days} (required: {required})"
package nachweis.backup.retention

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.messages

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
	"message": backup.not_assessable(backup.subject(name), backup.snapshots_missing(repo)),
	"expected": messages.plain("expected_kept"),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	not backup.snapshots_known(repo)
} else := {
	"status": "no-evidence",
	"message": messages.msg("not_declared", {"name": name}),
	"expected": messages.plain("expected_declared"),
	"measured": messages.msg("measured_recorded", {"count": count(repo.snapshots)}),
	"refs": [],
} if {
	not is_object(repo.retention)
} else := {
	"status": "no-evidence",
	"message": messages.msg("invalid", {"name": name, "tiers": sort(_invalid(repo.retention))}),
	"expected": messages.plain("expected_declared"),
	"measured": messages.plain("unknown"),
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
	"message": messages.msg("all_future", {
		"name": name,
		"count": count(_future_times(snapshots)),
		"newest_ns": max(_future_times(snapshots)),
	}),
	"expected": _expected(tiers),
	"measured": messages.plain("measured_future"),
	"refs": [],
} if {
	count(_times(snapshots)) == 0
	count(_future_times(snapshots)) > 0
} else := {
	"status": "fail",
	"message": messages.msg("empty", {"name": name, "retention": _describe(tiers)}),
	"expected": _expected(tiers),
	"measured": messages.plain("measured_empty"),
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
		[messages.msg("too_old", {
			"age_s": age_s,
			"time_ns": first,
			"retention_s": _longest_days(tiers) * _day_s,
			"tolerance_s": _tolerance_s,
		}) |
			age_s > (_longest_days(tiers) * _day_s) + _tolerance_s
		],
		[messages.msg("too_few_days", {"found": points.found, "daily": tiers.daily, "required": points.required}) |
			points.found < points.required
		],
	)
}

# _times are the snapshot times that count: those dated after the
# evaluation time (beyond the clock-skew tolerance) say nothing about what
# is kept.
# (evidence.future, compared directly: this runs once per snapshot).
_times(snapshots) := [s.time_ns | some s in snapshots; is_number(s.time_ns); s.time_ns <= evidence.future_after_ns]

_future_times(snapshots) := [s.time_ns | some s in snapshots; is_number(s.time_ns); s.time_ns > evidence.future_after_ns]

_longest_days(tiers) := max([d | some k, n in tiers; d := n * _tier_days[k]])

# _daily_points counts distinct UTC days with a successful snapshot in the
# last `daily` days; required is capped by the whole days since the oldest
# snapshot, so a young repository is not held to a full daily tier.
_daily_points(snapshots, daily, age_s) := {
	"found": count({floor(s.time_ns / _day_ns) |
		some s in backup.oks(snapshots)
		s.time_ns <= input.now_ns
		input.now_ns - s.time_ns < daily * _day_ns
	}),
	"required": min([daily, floor(age_s / _day_s)]),
}

_status(problems) := "fail" if count(problems) > 0

else := "pass"

_message(name, problems, oldest, tiers, points) := messages.msg("fail", {"name": name, "problems": problems}) if {
	count(problems) > 0
} else := messages.msg("pass", {"name": name, "retention": _describe(tiers), "measured": _measured(oldest, tiers, points)})

_describe(tiers) := messages.msg("retention", {
	"daily": tiers.daily, "weekly": tiers.weekly, "monthly": tiers.monthly, "yearly": tiers.yearly,
	"longest_s": _longest_days(tiers) * _day_s,
})

_expected(tiers) := messages.msg("parts", {"parts": array.concat(
	[messages.msg("expected_age", {
		"max_s": (_longest_days(tiers) * _day_s) + _tolerance_s,
		"retention": _describe(tiers),
		"tolerance_s": _tolerance_s,
	})],
	[messages.msg("expected_daily", {"daily": tiers.daily}) | tiers.daily > 0],
)})

_measured(oldest, tiers, points) := messages.msg("parts", {"parts": array.concat(
	[messages.msg("measured_oldest", {"age_s": (input.now_ns - oldest.time_ns) / 1000000000, "time_ns": oldest.time_ns})],
	[messages.msg("measured_days", {"found": points.found, "daily": tiers.daily, "required": points.required}) | tiers.daily > 0],
)})
