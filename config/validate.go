package config

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// Defaults and limits of the Go-side configuration.
const (
	DefaultSyncInterval = 30 * time.Second
	DefaultUndoWindow   = 5 * time.Second
	// MinSyncInterval keeps a typo ("1s") from hammering the networks'
	// rate limits.
	MinSyncInterval = 5 * time.Second
)

var (
	slugRe    = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`)
	colorRe   = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	envNameRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// Validate checks the whole configuration and returns a *ValidationError
// listing every problem, or nil. known is the provider registry's names (nil
// skips the name check). Key action names are not checked; see ValidateWith.
func (c *Config) Validate(known []string) error {
	return c.ValidateWith(known, nil)
}

// ValidateWith is Validate that also checks the action names under keys
// against keyActions (nil skips that check).
func (c *Config) ValidateWith(known, keyActions []string) error {
	if c == nil {
		return &ValidationError{Problems: []Problem{{Message: "no configuration loaded"}}}
	}
	ps := &problems{where: c.where}
	c.validateGeneral(ps)
	c.validateKeys(ps, keyActions)
	c.validateClients(ps, known)
	c.validateInbox(ps)
	c.validateCalendar(ps)
	c.validateNotify(ps)
	c.validateDisplay(ps)
	c.validatePipes(ps)
	c.validateServe(ps)
	c.validateRules(ps)
	return ps.err(c.Path)
}

func (c *Config) validateGeneral(ps *problems) {
	switch c.Language {
	case "", "en", "fr":
	default:
		hint := ""
		if best := closest(c.Language, []string{"en", "fr"}); best != "" {
			hint = fmt.Sprintf("did you mean %q? ", best)
		}
		ps.add("language", "unknown language %q (%suse en or fr, or leave it empty to follow LANG)", c.Language, hint)
	}
	if c.Timezone != "" {
		if _, err := time.LoadLocation(c.Timezone); err != nil {
			ps.add("timezone", "unknown time zone %q (use an IANA name such as Europe/Paris, or leave it empty for the system zone)", c.Timezone)
		}
	}
	if c.SyncInterval < MinSyncInterval {
		ps.add("sync_interval", "%s is too short (use %s or more, e.g. 30s or 2m)", c.SyncInterval, MinSyncInterval)
	}
	if c.UndoWindow <= 0 {
		ps.add("undo_window", "%s must be positive (e.g. 5s; it is how long you can undo a reply)", c.UndoWindow)
	}
}

func (c *Config) validateKeys(ps *problems, keyActions []string) {
	actions := make([]string, 0, len(c.Keys))
	for a := range c.Keys {
		actions = append(actions, a)
	}
	sort.Strings(actions)
	for _, a := range actions {
		path := "keys." + a
		if keyActions != nil && !slices.Contains(keyActions, a) {
			hint := didYouMean(a, keyActions)
			if hint == "" {
				hint = " (press ? in cmdeck to see the action names)"
			}
			ps.add(path, "unknown action %q%s", a, hint)
		}
		if len(c.Keys[a]) == 0 {
			ps.add(path, `no key given (list at least one, e.g. ["ctrl+r"])`)
		}
		for i, k := range c.Keys[a] {
			if strings.TrimSpace(k) == "" {
				ps.add(fmt.Sprintf("%s[%d]", path, i), `empty key (write a key such as "r", "ctrl+r" or "space")`)
			}
		}
	}
}

func (c *Config) validateClients(ps *problems, known []string) {
	seen := map[string]int{}
	for ci, cl := range c.Clients {
		base := fmt.Sprintf("clients[%d]", ci)
		switch {
		case cl.Slug == "":
			ps.add(base+".slug", "required (a short id such as %q)", suggestSlug(cl.Name, ci))
		case !slugRe.MatchString(cl.Slug):
			ps.add(base+".slug", "%q may only hold a-z, 0-9 and - (e.g. %q)", cl.Slug, suggestSlug(cl.Slug, ci))
		default:
			if prev, dup := seen[cl.Slug]; dup {
				ps.add(base+".slug", "%q is already used by clients[%d] (slugs must be unique)", cl.Slug, prev)
			} else {
				seen[cl.Slug] = ci
			}
		}
		if cl.Color != "" && !colorRe.MatchString(cl.Color) {
			ps.add(base+".color", `%q is not a color (use #RRGGBB in quotes, e.g. "#7C3AED")`, cl.Color)
		}
		c.validateAccounts(ps, ci, known)
	}
}

func (c *Config) validateAccounts(ps *problems, ci int, known []string) {
	seen := map[string]int{}
	for ai, a := range c.Clients[ci].Accounts {
		base := c.AccountPath(ci, ai)
		validateProvider(ps, base+".provider", a.Provider, known)
		if a.Handle == "" {
			ps.add(base+".handle", "required (the account's name on the network, e.g. @pixelforge)")
		} else {
			id := a.Provider + "\x00" + a.Handle
			if prev, dup := seen[id]; dup {
				ps.add(base, "%s %s is listed twice (also accounts[%d]; keep one)", a.Provider, a.Handle, prev)
			} else {
				seen[id] = ai
			}
		}
		validateSecretKeys(ps, base, a)
	}
}

func validateProvider(ps *problems, path, name string, known []string) {
	list := strings.Join(known, ", ")
	switch {
	case name == "" && known == nil:
		ps.add(path, "required")
	case name == "":
		ps.add(path, "required (known: %s)", list)
	case known != nil && !slices.Contains(known, name):
		if best := closest(name, known); best != "" {
			ps.add(path, "unknown provider %q (did you mean %q? known: %s)", name, best, list)
		} else {
			ps.add(path, "unknown provider %q (known: %s)", name, list)
		}
	}
}

// validateSecretKeys checks how the token is given. It never quotes the
// values: a token pasted into the wrong key must not end up in an error.
func validateSecretKeys(ps *problems, base string, a Account) {
	var set []string
	for _, kv := range [][2]string{{"token", a.Token}, {"token_env", a.TokenEnv}, {"token_cmd", a.TokenCmd}, {"token_file", a.TokenFile}} {
		if kv[1] != "" {
			set = append(set, kv[0])
		}
	}
	if len(set) > 1 {
		ps.add(base, "%s are exclusive: keep one", strings.Join(set, " and "))
	}
	if a.TokenFile != "" && strings.TrimSpace(a.TokenFile) == "" {
		ps.add(base+".token_file", "must name a file that holds the token (e.g. ~/.config/cmdeck/tokens/me@mastodon.social.token)")
	}
	if a.TokenEnv != "" && !envNameRe.MatchString(a.TokenEnv) {
		ps.add(base+".token_env", "must name an environment variable (letters, digits and _, e.g. MASTODON_TOKEN), not hold the token itself")
	}
}

// foldAccents maps the accented letters of French names to ASCII, so
// "Café Lumière" suggests "cafe-lumiere" rather than "caf-lumi-re".
var foldAccents = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ÿ", "y",
	"œ", "oe", "æ", "ae", "ñ", "n",
)

// suggestSlug turns a name into a valid slug for an error's example.
func suggestSlug(name string, i int) string {
	var b strings.Builder
	dash := false
	for _, r := range foldAccents.Replace(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return fmt.Sprintf("client-%d", i+1)
	}
	return s
}
