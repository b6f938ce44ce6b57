package tui

import (
	"errors"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/tui/cmdline"
	"cmdeck/tui/common"
)

// The deck's own commands, as the command line knows them. Every global
// key action has one (goto_<pane> is ":goto <pane>" or ":<pane>"); the
// focused pane's key actions are added by name when the line opens.
const (
	cmdGoto     = "goto"
	cmdQuit     = "quit"
	cmdHelp     = "help"
	cmdSync     = "sync"
	cmdUndo     = "undo"
	cmdOutbox   = "outbox"
	cmdAccounts = "accounts"
	cmdNextPane = "next_pane"
	cmdPrevPane = "prev_pane"
	cmdCrisis   = "crisis"
	cmdLite     = "lite"
)

// paneWords lists, per pane, the words ":goto" accepts for it, English
// and French; the first is what completion offers.
func paneWords() [paneCount][]string {
	return [paneCount][]string{
		{"inbox", "1", "boite", "reception"},
		{"calendar", "2", "calendrier", "agenda"},
		{"alerts", "3", "alertes"},
		{"stats", "4", "statistiques"},
	}
}

// openCommandLine opens the ":" line over the focused pane.
func (m *Model) openCommandLine() {
	m.push(cmdlineOverlay{cmdline.New(m.ctx.Styles, m.ctx.T, m.commands(), m.history)})
}

// commands lists what the line can run now: the focused pane's actions
// first (they are what a CM reaches for), then the deck's own commands.
// A pane action named like a deck command is left to the deck.
func (m *Model) commands() []cmdline.Command {
	global := m.globalCommands()
	taken := map[string]bool{}
	for _, c := range global {
		taken[c.Name] = true
		for _, a := range c.Aliases {
			taken[a] = true
		}
	}
	var out []cmdline.Command
	sc := m.actions[m.focus+1]
	for _, name := range sortedActions(sc.actions) {
		if taken[name] {
			continue
		}
		c := cmdline.Command{Name: name, Aliases: []string{sc.name + "." + name}, Desc: sc.actions[name].Help().Desc}
		switch name {
		case "tag", "untag":
			c.Args = slices.Clone(m.opts.Tags)
		case "pipe":
			for _, p := range m.opts.Pipes {
				c.Args = append(c.Args, p.Name)
			}
		}
		out = append(out, c)
	}
	return append(out, global...)
}

// globalCommands are the deck's own commands, with French aliases.
func (m *Model) globalCommands() []cmdline.Command {
	t, k := m.ctx.T, &m.keys.global
	var first []string
	for _, w := range paneWords() {
		first = append(first, w[0])
	}
	cmds := []cmdline.Command{
		{Name: cmdGoto, Aliases: []string{"aller", "go"}, Desc: t.T("root.cmd.goto"), Args: first, Check: m.checkPane},
	}
	for i, words := range paneWords() {
		cmds = append(cmds, cmdline.Command{Name: words[0], Aliases: words[1:],
			Desc: t.T("root.cmd.goto_pane", common.OneLine(m.panes[i].Title()))})
	}
	return append(cmds,
		cmdline.Command{Name: cmdUndo, Aliases: []string{"annuler", "u"}, Desc: k.Undo.Help().Desc},
		cmdline.Command{Name: cmdOutbox, Aliases: []string{"envois", "file"}, Desc: k.Outbox.Help().Desc},
		cmdline.Command{Name: cmdAccounts, Aliases: []string{"comptes", "health"}, Desc: k.Accounts.Help().Desc},
		cmdline.Command{Name: cmdCrisis, Aliases: []string{"crise"}, Desc: t.T("root.cmd.crisis"),
			Args: append(m.clientSlugs(), "off"), Check: m.checkCrisis},
		cmdline.Command{Name: cmdSync, Aliases: []string{"synchro"}, Desc: k.Sync.Help().Desc},
		cmdline.Command{Name: cmdLite, Aliases: []string{"leger", "bandwidth"}, Desc: t.T("root.cmd.lite"),
			Args: []string{"on", "off"}},
		cmdline.Command{Name: cmdHelp, Aliases: []string{"aide", "h"}, Desc: k.Help.Help().Desc},
		cmdline.Command{Name: cmdNextPane, Aliases: []string{"next", "suivant"}, Desc: k.NextPane.Help().Desc},
		cmdline.Command{Name: cmdPrevPane, Aliases: []string{"prev", "precedent"}, Desc: k.PrevPane.Help().Desc},
		cmdline.Command{Name: cmdQuit, Aliases: []string{"q", "quitter"}, Desc: k.Quit.Help().Desc},
	)
}

// paneIndex finds the pane a word names ("calendar", "2", "calendrier").
func paneIndex(word string) (int, bool) {
	w := core.Fold(strings.TrimSpace(word))
	for i, words := range paneWords() {
		if slices.Contains(words, w) {
			return i, true
		}
	}
	return 0, false
}

// checkPane validates ":goto"'s argument, so a typo is answered in the
// line, which stays open.
func (m *Model) checkPane(args string) error {
	if strings.TrimSpace(args) == "" {
		return errors.New(m.ctx.T.T("root.cmdline.goto_which"))
	}
	if _, ok := paneIndex(args); !ok {
		return errors.New(m.ctx.T.T("root.cmdline.bad_pane", common.OneLine(args)))
	}
	return nil
}

// runCommand carries out a command the line resolved: a deck command
// here, a pane action as a RunActionMsg to the focused pane.
func (m *Model) runCommand(msg cmdline.RunMsg) tea.Cmd {
	for i, words := range paneWords() {
		if msg.Name == words[0] {
			m.focusPane(i)
			return nil
		}
	}
	switch msg.Name {
	case cmdGoto:
		if i, ok := paneIndex(msg.Args); ok {
			m.focusPane(i)
		}
		return nil
	case cmdQuit:
		return m.quit()
	case cmdHelp:
		m.openHelp()
		return nil
	case cmdSync:
		return m.syncNow()
	case cmdCrisis:
		return m.crisisCommand(msg.Args)
	case cmdLite:
		return m.toggleLite(msg.Args)
	case cmdUndo:
		return m.execute(common.Intent{Kind: common.IntentUndo})
	case cmdOutbox:
		return m.openOutbox()
	case cmdAccounts:
		return m.openAccounts()
	case cmdNextPane:
		m.focusPane(m.focus + 1)
		return nil
	case cmdPrevPane:
		m.focusPane(m.focus - 1)
		return nil
	}
	return m.runPaneAction(msg.Name, msg.Args)
}

// runPaneAction runs one of the focused pane's key actions. The Inbox
// takes a RunActionMsg, with the arguments filling what its key would ask
// for. The simpler panes have no arguments to take and don't know that
// message: they get the action's first key, exactly as if it was pressed.
func (m *Model) runPaneAction(name, args string) tea.Cmd {
	// The inbox takes arguments for every action; the calendar only for
	// :draw (its other commands stay key presses, so they behave the same
	// with a post's details open).
	if m.focus == paneInbox || (m.focus == paneCalendar && name == "draw") {
		action := paneName(m.focus) + "." + name
		return m.updatePane(m.focus, common.RunActionMsg{Action: action, Args: args})
	}
	b, ok := m.actions[m.focus+1].actions[name]
	if !ok || len(b.Keys()) == 0 {
		return nil
	}
	press, ok := keyPress(b.Keys()[0])
	if !ok {
		return nil
	}
	return m.updatePane(m.focus, press)
}
