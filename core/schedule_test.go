package core

import (
	"testing"
	"time"
)

func TestParseSlot(t *testing.T) {
	cases := []struct{ in, want string }{
		{"weekdays 09:00", "weekdays 09:00"},
		{"mon-fri 9h", "weekdays 09:00"},
		{"lun-ven 12h30", "weekdays 12:30"},
		{"18:00", "daily 18:00"},
		{"daily 7:05", "daily 07:05"},
		{"mon,wed,fri 10:00", "mon,wed,fri 10:00"},
		{"sam-dim 10h", "sat,sun 10:00"},
		{"fri-mon 20:00", "mon,fri,sat,sun 20:00"},
	}
	for _, c := range cases {
		s, err := ParseSlot(c.in)
		if err != nil {
			t.Errorf("ParseSlot(%q): %v", c.in, err)
			continue
		}
		if got := s.String(); got != c.want {
			t.Errorf("ParseSlot(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"", "funday 9:00", "mon 25:00", "mon 9:7", "mon 9", "every mon 9:00", "mon-xyz 9:00"} {
		if _, err := ParseSlot(bad); err == nil {
			t.Errorf("ParseSlot(%q) accepted", bad)
		}
	}
}

func TestNextFreeSlot(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tzdata")
	}
	var slots []Slot
	for _, s := range []string{"weekdays 09:00", "weekdays 12:30", "weekdays 18:00"} {
		sl, _ := ParseSlot(s)
		slots = append(slots, sl)
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	// Tuesday 2026-11-24 10:00: next is 12:30 the same day.
	got, ok := NextFreeSlot(slots, at("2026-11-24 10:00"), paris, nil)
	if !ok || !got.Equal(at("2026-11-24 12:30")) {
		t.Errorf("next slot = %v, want 12:30", got)
	}
	// 12:30 taken: 18:00.
	taken := map[time.Time]bool{at("2026-11-24 12:30"): true}
	got, _ = NextFreeSlot(slots, at("2026-11-24 10:00"), paris, func(t time.Time) bool { return taken[t] })
	if !got.Equal(at("2026-11-24 18:00")) {
		t.Errorf("with 12:30 taken = %v, want 18:00", got)
	}
	// Friday evening: Monday 09:00 (weekends have no slot).
	got, _ = NextFreeSlot(slots, at("2026-11-27 19:00"), paris, nil)
	if !got.Equal(at("2026-11-30 09:00")) {
		t.Errorf("after Friday 19:00 = %v, want Monday 09:00", got)
	}
	// Across the autumn change (Sunday 2026-10-25): Monday's 09:00 is 09:00
	// local, i.e. 08:00 UTC instead of 07:00 UTC the Friday before.
	got, _ = NextFreeSlot(slots, at("2026-10-23 19:00"), paris, nil)
	if got.UTC().Hour() != 8 || got.In(paris).Hour() != 9 {
		t.Errorf("Monday after the autumn change = %v (UTC %v), want 09:00 local", got, got.UTC())
	}
	if _, ok := NextFreeSlot(nil, at("2026-11-24 10:00"), paris, nil); ok {
		t.Error("no slots gave a slot")
	}
	if _, ok := NextFreeSlot(slots, at("2026-11-24 10:00"), paris, func(time.Time) bool { return true }); ok {
		t.Error("a full queue gave a slot")
	}
}

func TestRecurrenceNext(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tzdata")
	}
	at := func(s string) time.Time {
		tm, _ := time.ParseInLocation("2006-01-02 15:04", s, paris)
		return tm
	}
	cases := []struct {
		r        Recurrence
		from, to string
	}{
		{RecurWeekly, "2026-10-21 09:00", "2026-10-28 09:00"}, // across the autumn change: still 09:00
		{RecurWeekly, "2026-03-25 09:00", "2026-04-01 09:00"}, // across the spring change
		{RecurMonthly, "2026-01-31 18:00", "2026-02-28 18:00"},
		{RecurMonthly, "2026-12-15 08:30", "2027-01-15 08:30"},
		{RecurWeekly, "2026-03-22 02:30", "2026-03-29 03:30"}, // 02:30 does not exist that day: moves on by the gap
	}
	for _, c := range cases {
		got, ok := c.r.Next(at(c.from), paris)
		if !ok || !got.Equal(at(c.to)) {
			t.Errorf("%s after %s = %v, want %s", c.r, c.from, got.In(paris), c.to)
		}
	}
	if _, ok := RecurNone.Next(at("2026-01-01 00:00"), paris); ok {
		t.Error("no recurrence gave a next time")
	}
	for in, want := range map[string]Recurrence{"hebdo": RecurWeekly, "Monthly": RecurMonthly, "": RecurNone} {
		if got, err := ParseRecurrence(in); err != nil || got != want {
			t.Errorf("ParseRecurrence(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseRecurrence("daily"); err == nil {
		t.Error("daily recurrence accepted")
	}
}
