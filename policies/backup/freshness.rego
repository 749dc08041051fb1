# METADATA
# title: Backups are fresh, per repository and per tenant
# description: For every backup repository the newest successful snapshot is younger than the repository's maximum age (its declared max_age_s, else the default). For every tenant mapped to repositories, the newest successful snapshot carrying that tenant in any of its repositories is younger than the smallest maximum age among them. A repository without snapshot evidence, and a configured tenant without repository mapping, are reported as missing evidence. A snapshot dated more than 5 minutes after the evaluation time counts for nothing; the newest snapshot that is not decides, and a repository or tenant with only such snapshots is reported as missing evidence.
# custom:
#   id: BAK-FRESH-01
#   severity: high
#   measures: [TOM-VER-02]
#   requires: [backup.snapshots]
#   title_de: Datensicherungen sind aktuell, je Repository und je Mandant
#   description_de: Für jedes Backup-Repository ist der neueste erfolgreiche Snapshot jünger als das maximale Alter des Repositorys (sein deklariertes max_age_s, sonst der Standardwert). Für jeden Mandanten mit zugeordneten Repositorys ist der neueste erfolgreiche Snapshot mit diesem Mandanten in einem seiner Repositorys jünger als das kleinste maximale Alter dieser Repositorys. Ein Repository ohne Snapshot-Nachweis und ein konfigurierter Mandant ohne Repository-Zuordnung gelten als fehlender Nachweis. Ein Snapshot, der mehr als 5 Minuten nach dem Auswertungszeitpunkt datiert ist, zählt nicht; es entscheidet der neueste andere Snapshot; ein Repository oder Mandant mit nur solchen Snapshots gilt als fehlender Nachweis.
#   messages:
#     expected:
#       de: "neuester erfolgreicher Snapshot jünger als {limit_s:duration}"
#       en: "newest successful snapshot younger than {limit_s:duration}"
#     expected_undeclared:
#       de: "neuester erfolgreicher Snapshot jünger als das erklärte Höchstalter"
#       en: "newest successful snapshot younger than the declared maximum age"
#     no_limit:
#       de: "kein maximales Snapshot-Alter erklärt und kein Standardwert konfiguriert"
#       en: "no maximum snapshot age is declared and no default is configured"
#     all_future:
#       de: "{subject:msg}: Jeder erfolgreiche Snapshot ist nach dem Bewertungszeitpunkt datiert ({count:count:Snapshot:Snapshots}, neuester vom {newest_ns:datetime}); keiner belegt eine aktuelle Sicherung"
#       en: "{subject:msg}: every successful snapshot is dated after the evaluation time ({count:count:snapshot:snapshots}, newest {newest_ns:datetime}); none is evidence of a recent backup"
#     measured_future:
#       de: "neuester erfolgreicher Snapshot nach dem Bewertungszeitpunkt datiert ({newest_ns:datetime})"
#       en: "newest successful snapshot dated after the evaluation time ({newest_ns:datetime})"
#     no_success:
#       de: "{subject:msg} hat keinen erfolgreichen Snapshot ({count:count:Snapshot:Snapshots} erfasst)"
#       en: "{subject:msg} has no successful snapshot ({count:count:snapshot:snapshots} recorded)"
#     measured_no_success:
#       de: "kein erfolgreicher Snapshot"
#       en: "no successful snapshot"
#     fresh:
#       de: "{subject:msg}: Der neueste erfolgreiche Snapshot {snapshot} ist {age_s:duration} alt ({time_ns:datetime}), jünger als {limit_s:duration}"
#       en: "{subject:msg}: newest successful snapshot {snapshot} is {age_s:duration} old ({time_ns:datetime}), younger than {limit_s:duration}"
#     stale:
#       de: "{subject:msg}: Der neueste erfolgreiche Snapshot {snapshot} ist {age_s:duration} alt ({time_ns:datetime}), älter als die Grenze ({limit_s:duration})"
#       en: "{subject:msg}: newest successful snapshot {snapshot} is {age_s:duration} old ({time_ns:datetime}), older than the limit of {limit_s:duration}"
#     measured:
#       de: "neuester erfolgreicher Snapshot vom {time_ns:datetime}, Alter {age_s:duration}"
#       en: "newest successful snapshot {age_s:duration} ago ({time_ns:datetime})"
#     unmapped:
#       de: "Dem Mandanten {tenant} ist kein Backup-Repository zugeordnet, daher lässt sich die Aktualität seiner Sicherungen nicht bewerten"
#       en: "no backup repository is mapped to tenant {tenant}, so the freshness of its backups cannot be assessed"
#     mapping_not_list:
#       de: "Mandant {tenant}: Die Repository-Zuordnung ist keine Liste"
#       en: "tenant {tenant}: the repository mapping is not a list"
#     tenant_unassessable:
#       de: "Mandant {tenant}: kein erfolgreicher Snapshot jünger als {limit_s:duration} in den Repositorys mit Nachweis, und {repositories:list} {repositories:plural:kann:können} nicht bewertet werden ({reasons:msgs})"
#       en: "tenant {tenant}: no successful snapshot younger than {limit_s:duration} in the repositories with evidence, and {repositories:list} cannot be assessed ({reasons:msgs})"
#     repository_reason:
#       de: "{name}: {reason:msg}"
#       en: "{name}: {reason:msg}"
#     not_in_evidence:
#       de: "nicht im Backup-Nachweis"
#       en: "not in the backup evidence"
#     tenant_no_success:
#       de: "Mandant {tenant} hat keinen erfolgreichen Snapshot in seinen Repositorys ({repositories:list})"
#       en: "tenant {tenant} has no successful snapshot in its repositories ({repositories:list})"
#     measured_tenant_none:
#       de: "kein erfolgreicher Snapshot in den Repositorys mit Nachweis"
#       en: "no successful snapshot in the repositories with evidence"
package nachweis.backup.freshness

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.messages

results contains r if {
	some name, repo in backup.repositories
	v := _repository_verdict(name, repo)
	r := {
		"status": v.status,
		"resource": backup.resource(name, repo),
		"message": v.message,
		"expected": _expected(backup.max_age_s(repo)),
		"measured": v.measured,
		"refs": array.concat(evidence.ref(repo), v.refs),
	}
}

_repository_verdict(name, repo) := {
	"status": "no-evidence",
	"message": backup.not_assessable(backup.subject(name), backup.snapshots_missing(repo)),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	not backup.snapshots_known(repo)
} else := {
	"status": "no-evidence",
	"message": backup.not_assessable(backup.subject(name), messages.plain("no_limit")),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	backup.max_age_s(repo) == null
} else := _future_verdict(backup.subject(name), backup.future_ok(repo.snapshots)) if {
	backup.newest_ok(repo.snapshots) == null
	count(backup.future_ok(repo.snapshots)) > 0
} else := messages.noted(
	_snapshot_verdict(backup.subject(name), backup.newest_ok(repo.snapshots), backup.max_age_s(repo), count(repo.snapshots)),
	backup.future_note(repo.snapshots),
)

# _future_verdict: every successful snapshot is dated after the evaluation
# time, so none shows how recent the backups are.
_future_verdict(subject, future) := {
	"status": "no-evidence",
	"message": messages.msg("all_future", {
		"subject": subject,
		"count": count(future),
		"newest_ns": max([s.time_ns | some s in future]),
	}),
	"measured": messages.msg("measured_future", {"newest_ns": max([s.time_ns | some s in future])}),
	"refs": [s.ref | some s in future; is_string(s.ref)],
}

# _snapshot_verdict compares the newest successful snapshot (or null) with
# the limit; subject (a message) names what was assessed.
_snapshot_verdict(subject, newest, limit, n) := {
	"status": "fail",
	"message": messages.msg("no_success", {"subject": subject, "count": n}),
	"measured": messages.plain("measured_no_success"),
	"refs": [],
} if {
	newest == null
} else := {
	"status": "pass",
	"message": messages.msg("fresh", _snapshot_args(subject, newest, limit)),
	"measured": _measured(newest),
	"refs": evidence.ref(newest),
} if {
	_age_s(newest) < limit
} else := {
	"status": "fail",
	"message": messages.msg("stale", _snapshot_args(subject, newest, limit)),
	"measured": _measured(newest),
	"refs": evidence.ref(newest),
}

_snapshot_args(subject, s, limit) := {
	"subject": subject,
	"snapshot": _id(s),
	"age_s": _age_s(s),
	"time_ns": s.time_ns,
	"limit_s": limit,
}

_id(s) := s.id if {
	is_string(s.id)
	s.id != ""
} else := "–"

_age_s(s) := (input.now_ns - s.time_ns) / 1000000000

_measured(s) := messages.msg("measured", {"age_s": _age_s(s), "time_ns": s.time_ns})

_expected(limit) := messages.msg("expected", {"limit_s": limit}) if limit != null

else := messages.plain("expected_undeclared")

# Per tenant: all snapshots carrying the tenant in the repositories mapped
# to it count; the strictest repository limit applies.
results contains r if {
	some tenant, names in backup.tenant_repositories
	v := _tenant_verdict(tenant, names)
	r := {
		"status": v.status,
		"resource": backup.tenant_resource(tenant),
		"tenant": tenant,
		"message": v.message,
		"expected": _expected(_tenant_limit(names)),
		"measured": v.measured,
		"refs": v.refs,
	}
}

results contains r if {
	some tenant in backup.unmapped_tenants
	r := {
		"status": "no-evidence",
		"resource": backup.tenant_resource(tenant),
		"tenant": tenant,
		"message": messages.msg("unmapped", {"tenant": tenant}),
		"expected": _expected(backup.default_max_age_s),
		"measured": messages.plain("backup_no_repository_mapped"),
		"refs": [],
	}
}

_tenant_verdict(tenant, names) := {
	"status": "no-evidence",
	"message": messages.msg("mapping_not_list", {"tenant": tenant}),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	not is_array(names)
} else := {
	"status": "no-evidence",
	"message": backup.not_assessable(backup.tenant_subject(tenant), messages.plain("no_limit")),
	"measured": messages.plain("unknown"),
	"refs": [],
} if {
	_tenant_limit(names) == null
} else := messages.noted(
	_tenant_snapshot_verdict(tenant, names, _tenant_newest(tenant, names), _tenant_limit(names)),
	_tenant_future_note(tenant, names),
) if {
	_tenant_newest(tenant, names) != null
} else := _tenant_snapshot_verdict(tenant, names, null, _tenant_limit(names))

_tenant_snapshot_verdict(tenant, names, newest, limit) := object.union(
	_snapshot_verdict(_tenant_subject(tenant, newest), newest, limit, 0),
	{"refs": evidence.ref(newest)},
) if {
	newest != null
	_age_s(newest) < limit
} else := {
	"status": "no-evidence",
	"message": messages.msg("tenant_unassessable", {
		"tenant": tenant,
		"limit_s": limit,
		"repositories": sort(_unassessable(names)),
		"reasons": [messages.msg("repository_reason", {"name": n, "reason": _missing_reason(n)}) | some n in sort(_unassessable(names))],
	}),
	"measured": _tenant_measured(newest),
	"refs": evidence.ref(newest),
} if {
	count(_unassessable(names)) > 0
} else := _future_verdict(backup.tenant_subject(tenant), _tenant_future(tenant, names)) if {
	newest == null
	count(_tenant_future(tenant, names)) > 0
} else := {
	"status": "fail",
	"message": messages.msg("tenant_no_success", {"tenant": tenant, "repositories": sort(names)}),
	"measured": messages.plain("measured_no_success"),
	"refs": [],
} if {
	newest == null
} else := _snapshot_verdict(_tenant_subject(tenant, newest), newest, limit, 0)

_tenant_subject(tenant, newest) := messages.msg("subject_tenant_repository", {"tenant": tenant, "repository": newest.repository}) if newest != null

else := backup.tenant_subject(tenant)

_tenant_measured(newest) := messages.plain("measured_tenant_none") if newest == null

else := _measured(newest)

# _tenant_limit is the smallest maximum age of the tenant's known
# repositories, else the default (null when none is configured).
_tenant_limit(names) := min(limits) if {
	limits := [l | some n in names; l := backup.max_age_s(backup.repositories[n]); l != null]
	count(limits) > 0
} else := backup.default_max_age_s

_tenant_newest(tenant, names) := e if {
	entries := [x | some x in _tenant_entries(tenant, names); x.future == false]
	count(entries) > 0
	newest := max([x.time_ns | some x in entries])
	e := [x | some x in entries; x.time_ns == newest][0]
} else := null

# _tenant_entries are the tenant's successful snapshots in the
# repositories mapped to it, including those dated after the evaluation
# time (future true).
_tenant_entries(tenant, names) := [x |
	mapped := {n | some n in names}
	some x in object.get(backup.tenant_snapshots, tenant, [])
	x.repository in mapped
]

_tenant_future(tenant, names) := [x | some x in _tenant_entries(tenant, names); x.future == true]

_tenant_future_note(tenant, names) := null if {
	count(_tenant_future(tenant, names)) == 0
} else := messages.msg("backup_future_not_counted", {
	"count": count(_tenant_future(tenant, names)),
	"newest_ns": max([x.time_ns | some x in _tenant_future(tenant, names)]),
})

_unassessable(names) := [n | some n in names; _missing_reason(n)]

_missing_reason(n) := messages.plain("not_in_evidence") if {
	not backup.repositories[n]
} else := backup.snapshots_missing(backup.repositories[n])
