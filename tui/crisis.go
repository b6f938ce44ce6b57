package tui

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Crisis mode is a client's emergency stop: every scheduled post of the
// client is paused (the store keeps them, marked paused), the Inbox pins
// the client's messages that need a reply, and a banner stays over every
// pane until ":crisis off". The Alerts pane's C and the command line's
// ":crisis CLIENT" both come here (CrisisRequestMsg). Which clients are in
// crisis is read on start and after every data change, so a crisis turned
// on from another deck shows here too.

// crisisState is the clients in crisis and the workspace's clients (for
// names, and for ":crisis" to find a client).
type crisisState struct {
	seq     int
	list    []common.Crisis // oldest first
	clients []core.Client
}

// crisesMsg answers a read of the crises.
type crisesMsg struct {
	seq     int
	crises  map[int64]time.Time
	clients []core.Client
	started int64 // the client whose crisis this deck just turned on
	err     error
}

// crisisSetMsg answers one SetCrisis.
type crisisSetMsg struct {
	clientID int64
	on       bool
	err      error
}

// queryCrises reads the crises and the clients in a Cmd.
func (m *Model) queryCrises(started int64) tea.Cmd {
	m.crisis.seq++
	seq, src := m.crisis.seq, m.opts.Source
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		msg := crisesMsg{seq: seq, started: started}
		if msg.crises, msg.err = src.Crises(ctx); msg.err != nil {
			return msg
		}
		msg.clients, msg.err = src.Clients(ctx)
		return msg
	}
}

// onCrises keeps the latest answer; when the crises changed (or one just
// started here) the panes hear of it, and the body gives a row to the
// banner or takes it back. A failed read keeps what was known.
func (m *Model) onCrises(msg crisesMsg) tea.Cmd {
	if msg.seq != m.crisis.seq || msg.err != nil {
		return nil
	}
	m.crisis.clients = msg.clients
	list := m.crisisList(msg.crises)
	if slices.Equal(list, m.crisis.list) && msg.started == 0 {
		return nil
	}
	m.crisis.list = list
	m.resize(m.width, m.height)
	return m.broadcast(common.CrisesMsg{Crises: slices.Clone(list), Started: msg.started})
}

// crisisList names the clients in crisis, oldest crisis first.
func (m *Model) crisisList(crises map[int64]time.Time) []common.Crisis {
	out := make([]common.Crisis, 0, len(crises))
	for id, since := range crises {
		c := common.Crisis{ClientID: id, Since: since, Name: "#" + strconv.FormatInt(id, 10)}
		for _, cl := range m.crisis.clients {
			if cl.ID == id {
				c.Slug, c.Name = cl.Slug, common.OneLine(cl.Name)
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Since.Equal(out[j].Since) {
			return out[i].Since.Before(out[j].Since)
		}
		return out[i].ClientID < out[j].ClientID
	})
	return out
}

// requestCrisis turns a client's crisis mode on or off, in a Cmd, as the
// acting user.
func (m *Model) requestCrisis(req common.CrisisRequestMsg) tea.Cmd {
	if m.opts.ReadOnly {
		return m.setFlash(m.ctx.T.T("root.crisis.read_only"), true, flashTime)
	}
	src, actor, now := m.opts.Source, m.opts.Actor, m.ctx.Clock.Now()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), execTimeout)
		defer cancel()
		err := src.SetCrisis(store.WithActor(ctx, actor), req.ClientID, req.On, now)
		return crisisSetMsg{clientID: req.ClientID, on: req.On, err: err}
	}
}

// onCrisisSet says what changed, then reads the crises again and tells
// the panes the data changed (the calendar shows the posts paused).
func (m *Model) onCrisisSet(msg crisisSetMsg) tea.Cmd {
	t := m.ctx.T
	name := m.clientLabel(msg.clientID, "#"+strconv.FormatInt(msg.clientID, 10))
	if msg.err != nil {
		return m.setFlash(t.T("root.crisis.failed", name, common.OneLine(msg.err.Error())), true, 2*flashTime)
	}
	text := t.T("root.crisis.ended", name)
	started := int64(0)
	if msg.on {
		text, started = t.T("root.crisis.started", name), msg.clientID
	}
	return tea.Batch(m.setFlash(text, msg.on, 2*flashTime), m.queryCrises(started), m.queryStatus(),
		m.broadcast(common.DataChangedMsg{Version: m.version}))
}

// bannerRows is the row the crisis banner takes, when any client is in
// crisis and there is room for it over a pane.
func (m *Model) bannerRows() int {
	if len(m.crisis.list) == 0 || m.height <= chrome+1 {
		return 0
	}
	return 1
}

// banner is the crisis line: who is in crisis, that their posts are
// paused, and how to end it.
func (m *Model) banner() string {
	t := m.ctx.T
	names := make([]string, len(m.crisis.list))
	for i, c := range m.crisis.list {
		names[i] = c.Name
	}
	text := "⚠ " + t.T("root.crisis.banner", strings.Join(names, ", "))
	if m.width >= len([]rune(text))+20 {
		text += " · " + t.T("root.crisis.banner_hint")
	}
	return m.ctx.Styles.Banner.Render(common.Fit(" "+text, m.width))
}

// crisisCommand runs ":crisis CLIENT", ":crisis off" (every client) and
// ":crisis off CLIENT".
func (m *Model) crisisCommand(args string) tea.Cmd {
	ids, on, err := m.crisisTargets(args)
	if err != nil {
		return m.setFlash(err.Error(), true, flashTime)
	}
	cmds := make([]tea.Cmd, len(ids))
	for i, id := range ids {
		cmds[i] = m.requestCrisis(common.CrisisRequestMsg{ClientID: id, On: on})
	}
	return tea.Batch(cmds...)
}

// checkCrisis validates ":crisis"'s arguments while the line is open.
func (m *Model) checkCrisis(args string) error {
	_, _, err := m.crisisTargets(args)
	return err
}

// crisisTargets reads ":crisis"'s arguments: the clients to change and
// whether to turn their crisis on, or why that cannot be done.
func (m *Model) crisisTargets(args string) ([]int64, bool, error) {
	t := m.ctx.T
	words := strings.Fields(args)
	if len(words) == 0 {
		return nil, false, errors.New(t.T("root.crisis.which"))
	}
	if off := offWord(words[0]); off {
		if len(m.crisis.list) == 0 {
			return nil, false, errors.New(t.T("root.crisis.none"))
		}
		if len(words) == 1 {
			var ids []int64
			for _, c := range m.crisis.list {
				ids = append(ids, c.ClientID)
			}
			return ids, false, nil
		}
		id, err := m.findClient(strings.Join(words[1:], " "))
		if err != nil {
			return nil, false, err
		}
		if !m.inCrisis(id) {
			return nil, false, errors.New(t.T("root.crisis.not_in", m.clientLabel(id, "")))
		}
		return []int64{id}, false, nil
	}
	id, err := m.findClient(args)
	if err != nil {
		return nil, false, err
	}
	if m.inCrisis(id) {
		return nil, false, errors.New(t.T("root.crisis.already", m.clientLabel(id, "")))
	}
	return []int64{id}, true, nil
}

// offWord reports "off" in English or French.
func offWord(w string) bool {
	switch core.Fold(w) {
	case "off", "fin", "stop", "arret":
		return true
	}
	return false
}

// findClient finds a client by slug or name, without case or accents.
func (m *Model) findClient(name string) (int64, error) {
	want := core.Fold(strings.TrimSpace(name))
	for _, c := range m.crisis.clients {
		if core.Fold(c.Slug) == want || core.Fold(c.Name) == want {
			return c.ID, nil
		}
	}
	return 0, errors.New(m.ctx.T.T("root.crisis.unknown", common.OneLine(name), strings.Join(m.clientSlugs(), ", ")))
}

// clientSlugs lists the clients' slugs, for completion and messages.
func (m *Model) clientSlugs() []string {
	out := make([]string, 0, len(m.crisis.clients))
	for _, c := range m.crisis.clients {
		out = append(out, common.OneLine(c.Slug))
	}
	return out
}

// inCrisis reports a client in crisis mode.
func (m *Model) inCrisis(id int64) bool {
	for _, c := range m.crisis.list {
		if c.ClientID == id {
			return true
		}
	}
	return false
}
