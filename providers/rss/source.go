package rss

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// maxFeeds bounds one account's feeds: each costs a request per sync.
const maxFeeds = 100

// source is one configured feed.
type source struct {
	url     *url.URL // as configured, credentials included: for requests only
	key     string   // the feed's id in the cursor: a hash, so no secret is stored there
	display string   // for errors and the health view: see displayURL
	scope   string   // what a GUID is unique within: the feed's host (and port), "file" for local files
}

// errNoFeeds says what the one required setting is.
var errNoFeeds = errors.New(`rss: setting "feeds" is required: one or more feed URLs ` +
	`(https://…, http://… or file:///absolute/path), separated by newlines or commas`)

// parseFeeds reads setting "feeds". Duplicates are dropped: the second
// would only bring the first's entries again.
func parseFeeds(v string) ([]source, error) {
	raws := splitFeeds(v)
	if len(raws) == 0 {
		return nil, errNoFeeds
	}
	if len(raws) > maxFeeds {
		return nil, fmt.Errorf(`rss: setting "feeds" lists %d feeds, at most %d per account: split them over several accounts`, len(raws), maxFeeds)
	}
	var out []source
	seen := map[string]bool{}
	for i, raw := range raws {
		s, err := parseSource(raw)
		if err != nil {
			return nil, fmt.Errorf(`rss: setting "feeds", entry %d (%s): %w`, i+1, safeRaw(raw), err)
		}
		if !seen[s.key] {
			seen[s.key] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// splitFeeds splits the setting on line breaks, and on commas that start
// another feed (or stand alone): a comma inside a URL (a query such as
// ?q=pain,chocolat) stays in it.
func splitFeeds(v string) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	for _, line := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }) {
		parts := strings.Split(line, ",")
		cur := parts[0]
		for _, part := range parts[1:] {
			if startsFeed(part) || strings.TrimSpace(part) == "" || strings.TrimSpace(cur) == "" {
				add(cur)
				cur = part
			} else {
				cur += "," + part
			}
		}
		add(cur)
	}
	return out
}

// startsFeed reports whether s (after a comma) is another entry rather
// than the rest of a URL: it has a scheme, or looks like a path (so that
// a bare path is reported as such, not glued to the URL before it).
func startsFeed(s string) bool {
	s = strings.TrimSpace(s)
	if scheme, _, ok := strings.Cut(s, "://"); ok && scheme != "" && !strings.ContainsAny(scheme, "/?&=#") {
		return true
	}
	return strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~") || strings.HasPrefix(s, ".")
}

// parseSource checks one feed: http(s) with a host, or file:// with an
// absolute path. A URL may carry credentials or a token in its query
// (private feeds do): they are used, never shown.
func parseSource(raw string) (source, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Opaque != "" {
		return source{}, errors.New("not a feed URL: write https://…, http://… or file:///absolute/path")
	}
	u.Fragment, u.RawFragment = "", "" // never sent: two URLs differing only there are one feed
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return source{}, errors.New("the URL has no host")
		}
	case "file":
		if (u.Host != "" && u.Host != "localhost") || !strings.HasPrefix(u.Path, "/") {
			return source{}, errors.New("a file URL needs an absolute path: file:///path/to/feed.xml")
		}
		u.Host = ""
	default:
		return source{}, fmt.Errorf("scheme %q is not supported: use https, http or file", u.Scheme)
	}
	sum := sha256.Sum256([]byte("feed\x00" + u.String()))
	s := source{url: u, key: hex.EncodeToString(sum[:8]), display: displayURL(u), scope: strings.ToLower(u.Host)}
	if u.Scheme == "file" {
		s.scope = "file"
	}
	return s, nil
}

// displayURL is u as errors and the health view show it: no credentials,
// and the values of query parameters that look secret (token=, key=, …)
// replaced; the rest of the query stays, so that two search feeds on one
// site can be told apart.
func displayURL(u *url.URL) string {
	if u.Scheme == "file" {
		return "file://" + u.Path
	}
	d := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if secretParam(k) {
				q[k] = []string{"REDACTED"}
			}
		}
		d.RawQuery = q.Encode()
	}
	return d.String()
}

// secretParam recognises query parameters that carry credentials in
// private feed URLs (GitLab's feed_token, GitHub's token, API keys,
// signatures, Google's usg). Over-redacting costs nothing but a less
// precise label.
func secretParam(k string) bool {
	k = strings.ToLower(k)
	switch k {
	case "key", "sig", "auth", "pass", "pwd", "sid", "code", "hash", "usg", "session":
		return true
	}
	for _, suffix := range []string{"token", "secret", "password", "apikey", "api_key", "signature", "_key", "-key"} {
		if strings.HasSuffix(k, suffix) {
			return true
		}
	}
	return false
}

// safeRaw is a setting entry as an error may quote it: a bare path or a
// typo shows, anything that could be credentials (before an @) or a
// token (after a ?) does not.
func safeRaw(raw string) string {
	if i := strings.LastIndex(raw, "@"); i >= 0 {
		scheme, _, ok := strings.Cut(raw, "://")
		if !ok {
			scheme = ""
		} else {
			scheme += "://"
		}
		raw = scheme + "…@" + raw[i+1:]
	}
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw = raw[:i] + "?…"
	}
	return fmt.Sprintf("%q", raw)
}
