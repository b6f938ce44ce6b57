package compose

import (
	"strings"
	"time"

	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// draftFile is what the editor opens: the draft, a blank line, then
// comments: who the reply goes to and the limit, how the file is read
// back, and the thread quoted message by message (author, time, body),
// the message being answered marked.
func draftFile(t *i18n.Catalog, loc *time.Location, limit int, target store.ItemView, thread []store.ItemView, draft string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(draft, "\n"))
	b.WriteString("\n\n")
	comment := func(s string) {
		if s == "" {
			b.WriteString("#\n")
			return
		}
		b.WriteString("# " + s + "\n")
	}
	head := headerText(t, target)
	if client := common.OneLine(firstNonEmpty(target.ClientName, target.ClientSlug)); client != "" {
		head += " · " + client
	}
	comment(head)
	if limit > 0 {
		comment(t.T("compose.editor.limit", limit))
	}
	comment(t.T("compose.editor.help1"))
	comment(t.T("compose.editor.help2"))
	if len(thread) > maxQuoted {
		comment("")
		comment(t.T("compose.editor.earlier", len(thread)-maxQuoted))
		thread = thread[len(thread)-maxQuoted:]
	}
	for _, it := range thread {
		comment("")
		comment(entryHeader(t, loc, it, it.ID == target.ID))
		for line := range strings.SplitSeq(it.Body, "\n") {
			line = strings.TrimRight(line, " \t\r")
			if line == "" {
				comment("")
				continue
			}
			comment("  " + line)
		}
	}
	return b.String()
}

// entryHeader is "Jeanne D. (@jeanne_d) · 2026-11-24 07:30", "You
// (@lefournil) · …" for our own replies, with a mark on the message
// answered.
func entryHeader(t *i18n.Catalog, loc *time.Location, it store.ItemView, answered bool) string {
	a := it.Author
	name, handle := common.OneLine(a.Name), common.OneLine(a.Handle)
	who := firstNonEmpty(name, handle)
	if handle != "" && handle != who {
		who += " (" + handle + ")"
	}
	if it.Outgoing {
		who = t.T("compose.editor.you")
		if h := common.OneLine(it.AccountHandle); h != "" {
			who += " (" + h + ")"
		}
	}
	s := who
	if !it.CreatedAt.IsZero() {
		s += " · " + it.CreatedAt.In(loc).Format("2006-01-02 15:04")
	}
	if answered {
		s += "  ◀ " + t.T("compose.editor.answering")
	}
	return s
}
