package serve

import (
	"sync"
	"time"
)

// Clock tells the time and starts timers. The server takes one so the idle
// timeout and the handshake deadline can be tested without waiting for them.
type Clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a started timer; *time.Timer is one.
type Timer interface {
	Stop() bool
}

// systemClock is the real clock.
type systemClock struct{}

func (systemClock) Now() time.Time                            { return time.Now() }
func (systemClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// watchdog calls onIdle once when no input was seen for timeout. Input only
// records a time: the timer is not reset on every key press, it looks at
// that time when it fires and sleeps again for what is left. Output never
// feeds it, so new items arriving do not keep an abandoned session open.
type watchdog struct {
	clock   Clock
	timeout time.Duration
	onIdle  func()

	mu      sync.Mutex
	last    time.Time
	timer   Timer
	stopped bool
}

// startWatchdog arms a watchdog; a timeout <= 0 returns nil, a watchdog
// that never fires (its methods accept a nil receiver).
func startWatchdog(clock Clock, timeout time.Duration, onIdle func()) *watchdog {
	if timeout <= 0 {
		return nil
	}
	w := &watchdog{clock: clock, timeout: timeout, onIdle: onIdle, last: clock.Now()}
	w.mu.Lock()
	w.timer = clock.AfterFunc(timeout, w.check)
	w.mu.Unlock()
	return w
}

// Touch records input now.
func (w *watchdog) Touch() {
	if w == nil {
		return
	}
	now := w.clock.Now()
	w.mu.Lock()
	if now.After(w.last) {
		w.last = now
	}
	w.mu.Unlock()
}

// Stop disarms the watchdog; onIdle is not called after it returns.
func (w *watchdog) Stop() {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	if w.timer != nil {
		w.timer.Stop()
	}
}

// check runs when the timer fires: idle long enough ends the session,
// otherwise the timer waits for the rest of the timeout since the last input.
func (w *watchdog) check() {
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		return
	}
	idle := w.clock.Now().Sub(w.last)
	if idle < w.timeout {
		w.timer = w.clock.AfterFunc(w.timeout-idle, w.check)
		w.mu.Unlock()
		return
	}
	w.stopped = true
	w.mu.Unlock()
	w.onIdle()
}
