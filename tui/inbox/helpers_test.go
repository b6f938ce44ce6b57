package inbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/tui/common"
)

// newTestModelWith is newTestModel with the context adjusted first (caps,
// read-only, tags, saved filters).
func newTestModelWith(t testing.TB, src common.Source, w, h int, adjust func(*common.Context)) *Model {
	t.Helper()
	cat := i18n.New(i18n.EN)
	ctx := common.Context{
		Source: src, Styles: common.NewStyles(common.DefaultPalette(true)), T: cat,
		Clock: core.NewManualClock(fakeEpoch), Loc: time.UTC,
	}
	if adjust != nil {
		adjust(&ctx)
	}
	m := New(ctx, DefaultKeyMap(cat))
	m.thread.delay = 0
	m.filter.countWait = func(time.Duration) tea.Cmd { return nil } // time moves by the manual clock
	m.SetSize(w, h)
	drain(t, m, m.Init())
	return m
}

// fixtureCaps: PixelForge's Chirper account (1) can do everything, the
// bakery's mastodon account (2) replies and hides, the ramen shop's
// account (3) is a review site: replies only, like ReviewHub.
func fixtureCaps(id int64) providers.Capabilities {
	switch id {
	case 1:
		return providers.Capabilities{providers.CapReply, providers.CapHide, providers.CapDelete, providers.CapBlock, providers.CapSpam}
	case 2:
		return providers.Capabilities{providers.CapReply, providers.CapHide}
	}
	return providers.Capabilities{providers.CapReply}
}

// pressCollect presses keys one at a time, settles what each starts, and
// returns the intents the pane asked the root to execute.
func pressCollect(t testing.TB, m *Model, keys ...string) []common.Intent {
	t.Helper()
	var out []common.Intent
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		out = append(out, intentsIn(drainAll(t, m, cmd))...)
	}
	return out
}

// send feeds one message and returns the intents it led to.
func send(t testing.TB, m *Model, msg tea.Msg) []common.Intent {
	t.Helper()
	_, cmd := m.Update(msg)
	return intentsIn(drainAll(t, m, cmd))
}

func intentsIn(msgs []tea.Msg) []common.Intent {
	var out []common.Intent
	for _, msg := range msgs {
		if im, ok := msg.(common.IntentMsg); ok {
			out = append(out, im.Intent)
		}
	}
	return out
}

// typeText types s into whatever has the keyboard, one key per rune.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		if r == ' ' {
			press(t, m, "space")
			continue
		}
		press(t, m, string(r))
	}
}

// cursorTo moves the cursor onto item id (it must be loaded).
func cursorTo(t testing.TB, m *Model, id int64) {
	t.Helper()
	press(t, m, "g")
	for range len(m.list.win.rows) {
		if sel, _ := m.list.win.selected(); sel.ID == id {
			return
		}
		press(t, m, "j")
	}
	t.Fatalf("item %d is not in the list", id)
}

// header is the list header's text (the line under the filter bar).
func headerText(m *Model) string {
	return strings.TrimSpace(ansi.Strip(strings.Split(m.View(), "\n")[1]))
}

// barText is the filter bar's text.
func barText(m *Model) string {
	return strings.TrimSpace(ansi.Strip(strings.Split(m.View(), "\n")[0]))
}

// rowIDs lists the ids of the loaded rows, in order.
func rowIDs(m *Model) []int64 {
	var out []int64
	for _, r := range m.list.win.rows {
		out = append(out, r.ID)
	}
	return out
}

func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
