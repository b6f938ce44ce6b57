// Package health turns the store's account health into the words and marks
// both `cmdeck accounts` and the deck's accounts overlay show: one row per
// account with its state (ok, backoff, re-authorize, never synced), its
// last success as an age, its last error on one line and its rate-limit
// headroom. It is pure: no terminal, no store access, no clock of its own.
package health

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// State is what an account needs from the CM, most urgent first.
type State string

const (
	StateReauth  State = "reauthorize"  // the token was refused: run account add again
	StateBackoff State = "backoff"      // failing; the engine waits before the next try
	StateFailing State = "failing"      // the last sync failed; the next tick retries
	StateNever   State = "never-synced" // no sync has worked yet, and none failed
	StateOK      State = "ok"
)

// Level says how a row is drawn: red for what the CM must fix, yellow for
// what fixes itself in time.
type Level int

const (
	LevelOK Level = iota
	LevelWarn
	LevelBad
)

// MaxError is how many characters of the last error a row keeps.
const MaxError = 80

// Row is one account, as shown. Every text is one line, cleaned of
// control characters, whatever the network or the store gave.
type Row struct {
	Client      string
	Account     string
	Network     string
	LastSuccess string // "5m", "2d", or "–" when never
	State       State
	StateText   string // "ok", "backoff until 14:05", "re-authorize", …
	Level       Level
	LastError   string // "" when the last sync worked
	Rate        string // "287 until 14:35", or "–" when unknown
}

// StateOf classifies one account's health at now.
func StateOf(h store.AccountHealth, now time.Time) State {
	switch {
	case h.ErrorClass == string(providers.ClassAuth):
		return StateReauth
	case h.BackoffUntil.After(now):
		return StateBackoff
	case h.LastError != "":
		return StateFailing
	case h.LastSuccess.IsZero():
		return StateNever
	}
	return StateOK
}

// LevelOf is how loud a state is.
func LevelOf(s State) Level {
	switch s {
	case StateReauth:
		return LevelBad
	case StateBackoff, StateFailing:
		return LevelWarn
	}
	return LevelOK
}

// Rows formats every account, in the order given.
func Rows(t *i18n.Catalog, hs []store.AccountHealth, now time.Time, loc *time.Location) []Row {
	out := make([]Row, len(hs))
	for i, h := range hs {
		out[i] = FormatRow(t, h, now, loc)
	}
	return out
}

// FormatRow formats one account.
func FormatRow(t *i18n.Catalog, h store.AccountHealth, now time.Time, loc *time.Location) Row {
	st := StateOf(h, now)
	return Row{
		Client:      clean(firstNonEmpty(h.ClientName, h.Account.ClientSlug)),
		Account:     clean(h.Account.Handle),
		Network:     clean(firstNonEmpty(h.Account.Network, h.Account.Provider)),
		LastSuccess: common.Age(t, now, h.LastSuccess, loc),
		State:       st,
		StateText:   StateText(t, st, h, now, loc),
		Level:       LevelOf(st),
		LastError:   Truncate(clean(h.LastError), MaxError),
		Rate:        Rate(t, h, now, loc),
	}
}

// StateText says the state in words.
func StateText(t *i18n.Catalog, st State, h store.AccountHealth, now time.Time, loc *time.Location) string {
	switch st {
	case StateReauth:
		return t.T("health.state.reauth")
	case StateBackoff:
		return t.T("health.state.backoff", Clock(t, h.BackoffUntil, now, loc))
	case StateFailing:
		return t.T("health.state.failing")
	case StateNever:
		return t.T("health.state.never")
	}
	return t.T("health.state.ok")
}

// Rate is the request budget left and when it refills: "287 until 14:35".
// It is "–" when the network never said, and when the reset has passed:
// the budget has refilled since, so the old count means nothing.
func Rate(t *i18n.Catalog, h store.AccountHealth, now time.Time, loc *time.Location) string {
	if h.RateRemaining < 0 || h.RateReset.IsZero() || !h.RateReset.After(now) {
		return "–"
	}
	return t.T("health.rate", h.RateRemaining, Clock(t, h.RateReset, now, loc))
}

// Clock is a time of day in loc ("14:05"), with the date in front when it
// is not today ("25 Nov 14:05").
func Clock(t *i18n.Catalog, at, now time.Time, loc *time.Location) string {
	local, today := at.In(loc), now.In(loc)
	hm := local.Format("15:04")
	if local.Year() == today.Year() && local.YearDay() == today.YearDay() {
		return hm
	}
	return common.ShortDate(t, local) + " " + hm
}

// NeedsReauth lists the accounts whose token was refused, in order.
func NeedsReauth(hs []store.AccountHealth) []store.AccountHealth {
	var out []store.AccountHealth
	for _, h := range hs {
		if h.ErrorClass == string(providers.ClassAuth) {
			out = append(out, h)
		}
	}
	return out
}

// ReauthCommand is the command that connects the account again. server is
// the account's configured server; "" derives it from a handle of the form
// @user@host. Other networks than Mastodon have no such command: "" then.
func ReauthCommand(provider, handle, server string) string {
	if provider != "mastodon" {
		return ""
	}
	server = clean(server)
	if server == "" {
		server = ServerFromHandle(handle)
	}
	if server == "" {
		server = "URL"
	}
	return "cmdeck account add mastodon --server " + server
}

// ServerFromHandle is https://host for a handle "@user@host", "" for a
// handle without a host.
func ServerFromHandle(handle string) string {
	h := strings.TrimPrefix(clean(handle), "@")
	_, host, ok := strings.Cut(h, "@")
	if !ok || host == "" || strings.ContainsAny(host, "/ ") {
		return ""
	}
	return "https://" + host
}

// Truncate cuts s to n characters, marking the cut with "…".
func Truncate(s string, n int) string {
	r := []rune(s)
	if n <= 0 || len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// clean is one line of s without control characters, escape sequences or
// bidi overrides: what the store gives is sanitized already, but an error
// message may quote a server, and this is drawn on a terminal.
func clean(s string) string { return strings.TrimSpace(common.OneLine(core.SanitizeLine(s))) }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// Columns are the table's column headers, in the order of Cells.
func Columns(t *i18n.Catalog) []string {
	return []string{t.T("health.col.client"), t.T("health.col.account"), t.T("health.col.network"),
		t.T("health.col.last_success"), t.T("health.col.state"), t.T("health.col.rate"), t.T("health.col.error")}
}

// Cells are a row's texts in the order of Columns.
func (r Row) Cells() []string {
	return []string{r.Client, r.Account, r.Network, r.LastSuccess, r.StateText, r.Rate, r.LastError}
}

// Table lays rows out as plain text under a header, each column as wide
// as its widest cell, two spaces apart, with no trailing spaces.
func Table(t *i18n.Catalog, rows []Row) []string {
	grid := [][]string{Columns(t)}
	for _, r := range rows {
		grid = append(grid, r.Cells())
	}
	widths := make([]int, len(grid[0]))
	for _, cells := range grid {
		for i, c := range cells {
			widths[i] = max(widths[i], lipgloss.Width(c))
		}
	}
	out := make([]string, len(grid))
	for n, cells := range grid {
		var b strings.Builder
		for i, c := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(common.Fit(c, widths[i]))
		}
		out[n] = strings.TrimRight(b.String(), " ")
	}
	return out
}
