package app

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
)

// exportColumns are the CSV columns; the header row is their translation
// (cli.export.header, comma-separated, in this order).
func exportColumns() []string {
	return []string{"date", "network", "account", "author", "tags", "state", "link", "text"}
}

// exportDate is how dates are written in exports, in the config's zone.
const exportDate = "2006-01-02 15:04"

// exporter writes tagged items in the user's language and zone.
type exporter struct {
	t   *i18n.Catalog
	loc *time.Location
}

// header is the translated CSV header, or the column ids when the catalog
// has no translation of the right shape.
func (x exporter) header() []string {
	cols := strings.Split(x.t.T("cli.export.header"), ",")
	if len(cols) != len(exportColumns()) {
		return exportColumns()
	}
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	return cols
}

func (x exporter) csv(out io.Writer, items []store.ItemView) error {
	w := csv.NewWriter(out)
	if err := w.Write(x.header()); err != nil {
		return err
	}
	for _, it := range items {
		// Network and account come from config; the rest from strangers.
		row := []string{
			x.date(it.CreatedAt), it.Network, it.AccountHandle, csvSafe(author(it.Author)),
			csvSafe(strings.Join(it.Tags, ", ")), x.state(it.State), csvSafe(core.SanitizeURL(it.URL)),
			csvSafe(it.Body),
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// csvSafe defuses a cell a spreadsheet would run as a formula: messages
// come from strangers, and "=HYPERLINK(…)" in a comment must stay text
// when the client's management opens the file (OWASP CSV injection).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (x exporter) markdown(out io.Writer, client core.Client, since time.Time, items []store.ItemView) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "# %s\n\n", mdEscape(x.t.T("cli.export.title", client.Name)))
	fmt.Fprintf(w, "%s\n\n", mdEscape(x.t.T("cli.export.period", since.In(x.loc).Format(time.DateOnly), x.loc.String(), len(items))))
	if len(items) == 0 {
		fmt.Fprintf(w, "%s\n", mdEscape(x.t.T("cli.export.empty")))
		return w.Flush()
	}
	groups := byTag(items)
	for _, g := range groups {
		fmt.Fprintf(w, "- **%s** (%d)\n", mdEscape(g.tag), len(g.items))
	}
	for _, g := range groups {
		fmt.Fprintf(w, "\n## %s (%d)\n\n", mdEscape(g.tag), len(g.items))
		for _, it := range g.items {
			x.mdItem(w, it)
		}
	}
	return w.Flush()
}

// mdItem is one item: a bullet with its date, where, who and state, then
// its text on the next line of the same bullet.
func (x exporter) mdItem(w io.Writer, it store.ItemView) {
	meta := []string{x.date(it.CreatedAt), it.Network + " " + it.AccountHandle, author(it.Author), x.state(it.State)}
	for i := range meta {
		meta[i] = mdEscape(meta[i])
	}
	fmt.Fprintf(w, "- %s  \n  %s", strings.Join(meta, " · "), mdEscape(oneLine(it.Body)))
	if link := mdLink(it.URL); link != "" {
		fmt.Fprintf(w, " %s", link)
	}
	fmt.Fprintln(w)
}

// tagGroup is the items of one tag, oldest first.
type tagGroup struct {
	tag   string
	items []store.ItemView
}

// byTag groups items by tag (an item with two tags is in both groups),
// the most frequent tag first, then by name.
func byTag(items []store.ItemView) []tagGroup {
	idx := map[string]int{}
	var groups []tagGroup
	for _, it := range items {
		for _, tag := range it.Tags {
			i, ok := idx[tag]
			if !ok {
				i = len(groups)
				idx[tag] = i
				groups = append(groups, tagGroup{tag: tag})
			}
			groups[i].items = append(groups[i].items, it)
		}
	}
	slices.SortStableFunc(groups, func(a, b tagGroup) int {
		return cmp.Or(cmp.Compare(len(b.items), len(a.items)), strings.Compare(a.tag, b.tag))
	})
	return groups
}

func (x exporter) date(t time.Time) string { return t.In(x.loc).Format(exportDate) }

// state is the item's triage state in the user's language.
func (x exporter) state(s core.ItemState) string {
	key := "cli.export.state." + string(s)
	if txt := x.t.T(key); txt != key {
		return txt
	}
	return string(s)
}

// author names who wrote an item: the handle, else the display name.
func author(a core.Author) string { return cmp.Or(a.Handle, a.Name) }

// oneLine joins a message's lines for a single bullet.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mdEscape keeps a stranger's text from becoming markup (links, images,
// HTML, emphasis, tables) in the report.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdLink is an autolink to the item on its network, only for a plain web
// address that cannot break out of the brackets.
func mdLink(url string) string {
	url = core.SanitizeURL(url)
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return ""
	}
	if strings.ContainsAny(url, " <>\"'`\\") {
		return ""
	}
	return "<" + url + ">"
}
