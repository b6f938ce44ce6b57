package rss

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestSplitFeeds(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"https://a.example/feed", []string{"https://a.example/feed"}},
		{"https://a.example/feed\n\n  https://b.example/rss  \r\n", []string{"https://a.example/feed", "https://b.example/rss"}},
		{"https://a.example/feed, https://b.example/rss,file:///srv/c.xml", []string{"https://a.example/feed", "https://b.example/rss", "file:///srv/c.xml"}},
		// A comma inside a query stays in the URL.
		{"https://news.example/rss?q=pain,chocolat&hl=fr, https://b.example/", []string{"https://news.example/rss?q=pain,chocolat&hl=fr", "https://b.example/"}},
		// A bare path after a comma is its own entry (New then rejects it).
		{"https://a.example/feed,/home/cm/feed.xml", []string{"https://a.example/feed", "/home/cm/feed.xml"}},
		{" , \n", nil},
	}
	for _, c := range cases {
		if got := splitFeeds(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitFeeds(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNewRejectsBadSettings(t *testing.T) {
	cases := []struct {
		name     string
		settings map[string]string
		want     string // in the error
	}{
		{"no feeds", map[string]string{}, `setting "feeds" is required`},
		{"blank feeds", map[string]string{"feeds": " \n , "}, `setting "feeds" is required`},
		{"bare path", feeds("/home/cm/alertes.xml"), `setting "feeds", entry 1 ("/home/cm/alertes.xml"): not a feed URL`},
		{"relative file", feeds("https://a.example/", "file://alertes.xml"), `entry 2`},
		{"no host", feeds("https:///feed"), "no host"},
		{"ftp", feeds("ftp://a.example/feed.xml"), `scheme "ftp"`},
		{"bad kind", map[string]string{"feeds": "https://a.example/", "kind": "dm"}, `setting "kind"`},
		{"too many", feeds(slices.Repeat([]string{"https://a.example/"}, maxFeeds+1)...), "at most"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(providers.AccountConfig{Settings: c.settings}, nil, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("New(%v) = %v, want an error with %q", c.settings, err, c.want)
			}
		})
	}
}

func TestNewSettings(t *testing.T) {
	p, _ := newProvider(t, map[string]string{
		"feeds": "https://a.example/feed, https://a.example/feed#again\nfile:///srv/alertes.xml",
		"kind":  " Review ",
		"name":  "Avis",
	})
	if len(p.feeds) != 2 {
		t.Errorf("%d feeds, want 2 (the duplicate dropped)", len(p.feeds))
	}
	if p.m.kind != core.KindReview || p.m.name != "Avis" || p.m.network != "Veille web" {
		t.Errorf("mapper = %+v", p.m)
	}
	if def, _ := newProvider(t, feeds("https://a.example/")); def.m.kind != core.KindMention {
		t.Errorf("default kind = %q, want mention", def.m.kind)
	}
	h := p.FeedHealth()
	if len(h) != 2 || h[0].URL != "https://a.example/feed" || h[1].URL != "file:///srv/alertes.xml" || h[0].OK || !h[0].CheckedAt.IsZero() {
		t.Errorf("health before any fetch = %+v", h)
	}
}

func TestSecretsNeverShown(t *testing.T) {
	const user, pass, token = "cm-lyon", "hunter2-pass", "glft-0123456789abcdef"
	raw := "https://" + user + ":" + pass + "@gitlab.example/shop/issues.atom?feed_token=" + token + "&state=opened"
	s, err := parseSource(raw)
	if err != nil {
		t.Fatal(err)
	}
	if s.display != "https://gitlab.example/shop/issues.atom?feed_token=REDACTED&state=opened" {
		t.Errorf("display = %q", s.display)
	}
	for _, bad := range []string{"ftp://" + user + ":" + pass + "@x.example/?token=" + token, "https://" + user + ":" + pass + "@/x?token=" + token} {
		_, err := New(providers.AccountConfig{Settings: feeds(bad)}, nil, nil)
		if err == nil || strings.Contains(err.Error(), pass) || strings.Contains(err.Error(), token) {
			t.Errorf("New(%q) = %v: refused without showing secrets?", bad, err)
		}
	}
}

func TestDisplayURL(t *testing.T) {
	cases := map[string]string{
		"https://news.example/rss/search?q=boulangerie&hl=fr":   "https://news.example/rss/search?hl=fr&q=boulangerie",
		"https://x.example/feed?apikey=abc&key=def&sig=ghi":     "https://x.example/feed?apikey=REDACTED&key=REDACTED&sig=REDACTED",
		"https://x.example/feed?access_token=abc&keywords=pain": "https://x.example/feed?access_token=REDACTED&keywords=pain",
		"file:///srv/alertes.xml":                               "file:///srv/alertes.xml",
	}
	for in, want := range cases {
		s, err := parseSource(in)
		if err != nil || s.display != want {
			t.Errorf("display of %q = %q (%v), want %q", in, s.display, err, want)
		}
	}
}

func TestDoRefusesEverything(t *testing.T) {
	p, _ := newProvider(t, feeds("https://a.example/"))
	if len(p.Capabilities()) != 0 {
		t.Errorf("capabilities = %v, want none", p.Capabilities())
	}
	for _, k := range []core.ActionKind{core.ActReply, core.ActHide, core.ActLike, core.ActPublish, core.ActBlock} {
		_, err := p.Do(context.Background(), core.Action{Kind: k, TargetRemoteID: "x"})
		if !errors.Is(err, providers.ErrUnsupported) || !providers.IsPermanent(err) {
			t.Errorf("Do(%s) = %v, want ErrUnsupported", k, err)
		}
	}
}
