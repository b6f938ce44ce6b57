package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"cmdeck/core"
)

// A mention deep in someone else's thread comes with the post it answers,
// read from the AppView: the deck's conversation shows what it answers.
func TestBlueskyThreadContext(t *testing.T) {
	e := blueskyNetwork(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	alice, bob := login(t, e.pds, e.user, e.pass), login(t, e.pds, e.user2, e.pass2)
	stamp := time.Now().UnixNano()
	root := bob.post(t, fmt.Sprintf("La boulangerie est fermée aujourd'hui ? %d", stamp), nil, nil, nil)
	mention := bob.post(t, fmt.Sprintf("@%s vous savez ? %d", alice.handle, stamp), alice, &root, &root)
	alice.waitNotified(t, mention.URI)

	p := blueskyProvider(t, e.pds, e.user, e.pass)
	b, err := p.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	it := findBskyItem(b.Items, mention.URI)
	if it == nil || it.ParentRemoteID != root.URI || !it.NeedsReply {
		t.Fatalf("the mention: %+v", it)
	}
	above := findBskyItem(b.Items, root.URI)
	if above == nil {
		t.Fatalf("the post the mention answers is not in the sync (%d items)", len(b.Items))
	}
	if above.State != core.StateRead || above.NeedsReply || above.Outgoing || above.Author.RemoteID != bob.did ||
		above.Body != fmt.Sprintf("La boulangerie est fermée aujourd'hui ? %d", stamp) {
		t.Errorf("the post above: %+v", above)
	}
}
