package tui

import (
	"errors"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
	"cmdeck/tui/alerts"
	"cmdeck/tui/calendar"
	"cmdeck/tui/common"
	"cmdeck/tui/inbox"
	"cmdeck/tui/stats"

	"cmdeck/core"
)

// globalScope prefixes the deck-wide actions ("global.quit"); each pane's
// actions are prefixed with the pane's name ("inbox.down", "calendar.today").
// The dotted names are what config's keys: section uses.
const globalScope = "global"

// deckKeys holds every key map of the deck, so overrides can be applied by
// action name before the panes are built with them.
type deckKeys struct {
	global   KeyMap
	inbox    inbox.KeyMap
	calendar calendar.KeyMap
	alerts   alerts.KeyMap
	stats    stats.KeyMap
}

// scope is one key map under its action prefix.
type scope struct {
	name    string
	actions map[string]*key.Binding
}

func newDeckKeys(t *i18n.Catalog) *deckKeys {
	return &deckKeys{
		global:   DefaultKeyMap(t),
		inbox:    inbox.DefaultKeyMap(t),
		calendar: calendar.DefaultKeyMap(t),
		alerts:   alerts.DefaultKeyMap(t),
		stats:    stats.DefaultKeyMap(t),
	}
}

// scopes lists the key maps: global first, then the panes in tab order.
func (d *deckKeys) scopes() []scope {
	maps := []struct {
		name string
		m    common.ActionMap
	}{
		{globalScope, &d.global}, {paneName(paneInbox), &d.inbox}, {paneName(paneCalendar), &d.calendar},
		{paneName(paneAlerts), &d.alerts}, {paneName(paneStats), &d.stats},
	}
	out := make([]scope, len(maps))
	for i, s := range maps {
		out[i] = scope{name: s.name, actions: s.m.Actions()}
	}
	return out
}

// index maps every full action name to its binding.
func (d *deckKeys) index() map[string]*key.Binding {
	idx := map[string]*key.Binding{}
	for _, s := range d.scopes() {
		for a, b := range s.actions {
			idx[s.name+"."+a] = b
		}
	}
	return idx
}

// KeyActions lists every action name the keys: section of the config may
// rebind, sorted: "global.quit", "inbox.down", "calendar.today", …
func KeyActions() []string {
	idx := newDeckKeys(i18n.New(i18n.EN)).index()
	names := make([]string, 0, len(idx))
	for n := range idx {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// apply rebinds the actions named in over and reports every problem at
// once: unknown actions, empty key lists, misspelled keys, and a key given
// to two actions that are live at the same time.
func (d *deckKeys) apply(t *i18n.Catalog, over map[string][]string) error {
	idx := d.index()
	names := make([]string, 0, len(over))
	for n := range over {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		keys := over[name]
		b, ok := idx[name]
		switch {
		case !ok:
			if best := suggest(name, idx); best != "" {
				errs = append(errs, errors.New(t.T("root.err.unknown_action_hint", name, best)))
			} else {
				errs = append(errs, errors.New(t.T("root.err.unknown_action", name)))
			}
			continue
		case len(keys) == 0:
			errs = append(errs, errors.New(t.T("root.err.no_keys", name)))
			continue
		}
		bad := false
		for _, k := range keys {
			if err := common.ValidKey(k); err != nil {
				errs = append(errs, errors.New(t.T("root.err.bad_key", name, err)))
				bad = true
			}
		}
		if !bad {
			common.Rebind(b, keys)
		}
	}
	errs = append(errs, d.conflicts(t, over)...)
	return errors.Join(errs...)
}

// conflicts finds a key bound to two actions that can fire at the same
// time (a global one and one of a pane, or two of one pane), when at least
// one of them was overridden: the defaults are known not to clash.
func (d *deckKeys) conflicts(t *i18n.Catalog, over map[string][]string) []error {
	scopes := d.scopes()
	global := scopes[0]
	var errs []error
	seen := map[string]bool{}
	for _, pane := range scopes[1:] {
		owner := map[string]string{} // key → action
		for _, s := range []scope{global, pane} {
			for _, a := range sortedActions(s.actions) {
				name := s.name + "." + a
				for _, k := range s.actions[a].Keys() {
					prev, clash := owner[k]
					owner[k] = name
					if !clash || prev == name {
						continue
					}
					_, o1 := over[prev]
					_, o2 := over[name]
					msg := t.T("root.err.conflict", k, prev, name)
					if (o1 || o2) && !seen[msg] {
						seen[msg] = true
						errs = append(errs, errors.New(msg))
					}
				}
			}
		}
	}
	return errs
}

func sortedActions(m map[string]*key.Binding) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// suggest names the closest known action to a misspelled one, or "".
func suggest(name string, idx map[string]*key.Binding) string {
	best, bestD := "", 4
	for n := range idx {
		if d := core.EditDistance(strings.ToLower(name), n); d < bestD || (d == bestD && n < best) {
			best, bestD = n, d
		}
	}
	return best
}
