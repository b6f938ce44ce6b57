package config

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

const calendarFile = `
calendar:
  late_limit: 45m
clients:
  - slug: fournil
    accounts:
      - provider: demo
        handle: "@lefournil"
        slots: ["weekdays 09:00", "mon,wed,fri 12:30", "sat 10:00"]
      - provider: demo
        handle: "@lefournil_fr"
        slots: mon,wed,fri 12:30
`

// The file's slots and late limit reach the Config, parsed as written: a
// comma inside a slot does not split it, even given as one bare value.
func TestLoadCalendarSettings(t *testing.T) {
	c, _, err := Load(Options{File: writeConfig(t, calendarFile), Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.LateLimit(); got != 45*time.Minute {
		t.Errorf("LateLimit = %v, want 45m", got)
	}
	first := c.Clients[0].Accounts[0]
	want := []string{"weekdays 09:00", "mon,wed,fri 12:30", "sat 10:00"}
	if !slices.Equal(first.Slots, want) {
		t.Fatalf("slots = %q, want %q", first.Slots, want)
	}
	slots := first.QueueSlots()
	if len(slots) != 3 || slots[1].String() != "mon,wed,fri 12:30" || !slots[2].Days[time.Saturday] || slots[2].Hour != 10 {
		t.Fatalf("QueueSlots = %v", slots)
	}
	bare := c.Clients[0].Accounts[1]
	if !slices.Equal(bare.Slots, []string{"mon,wed,fri 12:30"}) {
		t.Fatalf("a bare slot = %q, want one slot", bare.Slots)
	}
}

func TestLateLimit(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
	}{
		{"", DefaultLateLimit},
		{"2h", 2 * time.Hour},
		{"90m", 90 * time.Minute},
		{"never", NeverLate},
		{" Never ", NeverLate},
		{"-1h", NeverLate},
		{"0", NeverLate}, // no lateness at all; 0 must not mean the engine's default
	} {
		c := &Config{Calendar: Calendar{LateLimit: tt.in}}
		if got := c.LateLimit(); got != tt.want {
			t.Errorf("LateLimit(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if tt.want == NeverLate && c.LateLimit() >= 0 {
			t.Errorf("LateLimit(%q) must be negative for the engine", tt.in)
		}
	}
}

func TestValidateCalendarProblems(t *testing.T) {
	tests := []struct {
		name    string
		breakIt func(c *Config)
		want    []Problem
	}{
		{"late limit not a duration", func(c *Config) { c.Calendar.LateLimit = "soon" },
			[]Problem{{Path: "calendar.late_limit", Message: `"soon" is not a duration (write a duration such as 2h or 30m, or "never" to never publish late)`}}},
		{"late limit without unit", func(c *Config) { c.Calendar.LateLimit = "2" },
			[]Problem{{Path: "calendar.late_limit", Message: `"2" is not a duration (write a duration such as 2h or 30m, or "never" to never publish late)`}}},
		{"bad day", func(c *Config) {
			c.Clients[1].Accounts[0].Slots = []string{"weekdays 09:00", "sat 10:00", "weekday 09:00"}
		},
			[]Problem{{Path: "clients[1].accounts[0].slots[2]", Message: `slot "weekday 09:00": "weekday" is not a day (mon…sun, lun…dim, weekdays, daily) (write [days] HH:MM, e.g. "weekdays 09:00", "mon,wed,fri 12:30" or "sat 10:00")`}}},
		{"bad time", func(c *Config) { c.Clients[0].Accounts[1].Slots = []string{"mon 25:00"} },
			[]Problem{{Path: "clients[0].accounts[1].slots[0]", Message: `slot "mon 25:00": "25:00" is not a time of day (HH:MM or 9h30) (write [days] HH:MM, e.g. "weekdays 09:00", "mon,wed,fri 12:30" or "sat 10:00")`}}},
		{"too many words", func(c *Config) { c.Clients[0].Accounts[0].Slots = []string{"every monday 9:00"} },
			[]Problem{{Path: "clients[0].accounts[0].slots[0]", Message: `slot "every monday 9:00": want [days] HH:MM, e.g. "weekdays 09:00"`}}},
		{"same slot twice", func(c *Config) { c.Clients[0].Accounts[0].Slots = []string{"weekdays 09:00", "mon-fri 9h"} },
			[]Problem{{Path: "clients[0].accounts[0].slots[1]", Message: `"mon-fri 9h" is the same slot as slots[0] (keep one)`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.breakIt(c)
			err := c.Validate(knownProviders)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if !slices.Equal(ve.Problems, tt.want) {
				t.Fatalf("problems:\n got %q\nwant %q", ve.Problems, tt.want)
			}
		})
	}
}

// A problem in the file names the slot's line, so the user finds it.
func TestLoadCalendarProblemsNameTheLine(t *testing.T) {
	body := strings.Replace(calendarFile, `"sat 10:00"`, `"sam 25h"`, 1)
	body = strings.Replace(body, "late_limit: 45m", "late_limit: 45", 1)
	p := writeConfig(t, body)
	_, _, err := Load(Options{File: p, Env: fakeEnv(t, nil), Known: knownProviders})
	if err == nil {
		t.Fatal("bad slot and late limit accepted")
	}
	for _, want := range []string{
		p + ":3: calendar.late_limit: \"45\" is not a duration",
		p + ":9: clients[0].accounts[0].slots[2]: slot \"sam 25h\"",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestCalendarSchema(t *testing.T) {
	p := writeConfig(t, "calendar:\n  late_limt: 2h\n")
	_, _, err := Load(Options{File: p, Env: fakeEnv(t, nil)})
	if err == nil || !strings.Contains(err.Error(), `calendar.late_limt: unknown key (did you mean "late_limit"?)`) {
		t.Fatalf("err = %v, want the typo named", err)
	}
}

// Every demo client's slots parse, and each client has some: "next free
// slot" works on the demo out of the box.
func TestDemoSlots(t *testing.T) {
	d := DemoDefaults()
	for _, slug := range []string{"pixelforge", "fournil", "ironpulse", "banque-lumen"} {
		specs := d.Slots[slug]
		if len(specs) == 0 {
			t.Errorf("%s has no slots", slug)
		}
		ps := &problems{}
		validateSlots(ps, slug, specs)
		if len(ps.list) > 0 {
			t.Errorf("%s: %v", slug, ps.list)
		}
		if got := parseSlots(specs); len(got) != len(specs) {
			t.Errorf("%s: %d of %d slots parse", slug, len(got), len(specs))
		}
	}
	if _, ok := core.NextFreeSlot(parseSlots(d.Slots["fournil"]), time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC), time.UTC, nil); !ok {
		t.Error("no next slot for the demo bakery")
	}
}
