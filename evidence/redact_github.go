package evidence

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
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
// of config.url (a url that is not a string becomes ""). Keys match in
// any letter case. Other kinds, and items with nothing to remove, are
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

// Keys are matched as the projection's struct fields match them, without
// regard to case ("Key", "Config", "URL"), so that nothing a reader takes
// for one of these fields escapes the redaction.

func redactDeployKey(obj map[string]any) bool {
	return deleteMembers(obj, "key")
}

func redactWebhook(obj map[string]any) bool {
	changed := false
	for ck, cv := range obj {
		cfg, ok := cv.(map[string]any)
		if !ok || !strings.EqualFold(ck, "config") {
			continue
		}
		for k, v := range cfg {
			switch name := webhookConfigKey(k); name {
			case "":
				delete(cfg, k)
				changed = true
			case "secret":
				if s, isStr := v.(string); v != nil && (!isStr || (s != "" && s != SecretMask)) {
					cfg[k] = SecretMask
					changed = true
				}
			case "url":
				// A value that is not a string is no URL with a host
				// either: reduced to nothing.
				s, isStr := v.(string)
				if clean := CleanWebhookURL(s); clean != s || !isStr && v != nil {
					cfg[k] = clean
					changed = true
				}
			}
		}
	}
	return changed
}

// webhookConfigKey is the kept config field k names, in any letter case;
// "" for the fields that are dropped.
func webhookConfigKey(k string) string {
	for name := range webhookConfigKeys {
		if strings.EqualFold(k, name) {
			return name
		}
	}
	return ""
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
