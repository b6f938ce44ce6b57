package serve

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

// A refused connection is logged in words, not the SSH library's.
func TestFailureText(t *testing.T) {
	tests := map[string]struct {
		err  error
		want string
	}{
		"unknown key": {errors.New("[ssh: no auth passed yet, permission denied]"), "no key it offered is authorized"},
		"hung up":     {fmt.Errorf("reading version: %w", io.EOF), "the client hung up before logging in"},
		"other":       {errors.New("ssh: unexpected message type 3\x1b[31m"), "ssh: unexpected message type 3"},
	}
	for name, tt := range tests {
		if got := failureText(tt.err); got != tt.want {
			t.Errorf("%s: %q, want %q", name, got, tt.want)
		}
	}
}
