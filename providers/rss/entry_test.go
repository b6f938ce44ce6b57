package rss

import (
	"net/url"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func TestCreatedAt(t *testing.T) {
	at := func(tm time.Time) *time.Time { return &tm }
	past := time.Date(2026, 11, 1, 10, 0, 0, 0, time.FixedZone("Paris", 3600))
	cases := []struct {
		name string
		it   gofeed.Item
		want time.Time
	}{
		{"published", gofeed.Item{PublishedParsed: at(past), UpdatedParsed: at(past.Add(time.Hour))}, past.UTC()},
		{"updated only", gofeed.Item{UpdatedParsed: at(past)}, past.UTC()},
		{"none", gofeed.Item{}, t0},
		{"epoch", gofeed.Item{PublishedParsed: at(time.Unix(0, 0))}, t0},
		{"epoch, then updated", gofeed.Item{PublishedParsed: at(time.Unix(0, 0)), UpdatedParsed: at(past)}, past.UTC()},
		{"far future", gofeed.Item{PublishedParsed: at(t0.AddDate(1, 0, 0))}, t0},
		{"within skew", gofeed.Item{PublishedParsed: at(t0.Add(time.Minute))}, t0.Add(time.Minute)},
		{"named zone", gofeed.Item{Published: "Sun, 1 Nov 2026 10:00:00 CET", PublishedParsed: at(past.Add(5 * time.Hour))}, past.UTC()},
		{"american zone", gofeed.Item{Published: "Sun, 01 Nov 2026 04:00 EST"}, past.UTC()},
	}
	for _, c := range cases {
		got := createdAt(&c.it, t0)
		if !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("%s: createdAt = %v, want %v in UTC", c.name, got, c.want)
		}
	}
}

func TestAuthor(t *testing.T) {
	m := mapper{network: "Veille", name: "Alertes"}
	s, _ := parseSource("https://blog.example/feed")
	other, _ := parseSource("https://other.example/feed")
	cases := []struct {
		name       string
		f          gofeed.Feed
		it         gofeed.Item
		wantHandle string
	}{
		{"entry author", gofeed.Feed{Title: "Blog"}, gofeed.Item{Authors: []*gofeed.Person{{Name: "Camille"}}}, "Camille"},
		{"email only", gofeed.Feed{}, gofeed.Item{Author: &gofeed.Person{Email: "c@blog.example"}}, "c@blog.example"},
		{"empty author skipped", gofeed.Feed{Authors: []*gofeed.Person{{Name: "Owner"}}}, gofeed.Item{Authors: []*gofeed.Person{{Name: " "}}}, "Owner"},
		{"feed title", gofeed.Feed{Title: "Le &amp; blog"}, gofeed.Item{}, "Le & blog"},
		{"setting name", gofeed.Feed{}, gofeed.Item{}, "Alertes"},
		{"hostile name", gofeed.Feed{}, gofeed.Item{Authors: []*gofeed.Person{{Name: "Eve\x1b]0;pwned\x07\nMallory"}}}, "Eve Mallory"},
	}
	for _, c := range cases {
		a := m.author(s, &c.f, &c.it)
		if a.Handle != c.wantHandle || a.RemoteID == "" || a.Network != "Veille" {
			t.Errorf("%s: author = %+v, want handle %q", c.name, a, c.wantHandle)
		}
	}
	it := gofeed.Item{Authors: []*gofeed.Person{{Name: "Camille"}}}
	same := m.author(s, &gofeed.Feed{}, &gofeed.Item{Authors: []*gofeed.Person{{Name: "camille"}}})
	if m.author(s, &gofeed.Feed{}, &it).RemoteID != same.RemoteID {
		t.Error("one name on one host is one author")
	}
	if m.author(other, &gofeed.Feed{}, &it).RemoteID == same.RemoteID {
		t.Error("one name on two hosts is two authors")
	}
	if m.name = ""; m.author(s, &gofeed.Feed{}, &gofeed.Item{}).Handle != "blog.example" {
		t.Error("no name anywhere: the host")
	}
}

func TestEntryLink(t *testing.T) {
	base, _ := url.Parse("https://cm:s3cret@private.example/feeds/shop.rss")
	cases := []struct {
		name string
		it   gofeed.Item
		want string
	}{
		{"absolute", gofeed.Item{Link: "https://a.example/x"}, "https://a.example/x"},
		{"relative inherits no credentials", gofeed.Item{Link: "/posts/1"}, "https://private.example/posts/1"},
		{"javascript", gofeed.Item{Link: "javascript:alert(1)", GUID: "urn:uuid:1"}, ""},
		{"links then guid", gofeed.Item{Links: []string{"", "https://a.example/2"}, GUID: "https://a.example/3"}, "https://a.example/2"},
		{"guid permalink", gofeed.Item{GUID: "https://a.example/3"}, "https://a.example/3"},
		{"google redirect", gofeed.Item{Link: "https://www.google.com/url?rct=j&url=https://news.example/a%3Fb%3D1&usg=x"}, "https://news.example/a?b=1"},
		{"google redirect to javascript", gofeed.Item{Link: "https://www.google.com/url?url=javascript:alert(1)"}, "https://www.google.com/url?url=javascript:alert(1)"},
	}
	for _, c := range cases {
		if got := entryLink(base, &c.it); got != c.want {
			t.Errorf("%s: entryLink = %q, want %q", c.name, got, c.want)
		}
	}
	if got := entryLink(nil, &gofeed.Item{Link: "/posts/1"}); got != "" {
		t.Errorf("relative link without a base = %q", got)
	}
}

func TestLinkKey(t *testing.T) {
	same := []string{"https://a.example/p/1?utm_source=rss&x=1#top", "http://A.example/p/1/?x=1&fbclid=abc"}
	if linkKey(same[0]) != linkKey(same[1]) {
		t.Errorf("%q and %q are one page", same[0], same[1])
	}
	if linkKey("https://a.example/p/1?x=1") == linkKey("https://a.example/p/1?x=2") {
		t.Error("a different query is a different page")
	}
}

func TestLanguage(t *testing.T) {
	for in, want := range map[string]string{"fr-FR": "fr", "en": "en", " FR ": "fr", "fr_CA": "fr", "french": "", "x": "", "": "", "12": ""} {
		if got := language(in); got != want {
			t.Errorf("language(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCutRunes(t *testing.T) {
	if got := cutRunes("ééééé", 3); got != "éé…" {
		t.Errorf("cutRunes = %q", got)
	}
	if got := cutRunes("ééé", 3); got != "ééé" {
		t.Errorf("cutRunes = %q", got)
	}
}
