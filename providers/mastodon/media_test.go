package mastodon

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// pngFile is n bytes starting with the PNG signature.
func pngFile(n int) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, n-8)...)
}

// mp4File is n bytes starting with an ISO media "ftyp" box of brand mp42.
func mp4File(n int) []byte {
	box := binary.BigEndian.AppendUint32(nil, 20)
	box = append(box, "ftypmp42\x00\x00\x00\x00isom"...)
	return append(box, make([]byte, n-len(box))...)
}

func writeTemp(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// recordSleeps makes p's waits pass at once and returns what was waited.
func recordSleeps(p *Provider) *[]time.Duration {
	var waits []time.Duration
	p.Client().SetSleeper(func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	})
	return &waits
}

func TestMediaLimit(t *testing.T) {
	p := newFake(t).provider(t, core.NewManualClock(t0))
	max, types := p.MediaLimit()
	if max != 99<<20 {
		t.Errorf("max = %d, want the video bound", max)
	}
	for _, want := range []string{"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm", "video/quicktime"} {
		if !slices.Contains(types, want) {
			t.Errorf("types %v lack %s", types, want)
		}
	}
	types[0] = "text/html" // the caller's copy
	if _, again := p.MediaLimit(); again[0] == "text/html" {
		t.Error("MediaLimit shares its slice")
	}
	if uploadTimeout(99<<20) < 5*time.Minute || uploadTimeout(0) != requestTimeout {
		t.Errorf("upload timeouts: %v for 99 MB, %v for nothing", uploadTimeout(99<<20), uploadTimeout(0))
	}
}

func TestPublishWithImage(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	content := pngFile(3000)
	path := writeTemp(t, `my "holiday".PNG`, content)
	r, err := p.Do(context.Background(), core.Action{Kind: core.ActPublish, Payload: "Look!", Media: []string{path}, IdempotencyKey: "img"})
	if err != nil || r.RemoteID == "" {
		t.Fatalf("%+v %v", r, err)
	}
	if len(f.uploads) != 1 {
		t.Fatalf("uploads = %d", len(f.uploads))
	}
	up := f.uploads[0]
	if up.field != "file" || up.contentType != "image/png" || !bytes.Equal(up.content, content) {
		t.Errorf("upload: field %q, type %q, %d bytes", up.field, up.contentType, up.size)
	}
	if up.filename != "my__holiday_.PNG" {
		t.Errorf("filename = %q", up.filename)
	}
	if up.contentLength <= int64(len(content)) {
		t.Errorf("Content-Length = %d: the body should have a known length", up.contentLength)
	}
	if len(f.mediaIDs) != 1 || len(f.mediaIDs[0]) != 1 || f.bodies[0]["status"] != "Look!" {
		t.Fatalf("status: %v %v", f.bodies, f.mediaIDs)
	}
	st := f.find(r.RemoteID)
	if got := st["media_attachments"].([]any); len(got) != 1 || got[0].(map[string]any)["id"] != f.mediaIDs[0][0] {
		t.Errorf("attachments = %v", got)
	}
	if f.count("GET /api/v1/media/"+f.mediaIDs[0][0]) != 0 {
		t.Error("polled a file that was ready")
	}
}

func TestPublishWithVideoBeingProcessed(t *testing.T) {
	f := newFake(t)
	f.processing = 3
	p := f.provider(t, core.NewManualClock(t0))
	waits := recordSleeps(p)
	img := writeTemp(t, "a.png", pngFile(100))
	vid := writeTemp(t, "clip.mp4", mp4File(5000))
	// A post may be pictures only.
	r, err := p.Do(context.Background(), core.Action{Kind: core.ActPublish, Media: []string{img, vid}, IdempotencyKey: "vid"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.uploads) != 2 || f.uploads[1].contentType != "video/mp4" || f.uploads[1].filename != "clip.mp4" {
		t.Fatalf("uploads = %+v", f.uploads)
	}
	ids := f.mediaIDs[0]
	if len(ids) != 2 || f.media[ids[0]].entity["type"] != "image" || f.media[ids[1]].entity["type"] != "video" {
		t.Fatalf("media_ids = %v, want the image then the video", ids)
	}
	if n := f.count("GET /api/v1/media/" + ids[1]); n != 3 {
		t.Errorf("video polled %d times, want until ready (3)", n)
	}
	if !slices.Equal(*waits, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}) {
		t.Errorf("waits = %v", *waits)
	}
	if got := f.find(r.RemoteID)["media_attachments"].([]any); len(got) != 2 {
		t.Errorf("attachments = %v", got)
	}
}

func TestPublishGivesUpOnEndlessProcessing(t *testing.T) {
	f := newFake(t)
	f.processing = 1000
	p := f.provider(t, core.NewManualClock(t0))
	waits := recordSleeps(p)
	vid := writeTemp(t, "clip.webm", append([]byte("\x1a\x45\xdf\xa3"), make([]byte, 60)...))
	_, err := p.Do(context.Background(), core.Action{Kind: core.ActPublish, Payload: "x", Media: []string{vid}, IdempotencyKey: "k"})
	if err == nil || providers.Classify(err) != providers.ClassTransient || !strings.Contains(err.Error(), "still processing") {
		t.Fatalf("err = %v, want a transient error", err)
	}
	if len(*waits) != mediaPolls || slices.Max(*waits) > maxPollWait {
		t.Errorf("waits = %v", *waits)
	}
	if f.count("POST /api/v1/statuses") != 0 {
		t.Error("posted with a file still in processing")
	}
}

func TestMediaRefusedBeforeUpload(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, content []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	img := write("ok.png", pngFile(50))
	cases := []struct {
		name  string
		media []string
		want  string
	}{
		{"image too large", []string{img, write("big.png", pngFile(65))}, "big.png"},
		{"video too large", []string{write("big.mp4", mp4File(129))}, "the limit for a video is 128 bytes"},
		{"text named png", []string{write("notes.png", []byte("hello, this is text"))}, "text/plain"},
		{"unknown type", []string{write("blob.txt", []byte{0, 1, 2, 3, 4})}, "blob.txt"},
		{"missing", []string{img, filepath.Join(dir, "gone.jpg")}, "gone.jpg"},
		{"directory", []string{dir}, "not a regular file"},
		{"empty", []string{write("empty.png", nil)}, "empty"},
		{"five", []string{img, img, img, img, img}, "at most 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t)
			p := f.provider(t, core.NewManualClock(t0))
			p.media.image, p.media.video = 64, 128
			a := core.Action{Kind: core.ActPublish, Payload: "x", Media: c.media, IdempotencyKey: "k"}
			_, err := p.Do(context.Background(), a)
			if !providers.IsPermanent(err) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Do: %v, want a permanent error about %q", err, c.want)
			}
			_, err = p.Schedule(context.Background(), a, t0.Add(time.Hour))
			if !providers.IsPermanent(err) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Schedule: %v, want a permanent error about %q", err, c.want)
			}
			if len(f.calls) != 0 {
				t.Errorf("requests sent: %v", f.calls)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	cases := []struct {
		head []byte
		path string
		want string
	}{
		{pngFile(20), "x.jpg", "image/png"}, // the content wins
		{[]byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "photo", "image/jpeg"},
		{mp4File(40), "clip.bin", "video/mp4"},
		{[]byte{0, 0, 0, 20, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '}, "clip.MOV", "video/quicktime"},
		{[]byte{0, 0, 0, 20, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '}, "clip.dat", "application/octet-stream"},
		{[]byte("<html><script>"), "page.gif", "text/html"},
	}
	for _, c := range cases {
		if got := providers.SniffMedia(c.head, c.path); got != c.want {
			t.Errorf("sniff(%q) = %q, want %q", c.path, got, c.want)
		}
	}
	for in, want := range map[string]string{
		"/a/b/Été 2026.jpeg": "_t__2026.jpeg", "clip": "clip.mp4", "x.png": "x.png.mp4", "../../etc": "etc.mp4",
	} {
		mt := "video/mp4"
		if strings.HasSuffix(in, ".jpeg") {
			mt = "image/jpeg"
		}
		if got := uploadName(attachment{path: in, mimeType: mt}); got != want {
			t.Errorf("uploadName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUploadCancelled(t *testing.T) {
	f := newFake(t)
	f.stall = make(chan struct{})
	p := f.provider(t, core.NewManualClock(t0))
	path := writeTemp(t, "big.png", pngFile(256<<10))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: "x", Media: []string{path}, IdempotencyKey: "k"})
		done <- err
	}()
	<-f.stall // the upload is under way
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) || providers.Classify(err) != providers.ClassTransient {
		t.Fatalf("err = %v, want the cancellation", err)
	}
	if f.count("POST /api/v1/statuses") != 0 {
		t.Error("the status went out after a cancelled upload")
	}
}

func TestScheduleWithMedia(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	when := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	a := core.Action{Kind: core.ActPublish, Payload: "Soon", Media: []string{writeTemp(t, "a.gif", []byte("GIF89a......"))}, IdempotencyKey: "s"}
	id, err := p.Schedule(ctx, a, when)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.uploads) != 1 || f.uploads[0].contentType != "image/gif" || len(f.mediaIDs[0]) != 1 {
		t.Fatalf("uploads %+v, media_ids %v", f.uploads, f.mediaIDs)
	}
	// The answer was lost: scheduling again finds it, uploading nothing.
	if again, err := p.Schedule(ctx, a, when); err != nil || again != id || len(f.uploads) != 1 {
		t.Errorf("again: %q %v, %d uploads", again, err, len(f.uploads))
	}
	// The same text at the same time without the picture is another post.
	plain := a
	plain.Media = nil
	if other, err := p.Schedule(ctx, plain, when); err != nil || other == id {
		t.Errorf("without media: %q %v", other, err)
	}
}

func TestCheckPublishWithMedia(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	sent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC) // when the fake says statuses were made
	a := core.Action{Kind: core.ActPublish, Payload: "Look!", Media: []string{writeTemp(t, "a.png", pngFile(100))},
		IdempotencyKey: "img", CreatedAt: sent.Add(-time.Minute)}
	if _, ok, err := p.Check(ctx, a); ok || err != nil {
		t.Fatalf("before: %v %v", ok, err)
	}
	r, err := p.Do(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := p.Check(ctx, a)
	if err != nil || !ok || got.RemoteID != r.RemoteID {
		t.Fatalf("after: %+v %v %v", got, ok, err)
	}
	if len(f.uploads) != 1 {
		t.Errorf("Check uploaded: %d uploads", len(f.uploads))
	}
	noMedia := a
	noMedia.Media = nil
	if _, ok, _ := p.Check(ctx, noMedia); ok {
		t.Error("a post without pictures matched one with")
	}
	later := a
	later.CreatedAt = sent.Add(time.Hour) // an older post with the same text is not this one
	if _, ok, _ := p.Check(ctx, later); ok {
		t.Error("a post older than the action matched")
	}
}

// deadlines records the deadline of each request's context, by path.
type deadlines struct {
	next http.RoundTripper
	mu   sync.Mutex
	by   map[string]time.Time
}

func (d *deadlines) RoundTrip(r *http.Request) (*http.Response, error) {
	if dl, ok := r.Context().Deadline(); ok {
		d.mu.Lock()
		d.by[r.Method+" "+r.URL.Path] = dl
		d.mu.Unlock()
	}
	return d.next.RoundTrip(r)
}

// An upload gets more time than other requests, growing with the file:
// its deadline is later than the status's, sent just after it.
func TestUploadHasALongerDeadline(t *testing.T) {
	f := newFake(t)
	rec := &deadlines{next: f.srv.Client().Transport, by: map[string]time.Time{}}
	p, err := New(providers.AccountConfig{Settings: map[string]string{"server": f.srv.URL}, Secret: testToken},
		core.NewManualClock(t0), &http.Client{Transport: rec})
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "a.png", pngFile(4*minUploadRate)) // 4 s more at the slowest rate
	if _, err := p.Do(context.Background(), core.Action{Kind: core.ActPublish, Payload: "x", Media: []string{path}, IdempotencyKey: "k"}); err != nil {
		t.Fatal(err)
	}
	upload, status := rec.by["POST /api/v2/media"], rec.by["POST /api/v1/statuses"]
	if upload.IsZero() || status.IsZero() {
		t.Fatalf("deadlines: %v", rec.by)
	}
	if extra := upload.Sub(status); extra < 3*time.Second {
		t.Errorf("the upload's deadline is only %v after the status's", extra)
	}
}
