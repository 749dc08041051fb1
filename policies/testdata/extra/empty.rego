# METADATA
# title: Test check that finds nothing in scope
# description: Yields no results, so the engine must report no-evidence.
# custom:
#   id: TEST-EMPTY-01
#   severity: low
#   measures: [TOM-TEST-01]
#   requires: [kubernetes.namespaces]
#   title_de: Testprüfung ohne Gegenstand
#   description_de: Liefert keine Ergebnisse.
package nachweis.test.empty

results := set()
