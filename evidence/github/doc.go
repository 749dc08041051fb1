// Package github projects the GitHub API responses of an evidence bundle
// (organisation, member lists, outside collaborators, branch protection,
// rulesets, deploy keys, webhooks, outside collaborators' permissions per
// repository, repositories with their secret scanning settings, whether
// Dependabot alerts are enabled per repository, open Dependabot alerts)
// to the compact value the policies read as
// input.github.<source> (see policies/CONTRACT.md), and collects them live
// through go-github (Collect).
//
// The projection keeps "not collected" apart from "collected and empty":
// a user list whose file is missing stays null, and an organisation field
// GitHub shows only to owners (two_factor_requirement_enabled) stays null
// when the response lacks it, so the checks report no-evidence rather than
// a pass; so do a repository's security_and_analysis (admins only) and a
// 404 for its vulnerability alerts to a token without admin rights. Deploy
// keys are stored without their key material, webhooks without their
// secrets and repositories without temp_clone_token (evidence.RedactGitHub).
//
// Every projected object carries ref, the bundle-relative file and the JSON
// pointer it came from.
package github
