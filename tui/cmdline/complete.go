package cmdline

import (
	"slices"
	"strings"

	"cmdeck/core"
	"cmdeck/tui/dialog"
)

// match is one completion the popup offers.
type match struct {
	value string // what tab writes in place of the word being completed
	desc  string
	hits  []int // rune indexes of value the typed word matched, to highlight
	score int
	args  bool // a command whose argument has values to complete: tab adds a space
}

// refresh recomputes the popup from the text, unless a tab cycle froze it.
func (m *Model) refresh() {
	if m.cycling {
		return
	}
	m.base, m.matches = m.candidates()
	m.sel = 0
}

// candidates lists what completes the word being typed: command names
// while the first word is typed, then the command's argument values. base
// is the text before that word ("" or "goto ").
func (m *Model) candidates() (base string, ms []match) {
	v := strings.TrimLeft(m.input.Value(), " :")
	name, rest, spaced := strings.Cut(v, " ")
	if !spaced {
		return "", m.matchCommands(name)
	}
	c, ok := m.lookup(name)
	rest = strings.TrimLeft(rest, " ")
	if !ok || len(c.Args) == 0 || strings.Contains(rest, " ") {
		return "", nil
	}
	return name + " ", matchWords(rest, c.Args)
}

// matchCommands ranks the commands whose name fuzzy-matches word, or
// whose alias starts with it (fuzzy aliases would flood the popup: "t"
// is in "boite"); an empty word lists them all in their given order.
func (m *Model) matchCommands(word string) []match {
	var out []match
	for _, c := range m.cmds {
		best, ok := fuzzy(word, c.Name)
		for _, a := range c.Aliases {
			if word == "" || !strings.HasPrefix(fold(a), fold(word)) {
				continue
			}
			if am, ok2 := fuzzy(word, a); ok2 && (!ok || am.score > best.score) {
				best, ok = am, true
			}
		}
		if ok {
			best.desc, best.args = c.Desc, len(c.Args) > 0
			out = append(out, best)
		}
	}
	sortMatches(out)
	return out
}

// matchWords ranks argument values against what was typed.
func matchWords(word string, values []string) []match {
	var out []match
	for _, v := range values {
		if mt, ok := fuzzy(word, v); ok {
			out = append(out, mt)
		}
	}
	sortMatches(out)
	return out
}

// fuzzy matches word against target with the shared fuzzy finder; an empty
// word matches everything with no score.
func fuzzy(word, target string) (match, bool) {
	if word == "" {
		return match{value: target}, true
	}
	score, hits := dialog.Fuzzy(word, target)
	if len(hits) == 0 {
		return match{}, false
	}
	return match{value: target, hits: hits, score: score}, true
}

// sortMatches puts the best score first and keeps the given order among
// equals, so the popup is stable while typing.
func sortMatches(ms []match) {
	slices.SortStableFunc(ms, func(a, b match) int { return b.score - a.score })
}

// complete writes the next (dir 1) or previous (dir -1) match in place of
// the word being completed. The first tab takes the best match; the
// following ones cycle through the frozen list.
func (m *Model) complete(dir int) {
	if !m.cycling {
		m.base, m.matches = m.candidates()
		if len(m.matches) == 0 {
			return
		}
		m.cycling = true
		m.sel = 0
		if dir < 0 {
			m.sel = len(m.matches) - 1
		}
	} else if len(m.matches) > 0 {
		m.sel = (m.sel + dir + len(m.matches)) % len(m.matches)
	}
	if len(m.matches) == 0 {
		return
	}
	mt := m.matches[m.sel]
	v := m.base + mt.value
	if mt.args {
		v += " "
	}
	m.setValue(v)
	m.err = ""
}

// lookup finds the command a typed name runs: an exact name or alias
// (ignoring case and accents), else the only command whose name starts
// with it.
func (m *Model) lookup(name string) (Command, bool) {
	f := fold(name)
	if f == "" {
		return Command{}, false
	}
	for _, c := range m.cmds {
		if fold(c.Name) == f || slices.ContainsFunc(c.Aliases, func(a string) bool { return fold(a) == f }) {
			return c, true
		}
	}
	var found []Command
	for _, c := range m.cmds {
		if strings.HasPrefix(fold(c.Name), f) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return Command{}, false
}

// closest names the command a mistyped name most likely meant, or "" when
// nothing is near (at most half the name's letters wrong, and 3).
func closest(name string, names []string) string {
	f := fold(name)
	best, bestD := "", min(max(len([]rune(f))/2, 1), 3)+1
	for _, n := range names {
		if d := core.EditDistance(f, fold(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// fold lowercases s and drops accents (core.Fold), so ":aller calendrier"
// and ":boite" find what ":Aller" and ":boîte" would.
func fold(s string) string { return core.Fold(strings.TrimSpace(s)) }
