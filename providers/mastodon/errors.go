package mastodon

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"cmdeck/core"
	"cmdeck/providers"
)

// APIError is a non-2xx answer. It never holds the token. It unwraps to
// providers.ErrAuth, ErrNotFound or ErrRateLimited when the status says
// so, and is itself wrapped in a providers.PermanentError when retrying
// cannot help.
type APIError struct {
	Status  int
	Method  string
	Path    string
	Message string // the server's "error" field, redacted, cleaned and cut short

	kind error  // a providers sentinel, or nil
	hint string // what the user can do about it, "" if nothing
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("mastodon: %s %s: %d", e.Method, e.Path, e.Status)
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.hint != "" {
		s += " (" + e.hint + ")"
	}
	return s
}

// Unwrap lets errors.Is find the typed error behind the status.
func (e *APIError) Unwrap() error { return e.kind }

// apiError types a non-2xx answer of the API (see typed); an auth failure
// says how to re-authorize.
func (c *Client) apiError(status int, method, path string, body []byte) error {
	ae := &APIError{Status: status, Method: method, Path: path, Message: clean(errorMessage(body), 200, c.redact)}
	if status == http.StatusUnauthorized || (status == http.StatusForbidden && aboutScopes(ae.Message)) {
		ae.kind = providers.ErrAuth
		ae.hint = "re-authorize the account: cmdeck account add mastodon --server " + c.base.String()
	}
	return typed(ae)
}

// typed classifies ae by its status, unless its kind is already set:
//   - 401: ErrAuth; 404: ErrNotFound; both permanent;
//   - 429: ErrRateLimited, transient (the client waits before the next try);
//   - any other 4xx (403, 410, 422, …): permanent;
//   - 5xx and anything else: transient.
func typed(ae *APIError) error {
	if ae.kind == nil {
		switch ae.Status {
		case http.StatusUnauthorized:
			ae.kind = providers.ErrAuth
		case http.StatusNotFound:
			ae.kind = providers.ErrNotFound
		case http.StatusTooManyRequests:
			ae.kind = providers.ErrRateLimited
		}
	}
	if ae.Status >= 400 && ae.Status < 500 && ae.Status != http.StatusTooManyRequests {
		return &providers.PermanentError{Err: ae}
	}
	return ae
}

// aboutScopes recognises a 403 for a token without the needed scope
// (Mastodon: "This action is outside the authorized scopes").
func aboutScopes(msg string) bool { return strings.Contains(strings.ToLower(msg), "scope") }

// errorMessage is the Error entity's text, raw: redact it, then clean it.
func errorMessage(data []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(data, &e) != nil {
		return ""
	}
	return e.Error
}

// clean puts a message from the network on one clean line of at most n
// bytes, as it ends up in the log and the status bar, with redact applied
// before cleaning and again after (removing control characters could
// join the pieces of a secret).
func clean(s string, n int, redact func(string) string) string {
	return cut(redact(core.SanitizeLine(redact(s))), n)
}

// cut shortens s to at most n bytes without splitting a UTF-8 sequence.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
