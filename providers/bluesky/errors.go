package bluesky

import (
	"encoding/json"
	"fmt"
	"net/http"

	"cmdeck/core"
	"cmdeck/providers"
)

// APIError is a non-2xx XRPC answer. It never holds a token or the
// password. It unwraps to providers.ErrAuth, ErrNotFound or ErrRateLimited
// when the status or the XRPC error name says so, and is wrapped in a
// providers.PermanentError when retrying cannot help.
type APIError struct {
	Status  int
	NSID    string // the method called
	Name    string // the XRPC "error" field (e.g. ExpiredToken), cleaned
	Message string // the XRPC "message" field, redacted, cleaned, cut short

	kind error
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("bluesky: %s: %d", e.NSID, e.Status)
	if e.Name != "" {
		s += " " + e.Name
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap lets errors.Is find the typed error behind the answer.
func (e *APIError) Unwrap() error { return e.kind }

// xrpcError is the body of an XRPC error answer.
type xrpcError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// authNames are the XRPC errors that mean the credentials are wrong or
// spent, whatever the HTTP status (some servers answer 400 for them).
var authNames = map[string]bool{
	"AuthenticationRequired": true, "ExpiredToken": true, "InvalidToken": true,
	"AccountTakedown": true, "AuthFactorTokenRequired": true,
}

// notFoundNames are the XRPC errors for a target that does not exist.
var notFoundNames = map[string]bool{
	"RecordNotFound": true, "NotFound": true, "ProfileNotFound": true, "RepoNotFound": true,
}

// newAPIError types an error answer:
//   - 401, or an auth error name: ErrAuth, permanent;
//   - 404, or a not-found name: ErrNotFound, permanent;
//   - 429: ErrRateLimited, transient;
//   - other 4xx: permanent; 5xx and anything else: transient.
func newAPIError(status int, nsid string, body []byte, redact func(string) string) error {
	var x xrpcError
	_ = json.Unmarshal(body, &x) // a body that is not XRPC leaves the names empty
	ae := &APIError{Status: status, NSID: nsid,
		Name:    cut(core.SanitizeLine(redact(x.Error)), 60),
		Message: cut(redact(core.SanitizeLine(redact(x.Message))), 200)}
	switch {
	case status == http.StatusUnauthorized || authNames[x.Error]:
		ae.kind = providers.ErrAuth
	case status == http.StatusNotFound || notFoundNames[x.Error]:
		ae.kind = providers.ErrNotFound
	case status == http.StatusTooManyRequests || x.Error == "RateLimitExceeded":
		ae.kind = providers.ErrRateLimited
		return ae
	}
	if status >= 400 && status < 500 {
		return &providers.PermanentError{Err: ae}
	}
	return ae
}

// cut shortens s to at most n bytes without splitting a UTF-8 sequence.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
