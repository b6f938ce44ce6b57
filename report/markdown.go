package report

import (
	"bufio"
	"io"
	"strings"

	"cmdeck/stats"
)

// Markdown writes the report for a quick mail: title, written summary, key
// figures and the detail tables. Text from the networks (names, tags,
// posts) is escaped so it cannot turn into markup, links or HTML.
func Markdown(w io.Writer, rep stats.Report, opts Options) error {
	v := newView(rep, opts)
	b := bufio.NewWriter(w)
	v.mdHeader(b)
	b.WriteString("## " + v.l.t("summary") + "\n\n")
	for _, s := range Summary(rep, v.opts.Lang) {
		b.WriteString("- " + mdEscape(s) + "\n")
	}
	for _, t := range append([]table{v.keyFigures()}, v.tables()...) {
		b.WriteString("\n")
		mdTable(b, t)
	}
	return b.Flush()
}

// mdHeader writes the title and who the report is for and by.
func (v *view) mdHeader(b *bufio.Writer) {
	b.WriteString("# " + mdEscape(v.title()+" — "+v.opts.ClientName) + "\n\n")
	b.WriteString("**" + mdEscape(v.l.period(v.rep.Period)) + "**")
	if by := v.byline(); by != "" {
		b.WriteString(" · " + mdEscape(by))
	}
	b.WriteString("\n\n")
}

// mdTable writes one table, numbers aligned right.
func mdTable(b *bufio.Writer, t table) {
	b.WriteString("## " + mdEscape(t.Title) + "\n\n")
	head := make([]string, len(t.Head))
	rule := make([]string, len(t.Head))
	for i, h := range t.Head {
		head[i], rule[i] = mdEscape(h), "---"
		if t.numeric(i) {
			rule[i] = "--:"
		}
	}
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|" + strings.Join(rule, "|") + "|\n")
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = mdEscape(c.Text)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
}

// mdEscaper backslash-escapes what Markdown (CommonMark and GitHub's
// tables) would read as markup, and flattens line breaks.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"|", `\|`, "#", `\#`, "~", `\~`, "&", `\&`, "!", `\!`, "\r\n", " ", "\n", " ", "\r", " ",
)

// mdEscape makes s literal text in Markdown.
func mdEscape(s string) string { return mdEscaper.Replace(s) }
