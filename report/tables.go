package report

import (
	"strings"
	"time"

	"cmdeck/stats"
)

// maxExcerpt bounds a post's text in a table.
const maxExcerpt = 80

// tables are the detail tables after the key figures, empty ones left out.
func (v *view) tables() []table {
	var out []table
	for _, t := range []table{v.kinds(), v.tags(), v.contributors("sec.contributors", v.rep.Contributors),
		v.contributors("sec.influencers", v.rep.Influencers), v.posts(), v.accounts()} {
		if len(t.Rows) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// compared is the head of a table of metrics: the name, both periods and
// the change.
func (v *view) compared(first string) []string {
	return []string{first, v.l.period(v.rep.Period), v.l.period(v.rep.Previous), v.l.t("col.change")}
}

// countRow is a name and a count metric against the previous period.
func (v *view) countRow(name string, m stats.Metric) []cell {
	f := figRow{m: m, format: v.l.int}
	return []cell{{Text: name, Class: "text"}, v.value(m.Cur, v.l.int), v.value(m.Prev, v.l.int), v.change(f)}
}

// kinds is the volume per item kind.
func (v *view) kinds() table {
	t := table{Title: v.l.t("sec.kinds"), Head: v.compared(v.l.t("col.kind"))}
	for i, k := range v.rep.Kinds {
		t.Rows = append(t.Rows, v.countRow(v.l.kind(k), v.rep.ByKind[i]))
	}
	return t
}

// tags is the count per tag.
func (v *view) tags() table {
	t := table{Title: v.l.t("sec.tags"), Head: v.compared(v.l.t("col.tag"))}
	for _, tg := range v.rep.Tags {
		t.Rows = append(t.Rows, v.countRow(tg.Tag, tg.Metric))
	}
	return t
}

// contributors is a top list of authors.
func (v *view) contributors(key string, cs []stats.Contributor) table {
	l := v.l
	t := table{Title: l.t(key), Head: []string{l.t("col.author"), l.t("col.network"), l.t("col.followers"), l.t("col.items")}}
	for _, c := range cs {
		t.Rows = append(t.Rows, []cell{{Text: authorName(c), Class: "text"}, {Text: c.Author.Network, Class: "text"},
			{Text: l.int(float64(c.Author.Followers)), Class: "num"}, {Text: l.int(float64(c.Items)), Class: "num"}})
	}
	return t
}

// authorName is "Name (@handle)", or whichever of the two is known.
func authorName(c stats.Contributor) string {
	name, handle := strings.TrimSpace(c.Author.Name), strings.TrimSpace(c.Author.Handle)
	switch {
	case name == "" || name == handle:
		return handle
	case handle == "":
		return name
	}
	return name + " (" + handle + ")"
}

// posts is the top posts with their engagement.
func (v *view) posts() table {
	l := v.l
	t := table{Title: l.t("sec.posts"), Head: []string{l.t("col.date"), l.t("col.account"), l.t("col.post"),
		l.t("col.likes"), l.t("col.shares"), l.t("col.replies"), l.t("col.total")}}
	for _, p := range v.rep.Posts.Top {
		day := ""
		if !p.Post.PublishedAt.IsZero() {
			day = l.shortDate(p.Post.PublishedAt.In(v.loc()))
		}
		t.Rows = append(t.Rows, []cell{{Text: day, Class: "text"},
			{Text: strings.TrimSpace(p.Account.Network + " " + p.Account.Handle), Class: "text"},
			{Text: excerpt(p.Post.Body), Class: "text"},
			v.value(p.Likes, l.int), v.value(p.Shares, l.int), v.value(p.Replies, l.int), v.value(p.Total, l.int)})
	}
	return t
}

// accounts is the per-account breakdown.
func (v *view) accounts() table {
	l := v.l
	t := table{Title: l.t("sec.accounts"), Head: []string{l.t("col.account"), l.t("col.received"),
		l.t("col.replies"), l.t("col.answered"), l.t("col.frt"), l.t("col.posts"), l.t("col.followers")}}
	for _, a := range v.rep.ByAccount {
		t.Rows = append(t.Rows, []cell{{Text: strings.TrimSpace(a.Account.Network + " " + a.Account.Handle), Class: "text"},
			v.value(a.Received.Cur, l.int), v.value(a.Replies.Cur, l.int), v.value(a.AnsweredShare.Cur, l.pct),
			v.value(a.MedianFirstResponse.Cur, l.duration), v.value(a.Published.Cur, l.int),
			v.value(a.Followers.Cur, l.int)})
	}
	return t
}

// loc is the report's zone.
func (v *view) loc() *time.Location { return zone(v.rep) }

// excerpt is the first line of s, cut to maxExcerpt characters.
func excerpt(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > maxExcerpt {
		return string(r[:maxExcerpt-1]) + "…"
	}
	return s
}
