package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

// A post with images, published by the provider, is on the PDS with its
// images embedded, and each blob is there, byte for byte.
func TestBlueskyPublishWithImages(t *testing.T) {
	e := blueskyNetwork(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	alice := login(t, e.pds, e.user, e.pass)
	p := blueskyProvider(t, e.pds, e.user, e.pass)
	stamp := time.Now().UnixNano()

	files := []string{writePNG(t, "a.png", color.RGBA{200, 30, 30, 255}), writePNG(t, "b.png", color.RGBA{30, 30, 200, 255})}
	a := core.Action{Kind: core.ActPublish, Payload: fmt.Sprintf("Nouveautés en images %d", stamp),
		IdempotencyKey: fmt.Sprintf("images-%d", stamp), CreatedAt: time.Now(), Media: files}
	res, err := p.Do(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Do(ctx, a); err != nil {
		t.Fatalf("retrying the post: %v", err)
	}
	if n := countPosts(t, alice, a.Payload); n != 1 {
		t.Errorf("%d posts with the text on the PDS, want 1", n)
	}
	var got struct {
		Value struct {
			Embed struct {
				Type   string `json:"$type"`
				Images []struct {
					Image struct {
						Ref struct {
							Link string `json:"$link"`
						} `json:"ref"`
						MimeType string `json:"mimeType"`
					} `json:"image"`
				} `json:"images"`
			} `json:"embed"`
		} `json:"value"`
	}
	rk := res.RemoteID[strings.LastIndex(res.RemoteID, "/")+1:]
	if code := alice.call(t, "GET", "com.atproto.repo.getRecord", url.Values{"repo": {alice.did},
		"collection": {"app.bsky.feed.post"}, "rkey": {rk}}, nil, &got); code != 200 {
		t.Fatalf("getRecord: %d", code)
	}
	emb := got.Value.Embed
	if emb.Type != "app.bsky.embed.images" || len(emb.Images) != len(files) {
		t.Fatalf("embed %+v, want %d images", emb, len(files))
	}
	for i, img := range emb.Images {
		want, _ := os.ReadFile(files[i])
		if blob := getBlob(t, e.pds, alice.did, img.Image.Ref.Link); !bytes.Equal(blob, want) || img.Image.MimeType != "image/png" {
			t.Errorf("image %d: %d bytes of %s on the PDS, want the %d of %s", i, len(blob), img.Image.MimeType, len(want), files[i])
		}
	}
}

// writePNG writes a small PNG of one color.
func writePNG(t *testing.T, name string, c color.Color) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			img.Set(x, y, c)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

// getBlob reads a blob from the PDS (com.atproto.sync.getBlob, public).
func getBlob(t *testing.T, pds, did, cid string) []byte {
	t.Helper()
	resp, err := http.Get(pds + "/xrpc/com.atproto.sync.getBlob?" + url.Values{"did": {did}, "cid": {cid}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("getBlob %s: %d %s", cid, resp.StatusCode, data)
	}
	return data
}
