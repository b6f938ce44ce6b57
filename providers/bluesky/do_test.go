package bluesky

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// fakeRepo is alice's repository on a fake PDS: records by collection and
// key, with putRecord's swapRecord-null rule, plus the views the actions
// read (a thread of bob's posts) and the calls without records.
type fakeRepo struct {
	mu      sync.Mutex
	records map[string]json.RawMessage // "collection/rkey" → record
	writes  int                        // records written, to count duplicates
	calls   []string                   // mute, unmute, report calls
	blobs   []string                   // the content type of each blob uploaded
}

// bob's thread: root, then mid answering it; and a post of carol, whom
// alice blocked: the views hide it, her repository still has it.
const (
	rootURI    = "at://did:plc:bob/app.bsky.feed.post/3root"
	midURI     = "at://did:plc:bob/app.bsky.feed.post/3mid"
	blockedURI = "at://did:plc:carol/app.bsky.feed.post/3blocked"
)

func (f *fakeRepo) serve(t *testing.T, clock core.Clock) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		f.mu.Lock()
		defer f.mu.Unlock()
		raw, _ := io.ReadAll(r.Body)
		var in map[string]json.RawMessage
		_ = json.Unmarshal(raw, &in)
		str := func(k string) string { var s string; _ = json.Unmarshal(in[k], &s); return s }
		q := r.URL.Query()
		switch nsid := strings.TrimPrefix(r.URL.Path, "/xrpc/"); nsid {
		case "com.atproto.server.createSession":
			fmt.Fprintf(w, `{"accessJwt":%q,"refreshJwt":"r","did":"did:plc:alice","handle":"alice.test"}`, jwt("a", clock.Now().Add(time.Hour)))
		case "app.bsky.feed.getPostThread":
			switch q.Get("uri") {
			case rootURI:
				fmt.Fprintf(w, `{"thread":{"post":{"uri":%q,"cid":"croot","record":{"text":"root"}}}}`, rootURI)
			case midURI:
				fmt.Fprintf(w, `{"thread":{"post":{"uri":%q,"cid":"cmid","record":{"text":"mid","reply":{"root":{"uri":%q,"cid":"croot"},"parent":{"uri":%q,"cid":"croot"}}}}}}`, midURI, rootURI, rootURI)
			case blockedURI:
				fmt.Fprintf(w, `{"thread":{"$type":"app.bsky.feed.defs#blockedPost","uri":%q,"blocked":true}}`, blockedURI)
			default:
				w.WriteHeader(400)
				fmt.Fprint(w, `{"error":"NotFound","message":"Post not found"}`)
			}
		case "com.atproto.identity.resolveHandle":
			fmt.Fprint(w, `{"did":"did:plc:bob"}`)
		case "com.atproto.repo.putRecord":
			key := str("collection") + "/" + str("rkey")
			if _, ok := in["swapRecord"]; !ok {
				t.Errorf("putRecord without swapRecord: a retry would overwrite")
			}
			if old, ok := f.records[key]; ok && string(old) != string(in["record"]) {
				w.WriteHeader(400)
				fmt.Fprint(w, `{"error":"InvalidSwap","message":"Record was at x"}`)
				return
			} else if !ok {
				f.writes++
			}
			f.records[key] = in["record"]
			fmt.Fprintf(w, `{"uri":"at://did:plc:alice/%s","cid":"c"}`, key)
		case "com.atproto.repo.getRecord":
			if uri := "at://" + q.Get("repo") + "/" + q.Get("collection") + "/" + q.Get("rkey"); uri == rootURI || uri == midURI || uri == blockedURI {
				fmt.Fprintf(w, `{"uri":%q,"cid":"c-%s","value":{"text":"x"}}`, uri, q.Get("rkey"))
				return
			}
			key := q.Get("collection") + "/" + q.Get("rkey")
			if rec, ok := f.records[key]; ok {
				fmt.Fprintf(w, `{"uri":"at://did:plc:alice/%s","cid":"c","value":%s}`, key, rec)
				return
			}
			w.WriteHeader(400)
			fmt.Fprint(w, `{"error":"RecordNotFound"}`)
		case "com.atproto.repo.uploadBlob":
			f.blobs = append(f.blobs, r.Header.Get("Content-Type"))
			fmt.Fprintf(w, `{"blob":{"$type":"blob","ref":{"$link":"bafk%x"},"mimeType":%q,"size":%d}}`,
				sha256.Sum256(raw), r.Header.Get("Content-Type"), len(raw))
		case "com.atproto.repo.deleteRecord":
			delete(f.records, str("collection")+"/"+str("rkey"))
			fmt.Fprint(w, `{}`)
		case "com.atproto.repo.listRecords":
			var out []string
			for k, v := range f.records {
				if strings.HasPrefix(k, q.Get("collection")+"/") {
					out = append(out, fmt.Sprintf(`{"uri":"at://did:plc:alice/%s","value":%s}`, k, v))
				}
			}
			fmt.Fprintf(w, `{"records":[%s]}`, strings.Join(out, ","))
		default:
			var subject strongRef
			_ = json.Unmarshal(in["subject"], &subject)
			f.calls = append(f.calls, strings.TrimSpace(nsid+" "+string(in["actor"])+str("reasonType")+" "+subject.CID))
			fmt.Fprint(w, `{"id":7}`)
		}
	}))
}

func repoProvider(t *testing.T) (*Provider, *fakeRepo) {
	t.Helper()
	clock := core.NewManualClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	f := &fakeRepo{records: map[string]json.RawMessage{}}
	srv := f.serve(t, clock)
	t.Cleanup(srv.Close)
	p, err := New(providers.AccountConfig{Account: core.Account{Handle: "@alice.test"},
		Settings: map[string]string{"pds": srv.URL}, Secret: testPass}, clock, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return p, f
}

func TestReplyRefsAndExactlyOnce(t *testing.T) {
	p, f := repoProvider(t)
	ctx := context.Background()
	a := core.Action{Kind: core.ActReply, TargetRemoteID: midURI, Payload: "merci @bob.test", IdempotencyKey: "k1"}
	res, err := p.Do(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	var rec postRecord
	_ = json.Unmarshal(f.records[strings.TrimPrefix(res.RemoteID, "at://did:plc:alice/")], &rec)
	if rec.Reply == nil || rec.Reply.Parent != (strongRef{midURI, "cmid"}) || rec.Reply.Root != (strongRef{rootURI, "croot"}) {
		t.Errorf("reply refs %+v: parent must be the post answered, root its thread's root", rec.Reply)
	}
	if len(rec.Facets) != 1 || rec.Facets[0].Features[0].DID != "did:plc:bob" {
		t.Errorf("facets %+v", rec.Facets)
	}
	p.clock.(*core.ManualClock).Advance(time.Minute) // a retry later writes another createdAt
	again, err := p.Do(ctx, a)
	if err != nil || again.RemoteID != res.RemoteID || f.writes != 1 {
		t.Errorf("retry: %+v %v, %d records written; want the first reply and one write", again, err, f.writes)
	}
	if got, found, err := p.Check(ctx, a); err != nil || !found || got.RemoteID != res.RemoteID {
		t.Errorf("Check: %+v %v %v", got, found, err)
	}
	a.IdempotencyKey = "never-sent"
	if _, found, err := p.Check(ctx, a); err != nil || found {
		t.Errorf("Check of an action never sent: %v %v", found, err)
	}
}

func TestReplyToRootUsesItAsRoot(t *testing.T) {
	p, f := repoProvider(t)
	res, err := p.Do(context.Background(), core.Action{Kind: core.ActReply, TargetRemoteID: rootURI, Payload: "ok", IdempotencyKey: "k2"})
	if err != nil {
		t.Fatal(err)
	}
	var rec postRecord
	_ = json.Unmarshal(f.records[strings.TrimPrefix(res.RemoteID, "at://did:plc:alice/")], &rec)
	if rec.Reply == nil || rec.Reply.Root != rec.Reply.Parent || rec.Reply.Root.URI != rootURI {
		t.Errorf("reply refs %+v", rec.Reply)
	}
}

func TestReplyToDeletedPostIsNotFound(t *testing.T) {
	p, _ := repoProvider(t)
	_, err := p.Do(context.Background(), core.Action{Kind: core.ActReply, TargetRemoteID: "at://did:plc:bob/app.bsky.feed.post/gone", Payload: "x", IdempotencyKey: "k"})
	if !errors.Is(err, providers.ErrNotFound) {
		t.Errorf("err %v, want ErrNotFound", err)
	}
}

func TestPostLimitInGraphemes(t *testing.T) {
	p, f := repoProvider(t)
	ctx := context.Background()
	if _, err := p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: strings.Repeat("🇫🇷", 300), IdempotencyKey: "ok"}); err != nil {
		t.Errorf("300 flags (600 runes) are 300 graphemes, within the limit: %v", err)
	}
	_, err := p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: strings.Repeat("a", 301), IdempotencyKey: "long"})
	if !providers.IsPermanent(err) || f.writes != 1 {
		t.Errorf("301 characters: %v, %d writes; want a permanent error and nothing written", err, f.writes)
	}
}

func TestBlockUnblockAndMute(t *testing.T) {
	p, f := repoProvider(t)
	ctx := context.Background()
	if _, err := p.Do(ctx, core.Action{Kind: core.ActBlock, TargetRemoteID: "did:plc:bob", IdempotencyKey: "b"}); err != nil {
		t.Fatal(err)
	}
	if len(f.records) != 1 {
		t.Fatalf("records after block: %v", f.records)
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActUnblock, TargetRemoteID: "did:plc:bob", IdempotencyKey: "u"}); err != nil {
		t.Fatal(err)
	}
	if len(f.records) != 0 {
		t.Errorf("the block record survived unblock: %v", f.records)
	}
	for _, k := range []core.ActionKind{core.ActMute, core.ActUnmute} {
		if _, err := p.Do(ctx, core.Action{Kind: k, TargetRemoteID: "did:plc:bob"}); err != nil {
			t.Fatal(err)
		}
	}
	if len(f.calls) != 2 || !strings.HasPrefix(f.calls[0], "app.bsky.graph.muteActor") || !strings.HasPrefix(f.calls[1], "app.bsky.graph.unmuteActor") {
		t.Errorf("calls %v", f.calls)
	}
}

func TestDeleteOnlyOwnRecords(t *testing.T) {
	p, _ := repoProvider(t)
	_, err := p.Do(context.Background(), core.Action{Kind: core.ActDelete, TargetRemoteID: rootURI})
	if !providers.IsPermanent(err) {
		t.Errorf("deleting bob's post: %v, want a permanent refusal", err)
	}
}

// A report names the record by its strong ref, read from the repository:
// the post of an author the CM just blocked is hidden from the views, and
// must still be reportable.
func TestReportAndSpam(t *testing.T) {
	p, f := repoProvider(t)
	for _, k := range []core.ActionKind{core.ActReport, core.ActSpam} {
		for _, uri := range []string{midURI, blockedURI} {
			if _, err := p.Do(context.Background(), core.Action{Kind: k, TargetRemoteID: uri, Payload: "abus"}); err != nil {
				t.Fatalf("%s on %s: %v", k, uri, err)
			}
		}
	}
	want := []string{"reasonOther c-3mid", "reasonOther c-3blocked", "reasonSpam c-3mid", "reasonSpam c-3blocked"}
	if len(f.calls) != len(want) {
		t.Fatalf("calls %v, want %v", f.calls, want)
	}
	for i, w := range want {
		if !strings.HasSuffix(f.calls[i], w) {
			t.Errorf("call %d is %q, want one ending %q", i, f.calls[i], w)
		}
	}
}

// pngFile writes a PNG-looking file of size bytes.
func pngFile(t *testing.T, name string, size int) string {
	t.Helper()
	data := make([]byte, size)
	copy(data, "\x89PNG\r\n\x1a\n")
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A post with images uploads each as a blob and embeds them, in order;
// a retry writes the same record once.
func TestPublishWithImages(t *testing.T) {
	p, f := repoProvider(t)
	a := core.Action{Kind: core.ActPublish, Payload: "Nouveautés", IdempotencyKey: "img",
		Media: []string{pngFile(t, "a.png", 2000), pngFile(t, "b.png", 3000)}}
	res, err := p.Do(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Embed struct {
			Type   string `json:"$type"`
			Images []struct {
				Image struct {
					MimeType string `json:"mimeType"`
					Size     int    `json:"size"`
				} `json:"image"`
				Alt *string `json:"alt"`
			} `json:"images"`
		} `json:"embed"`
	}
	if err := json.Unmarshal(f.records[strings.TrimPrefix(res.RemoteID, "at://did:plc:alice/")], &rec); err != nil {
		t.Fatal(err)
	}
	imgs := rec.Embed.Images
	if rec.Embed.Type != "app.bsky.embed.images" || len(imgs) != 2 || imgs[0].Image.Size != 2000 ||
		imgs[1].Image.Size != 3000 || imgs[0].Image.MimeType != "image/png" || imgs[0].Alt == nil {
		t.Fatalf("embed %+v", rec.Embed)
	}
	if strings.Join(f.blobs, ",") != "image/png,image/png" {
		t.Errorf("blobs uploaded as %v", f.blobs)
	}
	if again, err := p.Do(context.Background(), a); err != nil || again.RemoteID != res.RemoteID || f.writes != 1 {
		t.Errorf("retry: %+v %v, %d records written", again, err, f.writes)
	}
}

// Files Bluesky would refuse are refused before anything is sent.
func TestPublishRefusesImagesBeforeSending(t *testing.T) {
	text := filepath.Join(t.TempDir(), "notes.png")
	if err := os.WriteFile(text, []byte("just some text"), 0o600); err != nil {
		t.Fatal(err)
	}
	five := []string{}
	for i := range 5 {
		five = append(five, pngFile(t, fmt.Sprintf("%d.png", i), 100))
	}
	for name, tc := range map[string]struct {
		media []string
		want  string
	}{
		"five":     {five, "at most 4 images"},
		"too big":  {[]string{pngFile(t, "big.png", maxImageBytes+1)}, "at most 1000000"},
		"not png":  {[]string{text}, "is text/plain"},
		"missing":  {[]string{filepath.Join(t.TempDir(), "gone.png")}, "cannot be read"},
		"an empty": {[]string{pngFile(t, "empty.png", 0)}, "is empty"},
	} {
		p, f := repoProvider(t)
		_, err := p.Do(context.Background(), core.Action{Kind: core.ActPublish, Payload: "x", IdempotencyKey: name, Media: tc.media})
		if !providers.IsPermanent(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want a permanent error saying %q", name, err, tc.want)
		}
		if len(f.blobs) != 0 || f.writes != 0 {
			t.Errorf("%s: %d blobs and %d records sent before the refusal", name, len(f.blobs), f.writes)
		}
	}
}
