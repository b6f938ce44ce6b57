package rules

import (
	"errors"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

func ptr[T any](v T) *T { return &v }

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		rule  Rule
		field string
		msg   string
	}{
		{"no name", Rule{Type: TypeKeyword, Query: "a"}, "name", "missing"},
		{"two-line name", Rule{Name: "a\nb", Type: TypeKeyword, Query: "abc"}, "name", "control character"},
		{"no type", Rule{Name: "x"}, "type", "missing"},
		{"typo in type", Rule{Name: "x", Type: "keywrd"}, "type", `unknown type "keywrd"`},
		{"bad severity", Rule{Name: "x", Type: TypeKeyword, Query: "abc", Severity: "high"}, "severity", "unknown severity"},
		{"keyword without query", Rule{Name: "x", Type: TypeKeyword}, "query", "missing"},
		{"keyword by exclusion only", Rule{Name: "x", Type: TypeKeyword, Query: "-pub"}, "query", "exclusion only"},
		{"keyword OR exclusion", Rule{Name: "x", Type: TypeKeyword, Query: "pain OR -pub"}, "query", "exclusion only"},
		{"query syntax", Rule{Name: "x", Type: TypeKeyword, Query: "crème OR )"}, "query", "column 10"},
		{"field of another type", Rule{Name: "x", Type: TypeKeyword, Query: "abc", Within: time.Hour}, "within", "does not apply to a keyword rule"},
		{"threshold out of range", Rule{Name: "x", Type: TypeSentiment, Threshold: ptr(-2.0)}, "threshold", "between -1 and 1"},
		{"vip with nothing", Rule{Name: "x", Type: TypeVIP}, "authors", "needs authors"},
		{"vip empty handle", Rule{Name: "x", Type: TypeVIP, Authors: []string{"@"}}, "authors[0]", "empty handle"},
		{"spike factor 1", Rule{Name: "x", Type: TypeSpike, Factor: 1}, "factor", "above 1"},
		{"spike negative min", Rule{Name: "x", Type: TypeSpike, MinCount: -1}, "min_count", "at least 1"},
		{"spike huge baseline", Rule{Name: "x", Type: TypeSpike, BaselineHours: 10000}, "baseline_hours", "from 1 to 720"},
		{"sla without time", Rule{Name: "x", Type: TypeSLA}, "within", "missing"},
		{"sla bad hours", Rule{Name: "x", Type: TypeSLA, Within: time.Hour, BusinessHours: "mon-fri 9-18"}, "business_hours", "bad hours"},
		{"sla bad day", Rule{Name: "x", Type: TypeSLA, Within: time.Hour, BusinessHours: "mon-fry 09:00-18:00"}, "business_hours", "unknown day"},
		{"sla night span", Rule{Name: "x", Type: TypeSLA, Within: time.Hour, BusinessHours: "mon 22:00-06:00"}, "business_hours", "split a night"},
		{"sla bad zone", Rule{Name: "x", Type: TypeSLA, Within: time.Hour, Zone: "Europe/Lutece"}, "zone", "unknown time zone"},
		{"offender without count", Rule{Name: "x", Type: TypeRepeatOffender}, "count", "missing"},
	}
	for _, tt := range tests {
		_, err := Compile([]Rule{{Name: "ok", Type: TypeKeyword, Query: "abc"}, tt.rule})
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Errorf("%s: Compile = %v, want Errors", tt.name, err)
			continue
		}
		e := errs[0]
		if e.Index != 1 || e.Field != tt.field || !strings.Contains(e.Problem, tt.msg) || e.Fix == "" {
			t.Errorf("%s: got %#v, want rule 1, field %q, problem with %q and a fix", tt.name, e, tt.field, tt.msg)
		}
	}
}

func TestCompileReportsEveryProblem(t *testing.T) {
	_, err := Compile([]Rule{
		{Name: "a", Type: TypeKeyword},
		{Name: "b", Type: TypeSpike, Factor: 0.5, MinCount: -2},
		{Name: "a", Type: TypeKeyword, Query: "abc"},
	})
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Compile = %v", err)
	}
	got := err.Error()
	for _, want := range []string{`rule 0 "a": query: missing`, `rule 1 "b": factor`, `rule 1 "b": min_count`,
		`rule 2 "a": name: also the name of rule 0`} {
		if !strings.Contains(got, want) {
			t.Errorf("errors miss %q:\n%s", want, got)
		}
	}
}

func TestCompileDuplicateNames(t *testing.T) {
	ok := []Rule{
		{Name: "colère", Client: "a", Type: TypeKeyword, Query: "abc"},
		{Name: "colère", Client: "b", Type: TypeKeyword, Query: "abc"},
	}
	if _, err := Compile(ok); err != nil {
		t.Errorf("same name for two clients: %v", err)
	}
	shared := append(ok, Rule{Name: "colère", Type: TypeKeyword, Query: "abc"})
	if _, err := Compile(shared); err == nil {
		t.Error("a shared rule named like a client's: no error")
	}
}

func TestCompileDefaults(t *testing.T) {
	s, err := Compile([]Rule{
		{Name: "k", Type: TypeKeyword, Query: "abc"},
		{Name: "s", Type: TypeSentiment},
		{Name: "p", Type: TypeSpike},
		{Name: "r", Type: TypeRepeatOffender, Count: 3},
	})
	if err != nil {
		t.Fatal(err)
	}
	rs := s.Rules()
	if rs[0].Severity != core.SeverityWarning {
		t.Errorf("default severity %q", rs[0].Severity)
	}
	if rs[1].Threshold == nil || *rs[1].Threshold != DefaultThreshold {
		t.Errorf("default threshold %v", rs[1].Threshold)
	}
	if rs[2].BaselineHours != 24 || rs[2].Factor != 3 || rs[2].MinCount != 10 {
		t.Errorf("spike defaults %+v", rs[2])
	}
	if rs[3].Period != 30*24*time.Hour {
		t.Errorf("offender period %v", rs[3].Period)
	}
}
