package core

import "testing"

// FuzzSanitize checks, for any input, that Sanitize and SanitizeLine emit
// no control bytes, C1 or bidi runes, stay within their limits, are
// idempotent, and that the allocation-free fast path agrees with the full
// pass. Run: go test -fuzz FuzzSanitize -fuzztime 30s ./core/
func FuzzSanitize(f *testing.F) {
	for _, tc := range hostileCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSanitized(t, in, Sanitize(in), MaxBodyBytes)
		checkLine(t, in, SanitizeLine(in))
		small, _ := sanitize(in, 24)
		checkSanitized(t, in, small, 24)
	})
}
