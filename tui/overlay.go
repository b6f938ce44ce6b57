package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Overlay is a layer drawn over the focused pane (help now; later confirm,
// compose, the command line). The top one gets the keyboard first.
type Overlay interface {
	// Update handles input; it returns nil when the overlay closes.
	Update(msg tea.Msg) (Overlay, tea.Cmd)
	// View draws the overlay no larger than the size last given.
	View() string
	// SetSize gives the overlay the pane area it is drawn over.
	SetSize(w, h int)
	// ShortHelp is what the help bar shows while the overlay is on top.
	ShortHelp() []key.Binding
}

// push opens an overlay on top of the others, sized to the pane area.
func (m *Model) push(o Overlay) {
	o.SetSize(m.bodySize())
	m.overlays = append(m.overlays, o)
}
