package rss

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"cmdeck/providers"
)

// The cursor is "v1:" and the JSON of cursorState. Feeds are keyed by a
// hash of their URL (source.key), so no credentials or tokens from a feed
// URL are stored in it, and it stays small.
const cursorPrefix = "v1:"

// Bounds on what the cursor remembers per feed. An entry leaves up to two
// keys (its GUID's and its link's); maxEntries entries are read from a
// document, so every entry still in the feed stays remembered and a feed
// re-sending old entries never brings them twice.
const (
	maxEntries = 500
	maxSeen    = 2 * maxEntries
	maxHeader  = 256 // an ETag or Last-Modified longer than this is not kept
)

// cursorState is what the provider remembers between fetches.
type cursorState struct {
	Feeds map[string]*feedState `json:"feeds"`
}

// feedState is one feed's memory: the validators for a conditional GET,
// when it last worked, and the keys of the entries seen lately (newest
// document first).
type feedState struct {
	ETag     string   `json:"etag,omitempty"`
	Modified string   `json:"modified,omitempty"`
	LastOK   int64    `json:"ok,omitempty"` // Unix seconds
	Seen     []string `json:"seen,omitempty"`
}

// lastOK is when the feed last worked; zero if never.
func (f *feedState) lastOK() time.Time {
	if f == nil || f.LastOK == 0 {
		return time.Time{}
	}
	return time.Unix(f.LastOK, 0).UTC()
}

// decodeCursor reads a cursor; "" is the first sync. Anything else that
// is not exactly what encodeCursor writes is a permanent error: guessing
// would resync everything or skip entries.
func decodeCursor(s string) (cursorState, error) {
	if s == "" {
		return cursorState{Feeds: map[string]*feedState{}}, nil
	}
	bad := func(why string) error {
		return &providers.PermanentError{Err: fmt.Errorf("rss: unreadable cursor (%s)", why)}
	}
	body, ok := strings.CutPrefix(s, cursorPrefix)
	if !ok {
		return cursorState{}, bad("unknown version")
	}
	var st cursorState
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil || dec.More() || st.Feeds == nil {
		return cursorState{}, bad("not the JSON of a cursor")
	}
	for k, f := range st.Feeds {
		if err := validFeedState(k, f); err != nil {
			return cursorState{}, bad(err.Error())
		}
	}
	return st, nil
}

func validFeedState(key string, f *feedState) error {
	switch {
	case !isHex(key, 16):
		return errors.New("bad feed key")
	case f == nil:
		return errors.New("empty feed")
	case len(f.Seen) > maxSeen:
		return errors.New("too many seen entries")
	case f.LastOK < 0:
		return errors.New("bad time")
	case f.ETag != validHeader(f.ETag), f.Modified != validHeader(f.Modified):
		return errors.New("bad validator")
	}
	for _, k := range f.Seen {
		if !isSeenKey(k) {
			return errors.New("bad seen key")
		}
	}
	return nil
}

// encodeCursor writes the state; the feeds come out sorted by key, so
// the same state is the same cursor.
func encodeCursor(st cursorState) (string, error) {
	b, err := json.Marshal(st)
	if err != nil {
		return "", fmt.Errorf("rss: encode cursor: %w", err)
	}
	return cursorPrefix + string(b), nil
}

// seenSet is every key any feed remembers: an entry seen through one feed
// is not new when another feed of the account brings it.
func (st cursorState) seenSet() map[string]bool {
	set := map[string]bool{}
	for _, f := range st.Feeds {
		for _, k := range f.Seen {
			set[k] = true
		}
	}
	return set
}

// mergeSeen is a feed's new memory: the keys of the entries in its
// document now, then those remembered before that are not in it, up to
// maxSeen.
func mergeSeen(current, before []string) []string {
	out := make([]string, 0, min(len(current)+len(before), maxSeen))
	in := make(map[string]bool, len(current)+len(before))
	for _, k := range slices.Concat(current, before) {
		if len(out) == maxSeen {
			break
		}
		if !in[k] {
			in[k] = true
			out = append(out, k)
		}
	}
	return out
}

// validHeader is v if it can go back in a request header (printable
// ASCII, not too long), else "": a hostile validator must not break the
// request or bloat the cursor.
func validHeader(v string) string {
	if len(v) > maxHeader {
		return ""
	}
	for i := range len(v) {
		if v[i] < 0x20 || v[i] > 0x7e {
			return ""
		}
	}
	return v
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if !strings.ContainsRune("0123456789abcdef", rune(s[i])) {
			return false
		}
	}
	return true
}
