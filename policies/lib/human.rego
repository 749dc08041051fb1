# Package human renders measured values for result messages: durations,
# timestamps and lists. It is a helper library, not a check, so it has no
# check annotations.
package nachweis.lib.human

# duration renders a number of seconds as a short duration: "45s", "12m",
# "31h", "1h 30m", "2d 4h", "7d". Up to 48 hours it counts hours, because
# backup limits such as 26h read better as hours than as "1d 2h".
duration(s) := concat("", [_sign(s), _positive(floor(abs(s)))])

_sign(s) := "-" if s < 0

else := ""

_positive(t) := sprintf("%ds", [t]) if t < 60

else := sprintf("%dm", [floor(t / 60)]) if t < 3600

else := _hours(t) if t < 172800

else := _days(t)

_hours(t) := sprintf("%dh", [floor(t / 3600)]) if {
	_minutes(t) == 0
} else := sprintf("%dh %dm", [floor(t / 3600), _minutes(t)])

_minutes(t) := floor((t % 3600) / 60)

_days(t) := sprintf("%dd", [floor(t / 86400)]) if {
	_day_hours(t) == 0
} else := sprintf("%dd %dh", [floor(t / 86400), _day_hours(t)])

_day_hours(t) := floor((t % 86400) / 3600)

# age renders the time between ns and now_ns (nanoseconds) as a duration.
age(now_ns, ns) := duration((now_ns - ns) / 1000000000)

# timestamp renders nanoseconds since the epoch as RFC 3339 in UTC,
# e.g. "2026-11-22T13:00:00Z".
timestamp(ns) := time.format([ns, "UTC", "2006-01-02T15:04:05Z07:00"])

# list joins strings sorted and comma-separated, or "none" when empty, so
# that messages name what was found (or that nothing was).
list(xs) := "none" if {
	count(xs) == 0
} else := concat(", ", sort(xs))

# counted renders "1 member" or "3 members".
counted(n, singular, plural) := sprintf("%d %s", [n, singular]) if {
	n == 1
} else := sprintf("%d %s", [n, plural])
