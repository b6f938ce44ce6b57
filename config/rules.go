package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"go.yaml.in/yaml/v3"

	"cmdeck/rules"
)

// Alert rules come from three places: the top-level rules: (every client),
// each client's rules: and each client's rules_files: (YAML files holding a
// list of rules, so an agency can share them or keep them beside the
// client's brief). They are compiled once, at load, into one rules.Set;
// every problem is reported with the key path, or the file and rule, to fix.

// ruleOrigin says where one rule of the combined list was written, so a
// rules.RuleError (which only knows the rule's index) names it.
type ruleOrigin struct {
	path  string // "clients[0].rules[2]", or "clients[0].rules_files[1]" for a file
	file  string // the file as written in the config, "" for an inline rule
	index int    // the rule's index in its file
	where string // "alerts.yaml:14" for a file's rule; inline rules use c.where
}

// label names the rule in a problem about another rule ("also the name of …").
func (o ruleOrigin) label() string {
	if o.file == "" {
		return o.path
	}
	return fmt.Sprintf("%s (%s) rule %d", o.path, o.file, o.index)
}

// RuleSet is the compiled alert rules: the demo workspace's for the demo,
// else the config's; nil when there are none. Load compiles them while
// validating; a Config built in code compiles them here, and a rule that
// does not compile yields nil (ValidateWith reports it).
func (c *Config) RuleSet() *rules.Set {
	if c.ruleSet == nil {
		c.ruleSet, _ = c.compileRules()
	}
	if c.ruleSet == nil || c.ruleSet.Len() == 0 {
		return nil
	}
	return c.ruleSet
}

// validateRules compiles every rule, keeping the set for RuleSet, and
// reports each problem with its path.
func (c *Config) validateRules(ps *problems) {
	c.validateRuleClients(ps)
	set, found := c.compileRules()
	ps.list = append(ps.list, found...)
	c.ruleSet = set
}

// compileRules gathers the rules (reading the rules files) and compiles
// them; on any problem the set is nil.
func (c *Config) compileRules() (*rules.Set, []Problem) {
	list, origins, found := c.gatherRules()
	for i := range found {
		if found[i].Where == "" {
			found[i].Where = c.where[found[i].Path]
		}
	}
	// The rules that could be read are compiled even when a file could
	// not: every problem is reported in one pass.
	set, err := rules.Compile(list)
	if err != nil {
		return nil, append(found, c.ruleProblems(err, origins)...)
	}
	if len(found) > 0 {
		return nil, found
	}
	return set, nil
}

// gatherRules lists every rule in order, top-level first, each with its
// client and zone filled in, and where it was written.
func (c *Config) gatherRules() ([]rules.Rule, []ruleOrigin, []Problem) {
	g := ruleGatherer{zone: c.Timezone, dir: c.dir(), home: c.home}
	if c.Demo {
		g.inline("demo.rules", "", DemoDefaults().Rules)
		return g.list, g.origins, g.found
	}
	g.inline("rules", "", c.Rules)
	g.files("rules_files", "", c.RulesFiles)
	for ci, cl := range c.Clients {
		base := fmt.Sprintf("clients[%d]", ci)
		g.inline(base+".rules", cl.Slug, cl.Rules)
		g.files(base+".rules_files", cl.Slug, cl.RulesFiles)
	}
	return g.list, g.origins, g.found
}

// dir is the folder rules files are relative to: the config file's.
func (c *Config) dir() string {
	if c.Path == "" {
		return "."
	}
	return filepath.Dir(c.Path)
}

// validateRuleClients checks the client: keys. Under a client it is that
// client (and may be left out); at the top level it names a client, or
// leaves the rule to every client.
func (c *Config) validateRuleClients(ps *problems) {
	slugs := make([]string, len(c.Clients))
	for i, cl := range c.Clients {
		slugs[i] = cl.Slug
	}
	for i, r := range c.Rules {
		if r.Client == "" || slices.Contains(slugs, r.Client) {
			continue
		}
		hint := "known: " + strings.Join(slugs, ", ")
		if best := closest(r.Client, slugs); best != "" {
			hint = fmt.Sprintf("did you mean %q?", best)
		}
		ps.add(fmt.Sprintf("rules[%d].client", i), "unknown client %q (%s; leave client: out for a rule every client gets)", r.Client, hint)
	}
	for ci, cl := range c.Clients {
		for i, r := range cl.Rules {
			if r.Client != "" && r.Client != cl.Slug {
				ps.add(fmt.Sprintf("clients[%d].rules[%d].client", ci, i),
					"%q, but the rule sits under client %q (remove client: here; move the rule to clients: or rules: for another client)", r.Client, cl.Slug)
			}
		}
	}
}

// ruleProblems turns Compile's errors into problems naming each rule's path.
func (c *Config) ruleProblems(err error, origins []ruleOrigin) []Problem {
	var errs rules.Errors
	if !errors.As(err, &errs) {
		return []Problem{{Path: "rules", Message: err.Error()}}
	}
	out := make([]Problem, 0, len(errs))
	for _, e := range errs {
		if e.Index < 0 || e.Index >= len(origins) {
			out = append(out, Problem{Path: "rules", Message: e.Error()})
			continue
		}
		out = append(out, c.ruleProblem(e, origins))
	}
	return out
}

// ruleProblem is one rule's problem: "clients[0].rules[2].query: … (fix: …)"
// inline, "clients[0].rules_files[0] (alerts.yaml): rule 3 "spike": query: …"
// for a file, where the line is the rule's in that file.
func (c *Config) ruleProblem(e *rules.RuleError, origins []ruleOrigin) Problem {
	o := origins[e.Index]
	msg := renumber(e, origins) + fixText(e.Fix)
	if o.file == "" {
		path := o.path
		if e.Field != "" {
			path += "." + e.Field
		}
		where := c.where[path]
		if where == "" {
			where = c.where[o.path]
		}
		return Problem{Path: path, Message: msg, Where: where}
	}
	head := "rule " + strconv.Itoa(o.index)
	if e.Name != "" {
		head += " " + strconv.Quote(e.Name)
	}
	if e.Field != "" {
		head += ": " + e.Field
	}
	return Problem{Path: fmt.Sprintf("%s (%s)", o.path, o.file), Message: head + ": " + msg, Where: o.where}
}

// dupPrefix starts rules' problem for a name used twice; the index it
// gives is the combined list's, which only this file can turn into a path.
const dupPrefix = "also the name of rule "

// renumber is the problem, with a duplicate's other rule named by its path.
func renumber(e *rules.RuleError, origins []ruleOrigin) string {
	rest, ok := strings.CutPrefix(e.Problem, dupPrefix)
	if !ok {
		return e.Problem
	}
	j, err := strconv.Atoi(rest)
	if err != nil || j < 0 || j >= len(origins) {
		return e.Problem
	}
	return "also the name of " + origins[j].label()
}

func fixText(fix string) string {
	if fix == "" {
		return ""
	}
	return " (fix: " + fix + ")"
}

// ruleGatherer builds the combined rule list.
type ruleGatherer struct {
	zone, dir, home string
	list            []rules.Rule
	origins         []ruleOrigin
	found           []Problem
}

// inline adds the rules written in the config under path.
func (g *ruleGatherer) inline(path, client string, rs []rules.Rule) {
	for i, r := range rs {
		g.add(r, client, ruleOrigin{path: fmt.Sprintf("%s[%d]", path, i)})
	}
}

// files adds the rules of each file listed under path.
func (g *ruleGatherer) files(path, client string, files []string) {
	for i, f := range files {
		p := fmt.Sprintf("%s[%d]", path, i)
		rs, lines, found := readRulesFile(g.resolve(f), p, f)
		g.found = append(g.found, found...)
		for j, r := range rs {
			g.add(r, client, ruleOrigin{path: p, file: f, index: j, where: lines[j]})
		}
	}
}

// resolve is a rules file's path: ~ expanded, relative to the config's folder.
func (g *ruleGatherer) resolve(f string) string {
	f = expandHome(strings.TrimSpace(f), g.home)
	if !filepath.IsAbs(f) {
		f = filepath.Join(g.dir, f)
	}
	return f
}

// add appends one rule. A rule under a client belongs to it; an SLA rule's
// business hours are in the configured zone unless it names one.
func (g *ruleGatherer) add(r rules.Rule, client string, o ruleOrigin) {
	if client != "" {
		r.Client = client
	}
	g.list = append(g.list, withZone(r, g.zone))
	g.origins = append(g.origins, o)
}

// withZone gives an SLA rule without a zone the configured one ("" is the
// system's zone, which the rules read as "Local").
func withZone(r rules.Rule, zone string) rules.Rule {
	if r.Type != rules.TypeSLA || r.Zone != "" {
		return r
	}
	r.Zone = zone
	if zone == "" {
		r.Zone = "Local"
	}
	return r
}

// ReadRulesFile reads a rules file on its own (cmdeck rules test --rules)
// for one client (its slug) in the given zone ("" = the system's), and
// compiles it. Problems name the file and each rule; the error is a
// *ValidationError.
func ReadRulesFile(path, client, zone string) (*rules.Set, error) {
	rs, lines, found := readRulesFile(path, "--rules", path)
	if len(found) > 0 {
		return nil, &ValidationError{File: path, Problems: found}
	}
	g := ruleGatherer{zone: zone}
	for i, r := range rs {
		g.add(r, client, ruleOrigin{path: "--rules", file: path, index: i, where: lines[i]})
	}
	set, err := rules.Compile(g.list)
	if err != nil {
		c := &Config{}
		return nil, &ValidationError{File: path, Problems: c.ruleProblems(err, g.origins)}
	}
	return set, nil
}

// readRulesFile reads the rules of one file: a list of rules, or a file
// whose rules: key holds the list. Unknown keys, wrong shapes and durations
// without a unit are problems with the file's line, under path (the key
// that names the file) and name (the file as written). lines holds each
// rule's "file:line".
func readRulesFile(file, path, name string) ([]rules.Rule, []string, []Problem) {
	at := fmt.Sprintf("%s (%s)", path, name)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, []Problem{{Path: path, Message: fmt.Sprintf("rules file %s: %v (paths are relative to the config file's folder; ~/ is your home)", file, unwrapPath(err))}}
	}
	doc, err := parseYAML(file, data)
	if err != nil {
		return nil, nil, []Problem{{Path: at, Message: err.Error()}}
	}
	list, prob := ruleList(doc, file, at)
	if prob != nil {
		return nil, nil, []Problem{*prob}
	}
	sc := &schema{file: file, where: map[string]string{}}
	sc.walk(list, reflect.TypeFor[[]rules.Rule](), "rules")
	if len(sc.found) > 0 {
		for i := range sc.found {
			sc.found[i].Message = sc.found[i].Path + ": " + sc.found[i].Message
			sc.found[i].Path = at
		}
		return nil, nil, sc.found
	}
	rs, err := decodeRules(list)
	if err != nil {
		return nil, nil, []Problem{{Path: at, Message: err.Error(), Where: sc.at(list)}}
	}
	lines := make([]string, len(rs))
	for i, n := range items(list) {
		lines[i] = sc.at(resolve(n))
	}
	return rs, lines, nil
}

// ruleList finds the list of rules in a rules file's document.
func ruleList(doc *yaml.Node, file, at string) (*yaml.Node, *Problem) {
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return &yaml.Node{Kind: yaml.SequenceNode}, nil // an empty file: no rules
	}
	root := resolve(doc.Content[0])
	if root.Kind == yaml.MappingNode {
		for _, p := range pairs(root) {
			if p.key.Value != "rules" {
				return nil, &Problem{Path: at, Where: fmt.Sprintf("%s:%d", file, p.key.Line),
					Message: fmt.Sprintf("unknown key %q (a rules file is a list of rules, or holds them under rules:)", p.key.Value)}
			}
		}
		root = get(root, "rules")
		if isNull(root) {
			return &yaml.Node{Kind: yaml.SequenceNode}, nil
		}
	}
	if root.Kind != yaml.SequenceNode {
		return nil, &Problem{Path: at, Where: fmt.Sprintf("%s:%d", file, root.Line),
			Message: "expected a list of rules (items start with \"- name: \"), found " + kindName(root)}
	}
	return root, nil
}

// decodeRules decodes a checked list node the way viper decodes the config:
// durations from strings, loose scalar types, unknown keys refused.
func decodeRules(list *yaml.Node) ([]rules.Rule, error) {
	var raw []any
	if err := list.Decode(&raw); err != nil {
		return nil, err
	}
	var out []rules.Rule
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		DecodeHook: mapstructure.ComposeDecodeHookFunc(
			mapstructure.StringToTimeDurationHookFunc(),
			mapstructure.StringToSliceHookFunc(","),
		),
		WeaklyTypedInput: true,
		ErrorUnused:      true,
		Result:           &out,
	})
	if err != nil {
		return nil, err
	}
	if err := dec.Decode(raw); err != nil {
		return nil, fmt.Errorf("the rules do not fit their keys: %v", err)
	}
	return out, nil
}
