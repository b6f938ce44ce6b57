package rules

import (
	"errors"
	"strconv"
	"time"
)

// compiled is a validated rule with its defaults filled in and its query,
// handles and business hours parsed.
type compiled struct {
	Rule
	query     *Query // nil = every item
	threshold float64
	authors   []string // normalized handles
	hours     *schedule
	loc       *time.Location
}

// Set is a compiled rule set. It is immutable: Evaluate and Overdue may run
// concurrently.
type Set struct {
	rules []*compiled
	dict  *dictionary
	// ingest and sla hold the rules that apply to each client (its own and
	// the shared ones, in config order); other holds the shared ones, for
	// clients without rules of their own.
	ingest, sla map[string][]*compiled
	other       [2][]*compiled // [0] ingest, [1] sla
}

// Compile validates rules and compiles them into a Set. Every problem is
// reported, as Errors (a list of *RuleError), each naming the rule's
// index and name, the field, and a fix.
func Compile(rules []Rule) (*Set, error) {
	s := &Set{dict: newDictionary()}
	var errs Errors
	for i, r := range rules {
		c, es := compileRule(i, r, s.dict)
		errs = append(errs, es...)
		if c != nil {
			s.rules = append(s.rules, c)
		}
	}
	errs = append(errs, duplicates(rules)...)
	if len(errs) > 0 {
		return nil, errs
	}
	s.dict.freeze()
	for _, r := range s.rules {
		if r.query != nil {
			r.query.seal()
		}
	}
	s.index()
	return s, nil
}

// compileRule checks one rule and compiles it; with problems, the compiled
// rule is nil.
func compileRule(i int, r Rule, dict *dictionary) (*compiled, Errors) {
	c := &checker{index: i, name: r.Name}
	c.checkName(r.Name)
	r.Severity = c.severity(r.Severity)
	if !c.checkType(r.Type) {
		return nil, c.errs
	}
	c.checkFields(r)
	out := &compiled{Rule: r}
	out.query = c.query(r, dict)
	switch r.Type {
	case TypeSentiment:
		out.threshold = c.threshold(r.Threshold)
		out.Threshold = &out.threshold
	case TypeVIP:
		out.authors = c.authors(r)
	case TypeSpike:
		c.spike(&out.Rule)
	case TypeSLA:
		out.hours, out.loc = c.sla(r)
	case TypeRepeatOffender:
		c.offender(&out.Rule)
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return out, nil
}

// query parses the rule's query, required for keyword rules.
func (c *checker) query(r Rule, dict *dictionary) *Query {
	if r.Query == "" {
		if r.Type == TypeKeyword {
			c.add("query", "missing", `a keyword rule needs a query, e.g. query: remboursement OR "pas reçu"`)
		}
		return nil
	}
	q, err := parseQuery(r.Query, dict)
	var pe *ParseError
	if errors.As(err, &pe) {
		c.add("query", "column "+strconv.Itoa(pe.Column())+": "+pe.Msg, pe.Fix)
		return nil
	}
	if r.Type == TypeKeyword && !q.root.positive() {
		c.add("query", "matches by exclusion only, so nearly every item would alert",
			"add a word to look for: livraison -pub")
	}
	return q
}

// duplicates reports rules sharing a name where they could both apply to
// one client: their alerts would merge.
func duplicates(rules []Rule) Errors {
	var errs Errors
	for i, r := range rules {
		for j := range i {
			o := rules[j]
			if r.Name == o.Name && r.Name != "" && (r.Client == o.Client || r.Client == "" || o.Client == "") {
				errs = append(errs, &RuleError{Index: i, Name: r.Name, Field: "name",
					Problem: "also the name of rule " + strconv.Itoa(j),
					Fix:     "give each rule its own name: alerts are grouped by it"})
				break
			}
		}
	}
	return errs
}

// index sorts the rules by client and by when they run.
func (s *Set) index() {
	s.ingest, s.sla = map[string][]*compiled{}, map[string][]*compiled{}
	clients := map[string]bool{}
	for _, r := range s.rules {
		if r.Client != "" {
			clients[r.Client] = true
		}
	}
	for _, r := range s.rules {
		phase := phaseOf(r)
		if r.Client == "" {
			s.other[phase] = append(s.other[phase], r)
		}
		for client := range clients {
			if r.Client == "" || r.Client == client {
				s.byPhase(phase)[client] = append(s.byPhase(phase)[client], r)
			}
		}
	}
}

// phaseOf is 1 for SLA rules (checked by Overdue), 0 for the rest.
func phaseOf(r *compiled) int {
	if r.Type == TypeSLA {
		return 1
	}
	return 0
}

func (s *Set) byPhase(phase int) map[string][]*compiled {
	if phase == 1 {
		return s.sla
	}
	return s.ingest
}

// rulesFor is the rules of a phase that apply to the client.
func (s *Set) rulesFor(client string, phase int) []*compiled {
	if rs, ok := s.byPhase(phase)[client]; ok {
		return rs
	}
	return s.other[phase]
}

// Len is the number of rules.
func (s *Set) Len() int { return len(s.rules) }

// Rules returns the rules as compiled: defaults filled in.
func (s *Set) Rules() []Rule {
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.Rule
	}
	return out
}
