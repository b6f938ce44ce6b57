package inbox

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Column widths of a row, in cells. Zero hides a column.
type columns struct {
	client, network, author, age, body int
}

// Fixed widths. The prefix is the gutter (selection / new mark), the kind
// icon, a space, the state and sentiment marks and a space.
const (
	prefixWidth  = 1 + iconWidth + 1 + 1 + 1 + 1
	clientWidth  = 10
	networkWidth = 10
	authorWidth  = 14
	ageWidth     = 6 // "now", "59m", "23h", "6d", "12 Mar"
	// minBody is the least the body keeps: the age and the author give
	// way to it.
	minBody = 16
	// roomyBody is what the body keeps before the network and the client
	// show: on a phone-sized screen (60 columns) the words matter more
	// than the client's slug, which the conversation under the list names.
	roomyBody = 24
)

// layoutColumns fits the columns to a row width. As the width shrinks they
// drop in order — network, client, age, then author — the first two while
// the body is under roomyBody cells, the others while under minBody.
func layoutColumns(width int) columns {
	c := columns{client: clientWidth, network: networkWidth, author: authorWidth, age: ageWidth}
	used := func() int {
		n := prefixWidth
		for _, w := range []int{c.client, c.network, c.author, c.age} {
			if w > 0 {
				n += w + 1
			}
		}
		return n
	}
	drops := []struct {
		col  *int
		body int // the body this column leaves room for
	}{{&c.network, roomyBody}, {&c.client, roomyBody}, {&c.age, minBody}, {&c.author, minBody}}
	for _, d := range drops {
		if used()+d.body <= width {
			break
		}
		*d.col = 0
	}
	c.body = max(width-used(), 0)
	return c
}

// rowCells are the texts of a row, before styling. mark is the pending
// action's mark ("⧗hide"), drawn before the body.
type rowCells struct {
	gutter, icon, state, sentiment, client, network, author, mark, body, age string
}

// cells computes what a row shows for an item.
func (m *Model) cells(it store.ItemView, k rowKey, now time.Time) rowCells {
	st, _ := stateMark(it.Item, m.styles)
	se, _ := sentimentMark(it.Sentiment, m.styles)
	c := rowCells{
		icon: kindIcon(it.Kind, m.styles.Palette.NoColor), state: st, sentiment: se,
		client:  flatten(firstNonEmpty(it.ClientSlug, it.ClientName)),
		network: flatten(it.Network),
		author:  flatten(firstNonEmpty(it.Author.Name, it.Author.Handle)),
		mark:    k.mark,
		body:    common.OneLine(it.Body),
		age:     common.Age(m.t, now, it.CreatedAt, m.loc),
		gutter:  " ",
	}
	switch {
	case k.picked:
		c.gutter = "◆"
	case k.selected:
		c.gutter = "›"
	case k.fresh:
		c.gutter = "•"
	}
	return c
}

// renderRow draws one list row exactly width cells wide. The row under the
// cursor is drawn plain under the Selected style so its highlight is
// unbroken.
func (m *Model) renderRow(it store.ItemView, cols columns, width int, k rowKey, now time.Time) string {
	c := m.cells(it, k, now)
	s := m.styles
	if k.selected && !s.Lite {
		return s.Selected.Render(common.Fit(m.joinRow(c, cols, nil), width))
	}
	_, stStyle := stateMark(it.Item, s)
	_, seStyle := sentimentMark(it.Sentiment, s)
	author := lipgloss.NewStyle()
	if it.State == core.StateNew {
		author = s.Bold
	}
	mark := s.Warning
	if k.failed {
		mark = s.Negative
	}
	gutter := s.Accent
	if k.selected {
		gutter = s.Cursor // Lite: the gutter alone shows the cursor
	}
	styles := &rowStyles{
		gutter: gutter, state: stStyle, sentiment: seStyle, mark: mark,
		client: s.ClientStyle(it.ClientColor), network: s.Muted, author: author, age: s.Muted,
	}
	return common.Fit(m.joinRow(c, cols, styles), width)
}

// rowStyles colors each cell of an unselected row.
type rowStyles struct {
	gutter, state, sentiment, client, network, author, mark, age lipgloss.Style
}

// joinRow lays the cells out in their columns; st nil means no styling.
func (m *Model) joinRow(c rowCells, cols columns, st *rowStyles) string {
	plain := st == nil
	if plain {
		st = &rowStyles{}
	}
	paint := func(style lipgloss.Style, text string) string {
		if plain {
			return text
		}
		return style.Render(text)
	}
	var b strings.Builder
	b.WriteString(paint(st.gutter, c.gutter))
	b.WriteString(c.icon + " ")
	b.WriteString(paint(st.state, c.state))
	b.WriteString(paint(st.sentiment, c.sentiment) + " ")
	cell := func(style lipgloss.Style, text string, w int) {
		if w > 0 {
			b.WriteString(paint(style, common.Fit(text, w)) + " ")
		}
	}
	cell(st.client, c.client, cols.client)
	cell(st.network, c.network, cols.network)
	cell(st.author, c.author, cols.author)
	body := c.body
	if c.mark != "" && cols.body > 0 {
		// The mark takes the start of the body, which keeps its column.
		mark := common.Fit(c.mark, min(lipgloss.Width(c.mark), cols.body))
		b.WriteString(paint(st.mark, mark))
		body = " " + body
		cols.body -= lipgloss.Width(mark)
	}
	b.WriteString(common.Fit(body, cols.body))
	if cols.age > 0 {
		b.WriteString(" " + paint(st.age, common.FitRight(c.age, cols.age)))
	}
	return b.String()
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// rowKey is everything a drawn row depends on besides the item itself,
// whose changes arrive with a reload (which empties the cache). Ages are
// shown to the minute, so the minute is enough to keep them right.
type rowKey struct {
	id              int64
	selected, fresh bool
	picked          bool   // in the bulk selection
	mark            string // the pending action's mark, "" none
	failed          bool   // that action failed
	width           int
	minute          int64
}

// rowCache keeps drawn rows between frames: moving the cursor changes two
// rows, and styling a row cell by cell is most of what View costs.
type rowCache struct {
	styles *common.Styles
	// palette is what the rows were drawn with: the root rebuilds the
	// styles in place (same pointer) when the terminal tells its
	// background, often after the first frame on a slow link.
	palette common.Palette
	lite    bool // the cursor row's look depends on it
	t       *i18n.Catalog
	rows    map[rowKey]string
}

// get returns the drawn row for k, drawing it with draw when missing.
func (c *rowCache) get(k rowKey, styles *common.Styles, t *i18n.Catalog, limit int, draw func() string) string {
	if c.styles != styles || c.palette != styles.Palette || c.lite != styles.Lite || c.t != t || len(c.rows) > limit {
		c.reset()
		c.styles, c.palette, c.lite, c.t = styles, styles.Palette, styles.Lite, t
	}
	if s, ok := c.rows[k]; ok {
		return s
	}
	if c.rows == nil {
		c.rows = map[rowKey]string{}
	}
	s := draw()
	c.rows[k] = s
	return s
}

// reset forgets every drawn row.
func (c *rowCache) reset() { c.rows = nil }
