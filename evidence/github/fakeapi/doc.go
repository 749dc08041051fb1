// Package fakeapi is an HTTP server that answers the requests of the GitHub
// collector the way the GitHub Enterprise Server REST API does (under
// /api/v3/): an organisation, its member lists with role and filter,
// outside collaborators, repositories and branch protection, paged with
// per_page, page and Link headers, bearer-token authentication and GitHub's
// {"message": …} errors. Tests of the collector and of nachweis collect use
// it to force pages, a 403 for the 2FA filter (a non-owner token), a
// rejected token or a rate limit.
//
// It imports no go-github: it speaks HTTP and JSON only, serving the
// response shapes of evidence/github/testdata.
package fakeapi
