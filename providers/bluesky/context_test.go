package bluesky

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"cmdeck/core"
)

// A thread: carol's root 3c, bob's answer 3p, our answer 3ar (written in
// the Bluesky app), then bob's reply 3r to us: the notification. Another
// notification answers our own post 3a directly.
const contextNotifs = `{"cursor":"","notifications":[
 {"uri":"at://did:plc:bob/app.bsky.feed.post/3r","cid":"c1","reason":"reply","indexedAt":"2026-05-01T08:59:00.000Z",
  "author":{"did":"did:plc:bob","handle":"bob.test"},
  "record":{"text":"et donc ?","createdAt":"2026-05-01T08:58:00.000Z",
   "reply":{"root":{"uri":"at://did:plc:carol/app.bsky.feed.post/3c","cid":"cc"},"parent":{"uri":"at://did:plc:alice/app.bsky.feed.post/3ar","cid":"car"}}}},
 {"uri":"at://did:plc:eve/app.bsky.feed.post/3e","cid":"c2","reason":"reply","indexedAt":"2026-05-01T08:50:00.000Z",
  "author":{"did":"did:plc:eve","handle":"eve.test"},
  "record":{"text":"bravo","createdAt":"2026-05-01T08:50:00.000Z",
   "reply":{"root":{"uri":"at://did:plc:alice/app.bsky.feed.post/3a","cid":"ca"},"parent":{"uri":"at://did:plc:alice/app.bsky.feed.post/3a","cid":"ca"}}}}
]}`

const contextThread = `{"thread":{"$type":"app.bsky.feed.defs#threadViewPost",
 "post":{"uri":"at://did:plc:bob/app.bsky.feed.post/3r","cid":"c1","author":{"did":"did:plc:bob","handle":"bob.test"},"record":{"text":"et donc ?"}},
 "parent":{"$type":"app.bsky.feed.defs#threadViewPost",
  "post":{"uri":"at://did:plc:alice/app.bsky.feed.post/3ar","cid":"car","author":{"did":"did:plc:alice","handle":"alice.test"},
   "record":{"text":"On regarde ça","createdAt":"2026-05-01T08:30:00.000Z","reply":{"root":{"uri":"at://did:plc:carol/app.bsky.feed.post/3c","cid":"cc"},"parent":{"uri":"at://did:plc:bob/app.bsky.feed.post/3p","cid":"cp"}}}},
  "parent":{"$type":"app.bsky.feed.defs#threadViewPost",
   "post":{"uri":"at://did:plc:bob/app.bsky.feed.post/3p","cid":"cp","author":{"did":"did:plc:bob","handle":"bob.test"},
    "record":{"text":"@carol.test pareil ici","createdAt":"2026-05-01T08:20:00.000Z","reply":{"root":{"uri":"at://did:plc:carol/app.bsky.feed.post/3c","cid":"cc"},"parent":{"uri":"at://did:plc:carol/app.bsky.feed.post/3c","cid":"cc"}}}},
   "parent":{"$type":"app.bsky.feed.defs#threadViewPost",
    "post":{"uri":"at://did:plc:carol/app.bsky.feed.post/3c","cid":"cc","author":{"did":"did:plc:carol","handle":"carol.test","displayName":"Carol"},
     "record":{"text":"Le Fournil est fermé aujourd'hui ?","createdAt":"2026-05-01T08:00:00.000Z"}}}}}}}`

func contextProvider(t *testing.T, thread string, reads *atomic.Int32) *Provider {
	t.Helper()
	return fakeAppView(t, func(nsid string, w http.ResponseWriter, _ *http.Request) bool {
		switch nsid {
		case nsListNotifs:
			fmt.Fprint(w, contextNotifs)
		case "app.bsky.feed.getPostThread":
			reads.Add(1)
			if thread == "" {
				w.WriteHeader(502)
				return true
			}
			fmt.Fprint(w, thread)
		default:
			return false
		}
		return true
	})
}

// The posts above a reply come with it, read, ours done and outgoing; a
// reply to our own post needs no read.
func TestFetchBringsThreadContext(t *testing.T) {
	var reads atomic.Int32
	p := contextProvider(t, contextThread, &reads)
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]core.Item{}
	for _, it := range b.Items {
		byID[it.RemoteID] = it
	}
	if len(b.Items) != 5 || reads.Load() != 1 {
		t.Fatalf("%d items, %d thread reads; want the two replies and three posts above, one read: %+v", len(b.Items), reads.Load(), b.Items)
	}
	ours := byID["at://did:plc:alice/app.bsky.feed.post/3ar"]
	if !ours.Outgoing || ours.State != core.StateDone || ours.Kind != core.KindReply || ours.NeedsReply ||
		ours.ParentRemoteID != "at://did:plc:bob/app.bsky.feed.post/3p" {
		t.Errorf("our reply above: %+v", ours)
	}
	carol := byID["at://did:plc:carol/app.bsky.feed.post/3c"]
	if carol.Outgoing || carol.State != core.StateRead || carol.NeedsReply || carol.Author.Name != "Carol" ||
		carol.Body != "Le Fournil est fermé aujourd'hui ?" || carol.ParentRemoteID != "" {
		t.Errorf("carol's root: %+v", carol)
	}
	if bob := byID["at://did:plc:bob/app.bsky.feed.post/3r"]; bob.State != core.StateNew || !bob.NeedsReply {
		t.Errorf("the notification itself: %+v", bob)
	}
}

// A thread that cannot be read leaves the context out, not the messages.
func TestFetchWithoutContext(t *testing.T) {
	var reads atomic.Int32
	p := contextProvider(t, "", &reads)
	b, err := p.Fetch(context.Background(), "")
	if err != nil || len(b.Items) != 2 || reads.Load() != 1 {
		t.Fatalf("%v, %d items, %d reads; want the two replies", err, len(b.Items), reads.Load())
	}
}
