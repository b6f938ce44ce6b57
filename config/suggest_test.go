package config

import "testing"

func TestDidYouMean(t *testing.T) {
	keys := []string{"slug", "name", "color", "accounts"}
	tests := []struct {
		got        string
		candidates []string
		want       string
	}{
		{"acounts", keys, ` (did you mean "accounts"?)`},
		{"colour", keys, ` (did you mean "color"?)`},
		{"Name", keys, ` (did you mean "name"?)`},
		{"slg", keys, ` (did you mean "slug"?)`},
		{"website", keys, ""},
		{"x", keys, ""},
		{"mastdon", []string{"demo", "mastodon"}, ` (did you mean "mastodon"?)`},
		{"anything", nil, ""},
		{"", keys, ""},
	}
	for _, tt := range tests {
		if got := didYouMean(tt.got, tt.candidates); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
}
