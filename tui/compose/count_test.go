package compose

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"empty", "", 0},
		{"ascii", "Merci !", 7},
		{"precomposed accents", "crème brûlée", 12},
		{"combining accents", "cre\u0300me", 5},
		{"emoji", "👍", 1},
		{"skin tone", "👍🏽", 1},
		{"ZWJ family", "👨\u200d👩\u200d👧\u200d👦", 1},
		{"flag", "🇫🇷", 1},
		{"keycap", "1\ufe0f\u20e3", 1},
		{"CJK", "你好世界", 4},
		{"Japanese", "ありがとう", 5},
		{"mixed", "Merci 🥐 !", 9},
		{"newline", "a\nb", 3},
		{"CRLF is one", "a\r\nb", 3},
	}
	for _, tt := range tests {
		if got := Count(tt.text); got != tt.want {
			t.Errorf("%s: Count(%q) = %d, want %d", tt.name, tt.text, got, tt.want)
		}
	}
}
