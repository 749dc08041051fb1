// Package output renders the results model of an evaluation
// (controls.Results) for terminals and CI systems: a human text summary,
// the model as JSON, SARIF 2.1.0 for code scanning and JUnit XML for test
// report widgets.
//
// Every writer is a pure function of the results and a few options: the
// same results give byte-identical output. The writers hold no compliance
// logic; outcomes, their aggregation and their order come from package
// controls, and labels are always controls.Outcome.Label, never synonyms.
package output
