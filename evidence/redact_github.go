package evidence

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
)

// SecretMask is what GitHub shows for a configured webhook secret, and
// what a stored webhook shows instead of any secret value.
const SecretMask = "********"

// webhookConfigKeys are the webhook config fields a bundle keeps; every
// other field (a service's password or token) is dropped.
var webhookConfigKeys = map[string]bool{"url": true, "content_type": true, "insecure_ssl": true, "secret": true}

// RedactGitHub removes what must not reach a bundle from a GitHub item:
// the key material of deploy keys (field key), the temp_clone_token of
// repositories (a token GitHub gives for cloning), and of webhooks every
// config field except url, content_type, insecure_ssl and secret, the
// secret replaced by SecretMask, and the credentials, query and fragment
// of config.url. Other kinds, and items with nothing to remove, are
// returned unchanged; note says what was removed. data is one object or
// an array of objects; for collaborator permissions and rulesets nothing
// is removed.
func RedactGitHub(kind string, data []byte) (out []byte, note string, err error) {
	var redact func(map[string]any) bool
	switch kind {
	case KindGitHubDeployKeys:
		redact, note = redactDeployKey, "key material (key) removed from deploy keys"
	case KindGitHubWebhooks:
		redact, note = redactWebhook, "webhook secrets masked; config reduced to url (without credentials and query), content_type, insecure_ssl"
	case KindGitHubRepos:
		redact, note = redactRepository, "temp_clone_token removed from repositories"
	default:
		return data, "", nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, "", fmt.Errorf("redact %s: %w", kind, err)
	}
	changed := false
	switch d := doc.(type) {
	case []any:
		for _, it := range d {
			if obj, ok := it.(map[string]any); ok && redact(obj) {
				changed = true
			}
		}
	case map[string]any:
		changed = redact(d)
	}
	if !changed {
		return data, "", nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, "", fmt.Errorf("redact %s: %w", kind, err)
	}
	return buf.Bytes(), note, nil
}

func redactDeployKey(obj map[string]any) bool {
	if _, ok := obj["key"]; !ok {
		return false
	}
	delete(obj, "key")
	return true
}

func redactWebhook(obj map[string]any) bool {
	cfg, ok := obj["config"].(map[string]any)
	if !ok {
		return false
	}
	changed := false
	for k, v := range cfg {
		switch {
		case !webhookConfigKeys[k]:
			delete(cfg, k)
			changed = true
		case k == "secret":
			if s, isStr := v.(string); v != nil && (!isStr || (s != "" && s != SecretMask)) {
				cfg[k] = SecretMask
				changed = true
			}
		case k == "url":
			s, _ := v.(string)
			if clean := CleanWebhookURL(s); clean != s {
				cfg[k] = clean
				changed = true
			}
		}
	}
	return changed
}

// CleanWebhookURL drops user information, query and fragment of a webhook
// target, where tokens are often passed. A value that is not a URL with a
// host is reduced to nothing, since it might be a secret itself.
func CleanWebhookURL(s string) string {
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return ""
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	return u.String()
}

// redactRepository removes the temporary clone token GitHub may show for
// a private repository.
func redactRepository(r map[string]any) bool {
	if _, ok := r["temp_clone_token"]; !ok {
		return false
	}
	delete(r, "temp_clone_token")
	return true
}
