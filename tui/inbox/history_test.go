package inbox

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
)

// A conversation and its author's history come in one message when the
// count is quick (one frame over SSH), and apart when it is slow: the
// conversation never waits for the count.
func TestThreadAndHistoryInOneFrame(t *testing.T) {
	src := fixtureSource()
	src.history = map[int64]int{7: 12}
	it := store.ItemView{}
	it.ID, it.Author.ID, it.ClientID = 101, 7, 1
	key := authorKeyOf(it)

	msg := fetchThreadWithHistory(src, 3, it, key, time.Minute)()
	th, ok := msg.(threadMsg)
	if !ok || th.history == nil || th.history.n != 12 || th.history.seq != 3 {
		t.Fatalf("quick count: got %T %+v, want the thread with the history", msg, msg)
	}

	src.historyGate = make(chan struct{})
	msg = fetchThreadWithHistory(src, 4, it, key, time.Millisecond)()
	batch, ok := msg.(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("slow count: got %T, want the thread and the history apart", msg)
	}
	if th, ok := batch[0]().(threadMsg); !ok || th.history != nil || th.itemID != 101 {
		t.Fatalf("slow count: first message %+v, want the thread alone", th)
	}
	close(src.historyGate)
	if h, ok := batch[1]().(historyMsg); !ok || h.n != 12 || h.seq != 4 {
		t.Fatalf("slow count: second message %+v, want the history", h)
	}
}
