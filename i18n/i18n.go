// Package i18n is cmdeck's message catalog: every user-facing string has an
// English and a French text, looked up by key.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a UI language.
type Lang string

const (
	EN Lang = "en"
	FR Lang = "fr"
)

// Msg is one message in both languages. Texts may hold fmt verbs; both
// languages must use the same verbs in the same order.
type Msg struct{ EN, FR string }

// Catalog looks messages up in one language.
type Catalog struct {
	lang Lang
	msgs map[string]Msg
}

// New returns the catalog for lang (English for anything but French).
func New(lang Lang) *Catalog {
	if lang != FR {
		lang = EN
	}
	return &Catalog{lang: lang, msgs: all()}
}

// Lang returns the catalog's language.
func (c *Catalog) Lang() Lang { return c.lang }

// T returns the message for key, formatted with args. An unknown key returns
// the key itself so a missing text is visible, never a crash.
func (c *Catalog) T(key string, args ...any) string {
	m, ok := c.msgs[key]
	if !ok {
		return key
	}
	s := m.EN
	if c.lang == FR && m.FR != "" {
		s = m.FR
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Parse turns "fr", "fr_FR.UTF-8", "en-GB" into a Lang; ok is false when the
// value names neither language.
func Parse(v string) (Lang, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "":
		return "", false
	case strings.HasPrefix(v, "fr"):
		return FR, true
	case strings.HasPrefix(v, "en"), v == "c", v == "posix", strings.HasPrefix(v, "c."):
		return EN, true
	}
	return "", false
}

// Detect picks the language: the flag, then the config, then LC_ALL,
// LC_MESSAGES and LANG from env, then English.
func Detect(flag, configured string, env func(string) string) Lang {
	for _, v := range []string{flag, configured, env("LC_ALL"), env("LC_MESSAGES"), env("LANG")} {
		if l, ok := Parse(v); ok {
			return l
		}
	}
	return EN
}

// all merges the per-area message tables. Each table lives in its own file
// (msgs_*.go) so areas of the UI can add messages independently.
func all() map[string]Msg {
	out := map[string]Msg{}
	for _, t := range tables() {
		for k, m := range t {
			out[k] = m
		}
	}
	return out
}
