package rss

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmdeck/core"
)

// fixtureItems is the first sync of one testdata feed, read as a file://
// feed.
func fixtureItems(t *testing.T, name string) []core.Item {
	t.Helper()
	p, _ := newProvider(t, feeds(fileURL(t, name)))
	return mustFetch(t, p, "").Items
}

// checkItems is what every item must be, whatever the feed.
func checkItems(t *testing.T, items []core.Item) {
	t.Helper()
	seen := map[string]bool{}
	for _, it := range items {
		switch {
		case it.RemoteID == "" || seen[it.RemoteID]:
			t.Errorf("item %q: missing or repeated id", it.RemoteID)
		case it.Author.RemoteID == "" || it.Author.Handle == "":
			t.Errorf("item %q: no author: %+v", it.RemoteID, it.Author)
		case it.CreatedAt.IsZero() || it.CreatedAt.Location() != time.UTC || it.CreatedAt.After(t0.Add(maxSkew)):
			t.Errorf("item %q: created at %v", it.RemoteID, it.CreatedAt)
		case it.Kind != core.KindMention || it.State != core.StateNew:
			t.Errorf("item %q: kind %q state %q", it.RemoteID, it.Kind, it.State)
		case it.Body != core.Sanitize(it.Body) || utf8.RuneCountInString(it.Body) > maxBodyRunes:
			t.Errorf("item %q: body not clean or too long (%d runes)", it.RemoteID, utf8.RuneCountInString(it.Body))
		case it.URL != "" && !strings.HasPrefix(it.URL, "https://") && !strings.HasPrefix(it.URL, "http://"):
			t.Errorf("item %q: url %q", it.RemoteID, it.URL)
		}
		seen[it.RemoteID] = true
	}
}

func TestGoogleAlertsAtom(t *testing.T) {
	items := fixtureItems(t, "google-alerts-fr.atom")
	checkItems(t, items)
	want := []string{
		"La Boulangerie Martin ouvre une deuxième adresse à la Croix-Rousse",
		"Forum Cuisine : « Chocolatine de la Boulangerie Martin, un peu sèche ? »",
		"Les 10 meilleures galettes des rois de Lyon",
	}
	if got := titles(items); !slices.Equal(got, want) {
		t.Fatalf("titles = %q, want %q", got, want)
	}
	first := items[0]
	if !strings.Contains(first.Body, `s'installe boulevard`) || !strings.Contains(first.Body, `"la même baguette"`) || strings.Contains(first.Body, "<b>") {
		t.Errorf("entities or tags left in the body: %q", first.Body)
	}
	// The Google redirect is unwrapped: the CM sees where the link goes.
	if first.URL != "https://www.leprogres.example/lyon/2026/11/23/la-boulangerie-martin-ouvre-a-la-croix-rousse" {
		t.Errorf("url = %q", first.URL)
	}
	if !first.CreatedAt.Equal(time.Date(2026, 11, 23, 7, 58, 0, 0, time.UTC)) {
		t.Errorf("created at %v", first.CreatedAt)
	}
	// Alerts sign nothing: the feed is the author.
	if first.Author.Handle != "Google Alerte - « Boulangerie Martin »" || first.Author.Network != "Veille web" {
		t.Errorf("author = %+v", first.Author)
	}
	if items[1].Author.RemoteID != first.Author.RemoteID {
		t.Error("one feed's entries without author got different authors")
	}
}

func TestBlogRSS(t *testing.T) {
	items := fixtureItems(t, "blog-rss2.xml")
	checkItems(t, items)
	if len(items) != 3 {
		t.Fatalf("%d items, want 3", len(items))
	}
	wantBody := "Le croissant de la Boulangerie Martin\u00a0: verdict\n" +
		"J’ai enfin testé le croissant de la Boulangerie Martin\u00a0!\n\n" +
		"Feuilletage\u00a0: 9/10\nBeurre\u00a0: 8/10\nPrix\u00a0: 1,40\u00a0€\n\n" +
		"- Adresse\u00a0: 12 rue Mercière\n- Ouvert le dimanche\n\n" +
		"Leur carte complète (https://boulangerie-martin.example/carte) est en ligne, et https://boulangerie-martin.example/ pour les horaires."
	if items[0].Body != wantBody {
		t.Errorf("CDATA content:\n got %q\nwant %q", items[0].Body, wantBody)
	}
	if items[0].Lang != "fr" || items[0].Author.Handle != "Camille Roux" {
		t.Errorf("lang %q author %+v", items[0].Lang, items[0].Author)
	}
	if !items[0].CreatedAt.Equal(time.Date(2026, 11, 23, 9, 15, 0, 0, time.UTC)) {
		t.Errorf("+0100 date read as %v", items[0].CreatedAt)
	}
	// Escaped HTML in a description, a title escaped twice, a relative link.
	if want := "Tarte & tatin… mes 3 adresses\nFish & chips, non\u00a0: tarte tatin\u202f! Trois adresses <3"; items[1].Body != want {
		t.Errorf("escaped description:\n got %q\nwant %q", items[1].Body, want)
	}
	if items[1].URL != "https://carnet-gourmand.example/2026/11/tarte-tatin/" {
		t.Errorf("relative link resolved to %q", items[1].URL)
	}
	// "email (name)" and a named zone (CET = +01:00, whatever the machine's zone).
	if items[2].Author.Handle != "Camille Roux" || items[2].Author.RemoteID != items[0].Author.RemoteID {
		t.Errorf("author = %+v", items[2].Author)
	}
	if !items[2].CreatedAt.Equal(time.Date(2026, 11, 19, 17, 30, 0, 0, time.UTC)) {
		t.Errorf("CET date read as %v", items[2].CreatedAt)
	}
	for _, it := range items {
		if strings.Contains(it.Body, "tracker") || strings.Contains(it.Body, "margin") || strings.Contains(it.Body, "javascript") {
			t.Errorf("script, style or javascript link left in %q", it.Body)
		}
	}
}

func TestJSONFeed(t *testing.T) {
	items := fixtureItems(t, "reviews.json")
	checkItems(t, items)
	if len(items) != 3 {
		t.Fatalf("%d items, want 3 (a numeric id must not drop the feed)", len(items))
	}
	// content_text is text: "<3" and "a < b" are not tags.
	if want := "★★☆☆☆ Attente interminable\nTrente minutes de queue samedi matin <3 le pain est bon mais a < b : il faudrait une deuxième caisse.\n\nLa vendeuse était adorable."; items[0].Body != want {
		t.Errorf("content_text:\n got %q\nwant %q", items[0].Body, want)
	}
	if want := "★★★★★ Meilleure baguette du quartier\nCroustillante, alvéolée, parfaite.\n\nMerci à toute l'équipe\u00a0!"; items[1].Body != want {
		t.Errorf("content_html:\n got %q\nwant %q", items[1].Body, want)
	}
	if items[0].Author.Handle != "Sophie L." || items[1].Author.Handle != "Karim B." || items[0].Author.RemoteID == items[1].Author.RemoteID {
		t.Errorf("authors %+v %+v", items[0].Author, items[1].Author)
	}
	// No title, only a summary; no date_published, a date_modified.
	if items[2].Body != "Bon accueil, viennoiseries un peu chères." || !items[2].CreatedAt.Equal(time.Date(2026, 11, 18, 8, 3, 0, 0, time.UTC)) {
		t.Errorf("summary item: %q at %v", items[2].Body, items[2].CreatedAt)
	}
	if items[0].Lang != "fr" {
		t.Errorf("lang = %q", items[0].Lang)
	}
}

func TestSubredditAtom(t *testing.T) {
	items := fixtureItems(t, "subreddit.atom")
	checkItems(t, items)
	if len(items) != 2 {
		t.Fatalf("%d items, want 2", len(items))
	}
	if items[0].Author.Handle != "/u/canut_du_plateau" || items[1].Author.Handle != "/u/gone_gourmet" {
		t.Errorf("authors %q %q", items[0].Author.Handle, items[1].Author.Handle)
	}
	if !strings.HasPrefix(items[0].Body, "Boulangerie ouverte le lundi ?\nSalut, je cherche une boulangerie ouverte le lundi vers la Croix-Rousse.\n\nLa Boulangerie Martin c'est fermé le lundi ?") {
		t.Errorf("body = %q", items[0].Body)
	}
	if strings.Contains(items[0].Body, "SC_OFF") {
		t.Error("an HTML comment became text")
	}
	if items[1].URL != "https://www.reddit.example/r/lyon/comments/1h1zz99/la_boulangerie_martin_recrute/" {
		t.Errorf("url = %q", items[1].URL)
	}
}

func TestBrokenDocuments(t *testing.T) {
	for _, name := range []string{"broken.xml", "not-a-feed.html"} {
		t.Run(name, func(t *testing.T) {
			p, _ := newProvider(t, feeds(fileURL(t, name)))
			_, err := p.Fetch(t.Context(), "")
			var fe *FeedError
			if !isPermanentFeedError(err, &fe) || !strings.Contains(fe.Reason, "not a feed") {
				t.Fatalf("Fetch = %v, want a permanent FeedError saying it is not a feed", err)
			}
			if h := p.FeedHealth(); len(h) != 1 || h[0].OK || !strings.Contains(h[0].Err, "not a feed") {
				t.Errorf("health = %+v", h)
			}
		})
	}
}

func TestBrokenDates(t *testing.T) {
	items := fixtureItems(t, "dates.xml")
	checkItems(t, items)
	want := map[string]time.Time{
		"Sans date":              t0, // first seen
		"Date en toutes lettres": t0, // unreadable
		"Date dans le futur":     t0, // clamped
		"Epoch":                  t0, // broken
		"Heure d'été":            time.Date(2026, 7, 12, 12, 30, 0, 0, time.UTC),
		"Format ISO sans zone":   time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC),
		"Vide":                   t0,
	}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d: an entry without a good date must still come", len(items), len(want))
	}
	for _, it := range items {
		title, _, _ := strings.Cut(it.Body, "\n")
		if w, ok := want[title]; !ok || !it.CreatedAt.Equal(w) {
			t.Errorf("%q created at %v, want %v", title, it.CreatedAt, w)
		}
	}
}

func TestHugeItem(t *testing.T) {
	items := fixtureItems(t, "huge.xml")
	checkItems(t, items)
	if len(items) != 2 {
		t.Fatalf("%d items, want 2", len(items))
	}
	body := items[0].Body
	if n := utf8.RuneCountInString(body); n != maxBodyRunes || !strings.HasSuffix(body, core.Ellipsis) {
		t.Errorf("huge body: %d runes, ends %q; want cut to %d with an ellipsis", n, body[len(body)-20:], maxBodyRunes)
	}
	if !strings.HasPrefix(body, "Le levain, tout le livre en un billet\nLe levain, c'est une histoire de patience\u00a0: farine") {
		t.Errorf("body starts %q", body[:120])
	}
	if items[1].Body != "Un billet court\nJuste une ligne." {
		t.Errorf("the item after the huge one: %q", items[1].Body)
	}
}

func TestDuplicateGUIDs(t *testing.T) {
	items := fixtureItems(t, "dup-guids.xml")
	checkItems(t, items)
	// The republished ad shares the first's GUID; the follow-up shares a
	// link (up to scheme, tracking, fragment and trailing slash).
	want := []string{"Vends four à sole", "Cherche apprenti", "Pétrin à vendre"}
	if got := titles(items); !slices.Equal(got, want) {
		t.Errorf("titles = %q, want %q", got, want)
	}
}

func TestLatin1Feed(t *testing.T) {
	items := fixtureItems(t, "latin1.xml")
	if len(items) != 1 || items[0].Body != "Crème brûlée à l'honneur\nNotre pâtissière a préparé une crème brûlée façon Boulangerie Martin." {
		t.Fatalf("ISO-8859-1 feed read as %+v", items)
	}
	if items[0].Author.Handle != "Le Café des Délices" {
		t.Errorf("author = %q", items[0].Author.Handle)
	}
}
