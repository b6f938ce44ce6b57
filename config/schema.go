package config

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

var (
	durationType = reflect.TypeFor[time.Duration]()
	// hexCommentRe spots "color: #7C3AED" written without quotes, which
	// YAML reads as an empty value followed by a comment.
	hexCommentRe = regexp.MustCompile(`^#[0-9A-Fa-f]{6}\b`)
)

// schema checks the file's node tree against the Config struct before
// decoding: unknown keys (with a did-you-mean), values of the wrong shape,
// durations without a unit, duplicate keys. It also records the line of
// every key path so later validation errors can point at it.
type schema struct {
	file   string
	where  map[string]string
	found  []Problem
	visits int // nodes walked; aliases make a small file expand a lot
}

// maxVisits stops a walk that aliases blow up ("billion laughs"); a real
// config has a few hundred nodes.
const maxVisits = 100_000

func checkSchema(file string, doc *yaml.Node) *schema {
	s := &schema{file: file, where: map[string]string{}}
	if len(doc.Content) == 0 {
		return s // empty file
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return s
	}
	if root.Kind != yaml.MappingNode {
		s.problem(root, "", "the file must hold keys such as language: and clients:, found %s", kindName(root))
		return s
	}
	s.walk(root, reflect.TypeFor[Config](), "")
	return s
}

func (s *schema) problem(n *yaml.Node, path, format string, args ...any) {
	s.found = append(s.found, Problem{Path: path, Message: fmt.Sprintf(format, args...), Where: s.at(n)})
}

func (s *schema) at(n *yaml.Node) string {
	return fmt.Sprintf("%s:%d", s.file, n.Line)
}

// walk checks node n against type t at key path.
func (s *schema) walk(n *yaml.Node, t reflect.Type, path string) {
	n = resolve(n)
	if isNull(n) || s.visits > maxVisits {
		return // an empty value keeps the default
	}
	if s.visits++; s.visits > maxVisits {
		s.problem(n, path, "the file expands to too many values (aliases repeated inside aliases?); write it out plainly")
		return
	}
	switch {
	case t == durationType:
		s.duration(n, path)
	case t.Kind() == reflect.Struct:
		s.structure(n, t, path)
	case t.Kind() == reflect.Map:
		s.mapping(n, t.Elem(), path)
	case t.Kind() == reflect.Slice:
		s.sequence(n, t.Elem(), path)
	default:
		if n.Kind != yaml.ScalarNode {
			s.problem(n, path, "expected a single value, found %s", kindName(n))
		}
	}
}

func (s *schema) duration(n *yaml.Node, path string) {
	if n.Kind != yaml.ScalarNode {
		s.problem(n, path, "expected a duration such as 30s, found %s", kindName(n))
		return
	}
	if n.Tag == "!!int" || n.Tag == "!!float" {
		s.problem(n, path, "%s has no unit (write %ss for seconds, or e.g. 2m or 1h)", n.Value, n.Value)
		return
	}
	if _, err := time.ParseDuration(n.Value); err != nil {
		s.problem(n, path, "%q is not a duration (write e.g. 30s, 2m or 1h30m)", n.Value)
	}
}

func (s *schema) structure(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.MappingNode {
		s.problem(n, path, "expected a set of keys, found %s", kindName(n))
		return
	}
	fields, names := structFields(t)
	seen := map[string]int{}
	for _, p := range pairs(n) {
		key := p.key.Value
		kp := join(path, key)
		if s.duplicate(seen, p, kp) {
			continue
		}
		f, ok := fields[key]
		if !ok {
			s.unknownKey(p.key, kp, names)
			continue
		}
		s.where[kp] = s.at(p.key)
		s.commentedColor(p, kp)
		s.walk(p.value, f.Type, kp)
	}
}

// duplicate reports whether p's key was seen before in the same mapping,
// and records it otherwise. A key written twice is an error; a merged key
// ("<<: *base") that the mapping overrides is not.
func (s *schema) duplicate(seen map[string]int, p pair, path string) bool {
	line, dup := seen[p.key.Value]
	if !dup {
		seen[p.key.Value] = p.key.Line
		return false
	}
	if !p.merged {
		s.problem(p.key, path, "set twice (also line %d; keep one)", line)
	}
	return true
}

func (s *schema) unknownKey(k *yaml.Node, path string, names []string) {
	hint := didYouMean(k.Value, names)
	if hint == "" {
		hint = " (valid keys here: " + strings.Join(names, ", ") + ")"
	}
	s.problem(k, path, "unknown key%s", hint)
}

// commentedColor reports a "#RRGGBB" value that YAML swallowed as a comment.
func (s *schema) commentedColor(p pair, path string) {
	if !isNull(p.value) {
		return
	}
	for _, c := range []string{p.value.LineComment, p.key.LineComment} {
		if m := hexCommentRe.FindString(c); m != "" {
			s.problem(p.key, path, `%s was read as a comment: quote it, e.g. %s: "%s"`, m, p.key.Value, m)
			return
		}
	}
}

func (s *schema) mapping(n *yaml.Node, elem reflect.Type, path string) {
	if n.Kind != yaml.MappingNode {
		s.problem(n, path, "expected a set of keys, found %s", kindName(n))
		return
	}
	seen := map[string]int{}
	for _, p := range pairs(n) {
		kp := join(path, p.key.Value)
		if s.duplicate(seen, p, kp) {
			continue
		}
		s.where[kp] = s.at(p.key)
		s.walk(p.value, elem, kp)
	}
}

// sequence accepts a sequence, or for a list of strings one bare value
// (keys: {reply: r} means [r]).
func (s *schema) sequence(n *yaml.Node, elem reflect.Type, path string) {
	if n.Kind == yaml.ScalarNode && elem.Kind() == reflect.String {
		return
	}
	if n.Kind != yaml.SequenceNode {
		s.problem(n, path, "expected a list (items start with \"- \"), found %s", kindName(n))
		return
	}
	for i, item := range n.Content {
		ip := fmt.Sprintf("%s[%d]", path, i)
		s.where[ip] = s.at(item)
		s.walk(item, elem, ip)
	}
}

// structFields maps the mapstructure names of t's fields to the fields, and
// lists the names in declaration order for "valid keys" hints.
func structFields(t reflect.Type) (map[string]reflect.StructField, []string) {
	fields := map[string]reflect.StructField{}
	var names []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		fields[name] = f
		names = append(names, name)
	}
	return fields, names
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
