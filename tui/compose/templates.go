package compose

import (
	"errors"
	"strings"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// templatesFor returns the saved replies usable for a client: its own and
// those for every client (Client ""), in config order.
func templatesFor(all []common.ReplyTemplate, slug string) []common.ReplyTemplate {
	var out []common.ReplyTemplate
	for _, t := range all {
		if t.Client == "" || t.Client == slug {
			out = append(out, t)
		}
	}
	return out
}

// templateVars are the values of a saved reply's variables for a reply to
// target. {first_name} is left to core's fallback (the first word of the
// author's name) unless the author has no name, when the handle stands in.
func templateVars(target store.ItemView) map[string]string {
	a := target.Author
	name := strings.TrimSpace(common.OneLine(a.Name))
	handle := strings.TrimSpace(common.OneLine(a.Handle))
	client := common.OneLine(firstNonEmpty(target.ClientName, target.ClientSlug))
	vars := map[string]string{
		core.VarAuthor:  firstNonEmpty(name, handle),
		core.VarHandle:  handle,
		core.VarClient:  client,
		core.VarNetwork: common.OneLine(target.Network),
	}
	if name == "" {
		vars[core.VarFirstName] = strings.TrimPrefix(handle, "@")
	}
	return vars
}

// insertTemplate expands a saved reply for the target and types it at the
// cursor; a broken template (an unknown variable) is explained instead.
func (m *Model) insertTemplate(tpl common.ReplyTemplate) {
	text, err := core.ExpandTemplate(tpl.Text, templateVars(m.target))
	if err != nil {
		m.notice = notice{text: m.templateError(tpl.Name, err), bad: true}
		return
	}
	m.area.InsertString(text)
	m.notice = notice{}
}

// templateError says in the CM's language what is wrong with a template.
func (m *Model) templateError(name string, err error) string {
	name = common.OneLine(name)
	var te *core.TemplateError
	switch {
	case errors.As(err, &te) && te.Var != "":
		return m.t.T("compose.template.unknown_var", name, te.Var, "{"+strings.Join(core.TemplateVars(), "}, {")+"}")
	case errors.As(err, &te):
		return m.t.T("compose.template.unclosed", name)
	}
	return m.t.T("compose.template.broken", name, err)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
