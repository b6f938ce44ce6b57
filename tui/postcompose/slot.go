package postcompose

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// The next free slot is the first time after now that is a slot of every
// selected account's queue and free in each (no post of that account is
// scheduled then): one text goes out at one time everywhere.

// slotHorizon is how far ahead taken slots are read: core.NextFreeSlot
// looks two months ahead at most.
const slotHorizon = 63 * 24 * time.Hour

// slotTimeout bounds the reads of one search.
const slotTimeout = 5 * time.Second

// maxSlotRounds bounds the search for a time common to every queue.
const maxSlotRounds = 500

// errNoCommonSlot: the queues share no free time within the horizon.
var errNoCommonSlot = errors.New("no common free slot")

// slotMsg is a search's answer.
type slotMsg struct {
	seq int
	at  time.Time
	err error
}

// queue is one account's slots and the times already taken (UTC keys).
type queue struct {
	slots []core.Slot
	taken map[time.Time]bool
}

// nextSlot searches, in a Cmd, the next free slot of the ticked accounts.
// An account without slots is named at once, with no query.
func (m *Model) nextSlot() tea.Cmd {
	ids := m.Checked()
	if len(ids) == 0 {
		m.notice = notice{text: m.t.T("calendar.compose.slot.no_account"), bad: true}
		return nil
	}
	slots := map[int64][]core.Slot{}
	for _, id := range ids {
		if m.ctx.Slots != nil {
			slots[id] = m.ctx.Slots(id)
		}
		if len(slots[id]) == 0 {
			m.notice = notice{text: m.t.T("calendar.compose.slot.none", m.accountName(id)), bad: true}
			return nil
		}
	}
	m.slotSeq++
	seq, src, now, loc := m.slotSeq, m.ctx.Source, m.ctx.Clock.Now(), m.ctx.Loc
	m.notice = notice{text: m.t.T("calendar.compose.slot.searching")}
	return func() tea.Msg {
		at, err := findSlot(src, ids, slots, now, loc)
		return slotMsg{seq: seq, at: at, err: err}
	}
}

// findSlot reads each account's taken slots, then finds the common one.
func findSlot(src common.Source, ids []int64, slots map[int64][]core.Slot, now time.Time, loc *time.Location) (time.Time, error) {
	if src == nil {
		return time.Time{}, errors.New("no data source")
	}
	ctx, cancel := context.WithTimeout(context.Background(), slotTimeout)
	defer cancel()
	queues := make([]queue, 0, len(ids))
	for _, id := range ids {
		taken, err := src.SlotsTaken(ctx, id, now, now.Add(slotHorizon))
		if err != nil {
			return time.Time{}, err
		}
		queues = append(queues, queue{slots: slots[id], taken: taken})
	}
	at, ok := commonSlot(queues, now, loc)
	if !ok {
		return time.Time{}, errNoCommonSlot
	}
	return at, nil
}

// commonSlot is the first time after after that is a free slot of every
// queue. Each round takes the latest of the queues' next free slots; when
// every queue has that very time free, it is the answer, else the search
// goes on from just before it (the latest can only grow, so it ends).
func commonSlot(queues []queue, after time.Time, loc *time.Location) (time.Time, bool) {
	if len(queues) == 0 {
		return time.Time{}, false
	}
	from := after
	for range maxSlotRounds {
		var latest time.Time
		for _, q := range queues {
			t, ok := nextFree(q, from, loc)
			if !ok {
				return time.Time{}, false
			}
			if t.After(latest) {
				latest = t
			}
		}
		all := true
		for _, q := range queues {
			if t, ok := nextFree(q, latest.Add(-time.Nanosecond), loc); !ok || !t.Equal(latest) {
				all = false
				break
			}
		}
		if all {
			return latest.UTC(), true
		}
		from = latest
	}
	return time.Time{}, false
}

// nextFree is the queue's first free slot after after.
func nextFree(q queue, after time.Time, loc *time.Location) (time.Time, bool) {
	return core.NextFreeSlot(q.slots, after, loc, func(t time.Time) bool { return q.taken[t.UTC()] })
}

// slotFound puts the slot found in the time field, or says why none was.
func (m *Model) slotFound(msg slotMsg) {
	if msg.seq != m.slotSeq {
		return
	}
	if msg.err != nil {
		text := m.t.T("calendar.compose.slot.error", msg.err)
		if errors.Is(msg.err, errNoCommonSlot) {
			text = m.t.T("calendar.compose.slot.no_common")
		}
		m.notice = notice{text: text, bad: true}
		return
	}
	m.when.SetValue(msg.at.In(m.ctx.Loc).Format(whenLayout))
	m.when.CursorEnd()
	m.reparse()
	m.notice = notice{text: m.t.T("calendar.compose.slot.found", m.longTime(msg.at))}
}

// whenLayout is how a time is written in the field: ISO, which ParseWhen
// reads in every language.
const whenLayout = "2006-01-02 15:04"

// FormatWhen writes t for the time field, in loc.
func FormatWhen(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(whenLayout)
}
