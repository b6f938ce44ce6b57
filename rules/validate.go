package rules

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"cmdeck/core"
)

// checker collects the problems of one rule.
type checker struct {
	index int
	name  string
	errs  Errors
}

func (c *checker) add(field, problem, fix string) {
	c.errs = append(c.errs, &RuleError{Index: c.index, Name: c.name, Field: field, Problem: problem, Fix: fix})
}

// maxNameLen keeps rule names to what fits an alert's line.
const maxNameLen = 64

func (c *checker) checkName(name string) {
	switch {
	case strings.TrimSpace(name) == "":
		c.add("name", "missing", `give the rule a short name, e.g. name: "colère livraison"`)
	case len([]rune(name)) > maxNameLen:
		c.add("name", "longer than "+strconv.Itoa(maxNameLen)+" characters", "shorten it; the alert's title says the rest")
	case strings.ContainsFunc(name, unicode.IsControl):
		c.add("name", "holds a control character or line break", "write it on one line")
	}
}

// severity returns the rule's severity, the default when unset.
func (c *checker) severity(s core.Severity) core.Severity {
	switch s {
	case "":
		return DefaultSeverity
	case core.SeverityInfo, core.SeverityWarning, core.SeverityCritical:
		return s
	}
	c.add("severity", "unknown severity "+strconv.Quote(string(s)), "use info, warning or critical")
	return DefaultSeverity
}

func (c *checker) checkType(t Type) bool {
	if slices.Contains(Types, t) {
		return true
	}
	if t == "" {
		c.add("type", "missing", "use one of "+typeList())
		return false
	}
	fix := "use one of " + typeList()
	if near := closestType(string(t)); near != "" {
		fix = "did you mean " + near + "? " + fix
	}
	c.add("type", "unknown type "+strconv.Quote(string(t)), fix)
	return false
}

func typeList() string {
	names := make([]string, len(Types))
	for i, t := range Types {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// closestType is the type a typo most likely meant, "" if none is close.
func closestType(s string) string {
	best, bestD := "", 3
	for _, t := range Types {
		if d := core.EditDistance(strings.ToLower(s), string(t)); d < bestD {
			best, bestD = string(t), d
		}
	}
	return best
}

// typeFields says which type each type-specific field belongs to.
var typeFields = map[string]Type{
	"threshold": TypeSentiment, "authors": TypeVIP, "min_followers": TypeVIP, "marked": TypeVIP,
	"baseline_hours": TypeSpike, "factor": TypeSpike, "min_count": TypeSpike,
	"within": TypeSLA, "business_hours": TypeSLA, "zone": TypeSLA,
	"count": TypeRepeatOffender, "period": TypeRepeatOffender,
}

// setFields names the type-specific fields r sets, in a stable order.
func setFields(r Rule) []string {
	set := map[string]bool{
		"threshold": r.Threshold != nil, "authors": len(r.Authors) > 0,
		"min_followers": r.MinFollowers != 0, "marked": r.Marked,
		"baseline_hours": r.BaselineHours != 0, "factor": r.Factor != 0, "min_count": r.MinCount != 0,
		"within": r.Within != 0, "business_hours": r.BusinessHours != "", "zone": r.Zone != "",
		"count": r.Count != 0, "period": r.Period != 0,
	}
	var out []string
	for name, ok := range set {
		if ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// checkFields reports fields that belong to another type: a threshold on a
// keyword rule is a mistake, most likely in the type.
func (c *checker) checkFields(r Rule) {
	for _, f := range setFields(r) {
		if owner := typeFields[f]; owner != r.Type {
			c.add(f, "does not apply to a "+string(r.Type)+" rule",
				"remove it, or set type: "+string(owner))
		}
	}
}

func (c *checker) threshold(t *float64) float64 {
	if t == nil {
		return DefaultThreshold
	}
	if math.IsNaN(*t) || *t < -1 || *t > 1 {
		c.add("threshold", "must be between -1 and 1", "scores run from -1 (very negative) to 1; e.g. threshold: -0.5")
	}
	return *t
}

// authors normalizes the VIP handles.
func (c *checker) authors(r Rule) []string {
	if len(r.Authors) == 0 && r.MinFollowers <= 0 && !r.Marked {
		c.add("authors", "a vip rule needs authors, min_followers or marked",
			`list handles (authors: ["@chef"]), set min_followers: 10000, or marked: true`)
	}
	if r.MinFollowers < 0 {
		c.add("min_followers", "is negative", "use a follower count such as 10000")
	}
	out := make([]string, 0, len(r.Authors))
	for i, a := range r.Authors {
		h := normHandle(a)
		if h == "" {
			c.add("authors["+strconv.Itoa(i)+"]", "empty handle", `write a handle such as "@chef" or "chef@cuisine.social"`)
			continue
		}
		out = append(out, h)
	}
	return out
}

// spike fills the spike's defaults and checks them.
func (c *checker) spike(r *Rule) {
	r.BaselineHours = cmp0(r.BaselineHours, DefaultBaselineHours)
	r.MinCount = cmp0(r.MinCount, DefaultMinCount)
	if r.Factor == 0 {
		r.Factor = DefaultFactor
	}
	if r.BaselineHours < 1 || r.BaselineHours > maxBaselineHours {
		c.add("baseline_hours", "must be from 1 to "+strconv.Itoa(maxBaselineHours), "24 compares with the last day")
	}
	if !(r.Factor > 1) || math.IsInf(r.Factor, 0) {
		c.add("factor", "must be above 1", "3 alerts at three times the usual volume")
	}
	if r.MinCount < 1 {
		c.add("min_count", "must be at least 1", "10 keeps a quiet account's first few items from alerting")
	}
}

// maxBaselineHours is a month: older volumes say little about today.
const maxBaselineHours = 30 * 24

func cmp0(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// sla parses the SLA's hours and zone.
func (c *checker) sla(r Rule) (*schedule, *time.Location) {
	if r.Within <= 0 {
		c.add("within", "missing or not positive", "give the reply time, e.g. within: 2h")
	}
	hours, err := parseHours(r.BusinessHours)
	if err != nil {
		c.add("business_hours", err.Error(), hoursFix)
	}
	loc := time.UTC
	if r.Zone != "" {
		if loc, err = time.LoadLocation(r.Zone); err != nil {
			c.add("zone", "unknown time zone "+strconv.Quote(r.Zone), "use an IANA name such as Europe/Paris")
			loc = time.UTC
		}
	}
	return hours, loc
}

// offender checks the repeat-offender rule and fills its default period.
func (c *checker) offender(r *Rule) {
	if r.Count < 1 {
		c.add("count", "missing or below 1", "say after how many hidden or flagged items, e.g. count: 3")
	}
	if r.Period == 0 {
		r.Period = DefaultPeriod
	}
	if r.Period < 0 {
		c.add("period", "is negative", "e.g. period: 720h for 30 days")
	}
}
