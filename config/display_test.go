package config

import (
	"strings"
	"testing"
)

// display.low_bandwidth: auto follows SSH, on and off (and YAML's
// booleans) force it, anything else names the key and the choices.
func TestDisplayLowBandwidth(t *testing.T) {
	for _, tc := range []struct {
		value            string
		overSSH, locally bool
	}{
		{"", true, false},
		{"auto", true, false},
		{"on", true, true},
		{"true", true, true},
		{"off", false, false},
		{"false", false, false},
		{"OFF", false, false},
	} {
		body := minimal
		if tc.value != "" {
			body += "display:\n  low_bandwidth: " + tc.value + "\n"
		}
		c, _, err := Load(Options{File: writeConfig(t, body), Env: fakeEnv(t, nil), Known: knownProviders})
		if err != nil {
			t.Fatalf("%q: %v", tc.value, err)
		}
		if got := c.Display.Lite(true); got != tc.overSSH {
			t.Errorf("%q over SSH: lite %v, want %v", tc.value, got, tc.overSSH)
		}
		if got := c.Display.Lite(false); got != tc.locally {
			t.Errorf("%q locally: lite %v, want %v", tc.value, got, tc.locally)
		}
	}
	body := minimal + "display:\n  low_bandwidth: sometimes\n"
	_, _, err := Load(Options{File: writeConfig(t, body), Env: fakeEnv(t, nil), Known: knownProviders})
	if err == nil || !strings.Contains(err.Error(), `display.low_bandwidth: "sometimes" is not a choice (auto, on or off)`) {
		t.Fatalf("err = %v", err)
	}
}
