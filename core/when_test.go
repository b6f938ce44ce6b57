package core

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	return loc
}

// at is a wall time in loc, "2006-01-02 15:04".
func at(t *testing.T, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// whenCase: input typed at now, and the wall time in Paris it must mean.
type whenCase struct {
	in, want string
}

func runWhen(t *testing.T, now string, cases []whenCase) {
	t.Helper()
	loc := paris(t)
	n := at(t, loc, now)
	for _, tc := range cases {
		t.Run(now+"/"+tc.in, func(t *testing.T) {
			got, err := ParseWhen(tc.in, n, loc)
			if err != nil {
				t.Fatalf("ParseWhen(%q) error: %v", tc.in, err)
			}
			if got.Location() != time.UTC {
				t.Errorf("result in %v, want UTC", got.Location())
			}
			if want := at(t, loc, tc.want); !got.Equal(want) {
				t.Errorf("ParseWhen(%q) = %s, want %s", tc.in, got.In(loc).Format("Mon 2006-01-02 15:04 MST"), want.Format("Mon 2006-01-02 15:04 MST"))
			}
		})
	}
}

// Now is Tuesday 24 November 2026, 10:15 in Paris.
func TestParseWhen(t *testing.T) {
	runWhen(t, "2026-11-24 10:15", []whenCase{
		// Durations.
		{"in 2h", "2026-11-24 12:15"}, {"dans 2h", "2026-11-24 12:15"}, {"+2h", "2026-11-24 12:15"},
		{"+ 2h", "2026-11-24 12:15"}, {"+30m", "2026-11-24 10:45"}, {"2h", "2026-11-24 12:15"},
		{"2h30", "2026-11-24 12:45"}, {"dans 1h30", "2026-11-24 11:45"}, {"in 90 minutes", "2026-11-24 11:45"},
		{"dans une heure", "2026-11-24 11:15"}, {"in an hour", "2026-11-24 11:15"}, {"30 min", "2026-11-24 10:45"},
		{"2 hours 30 min", "2026-11-24 12:45"}, {"dans 3 jours", "2026-11-27 10:15"}, {"in 2 weeks", "2026-12-08 10:15"},
		{"in 9h", "2026-11-24 19:15"}, {"+1d", "2026-11-25 10:15"},
		// Later, tonight.
		{"later", "2026-11-24 13:15"}, {"later today", "2026-11-24 13:15"}, {"Plus Tard", "2026-11-24 13:15"},
		{"tout à l'heure", "2026-11-24 13:15"}, {"Aujourd’hui", "2026-11-24 13:15"},
		{"tonight", "2026-11-24 18:00"}, {"ce soir", "2026-11-24 18:00"}, {"CE SOIR", "2026-11-24 18:00"},
		{"tonight 9pm", "2026-11-24 21:00"}, {"ce soir 8h", "2026-11-24 20:00"}, {"ce soir à 20h30", "2026-11-24 20:30"},
		// Tomorrow and parts of the day.
		{"tomorrow", "2026-11-25 09:00"}, {"demain", "2026-11-25 09:00"}, {"tomorrow 14:30", "2026-11-25 14:30"},
		{"demain 14h30", "2026-11-25 14:30"}, {"demain 14h", "2026-11-25 14:00"}, {"demain à 14h", "2026-11-25 14:00"},
		{"14h demain", "2026-11-25 14:00"}, {"demain 14", "2026-11-25 14:00"}, {"demain matin", "2026-11-25 09:00"},
		{"demain soir", "2026-11-25 18:00"}, {"Demain Après-Midi", "2026-11-25 14:00"}, {"demain après-midi 3h", "2026-11-25 15:00"},
		{"demain 8h du soir", "2026-11-25 20:00"}, {"après-demain", "2026-11-26 09:00"}, {"tomorrow at 2pm", "2026-11-25 14:00"},
		// Weekdays: the next such day, today if the time is ahead.
		{"fri 18h", "2026-11-27 18:00"}, {"ven. 18:00", "2026-11-27 18:00"}, {"vendredi", "2026-11-27 09:00"},
		{"lundi", "2026-11-30 09:00"}, {"monday 9am", "2026-11-30 09:00"}, {"Mon, 9 AM", "2026-11-30 09:00"},
		{"mardi 18h", "2026-11-24 18:00"}, {"mardi 9h", "2026-12-01 09:00"}, {"tuesday", "2026-12-01 09:00"},
		{"mardi prochain 18h", "2026-12-01 18:00"}, {"next tuesday", "2026-12-01 09:00"}, {"dim.", "2026-11-29 09:00"},
		{"next week", "2026-11-30 09:00"}, {"semaine prochaine", "2026-11-30 09:00"}, {"la semaine prochaine 14h", "2026-11-30 14:00"},
		// Dates, day first.
		{"2026-12-01 08:30", "2026-12-01 08:30"}, {"2026-12-01", "2026-12-01 09:00"}, {"01/12 8h30", "2026-12-01 08:30"},
		{"le 01/12 à 8h30", "2026-12-01 08:30"}, {"1/12/2026 8:30am", "2026-12-01 08:30"}, {"1/12/26", "2026-12-01 09:00"},
		{"12/01 8:30am", "2027-01-12 08:30"}, {"24/11 18h", "2026-11-24 18:00"}, {"23/11", "2027-11-23 09:00"},
		// A time alone: today if ahead, else tomorrow.
		{"9:00", "2026-11-25 09:00"}, {"9h", "2026-11-25 09:00"}, {"18h30", "2026-11-24 18:30"},
		{"12:00", "2026-11-24 12:00"}, {"8pm", "2026-11-24 20:00"}, {"8 pm", "2026-11-24 20:00"},
		{"12am", "2026-11-25 00:00"}, {"12pm", "2026-11-24 12:00"}, {"midi", "2026-11-24 12:00"},
		{"minuit", "2026-11-25 00:00"}, {"à 14h", "2026-11-24 14:00"}, {"at 14", "2026-11-24 14:00"},
		{"  Demain   14H30  ", "2026-11-25 14:30"},
	})
}

// "later" never goes past 20:00, and "tonight" after 18:00 is 21:00.
func TestParseWhenEvening(t *testing.T) {
	runWhen(t, "2026-11-24 17:00", []whenCase{{"later", "2026-11-24 20:00"}, {"tonight", "2026-11-24 18:00"}})
	runWhen(t, "2026-11-24 17:01", []whenCase{{"later", "2026-11-25 09:00"}})
	runWhen(t, "2026-11-24 19:00", []whenCase{{"tonight", "2026-11-24 21:00"}, {"plus tard", "2026-11-25 09:00"}, {"18h", "2026-11-25 18:00"}})
	runWhen(t, "2026-11-24 23:30", []whenCase{{"later", "2026-11-25 09:00"}, {"demain", "2026-11-25 09:00"}, {"in 1h", "2026-11-25 00:30"}})
	runWhen(t, "2026-11-25 01:00", []whenCase{{"later", "2026-11-25 04:00"}})
}

// Clocks go forward at 02:00 on Sunday 29 March 2026 and back at 03:00 on
// Sunday 25 October 2026 in Paris.
func TestParseWhenDST(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		now, in string
		wantUTC string // "2006-01-02 15:04" in UTC
	}{
		// Spring: the night has 23 hours.
		{"2026-03-28 22:00", "demain", "2026-03-29 07:00"},           // 09:00 CEST
		{"2026-03-28 10:00", "+1d", "2026-03-29 08:00"},              // 10:00 CEST: a calendar day, 23h later
		{"2026-03-28 10:00", "in 24h", "2026-03-29 09:00"},           // 11:00 CEST: elapsed time
		{"2026-03-28 10:00", "demain 2h30", "2026-03-29 01:30"},      // 02:30 never happens: 03:30 CEST
		{"2026-03-29 01:30", "in 2h", "2026-03-29 02:30"},            // 04:30 CEST
		{"2026-03-29 01:00", "later", "2026-03-29 03:00"},            // 05:00 CEST
		{"2026-03-29 01:00", "9:00", "2026-03-29 07:00"},             // today, 09:00 CEST
		{"2026-03-27 12:00", "lundi", "2026-03-30 07:00"},            // 09:00 CEST
		{"2026-03-27 12:00", "next week", "2026-03-30 07:00"},        // 09:00 CEST
		{"2026-03-28 12:00", "2026-03-29 02:30", "2026-03-29 01:30"}, // in the gap
		// Autumn: the night has 25 hours.
		{"2026-10-24 12:00", "demain 9h", "2026-10-25 08:00"},   // 09:00 CET
		{"2026-10-24 12:00", "demain 2h30", "2026-10-25 00:30"}, // the first 02:30 (CEST)
		{"2026-10-24 12:00", "+1d", "2026-10-25 11:00"},         // 12:00 CET, 25h later
		{"2026-10-24 12:00", "in 24h", "2026-10-25 10:00"},      // 11:00 CET
		{"2026-10-25 01:30", "in 2h", "2026-10-25 01:30"},       // 02:30 CET
		{"2026-10-25 01:30", "ce soir", "2026-10-25 17:00"},     // 18:00 CET
		{"2026-10-24 12:00", "dim. 18h", "2026-10-25 17:00"},    // 18:00 CET
		{"2026-10-24 23:00", "later", "2026-10-25 08:00"},       // tomorrow 09:00 CET
		{"2026-10-24 12:00", "25/10 02:30", "2026-10-25 00:30"}, // the first 02:30
		{"2026-10-24 12:00", "semaine prochaine", "2026-10-26 08:00"},
	}
	for _, tc := range tests {
		t.Run(tc.now+"/"+tc.in, func(t *testing.T) {
			got, err := ParseWhen(tc.in, at(t, loc, tc.now), loc)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := time.Parse("2006-01-02 15:04", tc.wantUTC)
			if !got.Equal(want) {
				t.Errorf("got %s (%s), want %s UTC", got.Format("2006-01-02 15:04"), got.In(loc).Format("15:04 MST"), tc.wantUTC)
			}
		})
	}
}

func TestParseWhenErrors(t *testing.T) {
	loc := paris(t)
	now := at(t, loc, "2026-11-24 10:15")
	tests := []struct {
		in    string
		kind  WhenErrorKind
		token string
	}{
		{"", WhenEmpty, ""},
		{"   ", WhenEmpty, ""},
		{"blah", WhenUnknown, "blah"},
		{"demain blah", WhenUnknown, "blah"},
		{"in blah", WhenUnknown, "blah"},
		{"dans", WhenUnknown, "dans"},
		{"in 2", WhenUnknown, "2"},
		{"14", WhenUnknown, "14"},
		{"demain demain", WhenUnknown, "demain"},
		{"demain 14h 15h", WhenUnknown, "15h"},
		{"lundi mardi", WhenUnknown, "mardi"},
		{"à", WhenUnknown, "a"},
		{"25h", WhenInvalid, "25h"},
		{"9:75", WhenInvalid, "9:75"},
		{"13pm", WhenInvalid, "13pm"},
		{"31/02", WhenInvalid, "31/02"},
		{"13/13", WhenInvalid, "13/13"},
		{"2026-02-30", WhenInvalid, "2026-02-30"},
		{"in 9999h", WhenInvalid, "9999h"},
		{"today 9h", WhenPast, ""},
		{"ce matin", WhenPast, ""},
		{"+0m", WhenPast, ""},
		{"2020-01-01", WhenPast, ""},
		{strings.Repeat("demain ", 30), WhenUnknown, "…"},
		{"\x1b[31mdemain", WhenUnknown, "\x1b[31mdemain"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseWhen(tc.in, now, loc)
			var we *WhenError
			if !errors.As(err, &we) {
				t.Fatalf("ParseWhen(%q) = %v, %v; want a *WhenError", tc.in, got, err)
			}
			if we.Kind != tc.kind || we.Token != tc.token {
				t.Errorf("kind %d token %q, want kind %d token %q", we.Kind, we.Token, tc.kind, tc.token)
			}
			// The message names what was not understood and gives two examples.
			msg := err.Error()
			if !strings.Contains(msg, `"tomorrow 9:00"`) || !strings.Contains(msg, `"in 2h"`) {
				t.Errorf("message without examples: %s", msg)
			}
			if tc.token != "" && !strings.Contains(msg, strconv.Quote(tc.token)) {
				t.Errorf("message %q does not name %q", msg, tc.token)
			}
		})
	}
}

// A nil zone is UTC, not a crash.
func TestParseWhenNilLocation(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	got, err := ParseWhen("demain 14h", now, nil)
	if err != nil || !got.Equal(time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)) {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestSnoozePresets(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		now  string
		want []string // label, wall time in Paris
	}{
		{"2026-11-24 10:15", []string{PresetLater, "2026-11-24 13:15", PresetTonight, "2026-11-24 18:00", PresetTomorrow, "2026-11-25 09:00", PresetNextWeek, "2026-11-30 09:00"}},
		// Evening: "later today" would be tomorrow, so it is left out; tonight is 21:00.
		{"2026-11-24 18:30", []string{PresetTonight, "2026-11-24 21:00", PresetTomorrow, "2026-11-25 09:00", PresetNextWeek, "2026-11-30 09:00"}},
		// 15:00: later today is 18:00, the same as tonight, which is left out.
		{"2026-11-24 15:00", []string{PresetLater, "2026-11-24 18:00", PresetTomorrow, "2026-11-25 09:00", PresetNextWeek, "2026-11-30 09:00"}},
		// Sunday night: tomorrow is next Monday.
		{"2026-11-29 22:00", []string{PresetTomorrow, "2026-11-30 09:00"}},
		// The day before clocks go back.
		{"2026-10-24 12:00", []string{PresetLater, "2026-10-24 15:00", PresetTonight, "2026-10-24 18:00", PresetTomorrow, "2026-10-25 09:00", PresetNextWeek, "2026-10-26 09:00"}},
	}
	for _, tc := range tests {
		t.Run(tc.now, func(t *testing.T) {
			got := SnoozePresets(at(t, loc, tc.now), loc)
			var flat []string
			for _, p := range got {
				if p.Time.Location() != time.UTC {
					t.Errorf("%s not in UTC", p.Label)
				}
				flat = append(flat, p.Label, p.Time.In(loc).Format("2006-01-02 15:04"))
			}
			if strings.Join(flat, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("got  %v\nwant %v", flat, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Crème Brûlée":    "creme brulee",
		"ÉTÉ":             "ete",
		"Œuvre, Æther":    "oeuvre, aether",
		"Straße":          "strasse",
		"aujourd’hui":     "aujourd'hui",
		"Cre\u0300me":     "creme", // decomposed è
		"東京 🎉":            "東京 🎉",
		"ÇA VA, François": "ca va, francois",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// Whatever is typed, ParseWhen returns a future UTC time or a *WhenError,
// never a panic.
func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{"in 2h", "demain 14h30", "ven. 18:00", "01/12 8h30", "2026-12-01 08:30", "+1h30", "12/01 8:30am", "ce soir 8h", "a a a", "1h99", "::", "h", "+"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 24, 9, 15, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		loc, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			t.Skip()
		}
		got, err := ParseWhen(s, now, loc)
		if err != nil {
			var we *WhenError
			if !errors.As(err, &we) {
				t.Fatalf("%q: %T %v", s, err, err)
			}
			return
		}
		if !got.After(now) || got.Location() != time.UTC {
			t.Fatalf("%q: %v", s, got)
		}
	})
}
