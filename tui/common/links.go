package common

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
)

// Links come from networks, so they are hostile like any other text: one
// drawn as an OSC 8 hyperlink could carry escape bytes into the sequence,
// or show one address while pointing at another; one handed to an opener
// could be a file: or javascript: link. Every link goes through WebLink
// before it becomes a hyperlink or is opened; anything else is only shown,
// as plain text.

// CopyMsg asks the root to copy the selection to the terminal's clipboard
// (OSC 52, which reaches the local clipboard over SSH too): its link when
// it has one, else its text.
type CopyMsg struct {
	URL  string
	Text string
}

// OpenLinkMsg asks the root to open a link: with the local opener when
// there is one, else by showing it to copy. URL "" says the item has none.
type OpenLinkMsg struct{ URL string }

// Copy returns the Cmd that asks the root to copy url, or text without one.
func Copy(url, text string) tea.Cmd {
	return func() tea.Msg { return CopyMsg{URL: url, Text: text} }
}

// OpenLink returns the Cmd that asks the root to open url.
func OpenLink(url string) tea.Cmd {
	return func() tea.Msg { return OpenLinkMsg{URL: url} }
}

// WebLink returns raw, sanitized, when it is a link cmdeck may open or draw
// as a hyperlink: an absolute http or https link with a host, or a mailto
// link, written in printable ASCII (no space, no control byte, no ESC),
// with no user part ("https://bank.example@evil.example" reads as the bank
// but goes elsewhere). ok is false for anything else.
func WebLink(raw string) (link string, ok bool) {
	s := core.SanitizeURL(raw)
	if s == "" || s != strings.TrimSpace(raw) || !printableASCII(s) {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || u.User != nil {
		return "", false
	}
	switch u.Scheme {
	case "http", "https":
		ok = u.Host != "" && u.Opaque == ""
	case "mailto":
		ok = u.Opaque != ""
	}
	if !ok {
		return "", false
	}
	return s, true
}

// printableASCII reports that s holds only the bytes 0x21–0x7E: what the
// OSC 8 payload may carry, and what a URL is made of once encoded.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// LinkLines draws a link in lines of at most w cells, at most maxLines of
// them (the last ends with an ellipsis when the link is longer). The text
// shown is always the link itself. With hyperlinks on and a link WebLink
// accepts, each line is an OSC 8 hyperlink to the whole link; otherwise
// the lines are plain (sanitized) text.
func LinkLines(style lipgloss.Style, raw string, w, maxLines int, hyperlinks bool) []string {
	shown := core.SanitizeURL(raw)
	if shown == "" || w <= 0 || maxLines <= 0 {
		return nil
	}
	if link, ok := WebLink(raw); ok && hyperlinks {
		style = style.Hyperlink(link)
	}
	chunks := SplitLines(ansi.Hardwrap(shown, w, false))
	if len(chunks) > maxLines {
		chunks = chunks[:maxLines]
		last := chunks[maxLines-1]
		chunks[maxLines-1] = ansi.Truncate(last, lipgloss.Width(last)-1, "") + Ellipsis
	}
	out := make([]string, len(chunks))
	for i, c := range chunks {
		out[i] = style.Render(c)
	}
	return out
}

// ClipMax is the most text y copies, in bytes: OSC 52 carries it in
// base64, a third larger, and terminals drop (or choke on) much longer
// sequences.
const ClipMax = 48 << 10

// ClipText makes text safe to put in an OSC 52 clipboard write: every
// control character but the line break becomes a space (the store has
// sanitized it already; this keeps a stray byte out of the terminal's
// clipboard all the same), and it is cut to ClipMax bytes on a character
// boundary. cut reports that it was.
func ClipText(text string) (clean string, cut bool) {
	clean = strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsControl(r) {
			return ' '
		}
		return r
	}, core.Sanitize(text))
	if len(clean) <= ClipMax {
		return clean, false
	}
	end := ClipMax
	for end > 0 && !utf8.RuneStart(clean[end]) {
		end--
	}
	return clean[:end], true
}
