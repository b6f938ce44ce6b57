package engine

import (
	"strings"
	"testing"
)

func TestPanickingNotifyDoesNotStopTheEngine(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	r := f.runner("a", func(o *Options) { o.Notify = func(Event) { panic("ui gone") } })
	if got := synced(f.step(r)); len(got) != 2 {
		t.Fatalf("synced %v, want both accounts despite the callback panic", got)
	}
	if !strings.Contains(f.logText(), "notify callback panicked") {
		t.Fatal("callback panic not logged")
	}
}
