package mastodon

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"cmdeck/core"
)

func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>a<br>b</p>", "<script>x", "<a href='x'>@<span>bob</span></a>", "&#x202e;\x1b[2J", "<<<>>>", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToText(s)
		if strings.ContainsRune(out, '\x1b') || strings.ContainsRune(out, '\u202e') {
			t.Errorf("control character survived: %q", out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("invalid UTF-8 from valid input: %q", out)
		}
	})
}

func FuzzDecodeNotifications(f *testing.F) {
	f.Add(`[{"id":"1","type":"mention","created_at":"2026-11-20T10:00:00Z","account":{"id":"2","acct":"a"},"status":{"id":"3","content":"<p>x</p>","visibility":"direct","account":{"id":"2","acct":"a"}}}]`)
	f.Add(`[{"id":1}]`)
	f.Add(`[`)
	p := &Provider{}
	f.Fuzz(func(t *testing.T, body string) {
		var ns []Notification
		if json.Unmarshal([]byte(body), &ns) != nil {
			return
		}
		for _, n := range ns {
			if n.Status != nil {
				_ = p.item(*n.Status)
			}
		}
	})
}

func TestHostileDisplayName(t *testing.T) {
	f := newFake(t)
	eve := account("66", "eve", "\x1b]0;pwned\x07Eve\u202eevil\nline", 5)
	f.addMention(1, status("10", eve, "<p>hi</p>", "public", nil))
	p := f.provider(t, core.NewManualClock(t0))
	b, err := p.Fetch(context.Background(), "")
	if err != nil || len(b.Items) != 1 {
		t.Fatalf("%v %d", err, len(b.Items))
	}
	if got := b.Items[0].Author.Name; strings.ContainsAny(got, "\x1b\x07\u202e\n") {
		t.Errorf("name = %q", got)
	}
}
