package tui

import (
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// A new alert is announced three ways: the status bar's message names it;
// the terminal bell rings (tmux then marks the window, a terminal may
// flash or bounce its icon); and a desktop notification escape asks the
// terminal to raise a notification: OSC 9 (iTerm2, WezTerm, Ghostty,
// kitty…) or OSC 777 (foot, urxvt, VTE terminals), one or the other,
// never both, so a terminal that knows both does not notify twice.
// Bell and notification are switched in config (notify.bell and
// notify.desktop); the escapes go out with tea.Raw, which Bubble Tea
// writes between frames, so they never land inside a drawn line.

const (
	// maxNotifyRunes bounds the notification's text: a desktop popup
	// shows a line or two, and the terminal gets no more than it needs.
	maxNotifyRunes = 160
	// maxSeen bounds the alerts remembered as announced.
	maxSeen = 1000
)

// notifier decides what to emit for new alerts and remembers which were
// announced: the engine reports an alert when it opens, and may report
// it again when it escalates; a repeat at the same severity (an alert
// that grew) stays silent.
type notifier struct {
	bell, desktop bool
	tmux          bool // inside tmux: the OSC passes through to the terminal
	osc777        bool // the terminal takes OSC 777 rather than OSC 9
	seen          map[seenKey]bool
	order         []seenKey // oldest first, to forget beyond maxSeen
}

// seenKey is an alert at a severity.
type seenKey struct {
	id  int64
	sev core.Severity
}

// newNotifier reads the options and, once, the environment.
func newNotifier(o Options) *notifier {
	env := o.Getenv
	if env == nil {
		env = os.Getenv
	}
	term := strings.ToLower(env("TERM"))
	return &notifier{
		bell: o.Bell, desktop: o.Desktop, tmux: env("TMUX") != "",
		osc777: env("VTE_VERSION") != "" || strings.HasPrefix(term, "foot") || strings.Contains(term, "rxvt"),
		seen:   map[seenKey]bool{},
	}
}

// fresh keeps the notices not announced yet, and remembers them.
func (n *notifier) fresh(list []common.AlertNotice) []common.AlertNotice {
	var out []common.AlertNotice
	for _, a := range list {
		k := seenKey{a.ID, a.Severity}
		if n.seen[k] {
			continue
		}
		n.seen[k] = true
		n.order = append(n.order, k)
		out = append(out, a)
	}
	for len(n.order) > maxSeen {
		delete(n.seen, n.order[0])
		n.order = n.order[1:]
	}
	return out
}

// escapes is what to write for one announcement: the bell, then the
// desktop notification, each only when switched on; "" for nothing.
func (n *notifier) escapes(title, body string) string {
	var b strings.Builder
	if n.bell {
		// Not wrapped for tmux: tmux hears the bell itself, marks the
		// window and passes it on as its bell-action says.
		b.WriteByte('\a')
	}
	if n.desktop {
		b.WriteString(n.osc(notifyText(title), notifyText(body)))
	}
	return b.String()
}

// osc is the desktop notification sequence, through tmux when inside it.
func (n *notifier) osc(title, body string) string {
	var seq string
	if n.osc777 {
		seq = ansi.URxvtExt("notify", title, body)
	} else {
		seq = ansi.Notify(title + ": " + body)
	}
	if n.tmux {
		// tmux passes it on only with allow-passthrough on (tmux 3.3+).
		seq = ansi.TmuxPassthrough(seq)
	}
	return seq
}

// notifyText makes text safe inside an OSC string: one sanitized line
// (no escape sequence, control or bidi character survives), no ';' (OSC
// 777 separates its fields with it, and ConEmu reads "9;4;…" as a
// command), at most maxNotifyRunes.
func notifyText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == ';':
			return ','
		case unicode.IsControl(r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, core.SanitizeLine(s))
	if utf8.RuneCountInString(s) > maxNotifyRunes {
		s = string([]rune(s)[:maxNotifyRunes-1]) + "…"
	}
	return s
}

// announce says what new alerts a sync opened: in the status bar, with
// the bell and the desktop notification. An alert already announced at
// its severity is not announced again.
func (m *Model) announce(list []common.AlertNotice) tea.Cmd {
	fresh := m.notify.fresh(list)
	if len(fresh) == 0 {
		return nil
	}
	text, critical := m.alertText(fresh)
	cmds := []tea.Cmd{m.setFlash(text, critical, 2*flashTime)}
	if seq := m.notify.escapes("cmdeck", text); seq != "" {
		cmds = append(cmds, tea.Raw(seq))
	}
	return tea.Batch(cmds...)
}

// alertText words the announcement: the alert's rule and client, or how
// many alerts and for whom; critical when any of them is.
func (m *Model) alertText(list []common.AlertNotice) (string, bool) {
	t := m.ctx.T
	mark, critical := "·", false
	for _, a := range list {
		switch {
		case a.Severity == core.SeverityCritical:
			mark, critical = "‼", true
		case a.Severity == core.SeverityWarning && !critical:
			mark = "!"
		}
	}
	if len(list) == 1 {
		a := list[0]
		return mark + " " + t.T("root.alert.new", m.ruleName(a.Rule), m.clientLabel(a.ClientID, a.ClientSlug),
			common.Plural(t, "alerts.items", a.ItemCount)), critical
	}
	var names []string
	for _, a := range list {
		name := m.clientLabel(a.ClientID, a.ClientSlug)
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return mark + " " + t.T("root.alert.new_many", len(list), strings.Join(names, ", ")), critical
}

// ruleName translates the rules the deck knows; others keep their name.
func (m *Model) ruleName(rule string) string {
	key := "alerts.rule." + rule
	if txt := m.ctx.T.T(key); rule != "" && txt != key {
		return txt
	}
	return common.OneLine(rule)
}

// clientLabel is a client's name when the deck knows it, else its slug.
func (m *Model) clientLabel(id int64, slug string) string {
	for _, c := range m.crisis.clients {
		if c.ID == id {
			return common.OneLine(c.Name)
		}
	}
	return common.OneLine(slug)
}
