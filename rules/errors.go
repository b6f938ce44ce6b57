package rules

import (
	"fmt"
	"strings"
)

// RuleError is one problem with one rule: which rule (its index in the
// slice given to Compile, and its name), which field (the YAML key), what is
// wrong and how to fix it. The config loader turns Index and Field into a
// key path such as clients[0].rules[3].query.
type RuleError struct {
	Index   int
	Name    string
	Field   string
	Problem string
	Fix     string
}

// Error is `rule 3 "colère": query: … (fix)`.
func (e *RuleError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule %d", e.Index)
	if e.Name != "" {
		fmt.Fprintf(&b, " %q", e.Name)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Problem)
	if e.Fix != "" {
		b.WriteString(" (" + e.Fix + ")")
	}
	return b.String()
}

// Errors is every problem Compile found, so all are fixed in one pass.
type Errors []*RuleError

// Error lists the problems one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}
