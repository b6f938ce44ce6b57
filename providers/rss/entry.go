package rss

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"cmdeck/core"
)

const (
	maxBodyRunes = 4000               // an inbox item is a lead to the page, not the page
	textLimit    = 4*maxBodyRunes + 4 // bytes of text converted: enough for maxBodyRunes of any script
	maxSkew      = 5 * time.Minute    // how far ahead of our clock a date may be before it is clamped
)

// oldestDate is older than any feed format: an entry dated before it has
// a broken date (the Unix epoch, year 1), treated as missing.
var oldestDate = time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)

// entry is one feed entry as an inbox item, with the keys that recognise
// it again: its GUID's (scoped to the feed's host) and its link's.
type entry struct {
	item core.Item
	keys []string
}

// mapper turns the entries of one account's feeds into items.
type mapper struct {
	kind    core.ItemKind
	network string // the account's network, for the authors
	name    string // setting "name": the author of entries nobody signs, after the feed's title
}

// entry maps doc's item i, read from s at now.
func (m mapper) entry(s source, doc parsed, i int, now time.Time) entry {
	fi := doc.feed.Items[i]
	link := entryLink(linkBase(s, doc.feed), fi)
	title := entryTitle(fi.Title)
	text := entryText(fi, doc.plain[i])
	var ids []string
	if g := strings.TrimSpace(fi.GUID); g != "" {
		ids = append(ids, "guid\x00"+s.scope+"\x00"+g)
	}
	if link != "" {
		ids = append(ids, "link\x00"+linkKey(link))
	}
	if len(ids) == 0 {
		// Nothing global to know it by: the feed, the title and the date
		// as written (or the text, when there is neither).
		what := cmp.Or(title+"\x00"+fi.Published+"\x00"+fi.Updated, cutBytes(text, 500))
		ids = append(ids, "entry\x00"+s.key+"\x00"+what)
	}
	keys := make([]string, len(ids))
	for j, id := range ids {
		keys[j] = seenKey(id)
	}
	return entry{keys: keys, item: core.Item{
		RemoteID:  remoteID(ids[0]),
		Kind:      m.kind,
		Author:    m.author(s, doc.feed, fi),
		Body:      composeBody(title, text),
		URL:       link,
		Lang:      language(doc.feed.Language),
		CreatedAt: createdAt(fi, now),
		State:     core.StateNew,
	}}
}

// remoteID is an item's id: stable across fetches, and the same for one
// entry reached through two feeds when they share its GUID (same host) or,
// lacking a GUID, its link.
func remoteID(id string) string {
	sum := sha256.Sum256([]byte("item\x00" + id))
	return hex.EncodeToString(sum[:12])
}

// seenKey is the short form of a key kept in the cursor: 64 bits are
// plenty to tell apart the thousand entries a feed remembers.
func seenKey(id string) string {
	sum := sha256.Sum256([]byte("seen\x00" + id))
	return base64.RawURLEncoding.EncodeToString(sum[:8])
}

// isSeenKey reports whether k is what seenKey returns.
func isSeenKey(k string) bool {
	b, err := base64.RawURLEncoding.DecodeString(k)
	return err == nil && len(b) == 8 && len(k) == 11
}

// author is who signed the entry: its author (or the feed's), else the
// feed itself by its title, setting "name" or host. The id is the name
// within the feed's host: one blogger across a site's feeds is one author.
func (m mapper) author(s source, f *gofeed.Feed, it *gofeed.Item) core.Author {
	var name, handle string
	if p := person(it.Authors, it.Author, f.Authors, f.Author); p != nil {
		name = core.SanitizeLine(p.Name)
		handle = cmp.Or(name, core.SanitizeLine(p.Email))
	}
	if handle == "" {
		name = cmp.Or(entryTitle(f.Title), core.SanitizeLine(m.name), s.scope)
		handle = name
	}
	sum := sha256.Sum256([]byte("author\x00" + strings.ToLower(handle) + "\x00" + s.scope))
	return core.Author{Network: m.network, RemoteID: hex.EncodeToString(sum[:12]), Handle: handle, Name: name}
}

// person is the first person with a name or an address: the entry's
// authors, its author, then the feed's.
func person(entryPeople []*gofeed.Person, entryPerson *gofeed.Person, feedPeople []*gofeed.Person, feedPerson *gofeed.Person) *gofeed.Person {
	for _, p := range slices.Concat(entryPeople, []*gofeed.Person{entryPerson}, feedPeople, []*gofeed.Person{feedPerson}) {
		if p != nil && (strings.TrimSpace(p.Name) != "" || strings.TrimSpace(p.Email) != "") {
			return p
		}
	}
	return nil
}

// entryTitle is a title on one line. Titles are text that feeds often
// escape once too many (or write as HTML, Atom type="html"): tags are
// dropped when there are some, entities decoded.
func entryTitle(s string) string {
	if looksLikeHTML(s) {
		s = htmlToText(s, textLimit)
	} else {
		s = html.UnescapeString(s)
	}
	return core.SanitizeLine(s)
}

// looksLikeHTML reports whether s holds a tag: "<" then a letter or "/",
// and a ">" after it. "a < b" and "I <3 bread" are not.
func looksLikeHTML(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if (c == '/' || c == '!' || (c|0x20 >= 'a' && c|0x20 <= 'z')) && strings.IndexByte(s[i:], '>') > 0 {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// entryText is the entry's text: its content, else its description.
func entryText(it *gofeed.Item, plain plainFlags) string {
	if strings.TrimSpace(it.Content) != "" {
		return toText(it.Content, plain.content)
	}
	return toText(it.Description, plain.description)
}

func toText(s string, plain bool) string {
	if plain {
		return plainText(s, textLimit)
	}
	return htmlToText(s, textLimit)
}

// composeBody is the title on the first line and the text below, bounded
// to maxBodyRunes. A text that only repeats the title is left out.
func composeBody(title, text string) string {
	body := title
	switch {
	case text == "" || text == title:
	case title == "":
		body = text
	default:
		body = title + "\n" + text
	}
	return cutRunes(core.Sanitize(body), maxBodyRunes)
}

// cutRunes shortens s to at most n runes, ending with an ellipsis when cut.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return strings.TrimRight(s[:i], " \n\t") + core.Ellipsis
}

// linkBase is what a relative entry link is relative to: the site the
// feed names (RSS <link>), else the feed's own URL; nil for a local feed
// that names no site.
func linkBase(s source, f *gofeed.Feed) *url.URL {
	if u, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && isWebURL(u) {
		return u
	}
	if s.url.Scheme != "file" {
		return s.url
	}
	return nil
}

// isWebURL reports whether u is an absolute http(s) URL.
func isWebURL(u *url.URL) bool { return (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" }

// entryLink is where the entry can be read: its link (or its first link,
// or a GUID that is a URL), absolute, http(s) only, without credentials
// (a link resolved against a feed URL would inherit its userinfo), and
// unwrapped when it is a Google redirect.
func entryLink(base *url.URL, it *gofeed.Item) string {
	cands := slices.Concat([]string{it.Link}, it.Links, []string{it.GUID})
	for _, c := range cands {
		if l := absoluteLink(base, c); l != "" {
			return l
		}
	}
	return ""
}

func absoluteLink(base *url.URL, raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if raw == "" || err != nil {
		return ""
	}
	if !u.IsAbs() && base != nil {
		u = base.ResolveReference(u)
	}
	if !isWebURL(u) {
		return ""
	}
	u = unwrapRedirect(u)
	u.User = nil
	return core.SanitizeURL(u.String())
}

// unwrapRedirect returns the target of a Google redirect (Google Alerts
// links are https://www.google.com/url?…&url=<the article>&…): the CM
// sees where the link goes, and two alerts finding one article share it.
func unwrapRedirect(u *url.URL) *url.URL {
	host := strings.ToLower(u.Hostname())
	if (host != "www.google.com" && host != "google.com") || u.Path != "/url" {
		return u
	}
	q := u.Query()
	t, err := url.Parse(cmp.Or(q.Get("url"), q.Get("q")))
	if err != nil || !isWebURL(t) {
		return u
	}
	return t
}

// linkKey is a link as dedupe compares it: scheme, fragment, tracking
// parameters and a trailing slash do not make another page.
func linkKey(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" {
			delete(q, k)
		}
	}
	return strings.ToLower(u.Host) + strings.TrimSuffix(u.EscapedPath(), "/") + "?" + q.Encode()
}

// language is the two-letter code of a feed's language ("fr-FR" → "fr").
func language(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if len(tag) < 2 || !isLower(tag[0]) || !isLower(tag[1]) || (len(tag) > 2 && tag[2] != '-' && tag[2] != '_') {
		return ""
	}
	return tag[:2]
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// createdAt is when the entry was published, else updated, else now (the
// first time it is seen: it is never brought again). A date after now
// (beyond clock skew) is now: a feed must not pin an item atop the inbox.
func createdAt(it *gofeed.Item, now time.Time) time.Time {
	for _, d := range []struct {
		raw    string
		parsed *time.Time
	}{{it.Published, it.PublishedParsed}, {it.Updated, it.UpdatedParsed}} {
		t, ok := entryDate(d.raw, d.parsed)
		if !ok {
			continue
		}
		if t.After(now.Add(maxSkew)) {
			return now
		}
		return t
	}
	return now
}

// entryDate is a date as written (raw) and as gofeed read it, if it is
// one: a named zone is read with a fixed offset (see zoneOffsets), a date
// before oldestDate is broken.
func entryDate(raw string, parsed *time.Time) (time.Time, bool) {
	t, ok := namedZoneDate(raw)
	if !ok && parsed != nil {
		t, ok = parsed.UTC(), true
	}
	if !ok || t.Before(oldestDate) {
		return time.Time{}, false
	}
	return t, true
}

// zoneOffsets are the zone names feeds write instead of an offset, in
// hours: RFC 822's American ones, and those of European CMSs (CET/CEST in
// French feeds). gofeed resolves names through the machine's time zone
// database, so one feed would give different times on different
// machines; with these the result is fixed.
var zoneOffsets = map[string]int{
	"UT": 0, "GMT": 0, "UTC": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "EET": 2, "EEST": 3,
}

// namedZoneLayouts are RFC 822 dates with an offset, with and without the
// weekday and the seconds.
var namedZoneLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04 -0700",
	"Monday, 2 Jan 2006 15:04:05 -0700", "Mon, 2 January 2006 15:04:05 -0700",
}

// namedZoneDate reads an RFC 822 date ending in a zone name.
func namedZoneDate(raw string) (time.Time, bool) {
	raw = strings.TrimSpace(raw)
	i := strings.LastIndexByte(raw, ' ')
	if i < 0 {
		return time.Time{}, false
	}
	off, ok := zoneOffsets[strings.ToUpper(raw[i+1:])]
	if !ok {
		return time.Time{}, false
	}
	numeric := raw[:i] + fmt.Sprintf(" %+03d00", off)
	for _, layout := range namedZoneLayouts {
		if t, err := time.Parse(layout, numeric); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
