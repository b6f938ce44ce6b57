package rss

import (
	"fmt"
	"strings"
	"testing"

	"cmdeck/providers"
)

func TestCursorRoundTrip(t *testing.T) {
	st := cursorState{Feeds: map[string]*feedState{
		"0123456789abcdef": {ETag: `W/"abc"`, Modified: "Mon, 23 Nov 2026 10:15:00 GMT", LastOK: 1795000000, Seen: []string{seenKey("a"), seenKey("b")}},
		"fedcba9876543210": {},
	}}
	s, err := encodeCursor(st)
	if err != nil || !strings.HasPrefix(s, cursorPrefix) {
		t.Fatalf("encode: %q, %v", s, err)
	}
	back, err := decodeCursor(s)
	if err != nil {
		t.Fatalf("decode(%q): %v", s, err)
	}
	if again, _ := encodeCursor(back); again != s {
		t.Errorf("round trip changed the cursor:\n%s\n%s", s, again)
	}
	if first, err := decodeCursor(""); err != nil || len(first.Feeds) != 0 {
		t.Errorf(`decode("") = %+v, %v`, first, err)
	}
}

func TestBadCursors(t *testing.T) {
	key := seenKey("x")
	for _, c := range []string{
		"\x00garbage{",
		"v2:{}",
		"v1:",
		"v1:{",
		"v1:[]",
		"v1:{}",
		`v1:{"feeds":{}} trailing`,
		`v1:{"feeds":{},"other":1}`,
		`v1:{"feeds":{"nothex":{}}}`,
		`v1:{"feeds":{"0123456789abcdef":null}}`,
		`v1:{"feeds":{"0123456789abcdef":{"seen":["short"]}}}`,
		`v1:{"feeds":{"0123456789abcdef":{"ok":-1}}}`,
		`v1:{"feeds":{"0123456789abcdef":{"etag":"a\r\nX-Evil: 1"}}}`,
		fmt.Sprintf(`v1:{"feeds":{"0123456789abcdef":{"seen":[%s]}}}`, strings.TrimSuffix(strings.Repeat(`"`+key+`",`, maxSeen+1), ",")),
	} {
		if _, err := decodeCursor(c); !providers.IsPermanent(err) {
			t.Errorf("decodeCursor(%.60q) = %v, want a permanent error", c, err)
		}
	}
}

func TestMergeSeen(t *testing.T) {
	if got := mergeSeen([]string{"c", "a", "c"}, []string{"a", "b"}); strings.Join(got, ",") != "c,a,b" {
		t.Errorf("merge = %v, want current first, then the rest, once each", got)
	}
	var before, current []string
	for i := range maxSeen {
		before = append(before, fmt.Sprint("old", i))
	}
	for i := range 10 {
		current = append(current, fmt.Sprint("new", i))
	}
	got := mergeSeen(current, before)
	if len(got) != maxSeen || got[0] != "new0" || got[maxSeen-1] != fmt.Sprint("old", maxSeen-11) {
		t.Errorf("bounded merge: %d keys, first %q, last %q", len(got), got[0], got[len(got)-1])
	}
}
