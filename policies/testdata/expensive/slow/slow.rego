# METADATA
# title: Test check that never finishes in time
# description: Pairs every number up to 100,000 with every other (10^10 steps, little memory); --policy-timeout must stop it and name it.
# custom:
#   id: TEST-SLOW-01
#   severity: low
#   measures: [TOM-ZGR-01]
#   requires: [kubernetes.namespaces]
#   title_de: Testprüfung, die nicht rechtzeitig fertig wird
#   description_de: Bildet alle Paare der Zahlen bis 100.000 (10^10 Schritte, wenig Speicher); --policy-timeout muss sie anhalten und benennen.
package nachweis.test.slow

_n := numbers.range(1, 100000)

results contains r if {
	some i in _n
	some j in _n
	i * j == -1
	r := {"status": "pass", "resource": "never", "message": "never reached", "refs": []}
}
