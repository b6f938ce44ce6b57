package inbox

import (
	"slices"
	"strings"
	"testing"

	"cmdeck/providers"
	"cmdeck/tui/common"
)

// moderatorCaps: account 1 can like, mute, report and moderate its server;
// account 2 can like and mute; account 3 (a review site) replies only.
func moderatorCaps(id int64) providers.Capabilities {
	switch id {
	case 1:
		return providers.Capabilities{providers.CapReply, providers.CapLike, providers.CapMute,
			providers.CapReport, providers.CapAdmin}
	case 2:
		return providers.Capabilities{providers.CapReply, providers.CapLike, providers.CapMute}
	}
	return providers.Capabilities{providers.CapReply}
}

// L likes and M mutes at once (the undo window is enough); ! asks, with
// the reason for the moderators; :unmute runs at once; :silence and
// :suspend ask, the command line's words being the reason.
func TestNewModerationKeys(t *testing.T) {
	tests := []struct {
		name   string
		run    func(t *testing.T, m *Model) []common.Intent
		kind   common.IntentKind
		ids    []int64
		reason string
	}{
		{"like", func(t *testing.T, m *Model) []common.Intent { return pressCollect(t, m, "L") },
			common.IntentLike, []int64{103}, ""},
		{"like a selection", func(t *testing.T, m *Model) []common.Intent {
			return pressCollect(t, m, "space", "j", "space", "L")
		}, common.IntentLike, []int64{103, 104}, ""},
		{"mute", func(t *testing.T, m *Model) []common.Intent { return pressCollect(t, m, "j", "M") },
			common.IntentMute, []int64{104}, ""},
		{"report with a typed reason", func(t *testing.T, m *Model) []common.Intent {
			if got := pressCollect(t, m, "!"); len(got) != 0 || m.dialog == nil {
				t.Fatalf("report did not ask first: intents %+v", got)
			}
			if !strings.Contains(m.View(), "Report this message to the moderators?") {
				t.Errorf("report dialog not shown:\n%s", m.View())
			}
			typeText(t, m, "spam bot")
			return pressCollect(t, m, "enter")
		}, common.IntentReport, []int64{103}, "spam bot"},
		{"report cancelled", func(t *testing.T, m *Model) []common.Intent { return pressCollect(t, m, "!", "esc") },
			"", nil, ""},
		{":report with its reason", func(t *testing.T, m *Model) []common.Intent {
			send(t, m, common.RunActionMsg{Action: "inbox.report", Args: "phishing link"})
			return pressCollect(t, m, "y")
		}, common.IntentReport, []int64{103}, "phishing link"},
		{":unmute", func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.unmute"})
		}, common.IntentUnmute, []int64{103}, ""},
		{":silence asks, with the reason", func(t *testing.T, m *Model) []common.Intent {
			if got := send(t, m, common.RunActionMsg{Action: "inbox.silence", Args: "bot farm"}); len(got) != 0 {
				t.Fatalf("silence did not ask first: %+v", got)
			}
			if v := m.View(); !strings.Contains(v, "Limit @amelie_db on the server?") || !strings.Contains(v, "whole server") {
				t.Errorf("silence dialog not shown:\n%s", v)
			}
			return pressCollect(t, m, "y")
		}, common.IntentSilence, []int64{103}, "bot farm"},
		{":suspend, answered no", func(t *testing.T, m *Model) []common.Intent {
			send(t, m, common.RunActionMsg{Action: "inbox.suspend"})
			return pressCollect(t, m, "n")
		}, "", nil, ""},
		{":suspend", func(t *testing.T, m *Model) []common.Intent {
			send(t, m, common.RunActionMsg{Action: "inbox.suspend"})
			return pressCollect(t, m, "y")
		}, common.IntentSuspend, []int64{103}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Caps = moderatorCaps })
			got := tt.run(t, m)
			if m.dialog != nil {
				t.Fatalf("a dialog is still open")
			}
			if tt.kind == "" {
				if len(got) != 0 {
					t.Errorf("intents %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Kind != tt.kind || !slices.Equal(got[0].ItemIDs, tt.ids) || got[0].Reason != tt.reason {
				t.Errorf("intents %+v, want %s %v reason %q", got, tt.kind, tt.ids, tt.reason)
			}
		})
	}
}

// Each new action is gated by its capability like hide and block: where
// the network lacks it, the header names the network and nothing is asked.
func TestNewModerationGating(t *testing.T) {
	tests := []struct {
		name   string
		item   int64
		run    func(t *testing.T, m *Model) []common.Intent
		notice string
	}{
		{"review site cannot like", 105, func(t *testing.T, m *Model) []common.Intent { return pressCollect(t, m, "L") },
			"Chirper cannot like messages"},
		{"review site cannot mute", 105, func(t *testing.T, m *Model) []common.Intent { return pressCollect(t, m, "M") },
			"Chirper cannot mute authors"},
		{"mastodon account cannot report", 106, func(t *testing.T, m *Model) []common.Intent { return pressCollect(t, m, "!") },
			"mastodon.social cannot report messages"},
		{"no admin: no silence", 106, func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.silence"})
		}, "mastodon.social: this account cannot moderate the server"},
		{"no admin: no suspend", 105, func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.suspend", Args: "spam"})
		}, "Chirper: this account cannot moderate the server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Caps = moderatorCaps })
			cursorTo(t, m, tt.item)
			got := tt.run(t, m)
			if len(got) != 0 || m.dialog != nil {
				t.Fatalf("intents %+v, dialog %v: want neither", got, m.dialog != nil)
			}
			if !strings.Contains(headerText(m), tt.notice) {
				t.Errorf("header %q, want %q", headerText(m), tt.notice)
			}
		})
	}
}

// The new actions are in the ? overlay's list: the keyed ones with their
// keys, the command-only ones under their command.
func TestNewModerationInFullHelp(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	var keys []string
	for _, g := range m.FullHelp() {
		for _, b := range g {
			keys = append(keys, b.Help().Key)
		}
	}
	for _, want := range []string{"L", "M", "!", ":unmute", ":silence", ":suspend"} {
		if !slices.Contains(keys, want) {
			t.Errorf("full help %v lacks %q", keys, want)
		}
	}
}
