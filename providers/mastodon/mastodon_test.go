package mastodon

import (
	"cmdeck/core"
	"cmdeck/providers"
	"context"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func TestHTMLToText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "<p>hello world</p>", "hello world"},
		{"paragraphs", "<p>one</p><p>two</p>", "one\n\ntwo"},
		{"br", "<p>a<br>b<br/>c<br />d</p>", "a\nb\nc\nd"},
		{"mention", `<p><span class="h-card"><a href="https://x.social/@bob" class="u-url mention">@<span>bob</span></a></span> hi</p>`, "@bob hi"},
		{"hashtag", `<p>love <a href="https://x.social/tags/go" class="mention hashtag" rel="tag">#<span>go</span></a></p>`, "love #go"},
		{"link", `<p>see <a href="https://example.com/a" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">example.com/a</span><span class="invisible"></span></a></p>`, "see https://example.com/a"},
		{"entities", "<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;</p>", `a & b <c> "d" 'e'`},
		{"escaped tag stays text", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>"},
		{"script dropped", "<p>hi<script>alert('x')</script> there</p>", "hi there"},
		{"style dropped", "<style>p{color:red}</style><p>ok</p>", "ok"},
		{"unclosed tag", "<p>text <a href=\"x", "text"},
		{"stray gt", "a > b", "a > b"},
		{"control chars", "<p>a\x1b[31mred\x07</p>", "a[31mred"},
		{"bidi override", "<p>abc\u202edef</p>", "abcdef"},
		{"many blank lines", "<p>a</p><p></p><p></p><p>b</p>", "a\n\nb"},
		{"uppercase tags", "<P>a<BR>b</P>", "a\nb"},
		{"empty", "", ""},
		{"only tags", "<p><span></span></p>", ""},
		{"nested script close name", "<script>x</style>y</script>z", "z"},
	}
	for _, c := range cases {
		if got := htmlToText(c.in); got != c.want {
			t.Errorf("%s: htmlToText(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestNewValidates(t *testing.T) {
	for _, s := range []map[string]string{{}, {"server": "http://plain.social"}, {"server": "::bad"}} {
		if _, err := New(providers.AccountConfig{Settings: s, Secret: "t"}, nil, nil); err == nil {
			t.Errorf("New(%v) accepted", s)
		}
	}
	if _, err := New(providers.AccountConfig{Settings: map[string]string{"server": "https://x.social"}}, nil, nil); err == nil {
		t.Error("New without a token accepted")
	}
	p, err := New(providers.AccountConfig{Settings: map[string]string{"server": "https://x.social/"}, Secret: "t"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	caps := p.Capabilities()
	for _, c := range []providers.Capability{providers.CapReply, providers.CapDelete, providers.CapBlock,
		providers.CapPublish, providers.CapLike, providers.CapMute, providers.CapReport, providers.CapSpam} {
		if !caps.Has(c) {
			t.Errorf("missing capability %s", c)
		}
	}
	if caps.Has(providers.CapHide) || caps.Has(providers.CapAdmin) {
		t.Error("declares hide or admin")
	}
	if p.LengthLimit() != 500 {
		t.Errorf("LengthLimit = %d", p.LengthLimit())
	}
	if p.set != (settings{activity: true, admin: false, firstDays: 7}) {
		t.Errorf("default settings = %+v", p.set)
	}
}

func TestNewSettings(t *testing.T) {
	build := func(k, v string) (*Provider, error) {
		return New(providers.AccountConfig{Settings: map[string]string{"server": "https://x.social", k: v}, Secret: "t"}, nil, nil)
	}
	for _, c := range []struct{ key, value string }{
		{"first_sync_days", "abc"}, {"first_sync_days", "0"}, {"first_sync_days", "-3"},
		{"first_sync_days", "366"}, {"first_sync_days", "1.5"}, {"first_sync_days", ""},
		{"activity", "maybe"}, {"admin", "yes please"},
	} {
		_, err := build(c.key, c.value)
		if err == nil || !strings.Contains(err.Error(), `"`+c.key+`"`) {
			t.Errorf("%s=%q: %v (want an error naming the setting)", c.key, c.value, err)
		}
	}
	for _, c := range []struct {
		key, value string
		want       settings
	}{
		{"first_sync_days", "30", settings{activity: true, firstDays: 30}},
		{"first_sync_days", " 1 ", settings{activity: true, firstDays: 1}},
		{"activity", "false", settings{activity: false, firstDays: 7}},
		{"admin", "true", settings{activity: true, admin: true, firstDays: 7}},
	} {
		p, err := build(c.key, c.value)
		if err != nil || p.set != c.want {
			t.Errorf("%s=%q: %v %+v", c.key, c.value, err, p)
		}
	}
}

func TestBadCursor(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	for _, c := range []string{"garbage", "v1:", "v1:1&max_id=2", "v2:5"} {
		_, err := p.Fetch(context.Background(), c)
		if err == nil || !providers.IsPermanent(err) {
			t.Errorf("cursor %q: err = %v", c, err)
		}
	}
}

func TestLinkRel(t *testing.T) {
	h := `<https://x.social/api/v1/notifications?max_id=7>; rel="next", <https://x.social/api/v1/notifications?min_id=9>; rel="prev"`
	if got := linkRel(h, "prev"); got != "https://x.social/api/v1/notifications?min_id=9" {
		t.Errorf("prev = %q", got)
	}
	if got := linkRel(h, "next"); got != "https://x.social/api/v1/notifications?max_id=7" {
		t.Errorf("next = %q", got)
	}
	if linkRel("", "next") != "" || linkRel("garbage", "next") != "" {
		t.Error("garbage parsed")
	}
}
