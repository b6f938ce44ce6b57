package common

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// ActionMap is implemented by every key map (root and panes): it names each
// binding so user overrides from config can reach it by action name. The
// pointers point into the key map itself, so setting keys through them
// changes the map.
type ActionMap interface {
	Actions() map[string]*key.Binding
}

// MatchAction names the action of acts, tried in order (so matching is
// deterministic should one key be bound to two, which config refuses),
// whose enabled binding has the key pressed; "" for none.
func MatchAction(acts map[string]*key.Binding, order []string, pressed interface{ String() string }) string {
	s := pressed.String()
	for _, name := range order {
		b, ok := acts[name]
		if !ok || !b.Enabled() {
			continue
		}
		if slices.Contains(b.Keys(), s) {
			return name
		}
	}
	return ""
}

// Rebind replaces a binding's keys with the user's, and its help key text
// with what they typed, so the help bar and the ? overlay show the keys
// actually bound.
func Rebind(b *key.Binding, keys []string) {
	b.SetKeys(keys...)
	b.SetHelp(strings.Join(keys, "/"), b.Help().Desc)
}

// keyModifiers are the modifier prefixes in the order Bubble Tea writes them
// ("ctrl+alt+x", never "alt+ctrl+x").
func keyModifiers() []string { return []string{"ctrl", "alt", "shift", "meta", "hyper", "super"} }

// namedKeys are the non-printable keys as tea.KeyPressMsg.String() names them.
func namedKeys() []string {
	return []string{
		"enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right",
		"begin", "find", "insert", "delete", "select", "pgup", "pgdown", "home", "end",
	}
}

// ValidKey checks that s is spelled the way tea.KeyPressMsg.String() spells
// a key ("j", "?", "ctrl+r", "shift+tab", "f5"), so a binding from config can
// ever match. The error says what is wrong with it.
func ValidKey(s string) error {
	if s == "" {
		return fmt.Errorf("empty key")
	}
	if utf8.RuneCountInString(s) == 1 {
		r, _ := utf8.DecodeRuneInString(s)
		if unicode.IsPrint(r) && r != ' ' {
			return nil
		}
		return fmt.Errorf("key %q is not a printable character (write \"space\", \"tab\", …)", s)
	}
	base, mods := splitKey(s)
	last := -1
	for _, m := range mods {
		i := slices.Index(keyModifiers(), m)
		if i < 0 {
			return fmt.Errorf("key %q: unknown modifier %q (known: %s)", s, m, strings.Join(keyModifiers(), ", "))
		}
		if i <= last {
			return fmt.Errorf("key %q: write modifiers in the order %s", s, strings.Join(keyModifiers(), "+"))
		}
		last = i
	}
	if utf8.RuneCountInString(base) == 1 && unicode.IsPrint([]rune(base)[0]) && base != " " {
		return nil
	}
	if slices.Contains(namedKeys(), base) || isFunctionKey(base) {
		return nil
	}
	return fmt.Errorf("key %q: unknown key name %q (a character, or one of %s, f1…f63)", s, base, strings.Join(namedKeys(), ", "))
}

// splitKey separates "ctrl+alt+x" into "x" and [ctrl alt]; "ctrl++" is ctrl
// with the plus key.
func splitKey(s string) (base string, mods []string) {
	if strings.HasSuffix(s, "++") {
		return "+", strings.Split(strings.TrimSuffix(s, "++"), "+")
	}
	parts := strings.Split(s, "+")
	return parts[len(parts)-1], parts[:len(parts)-1]
}

func isFunctionKey(s string) bool {
	if !strings.HasPrefix(s, "f") {
		return false
	}
	n, err := strconv.Atoi(s[1:])
	return err == nil && n >= 1 && n <= 63 && s[1] != '0'
}
