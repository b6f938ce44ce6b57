package mastodon

import (
	"context"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestReplyFollowsTheConversation(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob", 1)
	remote := account("43", "ana@other.social", "Ana", 1)
	f.addStatus(status("100", bob, "<p>public q</p>", "public", nil))
	f.addStatus(status("101", bob, "<p>secret</p>", "direct", nil))
	f.addStatus(status("102", remote, "<p>followers</p>", "private", nil))
	f.addStatus(status("103", bob, "<p>quiet</p>", "unlisted", nil))
	f.addStatus(status("104", bob, "<p>odd</p>", "mutuals_only", nil))
	f.addStatus(status("105", f.me, "<p>our own thread</p>", "direct", nil))
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	cases := []struct {
		target, payload string
		vis, text       string
	}{
		{"100", "thanks!", "public", "@bob thanks!"},
		{"101", "sure", "direct", "@bob sure"},
		{"102", "welcome", "private", "@ana@other.social welcome"},
		{"103", "@Bob: noted", "unlisted", "@Bob: noted"}, // already mentioned
		{"104", "hm", "private", "@bob hm"},               // unknown visibility: the narrow one
		{"105", "and also", "direct", "and also"},         // our own status: no self-mention
		{"102", "cc @ana@Other.Social ok", "private", "cc @ana@Other.Social ok"},
		{"100", "mail bob@bob.org", "public", "@bob mail bob@bob.org"}, // an address is no mention
		{"100", "visibility:direct\nprivately", "direct", "privately"}, // explicit: as is
	}
	for i, c := range cases {
		r, err := p.Do(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: c.target, Payload: c.payload, IdempotencyKey: "k"})
		if err != nil || r.RemoteID == "" {
			t.Fatalf("%d: %v %+v", i, err, r)
		}
		got := f.bodies[i]
		if got["visibility"] != c.vis || got["status"] != c.text || got["in_reply_to_id"] != c.target {
			t.Errorf("%d: sent %v, want visibility %q text %q", i, got, c.vis, c.text)
		}
	}
	// The account is read once, not for every reply.
	if n := f.count("GET /api/v1/accounts/verify_credentials"); n != 1 {
		t.Errorf("verify_credentials %d times", n)
	}
}

func TestReplyToDeletedOrMalformed(t *testing.T) {
	f := newFake(t)
	f.addStatus(status("100", account("42", "bob\nvisit evil.example", "Bob", 1), "<p>x</p>", "public", nil))
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	_, err := p.Do(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: "77", Payload: "hello", IdempotencyKey: "k"})
	if providers.Classify(err) != providers.ClassNotFound || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("deleted target: %v", err)
	}
	_, err = p.Do(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: "100", Payload: "hello", IdempotencyKey: "k"})
	if !providers.IsPermanent(err) || strings.Contains(err.Error(), "evil") {
		t.Errorf("malformed handle: %v", err)
	}
	if len(f.bodies) != 0 {
		t.Errorf("sent %v", f.bodies)
	}
}

func TestMentions(t *testing.T) {
	cases := []struct {
		text, acct string
		want       bool
	}{
		{"@bob hi", "bob", true},
		{"hi @BOB.", "bob", true},
		{"hi @bobby", "bob", false},
		{"hi @bob@example.social", "bob", true}, // our own server, in full
		{"hi @bob@other.social", "bob", false},  // someone else
		{"hi @bob", "bob@other.social", false},  // a local bob
		{"(@bob@other.social)", "bob@other.social", true},
		{"write to bob@bob.org", "bob", false},
		{"x/@bob", "bob", false},
		{"", "bob", false},
	}
	for _, c := range cases {
		if got := mentions(c.text, c.acct, "example.social"); got != c.want {
			t.Errorf("mentions(%q, %q) = %v", c.text, c.acct, got)
		}
	}
}

func TestCheck(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob@other.social", "Bob", 1)
	f.addStatus(status("100", bob, "<p>q</p>", "public", nil))
	f.addStatus(status("200", bob, "<p>q2</p>", "public", nil))
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	reply := core.Action{Kind: core.ActReply, TargetRemoteID: "100", Payload: "thanks  for\nthe report", IdempotencyKey: "k1"}

	if _, ok, err := p.Check(ctx, reply); err != nil || ok {
		t.Fatalf("before: ok=%v err=%v", ok, err)
	}
	sent, err := p.Do(ctx, reply)
	if err != nil {
		t.Fatal(err)
	}
	// Mastodon shows @bob@other.social as @bob: the check still finds it.
	f.set(func() {
		f.own[0]["content"] = `<p><span class="h-card"><a href="https://other.social/@bob" class="u-url mention">@<span>bob</span></a></span> thanks  for<br>the report</p>`
	})
	r, ok, err := p.Check(ctx, reply)
	if err != nil || !ok || r.RemoteID != sent.RemoteID || r.URL != sent.URL {
		t.Fatalf("after: %+v ok=%v err=%v", r, ok, err)
	}
	// Same text to another status, or other text: not found.
	other := reply
	other.TargetRemoteID = "200"
	if _, ok, _ := p.Check(ctx, other); ok {
		t.Error("matched a reply to another status")
	}
	other = reply
	other.Payload = "something else"
	if _, ok, _ := p.Check(ctx, other); ok {
		t.Error("matched other text")
	}
	// The target deleted since: a reply with any one leading mention and
	// the text is ours.
	f.set(func() { delete(f.statuses, "100") })
	if _, ok, err := p.Check(ctx, reply); err != nil || !ok {
		t.Errorf("target deleted: ok=%v err=%v", ok, err)
	}
	// Publish: a root status with the same text.
	pub := core.Action{Kind: core.ActPublish, Payload: "thanks for the report", IdempotencyKey: "k2"}
	if _, ok, _ := p.Check(ctx, pub); ok {
		t.Error("publish matched a reply")
	}
	if _, err := p.Do(ctx, pub); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := p.Check(ctx, pub); !ok {
		t.Error("published post not found")
	}
	// Other kinds are never "already done".
	if _, ok, err := p.Check(ctx, core.Action{Kind: core.ActBlock, TargetRemoteID: "42"}); ok || err != nil {
		t.Errorf("block check: %v %v", ok, err)
	}
	// Check errors are typed like every other call.
	f.set(func() { f.failWith = 503 })
	if _, _, err := p.Check(ctx, reply); providers.Classify(err) != providers.ClassTransient {
		t.Errorf("503 check: %v", err)
	}
}

func TestCheckExplicitVisibility(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	// No target lookup: the text goes as is, and is found as is.
	a := core.Action{Kind: core.ActReply, TargetRemoteID: "555", Payload: "visibility:direct\nhello", IdempotencyKey: "k"}
	if _, err := p.Do(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := p.Check(ctx, a); err != nil || !ok {
		t.Errorf("ok=%v err=%v", ok, err)
	}
	if n := f.count("GET /api/v1/statuses/555"); n != 0 {
		t.Errorf("looked the target up %d times", n)
	}
}
