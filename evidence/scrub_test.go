package evidence

import (
	"encoding/base64"
	"testing"
)

func TestScrubCredentials(t *testing.T) {
	const jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJlLXBhcnQ"
	basic := base64.StdEncoding.EncodeToString([]byte("collector:pl4nted-Passw0rd"))
	tests := []struct{ in, want string }{
		{"forbidden (request had Authorization: Bearer abc123def456)", "forbidden (request had Authorization: Bearer [redacted])"},
		{"forbidden (request had Authorization: Bearer [redacted])", "forbidden (request had Authorization: Bearer [redacted])"},
		{"proxy said Proxy-Authorization: Basic " + basic + " is wrong", "proxy said Proxy-Authorization: Basic [redacted] is wrong"},
		{`{"headers":{"Authorization":"token s3cr3t-value"}}`, `{"headers":{"Authorization":"token [redacted]"}}`},
		{"map[Authorization:[Bearer abc123def456] Accept:[*/*]]", "map[Authorization:[Bearer [redacted]] Accept:[*/*]]"},
		{"authorization=opaque-credential-42;", "authorization=[redacted];"},
		{"got bearer " + jwt + " from the plugin", "got bearer [redacted] from the plugin"},
		{"token " + jwt + " expired", "token [redacted] expired"},
		{"401 Basic " + basic, "401 Basic [redacted]"},
		{"GET https://api.github.com?access_token=ghp_0123456789abcdefghijABCDEFGHIJ012345", "GET https://api.github.com?access_token=[redacted]"},
		{"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "[redacted]"},
		{"clone with glpat-AbCdEf0123456789xyzW failed", "clone with [redacted] failed"},
		{"EKS: k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9u", "EKS: [redacted]"},
		{"GKE: ya29.a0AfH6SMBx0123456789abcdefghij", "GKE: [redacted]"},
		{"proxyconnect tcp: http://user:hunter22@proxy.example:3128 refused", "proxyconnect tcp: http://user:[redacted]@proxy.example:3128 refused"},
		// Words that only look like the patterns stay.
		{"no Bearer token given; Basic authentication is disabled", "no Bearer token given; Basic authentication is disabled"},
		{"list pods: pods is forbidden: User \"nachweis\" cannot list resource \"pods\"", "list pods: pods is forbidden: User \"nachweis\" cannot list resource \"pods\""},
		{"ghp_ is the prefix of GitHub tokens", "ghp_ is the prefix of GitHub tokens"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ScrubCredentials(tt.in); got != tt.want {
			t.Errorf("ScrubCredentials(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if again := ScrubCredentials(tt.want); again != tt.want {
			t.Errorf("ScrubCredentials is not idempotent on %q: %q", tt.want, again)
		}
	}
}

func TestLooksLikeSecret(t *testing.T) {
	for _, s := range []string{
		"ghp_0123456789abcdefghijABCDEFGHIJ012345", "github_pat_11ABC", "glpat-xyz", "AKIAIOSFODNN7EXAMPLE", "AIzaSyD-0123456789abcdefghijklmnopqrstu",
		"Tr0ub4dor3xyzQ", "correcthorse2battery4staple", "eyJhbGciOiJIUzI1NiJ9",
	} {
		if !LooksLikeSecret(s) {
			t.Errorf("LooksLikeSecret(%q) = false", s)
		}
	}
	for _, s := range []string{
		"GITHUB_TOKEN", "RESTIC_PASSWORD", "BORG_FILES01_PASSPHRASE", "PGBACKREST_REPO1_CIPHER_PASS", "http_proxy",
		"NACHWEIS_RESTIC_WEB01_REPOSITORY_PASSWORD", "Restic_Pass", "ASIA_PACIFIC_TOKEN", "AKIA_KEY",
	} {
		if LooksLikeSecret(s) {
			t.Errorf("LooksLikeSecret(%q) = true", s)
		}
	}
}
