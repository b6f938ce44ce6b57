package serve

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// fakeClock moves only when told to, and fires the timers that fall due.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	c       *fakeClock
	at      time.Time
	f       func()
	stopped bool
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := !t.stopped
	t.stopped = true
	return was
}

// Timers counts the timers armed and not stopped or fired.
func (c *fakeClock) Timers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, t := range c.timers {
		if !t.stopped {
			n++
		}
	}
	return n
}

// Advance moves the time and runs every timer due, in order, outside the
// lock (a timer may arm another).
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	for {
		t := c.nextDue()
		if t == nil {
			return
		}
		t.f()
	}
}

func (c *fakeClock) nextDue() *fakeTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	var due *fakeTimer
	for _, t := range c.timers {
		if !t.stopped && !t.at.After(c.now) && (due == nil || t.at.Before(due.at)) {
			due = t
		}
	}
	if due != nil {
		due.stopped = true
	}
	return due
}

func TestWatchdogFiresAfterTimeoutWithoutInput(t *testing.T) {
	clock := newFakeClock()
	var fired atomic.Int32
	w := startWatchdog(clock, 30*time.Minute, func() { fired.Add(1) })
	clock.Advance(29 * time.Minute)
	if fired.Load() != 0 {
		t.Fatal("fired before the timeout")
	}
	clock.Advance(time.Minute)
	if fired.Load() != 1 {
		t.Fatalf("fired %d times at the timeout, want once", fired.Load())
	}
	clock.Advance(time.Hour)
	w.Touch()
	clock.Advance(time.Hour)
	if fired.Load() != 1 {
		t.Fatalf("fired %d times, want once", fired.Load())
	}
}

func TestWatchdogInputPostponesIt(t *testing.T) {
	clock := newFakeClock()
	var fired atomic.Int32
	w := startWatchdog(clock, 30*time.Minute, func() { fired.Add(1) })
	clock.Advance(20 * time.Minute)
	w.Touch()
	clock.Advance(20 * time.Minute) // 40 min since start, 20 since the key
	if fired.Load() != 0 {
		t.Fatal("fired although there was input 20 minutes ago")
	}
	clock.Advance(10 * time.Minute) // 30 since the key
	if fired.Load() != 1 {
		t.Fatal("did not fire 30 minutes after the last input")
	}
}

func TestWatchdogStopAndNever(t *testing.T) {
	clock := newFakeClock()
	var fired atomic.Int32
	w := startWatchdog(clock, time.Minute, func() { fired.Add(1) })
	w.Stop()
	clock.Advance(time.Hour)
	if fired.Load() != 0 {
		t.Fatal("fired after Stop")
	}
	if startWatchdog(clock, 0, func() { fired.Add(1) }) != nil {
		t.Fatal("a zero timeout should arm nothing")
	}
	var never *watchdog
	never.Touch()
	never.Stop()
}

// Only the person's input counts: a resize, a terminal's reply or a
// program's own message is not someone at the keyboard.
func TestFilterFeedsTheWatchdogOnInputOnly(t *testing.T) {
	clock := newFakeClock()
	var fired atomic.Int32
	st := &session{}
	st.dog = startWatchdog(clock, time.Minute, func() { fired.Add(1) })
	for _, msg := range []tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}, tea.BackgroundColorMsg{}, note("new item")} {
		clock.Advance(20 * time.Second)
		if got := st.filter(nil, msg); got != msg {
			t.Errorf("filter changed %T", msg)
		}
	}
	if fired.Load() != 1 {
		t.Fatal("non-input messages kept the session alive")
	}

	fired.Store(0)
	st.dog = startWatchdog(clock, time.Minute, func() { fired.Add(1) })
	for _, msg := range []tea.Msg{tea.KeyPressMsg{Code: 'j'}, tea.MouseClickMsg{}, tea.PasteMsg{Content: "x"}} {
		clock.Advance(40 * time.Second)
		st.filter(nil, msg)
	}
	if fired.Load() != 0 {
		t.Fatal("keys, clicks and pastes did not keep the session alive")
	}
	if _, ok := st.filter(nil, tea.SuspendMsg{}).(tea.ResumeMsg); !ok {
		t.Error("a served program must not suspend")
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "30m", 2 * time.Hour: "2h", 90 * time.Minute: "1h30m",
		300 * time.Millisecond: "300ms", 45 * time.Second: "45s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
