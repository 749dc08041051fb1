# METADATA
# title: Test check that needs GitHub evidence
# description: Without any GitHub source the engine must not evaluate it.
# custom:
#   id: TEST-NEEDS-01
#   severity: critical
#   measures: [TOM-TEST-01]
#   requires: [github.organization]
#   title_de: Testprüfung mit GitHub-Nachweis
#   description_de: Ohne GitHub-Nachweis nicht bewertbar.
package nachweis.test.needs

results contains {"status": "pass", "resource": "org", "message": "would pass", "refs": []}
