package providers

import "testing"

func TestParseServiceURL(t *testing.T) {
	for _, ok := range []string{"https://mastodon.social", "https://pds.example.com/", "http://localhost:2583",
		"http://127.0.0.1:8080", "http://[::1]:9"} {
		if _, err := ParseServiceURL("x", "server", ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "mastodon.social", "http://mastodon.social", "http://localhost.evil.example",
		"https://user:pw@host", "https://host/?token=1", "https://host/#frag", "ftp://host"} {
		if _, err := ParseServiceURL("x", "server", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestIsLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:993": true, "localhost:25": true, "[::1]:143": true,
		"mail.example:993": false, "127.0.0.1": false, "localhost.evil:25": false} {
		if got := IsLoopbackAddr(addr); got != want {
			t.Errorf("%q: %v, want %v", addr, got, want)
		}
	}
}
