package bluesky

import (
	"regexp"
	"testing"
	"time"
)

// tidRe is the TID syntax from the AT Protocol spec.
var tidRe = regexp.MustCompile(`^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$`)

func TestRkeyFor(t *testing.T) {
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a := rkeyFor("key-1", at)
	if !tidRe.MatchString(a) {
		t.Fatalf("rkey %q is not a TID", a)
	}
	if rkeyFor("key-1", at) != a {
		t.Error("the same action got two record keys: a retry would post twice")
	}
	if rkeyFor("key-2", at) == a {
		t.Error("two actions share a record key: the second would be lost")
	}
	if later := rkeyFor("key-1", at.Add(time.Hour)); later <= a {
		t.Errorf("keys do not sort by time: %q then %q", a, later)
	}
	if z := rkeyFor("key-1", time.Time{}); !tidRe.MatchString(z) {
		t.Errorf("rkey without a time %q is not a TID", z)
	}
}
