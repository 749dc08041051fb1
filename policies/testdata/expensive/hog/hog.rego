# METADATA
# title: Test check that wants more memory than there is
# description: Builds an array of 10^9 strings (hundreds of GB); the memory bound must stop it and name it.
# custom:
#   id: TEST-HOG-01
#   severity: low
#   measures: [TOM-ZGR-01]
#   requires: [kubernetes.namespaces]
#   title_de: Testprüfung, die mehr Speicher will, als es gibt
#   description_de: Baut ein Array aus 10^9 Zeichenketten (Hunderte GB); die Speichergrenze muss sie anhalten und benennen.
package nachweis.test.hog

_big := [sprintf("%d padding to make every element larger", [i]) | some i in numbers.range(1, 1000000000)]

results contains r if {
	count(_big) == -1
	r := {"status": "pass", "resource": "never", "message": "never reached", "refs": []}
}
