package rss

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"cmdeck/core"
	"cmdeck/providers"
)

// FeedError is one feed's failure. It names the feed by its display URL
// (no credentials, no secret query values) and carries no text of the
// answer but what the parser said, cleaned. It unwraps to
// providers.ErrAuth, ErrNotFound or ErrRateLimited when the status says so,
// or to the context's error, and is wrapped in a providers.PermanentError
// when retrying cannot help.
type FeedError struct {
	URL    string // the feed, as the health view shows it
	Status int    // the HTTP status, 0 when there was no answer
	Reason string // what went wrong, one clean line

	kind error
}

func (e *FeedError) Error() string { return "rss: " + e.URL + ": " + e.Reason }

// Unwrap lets errors.Is find the typed error behind the failure.
func (e *FeedError) Unwrap() error { return e.kind }

// reason is what went wrong with a feed, without naming the feed.
func reason(err error) string {
	var fe *FeedError
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return clean(err.Error())
}

// maxReason bounds a reason quoting the parser or the network stack.
const maxReason = 200

// statusError types a non-2xx answer:
//   - 401: ErrAuth (the feed wants credentials the URL lacks, or they are
//     wrong: fix the URL in the config); 404 and 410: ErrNotFound; both
//     permanent, like any other 4xx (403, 400, …);
//   - 429: ErrRateLimited, transient;
//   - 5xx and anything else: transient.
func statusError(s source, code int) error {
	fe := &FeedError{URL: s.display, Status: code, Reason: fmt.Sprintf("HTTP %d %s", code, http.StatusText(code))}
	switch code {
	case http.StatusUnauthorized:
		fe.kind = providers.ErrAuth
	case http.StatusNotFound, http.StatusGone:
		fe.kind = providers.ErrNotFound
	case http.StatusTooManyRequests:
		fe.kind = providers.ErrRateLimited
		return fe
	}
	if code >= 400 && code < 500 || code < 200 || (code >= 300 && code < 400) {
		return &providers.PermanentError{Err: fe}
	}
	return fe
}

// networkError is transient: the request got no answer. The url.Error
// wrapper (which quotes the whole URL) is dropped and what is left is
// redacted, should the cause quote the URL too.
func networkError(s source, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ctxErr := contextError(err); ctxErr != nil {
		return &FeedError{URL: s.display, Reason: ctxErr.Error(), kind: ctxErr}
	}
	return &FeedError{URL: s.display, Reason: clean(redact(s, err.Error()))}
}

// contextError is the context's error behind err, if that is what it is.
func contextError(err error) error {
	for _, e := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return e
		}
	}
	return nil
}

// fileError types a failure to read a local feed: a missing file is
// ErrNotFound, an unreadable one permanent, anything else transient.
func fileError(s source, err error) error {
	fe := &FeedError{URL: s.display, Reason: clean(redact(s, err.Error()))}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		fe.Reason = clean(pe.Op + ": " + pe.Err.Error())
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fe.kind = providers.ErrNotFound
	case errors.Is(err, fs.ErrPermission), errors.Is(err, errNotRegular):
	default:
		return fe
	}
	return &providers.PermanentError{Err: fe}
}

// permanentError is a failure a retry cannot fix: garbage instead of a
// feed, a body over the limit.
func permanentError(s source, reason string) error {
	return &providers.PermanentError{Err: &FeedError{URL: s.display, Reason: clean(redact(s, reason))}}
}

// redact removes the feed URL's secrets from a message: the whole URL, its
// credentials and its query.
func redact(s source, msg string) string {
	u := s.url
	secrets := []string{u.String(), u.RawQuery}
	if u.User != nil {
		secrets = append(secrets, u.User.String(), u.User.Username())
		if p, ok := u.User.Password(); ok {
			secrets = append(secrets, p)
		}
	}
	for _, sec := range secrets {
		if len(sec) >= 3 {
			msg = strings.ReplaceAll(msg, sec, "[redacted]")
		}
	}
	return msg
}

// clean puts a message on one clean line of at most maxReason bytes.
func clean(s string) string { return cutBytes(core.SanitizeLine(s), maxReason) }

// classRank orders failure classes by how soon the account should be
// retried when every feed failed: one feed that may come back soon
// (transient) decides over one that needs a person (permanent).
var classRank = map[providers.ErrorClass]int{
	providers.ClassTransient:   0,
	providers.ClassRateLimited: 1,
	providers.ClassAuth:        2,
	providers.ClassNotFound:    3,
	providers.ClassPermanent:   4,
}

// allFailed is Fetch's error when no feed worked: the failure whose class
// should decide the account's retry (see classRank), with every feed's
// reason in the message.
func allFailed(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	lead := errs[0]
	msgs := make([]string, 0, len(errs))
	for _, err := range errs {
		msgs = append(msgs, strings.TrimPrefix(err.Error(), "rss: "))
		if classRank[providers.Classify(err)] < classRank[providers.Classify(lead)] {
			lead = err
		}
	}
	return &allFailedError{msg: fmt.Sprintf("rss: all %d feeds failed: %s", len(errs), strings.Join(msgs, "; ")), lead: lead}
}

// allFailedError unwraps to the failure that decides the class.
type allFailedError struct {
	msg  string
	lead error
}

func (e *allFailedError) Error() string { return e.msg }
func (e *allFailedError) Unwrap() error { return e.lead }
