package config

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"cmdeck/core"
)

// tagRe is a tag: lowercase letters, digits and -, at most 64 bytes (the
// store's limit).
var tagRe = regexp.MustCompile(`^[a-z0-9-]{1,64}$`)

// validateInbox checks saved filters, saved replies and tags.
func (c *Config) validateInbox(ps *problems) {
	c.validateFilters(ps)
	validateTemplates(ps, "reply_templates", c.ReplyTemplates)
	for ci, cl := range c.Clients {
		validateTemplates(ps, fmt.Sprintf("clients[%d].reply_templates", ci), cl.ReplyTemplates)
	}
	c.validateTags(ps)
}

func (c *Config) validateFilters(ps *problems) {
	names := uniqueNames{}
	for i, f := range c.SavedFilters {
		base := fmt.Sprintf("saved_filters[%d]", i)
		names.check(ps, "saved_filters", i, f.Name, `"Needs reply"`)
		if strings.TrimSpace(f.Query) == "" {
			ps.add(base+".query", `required (e.g. "client:fournil needs:reply")`)
		}
	}
}

// validateTemplates checks one scope of saved replies (the shared ones, or
// one client's): names unique within the scope, so a client may override a
// shared reply by giving its own the same name.
func validateTemplates(ps *problems, scope string, ts []ReplyTemplate) {
	names := uniqueNames{}
	for i, t := range ts {
		base := fmt.Sprintf("%s[%d]", scope, i)
		names.check(ps, scope, i, t.Name, `"merci"`)
		if strings.TrimSpace(t.Text) == "" {
			ps.add(base+".text", `required (e.g. "Merci {first_name} !")`)
			continue
		}
		if msg := templateProblem(t.Text); msg != "" {
			ps.add(base+".text", "%s", msg)
		}
	}
}

// templateProblem expands text with dummy values and explains a failure,
// with a did-you-mean for a misspelt variable.
func templateProblem(text string) string {
	dummy := map[string]string{}
	for _, v := range core.TemplateVars() {
		dummy[v] = v
	}
	_, err := core.ExpandTemplate(text, dummy)
	var te *core.TemplateError
	switch {
	case err == nil:
		return ""
	case !errors.As(err, &te) || te.Unclosed:
		return err.Error()
	}
	known := "{" + strings.Join(core.TemplateVars(), "}, {") + "}"
	if best := closest(te.Var, core.TemplateVars()); best != "" {
		return fmt.Sprintf("unknown variable {%s} (did you mean {%s}? known: %s; write {{ for a literal brace)", te.Var, best, known)
	}
	return fmt.Sprintf("unknown variable {%s} (known: %s; write {{ for a literal brace)", te.Var, known)
}

func (c *Config) validateTags(ps *problems) {
	seen := map[string]int{}
	for i, tag := range c.Tags {
		path := fmt.Sprintf("tags[%d]", i)
		if !tagRe.MatchString(tag) {
			hint := ""
			if s := suggestSlug(tag, i); tagRe.MatchString(s) && s != tag && strings.TrimSpace(tag) != "" {
				hint = fmt.Sprintf(", e.g. %q", s)
			}
			ps.add(path, "%q is not a tag (use lowercase a-z, 0-9 and -%s)", tag, hint)
			continue
		}
		if prev, dup := seen[tag]; dup {
			ps.add(path, "%q is listed twice (also tags[%d]; keep one)", tag, prev)
			continue
		}
		seen[tag] = i
	}
}

// uniqueNames checks that the entries of one list have names, unique
// ignoring case and surrounding spaces ("Merci" and "merci " look the same
// in a picker). It maps a name to the index that used it first.
type uniqueNames map[string]int

// check checks the name of entry i of the list at path scope.
func (u uniqueNames) check(ps *problems, scope string, i int, name, example string) {
	path := fmt.Sprintf("%s[%d].name", scope, i)
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		ps.add(path, "required (e.g. %s)", example)
		return
	}
	if prev, dup := u[key]; dup {
		ps.add(path, "%q is already used by %s[%d] (names must be unique)", name, scope, prev)
		return
	}
	u[key] = i
}
