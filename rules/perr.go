package rules

import (
	"fmt"
	"unicode/utf8"
)

// ParseError is a query that cannot be parsed. Pos is the byte offset of
// the problem in Query; Column (1-based, in characters) is what to show.
type ParseError struct {
	Query string
	Pos   int
	Msg   string
	Fix   string
}

// Column is the 1-based character position of the problem.
func (e *ParseError) Column() int {
	return utf8.RuneCountInString(e.Query[:min(e.Pos, len(e.Query))]) + 1
}

// Error is "column 12: unexpected \")\" (fix)".
func (e *ParseError) Error() string {
	s := fmt.Sprintf("column %d: %s", e.Column(), e.Msg)
	if e.Fix != "" {
		s += " (" + e.Fix + ")"
	}
	return s
}
