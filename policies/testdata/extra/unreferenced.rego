# METADATA
# title: Test check that passes without evidence references
# description: A pass without a reference into the bundle must not count as a pass.
# custom:
#   id: TEST-NOREF-01
#   severity: low
#   measures: [TOM-TEST-01]
#   requires: [kubernetes.namespaces]
#   title_de: Testprüfung ohne Nachweisreferenz
#   description_de: Ein Ergebnis ohne Nachweis ist kein erfüllt.
package nachweis.test.unreferenced

results contains {"status": "pass", "resource": "x", "message": "looks fine", "refs": []}

results contains {"status": "pass", "resource": "y", "message": "looks fine", "refs": ["not/in/bundle.json#/items/0"]}
