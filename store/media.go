package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"cmdeck/core"
)

// Attachments are stored as a JSON array of file paths, '' for none, on
// posts and on their publish actions.

// cleanMedia sanitizes attachment paths (they are shown in the terminal)
// and drops blank ones; nil when none is left.
func cleanMedia(paths []string) []string {
	var out []string
	for _, p := range paths {
		if p = strings.TrimSpace(core.SanitizeLine(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// encodeMedia is the stored form of a list of paths (cleaned first).
func encodeMedia(paths []string) string {
	paths = cleanMedia(paths)
	if len(paths) == 0 {
		return ""
	}
	b, err := json.Marshal(paths)
	if err != nil { // a []string always marshals
		panic(err)
	}
	return string(b)
}

// decodeMedia reads the stored form back. Only the store writes it, so a
// value that does not parse is a bug worth stopping on rather than sending
// a post without its pictures.
func decodeMedia(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("stored media list: %w", err)
	}
	return out, nil
}
