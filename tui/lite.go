package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"cmdeck/core"
)

// The low-bandwidth mode ("lite", on by default over SSH): the lists show
// their cursor in the gutter only, the inbox's reading pane follows enter
// rather than the cursor (common.Styles.Lite), and colors are the
// terminal's 16, whose escape sequences are half as long as 256-color
// ones. A key press then sends what changed and little else.
//
// The color profile is the renderer's: the deck asks for 16 colors with a
// tea.ColorProfileMsg, and remembers the terminal's own profile so that
// leaving the mode gives it back.

// liteState is what the mode needs beyond the flag in the styles.
type liteState struct {
	term    colorprofile.Profile // the terminal's profile, as last reported
	current colorprofile.Profile // the renderer's
	asked   colorprofile.Profile // the profile the deck asked for, on its way
	// ready says the renderer draws in the mode's colors: until then a
	// deck starting in the mode draws nothing, rather than a first frame
	// in 256 colors that a repaint would have to replace (over SSH, a
	// whole screen sent twice). The program reports the terminal's
	// profile before anything else, so the wait is a message or two.
	ready bool
}

// lite reports whether the deck is in the low-bandwidth mode.
func (m *Model) lite() bool { return m.ctx.Styles.Lite }

// setLite enters or leaves the mode, with the colors that go with it.
func (m *Model) setLite(on bool) tea.Cmd {
	m.ctx.Styles.Lite = on
	want := m.liteState.term
	if on && want > colorprofile.ANSI {
		want = colorprofile.ANSI
	}
	if want == colorprofile.Unknown || want == m.liteState.current {
		return nil
	}
	return m.askProfile(want)
}

// onColorProfile follows the renderer's color profile. The program
// reports the terminal's once at start (and again if it learns of true
// color); in the mode, a richer one is turned down to 16 colors. What the
// deck asked for itself comes back here too: it is not the terminal's,
// and once in place the screen is repainted, since cells drawn in the
// old colors would stay until they change.
func (m *Model) onColorProfile(msg tea.ColorProfileMsg) tea.Cmd {
	st := &m.liteState
	if st.asked != colorprofile.Unknown && msg.Profile == st.asked {
		repaint := st.ready
		st.asked, st.current, st.ready = colorprofile.Unknown, msg.Profile, true
		if repaint {
			return tea.ClearScreen
		}
		return nil
	}
	st.term, st.current = msg.Profile, msg.Profile
	if !m.lite() || msg.Profile <= colorprofile.ANSI {
		st.ready = true
		return nil
	}
	return m.askProfile(colorprofile.ANSI)
}

// waiting reports that the deck starts in the mode and the renderer is
// not yet drawing in its colors: the frame is held back.
func (m *Model) waiting() bool { return m.lite() && !m.liteState.ready }

// askProfile has the renderer draw in profile p.
func (m *Model) askProfile(p colorprofile.Profile) tea.Cmd {
	m.liteState.asked = p
	return func() tea.Msg { return tea.ColorProfileMsg{Profile: p} }
}

// toggleLite is the :lite command: "on", "off", or nothing to switch.
func (m *Model) toggleLite(arg string) tea.Cmd {
	on := !m.lite()
	switch core.Fold(arg) {
	case "on", "oui":
		on = true
	case "off", "non":
		on = false
	}
	key := "root.lite.off"
	if on {
		key = "root.lite.on"
	}
	return tea.Batch(m.setLite(on), m.setFlash(m.ctx.T.T(key), false, flashTime))
}
