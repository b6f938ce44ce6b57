package bluesky

import (
	"fmt"
	"strings"

	"cmdeck/providers"
)

// atURI is an at://AUTHORITY/COLLECTION/RKEY record address.
type atURI struct {
	Repo, Collection, RKey string
}

// parseATURI splits a record URI; anything else is a permanent error (an
// action aimed at it can never work).
func parseATURI(s string) (atURI, error) {
	rest, ok := strings.CutPrefix(s, "at://")
	parts := strings.Split(rest, "/")
	if !ok || len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return atURI{}, &providers.PermanentError{Err: fmt.Errorf("bluesky: %q is not a record URI", s)}
	}
	return atURI{Repo: parts[0], Collection: parts[1], RKey: parts[2]}, nil
}

func (u atURI) String() string { return "at://" + u.Repo + "/" + u.Collection + "/" + u.RKey }

// postURL is the post's page on bsky.app; "" when the URI is not a post's.
func postURL(handle, uri string) string {
	u, err := parseATURI(uri)
	if err != nil || u.Collection != typePost {
		return ""
	}
	who := handle
	if who == "" || who == "handle.invalid" {
		who = u.Repo
	}
	return "https://bsky.app/profile/" + who + "/post/" + u.RKey
}
