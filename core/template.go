package core

import (
	"fmt"
	"strings"
)

// Template variables a saved reply may use. {brand} is another name for
// {client}; {first_name} falls back to the first word of {author}.
const (
	VarAuthor    = "author"
	VarClient    = "client"
	VarBrand     = "brand"
	VarNetwork   = "network"
	VarHandle    = "handle"
	VarFirstName = "first_name"
)

// TemplateVars lists the variables ExpandTemplate knows, for help texts and
// error messages.
func TemplateVars() []string {
	return []string{VarAuthor, VarClient, VarBrand, VarNetwork, VarHandle, VarFirstName}
}

// TemplateError says what is wrong with a template: an unclosed brace, or
// else an unknown variable named Var. Pos is the byte offset of the brace.
type TemplateError struct {
	Var      string
	Pos      int
	Unclosed bool
}

func (e *TemplateError) Error() string {
	if e.Unclosed {
		return fmt.Sprintf("unclosed { at position %d (write {{ for a literal brace)", e.Pos)
	}
	return fmt.Sprintf("unknown variable {%s} (known: {%s})", e.Var, strings.Join(TemplateVars(), "}, {"))
}

// ExpandTemplate fills a saved reply's variables ({author}, {client}, …)
// from vars. A known variable missing from vars expands to "" ({brand} and
// {first_name} first try their fallbacks). "{{" and "}}" write a literal
// brace; a lone "}" is kept as is. An unknown variable or an unclosed brace
// is a *TemplateError, so a typo in config is caught at load time rather than
// sent to a customer.
func ExpandTemplate(text string, vars map[string]string) (string, error) {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '{' && strings.HasPrefix(text[i:], "{{"),
			c == '}' && strings.HasPrefix(text[i:], "}}"):
			b.WriteByte(c)
			i += 2
		case c == '{':
			end := strings.IndexAny(text[i+1:], "{}\n")
			if end < 0 || text[i+1+end] != '}' {
				return "", &TemplateError{Pos: i, Unclosed: true}
			}
			name := strings.TrimSpace(text[i+1 : i+1+end])
			val, ok := lookupVar(name, vars)
			if !ok {
				return "", &TemplateError{Var: name, Pos: i}
			}
			b.WriteString(val)
			i += end + 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// lookupVar returns a known variable's value; ok is false for an unknown name.
func lookupVar(name string, vars map[string]string) (string, bool) {
	switch name {
	case VarAuthor, VarClient, VarNetwork, VarHandle:
		return vars[name], true
	case VarBrand:
		if v, ok := vars[VarBrand]; ok {
			return v, true
		}
		return vars[VarClient], true
	case VarFirstName:
		if v, ok := vars[VarFirstName]; ok {
			return v, true
		}
		first, _, _ := strings.Cut(strings.TrimSpace(vars[VarAuthor]), " ")
		return first, true
	}
	return "", false
}
