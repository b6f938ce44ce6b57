package core

import "time"

// Clock tells the time. Everything that reads the time takes one, so tests
// can drive time without sleeping.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real wall clock, in UTC.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }
