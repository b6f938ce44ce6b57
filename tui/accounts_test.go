package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/tui/common"
)

// @ opens the accounts' health over the pane, @ or esc closes it, and
// :accounts (or :comptes) opens it from the command line.
func TestAccountsOverlayOpensAndCloses(t *testing.T) {
	for _, open := range [][]string{{"@"}, {":", "a", "c", "c", "o", "u", "n", "t", "s", "enter"},
		{":", "c", "o", "m", "p", "t", "e", "s", "enter"}} {
		d := newDeck(t, 80, 24, nil)
		d.press(open...)
		if len(d.overlays) != 1 || !strings.Contains(d.text(), "Accounts · 1 in backoff") {
			t.Fatalf("%v: accounts not open:\n%s", open, d.text())
		}
		for _, want := range []string{"@pixelforge", "287 until 10:20", "backoff until 10:12", "never synced"} {
			if !strings.Contains(d.text(), want) {
				t.Errorf("%v: overlay lacks %q:\n%s", open, want, d.text())
			}
		}
		if len(d.stub.keysGot()) != 0 {
			t.Errorf("%v: the pane got keys %v", open, d.stub.keysGot())
		}
		d.press("@")
		if len(d.overlays) != 0 {
			t.Fatalf("%v: @ did not close the overlay", open)
		}
	}
	d := newDeck(t, 80, 24, nil)
	d.press("@", "esc")
	if len(d.overlays) != 0 {
		t.Fatal("esc did not close the overlay")
	}
}

// The selected account shows its last error; one whose token was refused
// shows the command that connects it again, in red, as the config says
// its server is.
func TestAccountsOverlayDetails(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) {
		refuseToken(o)
		o.ReauthCommand = func(a core.Account) string {
			return "cmdeck account add mastodon --server https://social.dupre.fr"
		}
	})
	d.press("@", "j")
	text := d.text()
	for _, want := range []string{"Accounts · 1 to re-authorize", "re-authorize",
		"Error: mastodon: GET /api/v1/notifications: 401", "To fix: cmdeck account add mastodon --server https://social.dupre.fr"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay lacks %q:\n%s", want, text)
		}
	}
	d.press("k")
	if strings.Contains(d.text(), "To fix:") {
		t.Errorf("a healthy account shows a fix:\n%s", d.text())
	}
}

// A sync report reloads the open overlay: health is what syncs write.
func TestAccountsOverlayFollowsSyncs(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.press("@")
	if strings.Contains(d.text(), "re-authorize") {
		t.Fatal("re-authorize shown before any refusal")
	}
	d.src.refuseToken()
	d.send(common.SyncEvent{AccountID: 21, Handle: "@dupre", Err: errAuth, At: now, LeaseHeld: true})
	if !strings.Contains(d.text(), "1 to re-authorize") {
		t.Fatalf("the overlay did not follow the sync:\n%s", d.text())
	}
}

// While a token is refused the status bar says how to fix it, in 80
// columns, and keeps saying it; once a sync works again, it goes.
func TestReauthHintInTheStatusBar(t *testing.T) {
	d := newDeck(t, 80, 24, refuseToken)
	want := "⚠ re-authorize @dupre: cmdeck account add mastodon --server mastodon.social"
	if got := statusLine(d); !strings.Contains(got, want) {
		t.Fatalf("status bar %q, want %q", got, want)
	}
	d.clock.Advance(10 * time.Minute)
	d.send(common.SyncEvent{AccountID: 11, Handle: "@pixelforge", At: d.clock.Now(), LeaseHeld: true})
	if got := statusLine(d); !strings.Contains(got, want) {
		t.Fatalf("the hint went away after another account's sync: %q", got)
	}
	d.src.mu.Lock()
	d.src.health[1].LastError, d.src.health[1].ErrorClass = "", ""
	d.src.mu.Unlock()
	d.send(common.SyncEvent{AccountID: 21, Handle: "@dupre", At: d.clock.Now(), LeaseHeld: true})
	if got := statusLine(d); strings.Contains(got, "re-authorize") {
		t.Fatalf("the hint stayed after the account synced again: %q", got)
	}
}

// Several refused tokens: the hint names the first and counts the others;
// in French too.
func TestReauthHintCountsAndSpeaksFrench(t *testing.T) {
	d := newDeck(t, 120, 30, func(o *Options) {
		refuseToken(o)
		src := o.Source.(*fakeSource)
		src.health[2].Account.Provider, src.health[2].ErrorClass = "mastodon", "auth"
		o.Lang = "fr"
	})
	want := "⚠ réautorisez @dupre (+1) : cmdeck account add mastodon --server mastodon.social"
	if got := statusLine(d); !strings.Contains(got, want) {
		t.Fatalf("status bar %q, want %q", got, want)
	}
}

// A flash about a per-author action counts the authors, not the messages.
func TestMuteFlashCountsAuthors(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentMute, ItemIDs: []int64{1, 2, 3}},
		Outcome: common.Outcome{Applied: 3, ActionIDs: []int64{7, 8}, UndoUntil: now.Add(5 * time.Second)}})
	if got := statusLine(d); !strings.Contains(got, "2 authors muted · u to undo") {
		t.Fatalf("status bar %q", got)
	}
}

// errAuth is how a sync reports a refused token.
var errAuth = fmt.Errorf("mastodon: 401: %w", providers.ErrAuth)

// statusLine is the status bar's text.
func statusLine(d *deck) string {
	lines := strings.Split(d.text(), "\n")
	return lines[len(lines)-2]
}
