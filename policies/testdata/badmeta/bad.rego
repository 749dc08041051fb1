# METADATA
# title: Check without severity
# description: The engine must reject it with the file name.
# custom:
#   id: TEST-BAD-01
#   measures: [TOM-TEST-01]
#   requires: [kubernetes.namespaces]
#   title_de: Fehlerhafte Prüfung
#   description_de: Ohne Schweregrad.
package nachweis.test.bad

results := set()
