package config

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with the configuration.
type Problem struct {
	Path    string // key path, e.g. "clients[1].accounts[0].provider"
	Message string // what is wrong and how to fix it
	// Where the value came from when known: "config.yaml:12",
	// "CMDECK_LANGUAGE" or "--lang". Empty for values built in code.
	Where string
}

// String is "path: message", without the location.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// ValidationError lists every problem found, so the user fixes them all in
// one pass instead of one per run.
type ValidationError struct {
	File     string // the config file read, "" when none
	Problems []Problem
}

// Error lists the problems one per line, each prefixed by where it came from.
func (e *ValidationError) Error() string {
	var b strings.Builder
	head := "configuration"
	if e.File != "" {
		head = "config file " + e.File
	}
	switch len(e.Problems) {
	case 0:
		return head + ": invalid"
	case 1:
		fmt.Fprintf(&b, "%s has a problem:", head)
	default:
		fmt.Fprintf(&b, "%s has %d problems:", head, len(e.Problems))
	}
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		if p.Where != "" {
			b.WriteString(p.Where + ": ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// problems collects Problems, filling Where from what Load recorded.
type problems struct {
	where map[string]string
	list  []Problem
}

func (ps *problems) add(path, format string, args ...any) {
	ps.list = append(ps.list, Problem{
		Path:    path,
		Message: fmt.Sprintf(format, args...),
		Where:   ps.where[path],
	})
}

// err returns nil when nothing was added.
func (ps *problems) err(file string) error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{File: file, Problems: ps.list}
}
