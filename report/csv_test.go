package report

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

// readCSV parses the report's CSV into its sections (rows without the
// section column), checking the byte-order mark.
func readCSV(t *testing.T) (map[string][][]string, []string) {
	t.Helper()
	var b bytes.Buffer
	if err := CSV(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	data, ok := strings.CutPrefix(b.String(), "\uFEFF")
	if !ok {
		t.Fatal("no byte-order mark")
	}
	r := csv.NewReader(strings.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][][]string{}
	var order []string
	for _, row := range rows {
		if _, seen := sections[row[0]]; !seen {
			order = append(order, row[0])
		}
		sections[row[0]] = append(sections[row[0]], row[1:])
	}
	return sections, order
}

func TestCSV(t *testing.T) {
	s, order := readCSV(t)
	want := []string{"figures", "days", "kinds", "tags", "contributors", "influencers", "posts", "accounts"}
	if !reflect.DeepEqual(order, want) {
		t.Fatalf("sections %v, want %v", order, want)
	}
	find := func(section, key string) []string {
		for _, row := range s[section] {
			if row[0] == key {
				return row
			}
		}
		t.Fatalf("%s: no row %q", section, key)
		return nil
	}
	if got := find("figures", "received"); !reflect.DeepEqual(got, []string{"received", "1200", "1000", "0.2"}) {
		t.Errorf("received = %v", got)
	}
	if got := find("figures", "first_response_business_median_s"); !reflect.DeepEqual(got, []string{"first_response_business_median_s", "1800", "n/a", "n/a"}) {
		t.Errorf("business median = %v", got)
	}
	if got := s["days"][0]; !reflect.DeepEqual(got, []string{"date", "received", "comment", "mention", "replies", "positive", "neutral", "negative", "net_sentiment", "followers"}) {
		t.Errorf("days header = %v", got)
	}
	if got := find("days", "2026-10-04"); got[8] != "n/a" || got[9] != "n/a" || got[1] != "33" {
		t.Errorf("4 October = %v", got)
	}
	if len(s["days"]) != 32 {
		t.Errorf("%d day rows, want a header and 31", len(s["days"]))
	}
	// Formulas from the networks are defused; plain handles are not.
	if got := s["influencers"][1][3]; !strings.HasPrefix(got, "'=HYPERLINK") {
		t.Errorf("formula name = %q", got)
	}
	if got := s["contributors"][2][2]; got != "@camille" {
		t.Errorf("handle = %q", got)
	}
	if got := s["posts"][1]; got[0] != "2026-10-03T02:00:00Z" || got[5] != "n/a" || got[7] != "https://chirper.example/p/1" {
		t.Errorf("post = %v", got)
	}
}

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+33": "'+33", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"@camille": "@camille", "idée": "idée", "": ""} {
		if got := safeText(in); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
}
