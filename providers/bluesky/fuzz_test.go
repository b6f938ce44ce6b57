package bluesky

import (
	"context"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"cmdeck/core"
	"cmdeck/providers"
)

// The decoders and mappers get network JSON; none may panic, and what they
// produce must hold what the store and the cursor rely on.

func FuzzNotificationsPage(f *testing.F) {
	f.Add([]byte(notifsJSON))
	f.Add([]byte(`{"notifications":[{"uri":"at://a/b/c d","reason":"mention","author":{"did":"x"}}]}`))
	f.Add([]byte(`{"notifications":[{"uri":"at://a/b/c","reason":"like","indexedAt":"0001-01-01T00:00:00Z","author":{}}]}`))
	p := &Provider{cfg: providers.AccountConfig{Account: core.Account{Network: "bluesky"}}, set: settings{activity: true}}
	f.Fuzz(func(t *testing.T, data []byte) {
		var np notificationsPage
		if json.Unmarshal(data, &np) != nil {
			return
		}
		var b core.Batch
		next := p.addNotifications(&b, np.Notifications, notifCursor{})
		if _, _, err := parseCursor(next.String()); err != nil {
			t.Fatalf("the cursor %q does not parse back: %v", next.String(), err)
		}
		seen := map[string]bool{}
		for _, it := range b.Items {
			if it.RemoteID == "" || it.Author.RemoteID == "" || seen[it.RemoteID] {
				t.Fatalf("bad or repeated item %+v", it)
			}
			seen[it.RemoteID] = true
		}
	})
}

func FuzzThread(f *testing.F) {
	f.Add([]byte(`{"thread":{"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://a/app.bsky.feed.post/b","cid":"c","record":{"text":"t","reply":{"root":{"uri":"u","cid":"c"},"parent":{"uri":"u","cid":"c"}}}}}}`))
	f.Add([]byte(`{"thread":{"$type":"app.bsky.feed.defs#notFoundPost","uri":"x","notFound":true}}`))
	f.Add([]byte(`{"thread":{"post":{"uri":"a"},"parent":{"post":{"uri":"b","author":{"did":"d"}},"parent":{"post":{"uri":"c","author":{"did":"d"}},"parent":{"$type":"app.bsky.feed.defs#blockedPost"}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ans threadAnswer
		if json.Unmarshal(data, &ans) != nil {
			return
		}
		if up := parentPosts(ans.Thread, contextHeight); len(up) > contextHeight {
			t.Fatalf("%d posts above, want at most %d", len(up), contextHeight)
		}
		if ans.Thread.Post == nil {
			return
		}
		_ = postURL(ans.Thread.Post.Author.Handle, ans.Thread.Post.URI)
		_ = postTime(ans.Thread.Post.Record.CreatedAt, ans.Thread.Post.IndexedAt)
	})
}

func FuzzPostRecord(f *testing.F) {
	f.Add([]byte(`{"uri":"at://a/app.bsky.feed.post/b","cid":"c","value":{"$type":"app.bsky.feed.post","text":"hi","createdAt":"2026-01-01T00:00:00Z","facets":[{"index":{"byteStart":0,"byteEnd":2},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"x"}]}]}}`))
	f.Add([]byte(`{"value":{"createdAt":"9999-99-99"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ans recordAnswer
		if json.Unmarshal(data, &ans) != nil {
			return
		}
		if out := expandLinks(ans.Value.Text, ans.Value.Facets); utf8.ValidString(ans.Value.Text) && !utf8.ValidString(out) {
			t.Fatalf("expanding links broke the text: %q", out)
		}
		if got := postTime(ans.Value.CreatedAt, time.Time{}); got.Location() != time.UTC {
			t.Fatalf("time %v not in UTC", got)
		}
		if u, err := parseATURI(ans.URI); err == nil && u.String() != ans.URI {
			t.Fatalf("URI %q parsed as %q", ans.URI, u.String())
		}
	})
}

func FuzzFacets(f *testing.F) {
	for _, s := range []string{"hi @bob.test #tag https://x.org/a.", "Été #café (https://a.b/c_(d))", "@a.b@c.d ##x #123 #", "\xff#\xfe @x.y"} {
		f.Add(s)
	}
	resolve := func(_ context.Context, h string) (string, error) { return "did:plc:" + h, nil }
	f.Fuzz(func(t *testing.T, text string) {
		fs, err := detectFacets(context.Background(), text, resolve)
		if err != nil {
			t.Fatal(err)
		}
		for _, fc := range fs {
			s, e := fc.Index.ByteStart, fc.Index.ByteEnd
			if s < 0 || e > len(text) || s >= e {
				t.Fatalf("facet range [%d,%d) outside %d bytes", s, e, len(text))
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[s]) || (e < len(text) && !utf8.RuneStart(text[e]))) {
				t.Fatalf("facet [%d,%d) splits a character of %q", s, e, text)
			}
		}
	})
}
