package health

import (
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
)

var now = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

func acct(handle string) core.Account {
	return core.Account{ClientSlug: "fournil", Provider: "mastodon", Network: "mastodon", Handle: handle}
}

// Every state, as words and as a level, in both languages; the most urgent
// state wins when several apply.
func TestRows(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	hs := []store.AccountHealth{
		{Account: acct("@ok@m.social"), ClientName: "Le Fournil", LastSuccess: now.Add(-5 * time.Minute),
			RateRemaining: 287, RateReset: now.Add(20 * time.Minute)},
		{Account: acct("@auth@m.social"), ClientName: "Le Fournil", LastSuccess: now.Add(-26 * time.Hour),
			LastError: "mastodon: GET /api/v1/notifications: 401: The access token is invalid", ErrorClass: "auth",
			BackoffUntil: now.Add(time.Hour), RateRemaining: -1},
		{Account: acct("@slow@m.social"), ClientName: "Le Fournil", LastSuccess: now.Add(-2 * time.Hour),
			LastError: "dial tcp: i/o timeout", ErrorClass: "transient", Failures: 3,
			BackoffUntil: now.Add(35 * time.Minute), RateRemaining: 10, RateReset: now.Add(-time.Minute)},
		{Account: acct("@new@m.social"), ClientName: "Le Fournil", RateRemaining: -1},
		{Account: acct("@flaky@m.social"), ClientName: "Le Fournil", LastSuccess: now.Add(-time.Minute),
			LastError: "line one\nline \x1b[31mtwo", ErrorClass: "transient", RateRemaining: -1},
	}
	tests := []struct {
		lang                         i18n.Lang
		state, lastOK, errText, rate []string
	}{
		{i18n.EN,
			[]string{"ok", "re-authorize", "backoff until 11:05", "never synced", "failing, retrying"},
			[]string{"5m", "1d", "2h", "–", "1m"},
			[]string{"", "mastodon: GET /api/v1/notifications: 401: The access token is invalid", "dial tcp: i/o timeout", "", "line one line two"},
			[]string{"287 until 10:50", "–", "–", "–", "–"}},
		{i18n.FR,
			[]string{"ok", "à réautoriser", "en pause jusqu'à 11:05", "jamais synchronisé", "en échec, nouvel essai"},
			[]string{"5m", "1d", "2h", "–", "1m"},
			[]string{"", "mastodon: GET /api/v1/notifications: 401: The access token is invalid", "dial tcp: i/o timeout", "", "line one line two"},
			[]string{"287 jusqu'à 10:50", "–", "–", "–", "–"}},
	}
	levels := []Level{LevelOK, LevelBad, LevelWarn, LevelOK, LevelWarn}
	states := []State{StateOK, StateReauth, StateBackoff, StateNever, StateFailing}
	for _, tt := range tests {
		rows := Rows(i18n.New(tt.lang), hs, now, paris)
		for i, r := range rows {
			if r.State != states[i] || r.Level != levels[i] {
				t.Errorf("%s row %d: state %s level %d, want %s %d", tt.lang, i, r.State, r.Level, states[i], levels[i])
			}
			if r.StateText != tt.state[i] || r.LastSuccess != tt.lastOK[i] || r.LastError != tt.errText[i] || r.Rate != tt.rate[i] {
				t.Errorf("%s row %d = %q / %q / %q / %q\nwant %q / %q / %q / %q", tt.lang, i,
					r.StateText, r.LastSuccess, r.LastError, r.Rate, tt.state[i], tt.lastOK[i], tt.errText[i], tt.rate[i])
			}
			if r.Client != "Le Fournil" || r.Network != "mastodon" {
				t.Errorf("row %d: client %q network %q", i, r.Client, r.Network)
			}
		}
	}
}

// A long error keeps one line of MaxError characters; a backoff or reset
// on another day says the date.
func TestTruncateAndClock(t *testing.T) {
	long := ""
	for range 30 {
		long += "abcdefgh "
	}
	r := FormatRow(i18n.New(i18n.EN), store.AccountHealth{Account: acct("@a@b"), LastError: long,
		BackoffUntil: now.Add(30 * time.Hour), RateRemaining: -1}, now, time.UTC)
	if n := len([]rune(r.LastError)); n > MaxError || r.LastError[len(r.LastError)-3:] != "…" {
		t.Errorf("error %q (%d runes), want at most %d ending in …", r.LastError, n, MaxError)
	}
	if r.StateText != "backoff until 25 Nov 15:30" {
		t.Errorf("state %q", r.StateText)
	}
}

func TestReauth(t *testing.T) {
	hs := []store.AccountHealth{
		{Account: acct("@a@m.social")},
		{Account: acct("@b@m.social"), ErrorClass: "auth"},
		{Account: acct("@c@m.social"), ErrorClass: "rate-limited"},
	}
	got := NeedsReauth(hs)
	if len(got) != 1 || got[0].Account.Handle != "@b@m.social" {
		t.Fatalf("NeedsReauth = %+v", got)
	}
	for _, tt := range []struct{ provider, handle, server, want string }{
		{"mastodon", "@b@m.social", "", "cmdeck account add mastodon --server https://m.social"},
		{"mastodon", "@b@m.social", "https://other.example", "cmdeck account add mastodon --server https://other.example"},
		{"mastodon", "@b", "", "cmdeck account add mastodon --server URL"},
		{"mastodon", "@b@evil/host", "", "cmdeck account add mastodon --server URL"},
		{"demo", "@b@m.social", "", ""},
	} {
		if got := ReauthCommand(tt.provider, tt.handle, tt.server); got != tt.want {
			t.Errorf("ReauthCommand(%q, %q, %q) = %q, want %q", tt.provider, tt.handle, tt.server, got, tt.want)
		}
	}
}
