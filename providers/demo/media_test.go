package demo

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/providers"
)

func pngBytes(n int) []byte { return append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, n-8)...) }

func TestMediaLimit(t *testing.T) {
	p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
	max, types := p.MediaLimit()
	if max != 8<<20 || !slices.Contains(types, "image/png") || !slices.Contains(types, "video/quicktime") {
		t.Errorf("MediaLimit = %d %v", max, types)
	}
	types[0] = "text/html"
	if _, again := p.MediaLimit(); again[0] == "text/html" {
		t.Error("MediaLimit shares its slice")
	}
}

func TestPublishWithMedia(t *testing.T) {
	dir := t.TempDir()
	img, vid := filepath.Join(dir, "a.png"), filepath.Join(dir, "clip.mov")
	os.WriteFile(img, pngBytes(100), 0o600)
	os.WriteFile(vid, []byte("\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00"), 0o600) // QuickTime: known by its name
	p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
	ctx := context.Background()
	a := core.Action{Kind: core.ActPublish, Media: []string{img, vid}, IdempotencyKey: "m1"} // pictures only
	r, err := p.Do(ctx, a)
	if err != nil || r.RemoteID == "" {
		t.Fatalf("%+v %v", r, err)
	}
	if got := p.Actions(); len(got) != 1 || !slices.Equal(got[0].Media, a.Media) {
		t.Errorf("performed %+v", got)
	}
	// The files went away after the post went out: a retry is answered
	// from memory, not refused.
	os.Remove(img)
	if again, err := p.Do(ctx, a); err != nil || again != r || p.Performed("m1") != 1 {
		t.Errorf("retry: %+v %v, performed %d", again, err, p.Performed("m1"))
	}
	// The same key with other attachments is another action.
	other := a
	other.Media = []string{vid}
	if _, err := p.Do(ctx, other); !providers.IsPermanent(err) || !strings.Contains(err.Error(), "idempotency key") {
		t.Errorf("key reused with other media: %v", err)
	}
}

func TestPublishMediaRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, content []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ok := write("ok.png", pngBytes(50))
	cases := []struct {
		name  string
		media []string
		want  string
	}{
		{"too large", []string{write("big.png", pngBytes(65))}, "big.png"},
		{"wrong type", []string{write("notes.png", []byte("plain text"))}, "text/plain"},
		{"unknown type", []string{write("blob.bin", []byte{0, 1, 2})}, "blob.bin"},
		{"missing", []string{ok, filepath.Join(dir, "gone.jpg")}, "gone.jpg"},
		{"directory", []string{dir}, "not a regular file"},
		{"empty", []string{write("empty.gif", nil)}, "empty"},
		{"five", []string{ok, ok, ok, ok, ok}, "at most 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
			p.media.bytes = 64
			_, err := p.Do(context.Background(), core.Action{Kind: core.ActPublish, Payload: "x", Media: c.media, IdempotencyKey: "k"})
			if !providers.IsPermanent(err) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%v, want a permanent error about %q", err, c.want)
			}
			if p.Performed("k") != 0 {
				t.Error("the refused post was performed")
			}
		})
	}
}
