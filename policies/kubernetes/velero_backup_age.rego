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
package nachweis.kubernetes.velero_backup_age

import data.nachweis.lib.backup
import data.nachweis.lib.evidence
import data.nachweis.lib.human
import data.nachweis.lib.kubernetes

_keys := ["namespaces", "velero_backups"]

_expected := sprintf("a completed Velero backup of the namespace younger than %s", [_max_age])

_max_age := human.duration(backup.default_max_age_s) if backup.default_max_age_s != null

else := "the maximum backup age (not configured)"

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
	"message": sprintf("namespace %s cannot be assessed: no maximum backup age is configured (params.backup_max_age_s)", [ns]),
	"measured": _measured(newest),
	"used": [b | some b in [newest]; b != null],
} if {
	max_age == null
} else := {
	"status": "no-evidence",
	"message": sprintf("every completed Velero backup of namespace %s is %s (%s, newest %s); none is evidence of a recent backup", [
		ns,
		evidence.future_reason,
		human.counted(count(future), "backup", "backups"),
		human.timestamp(max([b.completion_ns | some b in future])),
	]),
	"measured": sprintf("newest completed backup %s", [evidence.future_reason]),
	"used": future,
} if {
	newest == null
	count(future) > 0
} else := {
	"status": "fail",
	"message": sprintf("no completed Velero backup includes namespace %s", [ns]),
	"measured": "newest completed backup: none",
	"used": [],
} if {
	newest == null
} else := {
	"status": "fail",
	"message": sprintf("the newest completed Velero backup of namespace %s is %s (expected younger than %s)", [ns, _measured(newest), human.duration(max_age)]),
	"measured": _measured(newest),
	"used": [newest],
} if {
	_age_s(newest) > max_age
} else := {
	"status": "pass",
	"message": sprintf("namespace %s has a completed Velero backup younger than %s: %s", [ns, human.duration(max_age), _measured(newest)]),
	"measured": _measured(newest),
	"used": [newest],
}

_age_s(b) := (input.now_ns - b.completion_ns) / 1000000000

_measured(b) := sprintf("%s completed %s, %s ago", [
	kubernetes.qualified(b),
	human.timestamp(b.completion_ns),
	human.age(input.now_ns, b.completion_ns),
]) if {
	b != null
} else := "newest completed backup: none"

# _newest is the backup completed last; among equal times the first by
# name, so that the result does not depend on evaluation order.
_newest(backups) := b if {
	t := max([x.completion_ns | some x in backups])
	names := sort([kubernetes.qualified(x) | some x in backups; x.completion_ns == t])
	b := [x | some x in backups; x.completion_ns == t; kubernetes.qualified(x) == names[0]][0]
}

_newest_or_null(backups) := _newest(backups) if count(backups) > 0

else := null
