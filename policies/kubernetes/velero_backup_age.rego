# METADATA
# title: A recent completed Velero backup of every tenant namespace
# description: For every in-scope tenant namespace, the newest Velero Backup of its cluster that includes the namespace (includedNamespaces names it or "*", excludedNamespaces does not), backs up whole namespaces (no labelSelector, orLabelSelectors or includedResources other than "*") and has status.phase Completed completed (status.completionTimestamp) less than the maximum backup age (params.backup_max_age_s) ago. PartiallyFailed, Failed and unfinished backups do not count. A cluster without Velero's CRDs has no Velero evidence and is reported as missing evidence. A backup completed more than 5 minutes after the evaluation time counts for nothing; a namespace with only such backups is reported as missing evidence.
# custom:
#   id: K8S-VEL-02
#   severity: high
#   measures: [TOM-VER-15]
#   requires: [kubernetes.namespaces, kubernetes.velero_backups]
#   title_de: Eine aktuelle abgeschlossene Velero-Sicherung jedes Mandanten-Namespaces
#   description_de: Für jeden Mandanten-Namespace im Geltungsbereich wurde die neueste Velero-Sicherung (Backup) seines Clusters, die den Namespace enthält (includedNamespaces nennt ihn oder "*", excludedNamespaces nennt ihn nicht), ganze Namespaces sichert (kein labelSelector, keine orLabelSelectors, keine includedResources außer "*") und status.phase Completed hat, vor weniger als dem Höchstalter der Sicherungen (params.backup_max_age_s) abgeschlossen (status.completionTimestamp). Sicherungen mit PartiallyFailed, Failed oder ohne Abschluss zählen nicht. Ein Cluster ohne Veleros CRDs hat keinen Velero-Nachweis; das gilt als fehlender Nachweis. Eine Sicherung, die mehr als 5 Minuten nach dem Auswertungszeitpunkt abgeschlossen wurde, zählt nicht; ein Namespace mit nur solchen Sicherungen gilt als fehlender Nachweis.
#   messages:
#     expected:
#       de: "ein abgeschlossenes Velero-Backup des Namespace, jünger als {max_age:msg}"
#       en: "a completed Velero backup of the namespace younger than {max_age:msg}"
#     duration:
#       de: "{s:duration}"
#       en: "{s:duration}"
#     max_age_unset:
#       de: "das maximale Backup-Alter (nicht konfiguriert)"
#       en: "the maximum backup age (not configured)"
#     no_max_age:
#       de: "Namespace {namespace} kann nicht bewertet werden: Es ist kein maximales Backup-Alter konfiguriert (params.backup_max_age_s)"
#       en: "namespace {namespace} cannot be assessed: no maximum backup age is configured (params.backup_max_age_s)"
#     all_future:
#       de: "Jedes abgeschlossene Velero-Backup des Namespace {namespace} ist nach dem Bewertungszeitpunkt datiert ({count:count:Backup:Backups}, neuestes vom {newest_ns:datetime}); keines belegt ein aktuelles Backup"
#       en: "every completed Velero backup of namespace {namespace} is dated after the evaluation time ({count:count:backup:backups}, newest {newest_ns:datetime}); none is evidence of a recent backup"
#     measured_future:
#       de: "neuestes abgeschlossenes Backup nach dem Bewertungszeitpunkt datiert"
#       en: "newest completed backup dated after the evaluation time"
#     no_backup:
#       de: "Kein abgeschlossenes Velero-Backup schließt Namespace {namespace} ein"
#       en: "no completed Velero backup includes namespace {namespace}"
#     measured_none:
#       de: "neuestes abgeschlossenes Backup: keines"
#       en: "newest completed backup: none"
#     too_old:
#       de: "Das neueste abgeschlossene Velero-Backup des Namespace {namespace} ist {backup:msg} (erwartet: jünger als {limit_s:duration})"
#       en: "the newest completed Velero backup of namespace {namespace} is {backup:msg} (expected younger than {limit_s:duration})"
#     pass:
#       de: "Namespace {namespace} hat ein abgeschlossenes Velero-Backup, jünger als {limit_s:duration}: {backup:msg}"
#       en: "namespace {namespace} has a completed Velero backup younger than {limit_s:duration}: {backup:msg}"
#     backup:
#       de: "{name}, abgeschlossen am {time_ns:datetime}, Alter {age_s:duration}"
#       en: "{name} completed {time_ns:datetime}, {age_s:duration} ago"
package nachweis.kubernetes.velero_backup_age

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.kubernetes
import data.nachweis.lib.messages

_keys := ["namespaces", "velero_backups"]

_expected := messages.msg("expected", {"max_age": _max_age})

_max_age := messages.msg("duration", {"s": backup.default_max_age_s}) if backup.default_max_age_s != null

else := messages.plain("max_age_unset")

results contains r if {
	some source, src in input.kubernetes
	r := kubernetes.missing_result(source, src, _keys, _expected)
}

_sources := {source | some source, src in input.kubernetes; evidence.complete(src, _keys)}

# _completed is true for a completed whole-namespace backup with a
# completion time that is not after the evaluation time (a backup dated
# later is no evidence of a recent one, see _future_backups).
_completed(b) if {
	_completed_any_time(b)
	not evidence.future(b.completion_ns)
}

_completed_any_time(b) if {
	b.phase == "Completed"
	is_number(b.completion_ns)
	b.filtered == false
}

# _future_backups[source] lists the completed backups dated after the
# evaluation time; usually none.
_future_backups[source] := backups if {
	some source in _sources
	backups := [b |
		some b in input.kubernetes[source].velero_backups
		_completed_any_time(b)
		evidence.future(b.completion_ns)
	]
	count(backups) > 0
}

# _future_including lists the future-dated backups of a source that
# include namespace ns.
_future_including(source, ns) := [b |
	some b in object.get(_future_backups, source, [])
	_includes(b, ns)
]

_includes(b, ns) if {
	some n in b.included_namespaces
	n in {ns, "*"}
	not ns in b.excluded_namespaces
}

# _named_keys holds [source, namespace] for every namespace a completed
# backup names explicitly and does not exclude.
_named_keys contains [source, ns] if {
	some source in _sources
	some b in input.kubernetes[source].velero_backups
	_completed(b)
	some ns in b.included_namespaces
	ns != "*"
	not ns in b.excluded_namespaces
}

# _newest_named[[source, namespace]] is the newest of those backups,
# grouped linearly as lib.kubernetes explains (Grouping).
_newest_named := {key: _newest(backups) |
	some key in _named_keys
	[source, ns] := key
	backups := [b |
		b := input.kubernetes[src].velero_backups[_]
		src == source
		some n in b.included_namespaces
		n == ns
		_completed(b)
		not ns in b.excluded_namespaces
	]
}

# Backups of all namespaces, grouped by [source, excluded namespaces]: the
# backups of one schedule share their exclusions, so there are few groups.
_wild_keys contains [source, b.excluded_namespaces] if {
	some source in _sources
	some b in input.kubernetes[source].velero_backups
	_completed(b)
	"*" in b.included_namespaces
}

_newest_wild := {key: _newest(backups) |
	some key in _wild_keys
	[source, ex] := key
	backups := [b |
		b := input.kubernetes[src].velero_backups[_]
		src == source
		b.excluded_namespaces == ex
		_completed(b)
		"*" in b.included_namespaces
	]
}

results contains r if {
	some source, src in input.kubernetes
	evidence.complete(src, _keys)
	some ns, obj in src.namespaces
	obj.in_scope == true
	candidates := array.concat(
		[b | some b in [object.get(_newest_named, [[source, ns]], null)]; b != null],
		[b | some [s, ex], b in _newest_wild; s == source; not ns in ex],
	)
	v := _verdict(ns, _newest_or_null(candidates), backup.default_max_age_s, _future_including(source, ns))
	r := kubernetes.namespace_result(
		{
			"status": v.status,
			"resource": sprintf("%s/namespace/%s", [source, ns]),
			"message": v.message,
			"expected": _expected,
			"measured": v.measured,
			"refs": array.concat(evidence.ref(obj), evidence.refs(v.used)),
		},
		obj,
	)
}

_verdict(ns, newest, max_age, future) := {
	"status": "no-evidence",
	"message": messages.msg("no_max_age", {"namespace": ns}),
	"measured": _measured(newest),
	"used": [b | some b in [newest]; b != null],
} if {
	max_age == null
} else := {
	"status": "no-evidence",
	"message": messages.msg("all_future", {
		"namespace": ns,
		"count": count(future),
		"newest_ns": max([b.completion_ns | some b in future]),
	}),
	"measured": messages.plain("measured_future"),
	"used": future,
} if {
	newest == null
	count(future) > 0
} else := {
	"status": "fail",
	"message": messages.msg("no_backup", {"namespace": ns}),
	"measured": messages.plain("measured_none"),
	"used": [],
} if {
	newest == null
} else := {
	"status": "fail",
	"message": messages.msg("too_old", {"namespace": ns, "backup": _measured(newest), "limit_s": max_age}),
	"measured": _measured(newest),
	"used": [newest],
} if {
	_age_s(newest) > max_age
} else := {
	"status": "pass",
	"message": messages.msg("pass", {"namespace": ns, "limit_s": max_age, "backup": _measured(newest)}),
	"measured": _measured(newest),
	"used": [newest],
}

_age_s(b) := (input.now_ns - b.completion_ns) / 1000000000

_measured(b) := messages.msg("backup", {
	"name": kubernetes.qualified(b),
	"time_ns": b.completion_ns,
	"age_s": _age_s(b),
}) if {
	b != null
} else := messages.plain("measured_none")

# _newest is the backup completed last; among equal times the first by
# name, so that the result does not depend on evaluation order.
_newest(backups) := b if {
	t := max([x.completion_ns | some x in backups])
	names := sort([kubernetes.qualified(x) | some x in backups; x.completion_ns == t])
	b := [x | some x in backups; x.completion_ns == t; kubernetes.qualified(x) == names[0]][0]
}

_newest_or_null(backups) := _newest(backups) if count(backups) > 0

else := null
