package inbox

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// iconWidth is the cells the kind icon column takes: the icon and a space.
// Every icon is one cell wide on purpose: the renderer sends a row holding
// a two-cell character (an emoji) again on every frame, so an emoji icon
// would make each key press over SSH cost a screenful of comment rows.
const iconWidth = 2

// influencerFollowers is the audience from which an author is flagged as an
// influencer on the card.
const influencerFollowers = 10_000

// kindIcon is the mark of an item's kind, padded to iconWidth cells. plain
// picks ASCII letters for terminals set up without color, which are often
// also without emoji fonts.
func kindIcon(k core.ItemKind, plain bool) string {
	fancy, ascii := "·", "?"
	switch k {
	case core.KindComment:
		fancy, ascii = "❝", "c"
	case core.KindMention:
		fancy, ascii = "@", "@"
	case core.KindDM:
		fancy, ascii = "✉", "m"
	case core.KindReview:
		fancy, ascii = "★", "*"
	case core.KindForum:
		fancy, ascii = "≡", "f"
	case core.KindReply:
		fancy, ascii = "↩", "<"
	}
	if plain {
		return common.Fit(ascii, iconWidth)
	}
	return common.Fit(fancy, iconWidth)
}

// stateMark is one cell saying where an item is in triage, with its style.
// Terminal states win over "needs a reply", which wins over "new".
func stateMark(it core.Item, s *common.Styles) (string, lipgloss.Style) {
	switch it.State {
	case core.StateSpam:
		return "⚠", s.Negative
	case core.StateHidden:
		return "⊘", s.Muted
	case core.StateDone:
		return "✔", s.Muted
	case core.StateReplied:
		return "✓", s.Positive
	}
	switch {
	case it.NeedsReply:
		return "●", s.Warning
	case it.State == core.StateNew:
		return "○", s.Info
	}
	return " ", s.Muted
}

// sentimentMark is one cell for an item's sentiment, with its style.
func sentimentMark(v core.Sentiment, s *common.Styles) (string, lipgloss.Style) {
	switch v {
	case core.SentimentPositive:
		return "+", s.Positive
	case core.SentimentNegative:
		return "−", s.Negative
	case core.SentimentNeutral:
		return "·", s.Muted
	}
	return " ", s.Muted
}

// groupDigits writes n with a thousands separator: 4312 → "4,312".
func groupDigits(n int, sep string) string {
	if n < 0 {
		return "-" + groupDigits(-n, sep)
	}
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// compactCount writes an audience size the way networks do: 987, 12.3k,
// 4.5M (dec is the decimal separator). Tenths are floored so 9 999 never
// reads as 10k.
func compactCount(n int, dec string) string {
	switch {
	case n < 1000:
		return strconv.Itoa(max(n, 0))
	case n < 1_000_000:
		return tenths(n, 1000, dec) + "k"
	}
	return tenths(n, 1_000_000, dec) + "M"
}

func tenths(n, unit int, dec string) string {
	t := n / (unit / 10)
	if t >= 1000 || t%10 == 0 {
		return strconv.Itoa(t / 10)
	}
	return strconv.Itoa(t/10) + dec + strconv.Itoa(t%10)
}

// flatten makes untrusted text safe for one terminal line segment: control
// characters (tabs included) become spaces. Text is sanitized when stored;
// this only keeps the layout intact if something slipped through.
func flatten(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

// wrapText wraps a body to width cells, keeping its own line breaks, and
// returns the lines.
func wrapText(body string, width int) []string {
	var out []string
	for line := range strings.SplitSeq(body, "\n") {
		line = strings.TrimRight(flatten(line), " ")
		if line == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(line, max(width, 1), ""), "\n")...)
	}
	// Trailing blank lines only waste the little height there is.
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}
