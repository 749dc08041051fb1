# Package evidence holds the fail-closed helpers every check uses: whether a
# source delivered an evidence kind, why not, and the refs of the projected
# objects a result is based on. It is a helper library, not a check, so it
# has no check annotations.
package nachweis.lib.evidence

import data.nachweis.lib.messages

# missing is true when the source did not deliver the evidence kind key:
# present[key] is false, absent or not a boolean.
missing(src, key) if object.get(src, ["present", key], false) != true

# missing_keys lists the keys of keys that src did not deliver, in order.
missing_keys(src, keys) := [k | some k in keys; missing(src, k)]

# complete is true when src delivered every key of keys.
complete(src, keys) if count(missing_keys(src, keys)) == 0

# reason explains why the evidence kind key of src is missing, quoting the
# collector error when one was recorded (a message).
reason(src, key) := messages.msg("evidence_missing_collector", {"key": key, "error": err}) if {
	err := object.get(src, ["errors", key], "")
	is_string(err)
	err != ""
} else := messages.msg("evidence_missing_no_error", {"key": key})

# reasons lists the reasons of all keys (messages, for {x:msgs}).
reasons(src, keys) := [reason(src, k) | some k in keys]

# refs collects the ref strings of projected objects, skipping objects
# without one.
refs(objs) := [o.ref | some o in objs; is_string(o.ref)]

# ref is the ref of one projected object as a list, empty when absent.
ref(obj) := [obj.ref] if is_string(obj.ref)

else := []

# with_tenant adds the tenant field to a result when the tenant is known.
with_tenant(r, tenant) := object.union(r, {"tenant": tenant}) if {
	is_string(tenant)
	tenant != ""
} else := r

# clock_skew_ns is how far an item may be dated after the evaluation time
# and still count (clocks of hosts run ahead a little):
# params.clock_skew_s, else 5 minutes.
clock_skew_ns := s * 1000000000 if {
	s := input.params.clock_skew_s
	is_number(s)
	s >= 0
} else := 300000000000

# future is true for a time (nanoseconds) after the evaluation time by more
# than the clock-skew tolerance. Such an item is no evidence of how recent
# anything is: age-based checks skip it, and report no-evidence with
# future_reason when nothing else is left.
future(ns) if {
	is_number(ns)
	ns > future_after_ns
}

# future_after_ns is the evaluation time plus the clock-skew tolerance: a
# time after it is dated in the future. Rules that walk thousands of items
# compare with it directly (item.time_ns > evidence.future_after_ns)
# instead of calling future once per item.
future_after_ns := input.now_ns + clock_skew_ns

# is_future is future as a boolean value.
is_future(ns) if future(ns)

else := false

future_reason := messages.plain("dated_after_evaluation")
