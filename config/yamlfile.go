package config

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): `)

// parseYAML parses data into a node tree, turning a syntax error into one
// that names the file and line and says how to fix it.
func parseYAML(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(file, err, tabIndented(data))
	}
	return &doc, nil
}

// syntaxError rewords a yaml error: "config file F, line N: YAML syntax
// error: what (fix)". The parser reports some errors on the line before
// the faulty one, hence "near".
func syntaxError(file string, err error, tabs bool) error {
	msg := err.Error()
	where := ""
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		where = ", near line " + m[1]
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	fix := syntaxFix(msg)
	if tabs {
		// The parser words a tab in the indentation several ways, some
		// without the word "tab"; tabs there are always the cause.
		fix = "indent with spaces, not tabs"
	}
	return fmt.Errorf("config file %s%s: YAML syntax error: %s (%s)", file, where, msg, fix)
}

// tabIndented reports a line whose indentation holds a tab, which YAML
// forbids.
func tabIndented(data []byte) bool {
	for line := range strings.SplitSeq(string(data), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if strings.Contains(indent, "\t") {
			return true
		}
	}
	return false
}

// syntaxFix suggests the usual fix for the usual YAML mistakes.
func syntaxFix(msg string) string {
	switch {
	case strings.Contains(msg, "tab"):
		return "indent with spaces, not tabs"
	case strings.Contains(msg, "mapping values are not allowed"):
		return `check the indentation, and quote a value that holds ": ", e.g. name: "Acme: Paris"`
	case strings.Contains(msg, "did not find expected key"),
		strings.Contains(msg, "did not find expected '-' indicator"):
		return "check the indentation: keys at the same level must line up, and list items start with \"- \""
	case strings.Contains(msg, "did not find expected ',' or ']'"),
		strings.Contains(msg, "did not find expected ',' or '}'"),
		strings.Contains(msg, "did not find expected node content"):
		return "close the [ ] or { } that opens there, or quote the value"
	case strings.Contains(msg, "unexpected end of stream"), strings.Contains(msg, "found unexpected end"):
		return "a quote is not closed"
	case strings.Contains(msg, "anchor"):
		return "define the &anchor before using *anchor"
	}
	return `check the indentation (spaces, not tabs) and quote values that hold ":" or "#"`
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// isNull reports an empty value ("key:" or "key: null").
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// pair is one key and its value in a mapping; merged marks one that came
// from a "<<" merge key rather than the mapping itself.
type pair struct {
	key, value *yaml.Node
	merged     bool
}

// pairs lists a mapping's entries with "<<" merge keys expanded; keys
// written in the mapping itself come first, so a lookup of the first match
// gives them precedence over merged ones as YAML requires.
func pairs(n *yaml.Node) []pair {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var own, merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			for _, p := range mergedPairs(v) {
				merged = append(merged, pair{p.key, p.value, true})
			}
			continue
		}
		own = append(own, pair{key: k, value: v})
	}
	return append(own, merged...)
}

// mergedPairs expands the value of a "<<" key: one mapping or a list of them.
func mergedPairs(v *yaml.Node) []pair {
	v = resolve(v)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.SequenceNode {
		var out []pair
		for _, m := range v.Content {
			out = append(out, pairs(m)...)
		}
		return out
	}
	return pairs(v)
}

// get returns the value of key in mapping n, or nil.
func get(n *yaml.Node, key string) *yaml.Node {
	for _, p := range pairs(n) {
		if p.key.Value == key {
			return resolve(p.value)
		}
	}
	return nil
}

// kindName names a node kind the way a user reads it.
func kindName(n *yaml.Node) string {
	switch resolve(n).Kind {
	case yaml.MappingNode:
		return "a set of keys"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a single value"
}
