package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/accounts"
	"cmdeck/tui/cmdline"
	"cmdeck/tui/outbox"
)

// Overlay is a layer drawn over the focused pane (the help, the outbox
// view, the command line). The top one gets the keyboard; every open one
// gets the messages the root broadcasts.
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

// bottomAnchored is an overlay drawn along the bottom of the pane area,
// left-aligned (the command line), instead of centred.
type bottomAnchored interface{ atBottom() }

// cmdlineOverlay puts the command line on the overlay stack.
type cmdlineOverlay struct{ m *cmdline.Model }

func (o cmdlineOverlay) Update(msg tea.Msg) (Overlay, tea.Cmd) {
	next, cmd := o.m.Update(msg)
	if next == nil {
		return nil, cmd
	}
	return cmdlineOverlay{next}, cmd
}
func (o cmdlineOverlay) View() string             { return o.m.View() }
func (o cmdlineOverlay) SetSize(w, h int)         { o.m.SetSize(w, h) }
func (o cmdlineOverlay) ShortHelp() []key.Binding { return o.m.ShortHelp() }
func (o cmdlineOverlay) atBottom()                {}

// outboxOverlay puts the outbox view on the overlay stack.
type outboxOverlay struct{ m *outbox.Model }

func (o outboxOverlay) Update(msg tea.Msg) (Overlay, tea.Cmd) {
	next, cmd := o.m.Update(msg)
	if next == nil {
		return nil, cmd
	}
	return outboxOverlay{next}, cmd
}
func (o outboxOverlay) View() string             { return o.m.View() }
func (o outboxOverlay) SetSize(w, h int)         { o.m.SetSize(w, h) }
func (o outboxOverlay) ShortHelp() []key.Binding { return o.m.ShortHelp() }

// openOutbox opens the outbox view and loads it. It can only be opened
// from the deck itself (its key, or the command line, which has closed by
// then): an open view takes every key, so it is never opened twice.
func (m *Model) openOutbox() tea.Cmd {
	ob := outbox.New(m.ctx, m.keys.global.Outbox)
	m.push(outboxOverlay{ob})
	return ob.Init()
}

// accountsOverlay puts the accounts' health on the overlay stack.
type accountsOverlay struct{ m *accounts.Model }

func (o accountsOverlay) Update(msg tea.Msg) (Overlay, tea.Cmd) {
	next, cmd := o.m.Update(msg)
	if next == nil {
		return nil, cmd
	}
	return accountsOverlay{next}, cmd
}
func (o accountsOverlay) View() string             { return o.m.View() }
func (o accountsOverlay) SetSize(w, h int)         { o.m.SetSize(w, h) }
func (o accountsOverlay) ShortHelp() []key.Binding { return o.m.ShortHelp() }

// openAccounts opens the accounts' health and loads it. Like the outbox
// view, it opens only from the deck itself, so never twice.
func (m *Model) openAccounts() tea.Cmd {
	a := accounts.New(m.ctx, m.keys.global.Accounts, m.opts.ReauthCommand)
	m.push(accountsOverlay{a})
	return a.Init()
}
