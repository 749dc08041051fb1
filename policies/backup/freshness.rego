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
package nachweis.backup.freshness

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.human

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
	"message": sprintf("repository %s cannot be assessed: %s", [name, backup.snapshots_missing(repo)]),
	"measured": "unknown",
	"refs": [],
} if {
	not backup.snapshots_known(repo)
} else := {
	"status": "no-evidence",
	"message": sprintf("repository %s cannot be assessed: no maximum snapshot age is declared and no default is configured", [name]),
	"measured": "unknown",
	"refs": [],
} if {
	backup.max_age_s(repo) == null
} else := _future_verdict(sprintf("repository %s", [name]), backup.future_ok(repo.snapshots)) if {
	backup.newest_ok(repo.snapshots) == null
	count(backup.future_ok(repo.snapshots)) > 0
} else := _noted(
	_snapshot_verdict(sprintf("repository %s", [name]), backup.newest_ok(repo.snapshots), backup.max_age_s(repo), count(repo.snapshots)),
	backup.future_note(repo.snapshots),
)

# _future_verdict: every successful snapshot is dated after the evaluation
# time, so none shows how recent the backups are.
_future_verdict(subject, future) := {
	"status": "no-evidence",
	"message": sprintf("%s: every successful snapshot is %s (%s, newest %s); none is evidence of a recent backup", [
		subject,
		evidence.future_reason,
		human.counted(count(future), "snapshot", "snapshots"),
		human.timestamp(max([s.time_ns | some s in future])),
	]),
	"measured": sprintf("newest successful snapshot %s (%s)", [evidence.future_reason, human.timestamp(max([s.time_ns | some s in future]))]),
	"refs": [s.ref | some s in future; is_string(s.ref)],
}

# _noted appends a note (e.g. about snapshots dated after the evaluation
# time that were not counted) to a verdict's message.
_noted(v, note) := object.union(v, {"message": concat("", [v.message, note])})

# _snapshot_verdict compares the newest successful snapshot (or null) with
# the limit; subject names what was assessed.
_snapshot_verdict(subject, newest, limit, n) := {
	"status": "fail",
	"message": sprintf("%s has no successful snapshot (%s recorded)", [subject, human.counted(n, "snapshot", "snapshots")]),
	"measured": "no successful snapshot",
	"refs": [],
} if {
	newest == null
} else := {
	"status": "pass",
	"message": sprintf("%s: newest successful snapshot %s is %s old (%s), younger than %s", [subject, _id(newest), _age(newest), human.timestamp(newest.time_ns), human.duration(limit)]),
	"measured": _measured(newest),
	"refs": evidence.ref(newest),
} if {
	_age_s(newest) < limit
} else := {
	"status": "fail",
	"message": sprintf("%s: newest successful snapshot %s is %s old (%s), older than the limit of %s", [subject, _id(newest), _age(newest), human.timestamp(newest.time_ns), human.duration(limit)]),
	"measured": _measured(newest),
	"refs": evidence.ref(newest),
}

_id(s) := s.id if {
	is_string(s.id)
	s.id != ""
} else := "(no id)"

_age_s(s) := (input.now_ns - s.time_ns) / 1000000000

_age(s) := human.age(input.now_ns, s.time_ns)

_measured(s) := sprintf("newest successful snapshot %s ago (%s)", [_age(s), human.timestamp(s.time_ns)])

_expected(limit) := sprintf("newest successful snapshot younger than %s", [human.duration(limit)]) if limit != null

else := "newest successful snapshot younger than the declared maximum age"

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
		"message": sprintf("no backup repository is mapped to tenant %s, so the freshness of its backups cannot be assessed", [tenant]),
		"expected": _expected(backup.default_max_age_s),
		"measured": "no repository mapped",
		"refs": [],
	}
}

_tenant_verdict(tenant, names) := {
	"status": "no-evidence",
	"message": sprintf("tenant %s: the repository mapping is not a list", [tenant]),
	"measured": "unknown",
	"refs": [],
} if {
	not is_array(names)
} else := {
	"status": "no-evidence",
	"message": sprintf("tenant %s cannot be assessed: no maximum snapshot age is declared and no default is configured", [tenant]),
	"measured": "unknown",
	"refs": [],
} if {
	_tenant_limit(names) == null
} else := _noted(
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
	"message": sprintf("tenant %s: no successful snapshot younger than %s in the repositories with evidence, and %s cannot be assessed (%s)", [
		tenant,
		human.duration(limit),
		human.list(_unassessable(names)),
		concat("; ", [sprintf("%s: %s", [n, _missing_reason(n)]) | some n in _unassessable(names)]),
	]),
	"measured": _tenant_measured(newest),
	"refs": evidence.ref(newest),
} if {
	count(_unassessable(names)) > 0
} else := _future_verdict(sprintf("tenant %s", [tenant]), _tenant_future(tenant, names)) if {
	newest == null
	count(_tenant_future(tenant, names)) > 0
} else := {
	"status": "fail",
	"message": sprintf("tenant %s has no successful snapshot in its repositories (%s)", [tenant, human.list(names)]),
	"measured": "no successful snapshot",
	"refs": [],
} if {
	newest == null
} else := _snapshot_verdict(_tenant_subject(tenant, newest), newest, limit, 0)

_tenant_subject(tenant, newest) := sprintf("tenant %s (repository %s)", [tenant, newest.repository]) if newest != null

else := sprintf("tenant %s", [tenant])

_tenant_measured(newest) := "no successful snapshot in the repositories with evidence" if newest == null

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

_tenant_future_note(tenant, names) := "" if {
	count(_tenant_future(tenant, names)) == 0
} else := sprintf("; not counted: %s %s (newest %s)", [
	human.counted(count(_tenant_future(tenant, names)), "successful snapshot", "successful snapshots"),
	evidence.future_reason,
	human.timestamp(max([x.time_ns | some x in _tenant_future(tenant, names)])),
])

_unassessable(names) := [n | some n in names; _missing_reason(n)]

_missing_reason(n) := "not in the backup evidence" if {
	not backup.repositories[n]
} else := backup.snapshots_missing(backup.repositories[n])
