# METADATA
# title: Shared message catalogue
# description: Message templates any check may use besides its own (METADATA custom.messages of the check), in German and English; see policies/CONTRACT.md for the template syntax. Ids here must not be reused by a check.
# custom:
#   messages:
#     unknown:
#       de: "unbekannt"
#       en: "unknown"
#     none:
#       de: "keine"
#       en: "none"
#     not_visible:
#       de: "nicht sichtbar (null)"
#       en: "not visible (null)"
#     with_note:
#       de: "{message:msg}; {note:msg}"
#       en: "{message:msg}; {note:msg}"
#     evidence_missing_collector:
#       de: "Nachweis {key} fehlt (Fehler des Collectors: {error})"
#       en: "{key} evidence is missing (collector error: {error})"
#     evidence_missing_no_error:
#       de: "Nachweis {key} fehlt (kein Fehler des Collectors erfasst)"
#       en: "{key} evidence is missing (no collector error recorded)"
#     dated_after_evaluation:
#       de: "nach dem Bewertungszeitpunkt datiert"
#       en: "dated after the evaluation time"
#     subject_repository:
#       de: "Repository {name}"
#       en: "repository {name}"
#     subject_tenant:
#       de: "Mandant {tenant}"
#       en: "tenant {tenant}"
#     subject_tenant_repository:
#       de: "Mandant {tenant} (Repository {repository})"
#       en: "tenant {tenant} (repository {repository})"
#     subject_backup_repositories:
#       de: "Die Backup-Repositorys"
#       en: "the backup repositories"
#     backup_not_assessable:
#       de: "{subject:msg} kann nicht bewertet werden: {reason:msg}"
#       en: "{subject:msg} cannot be assessed: {reason:msg}"
#     backup_snapshots_not_recorded:
#       de: "Die Snapshot-Liste wurde nicht erfasst"
#       en: "the snapshot list was not recorded"
#     backup_future_not_counted:
#       de: "nicht gezählt: {count:count:erfolgreicher Snapshot:erfolgreiche Snapshots}, nach dem Bewertungszeitpunkt datiert (neuester {newest_ns:datetime})"
#       en: "not counted: {count:count:successful snapshot:successful snapshots} dated after the evaluation time (newest {newest_ns:datetime})"
#     backup_no_repository_mapped:
#       de: "kein Repository zugeordnet"
#       en: "no repository mapped"
#     k8s_source_not_assessable:
#       de: "Kubernetes-Quelle {source} kann nicht bewertet werden: {reasons:msgs}"
#       en: "Kubernetes source {source} cannot be assessed: {reasons:msgs}"
#     k8s_namespace_not_found:
#       de: "Namespace {namespace} ist für den Mandanten {tenant} angegeben, wurde aber in keiner Kubernetes-Quelle mit Namespace-Nachweis gefunden"
#       en: "namespace {namespace} is declared for tenant {tenant} but was found in no Kubernetes source with namespace evidence"
#     k8s_namespace_not_found_measured:
#       de: "Namespace nicht gefunden"
#       en: "namespace not found"
#     pod_spec_controller:
#       de: "{kind} {name} ({pods:count:Pod:Pods})"
#       en: "{kind} {name} ({pods:count:pod:pods})"
#     pod_spec_pod:
#       de: "Pod {name}"
#       en: "Pod {name}"
#     pod_spec_setting:
#       de: "{field} {value}"
#       en: "{field} {value}"
#     pod_spec_setting_of_pod:
#       de: "{field} {value} (Pod {pod})"
#       en: "{field} {value} (pod {pod})"
#     pod_spec_findings:
#       de: "{spec:msg} {found:msg}: {settings:msgs}"
#       en: "{spec:msg} {found:msg}: {settings:msgs}"
#     pod_spec_not_recorded:
#       de: "{spec:msg}: {label:msg} wurden nicht erfasst"
#       en: "{spec:msg}: the {label:msg} were not recorded"
#     pod_spec_measured:
#       de: "{label:msg}: {settings:msgs}"
#       en: "{label:msg}: {settings:msgs}"
#     pod_spec_measured_none:
#       de: "{label:msg}: keine"
#       en: "{label:msg}: none"
#     github_org_not_assessable:
#       de: "GitHub-Organisation {org} kann nicht bewertet werden: {reason:msg}"
#       en: "GitHub organisation {org} cannot be assessed: {reason:msg}"
package nachweis.lib.messages

# msg is a message object: an id of the check's or this catalogue with
# its arguments. Checks emit these, never finished sentences; the engine
# renders them in German and English.
msg(id, args) := {"id": id, "args": args}

# plain is a message without arguments.
plain(id) := {"id": id, "args": {}}

# noted appends a note (a message) to a verdict's message; a null note
# leaves it as it is. (object.union would merge the two messages' args:
# it merges nested objects, so the old message is removed first.)
noted(v, note) := v if {
	note == null
} else := object.union(object.remove(v, ["message"]), {"message": msg("with_note", {"message": v.message, "note": note})})

# or_none is a list of messages, or the one message "none" for an empty
# list (for {x:msgs}, which renders an empty list as nothing).
or_none(l) := l if count(l) > 0

else := [plain("none")]
