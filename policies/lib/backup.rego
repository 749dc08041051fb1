# Package backup holds what the backup checks share: how a repository is
# named in results, its maximum snapshot age, which snapshots count as
# successful and the per-tenant snapshot index. It is a helper library, not a
# check, so it has no check annotations.
package nachweis.lib.backup

import data.nachweis.lib.evidence
import data.nachweis.lib.messages

# resource names a repository in results as "<tool>/<name>", e.g.
# "restic/web01" or "pgbackrest/main/repo1".
resource(name, repo) := sprintf("%s/%s", [repo.tool, name]) if {
	is_string(repo.tool)
	repo.tool != ""
} else := sprintf("backup/%s", [name])

# tenant_resource names the backups of one tenant in results.
tenant_resource(tenant) := sprintf("backup/tenant/%s", [tenant])

# max_age_s is the repository's maximum snapshot age in seconds: its own
# max_age_s, else params.backup_max_age_s; null when neither is a positive
# number.
max_age_s(repo) := repo.max_age_s if {
	is_number(repo.max_age_s)
	repo.max_age_s > 0
} else := default_max_age_s

# default_max_age_s is params.backup_max_age_s, or null when not a positive
# number.
default_max_age_s := s if {
	s := input.params.backup_max_age_s
	is_number(s)
	s > 0
} else := null

# ok is true for a successful snapshot with a known time that is not
# dated after the evaluation time (see evidence.future).
ok(s) if {
	successful(s)
	s.time_ns <= evidence.future_after_ns
}

# successful is true for a successful snapshot with a known time, wherever
# that time lies.
successful(s) if {
	s.ok == true
	is_number(s.time_ns)
}

# future_ok lists the successful snapshots dated after the evaluation
# time; they count for nothing.
future_ok(snapshots) := [s |
	some s in snapshots
	s.ok == true
	is_number(s.time_ns)
	s.time_ns > evidence.future_after_ns
]

# future_note says how many successful snapshots were not counted because
# they are dated after the evaluation time, as a message to append to
# another (messages.noted); null when none.
future_note(snapshots) := null if {
	count(future_ok(snapshots)) == 0
} else := messages.msg("backup_future_not_counted", {
	"count": count(future_ok(snapshots)),
	"newest_ns": max([s.time_ns | some s in future_ok(snapshots)]),
})

# snapshots_missing explains why the snapshots of a repository cannot be
# assessed (a message); undefined when they can.
snapshots_missing(repo) := evidence.reason(repo, "snapshots") if {
	evidence.missing(repo, "snapshots")
} else := messages.plain("backup_snapshots_not_recorded") if {
	not is_array(repo.snapshots)
}

# not_assessable is the message of a repository (or other subject, a
# message) that cannot be assessed for the reason given (a message).
not_assessable(subject, reason) := messages.msg("backup_not_assessable", {"subject": subject, "reason": reason})

# subject names a repository in messages.
subject(name) := messages.msg("subject_repository", {"name": name})

# tenant_subject names a tenant in messages.
tenant_subject(tenant) := messages.msg("subject_tenant", {"tenant": tenant})

# snapshots_known is true when the snapshot list of a repository can be
# assessed.
snapshots_known(repo) if not snapshots_missing(repo)

# newest_ok is the newest successful snapshot of a list, or null.
newest_ok(snapshots) := s if {
	ok_snapshots := oks(snapshots)
	count(ok_snapshots) > 0
	newest := max([x.time_ns | some x in ok_snapshots])
	s := [x | some x in ok_snapshots; x.time_ns == newest][0]
} else := null

# oks lists the snapshots that are ok, in their order. The conditions of
# ok are written out: with thousands of snapshots a function call per
# snapshot is what costs most.
oks(snapshots) := [x |
	some x in snapshots
	x.ok == true
	is_number(x.time_ns)
	x.time_ns <= evidence.future_after_ns
]

# repositories is input.backup.repositories, or {} when absent.
repositories := r if {
	r := input.backup.repositories
	is_object(r)
} else := {}

# tenant_repositories is input.backup.tenant_repositories, or {} when absent.
tenant_repositories := m if {
	m := input.backup.tenant_repositories
	is_object(m)
} else := {}

# unmapped_tenants are configured tenants without a repository mapping while
# a mapping exists for others: their backups cannot be assessed.
unmapped_tenants contains tenant if {
	count(tenant_repositories) > 0
	some tenant, _ in input.tenants
	not tenant in _mapped_tenants
}

_mapped_tenants := {tenant | some tenant, _ in tenant_repositories}

# tenant_snapshot_entries holds one entry per successful snapshot and
# tenant it carries, built in one pass over all snapshots. future is true
# for a snapshot dated after the evaluation time, which counts for
# nothing.
tenant_snapshot_entries contains entry if {
	some name, repo in repositories
	snapshots_known(repo)
	some s in repo.snapshots
	s.ok == true # successful(s), written out: this runs once per snapshot
	is_number(s.time_ns)
	some tenant in s.tenants
	entry := {"tenant": tenant, "repository": name, "id": object.get(s, "id", ""), "time_ns": s.time_ns, "ref": object.get(s, "ref", null), "future": s.time_ns > evidence.future_after_ns}
}

# tenant_snapshots[tenant] lists the entries of each mapped tenant. The
# comprehension sits in a rule body (not a function) so that OPA indexes it
# by tenant once instead of scanning all entries per tenant; read it whole,
# e.g. object.get(tenant_snapshots, tenant, []), to keep that single pass.
tenant_snapshots[tenant] := entries if {
	some tenant, _ in tenant_repositories
	entries := [x | some x in tenant_snapshot_entries; x.tenant == tenant]
}
