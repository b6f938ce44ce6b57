package mastodon

import (
	"bytes"
	"cmdeck/providers"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const (
	// minUploadRate is the slowest upload, in bytes per second, that is
	// still waited for: an upload's deadline grows with the file's size.
	minUploadRate = 256 << 10
	// mediaPolls bounds how often a file the server is processing is
	// looked at before the action is retried later (about two and a half
	// minutes with the waits below).
	mediaPolls    = 20
	firstPollWait = time.Second
	maxPollWait   = 8 * time.Second
)

// typeExtensions names an upload after its type, for servers that look at
// the file name.
var typeExtensions = map[string]string{
	"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
	"video/mp4": ".mp4", "video/webm": ".webm", "video/quicktime": ".mov",
}

// uploadTimeout is an upload's deadline: the normal one plus the time the
// file takes at minUploadRate (a 99 MB video gets about seven minutes).
func uploadTimeout(size int64) time.Duration {
	return requestTimeout + time.Duration(size/minUploadRate)*time.Second
}

// uploadMedia sends one checked file to POST /api/v2/media, read from disk
// as it goes. The answer has a url when the file is ready (200) and none
// while the server processes it (202).
func (c *Client) uploadMedia(ctx context.Context, a attachment) (MediaAttachment, error) {
	f, err := os.Open(a.path)
	if err != nil {
		return MediaAttachment{}, fileError(a.path, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || info.Size() != a.size {
		// Changed since it was checked (still being written?): check it
		// again on the next try rather than send a cut file.
		return MediaAttachment{}, fmt.Errorf("mastodon: attachment %q changed while being sent", a.path)
	}
	body, err := multipartFile(f, a)
	if err != nil {
		return MediaAttachment{}, permanentf("mastodon: attachment %q: %v", a.path, err)
	}
	var m MediaAttachment
	_, err = c.do(ctx, call{method: http.MethodPost, path: "/api/v2/media", upload: body, timeout: uploadTimeout(a.size)}, &m)
	return m, err
}

// Media returns one media attachment; its url is empty while the server
// is still processing it.
func (c *Client) Media(ctx context.Context, id string) (MediaAttachment, error) {
	var m MediaAttachment
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/media/" + url.PathEscape(id)}, &m)
	return m, err
}

// multipartFile is the multipart/form-data body of one "file" field
// holding r, the file a. Only the part's head and the closing boundary are
// held in memory and the file is read as the request goes out, so a 99 MB
// video is never loaded whole; the length is known, so the request is not
// chunked (which some proxies refuse).
func multipartFile(r io.Reader, a attachment) (*streamBody, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+uploadName(a)+`"`)
	h.Set("Content-Type", a.mimeType)
	if _, err := mw.CreatePart(h); err != nil {
		return nil, err
	}
	head := bytes.Clone(buf.Bytes())
	buf.Reset()
	if err := mw.Close(); err != nil {
		return nil, err
	}
	tail := buf.Bytes()
	return &streamBody{
		r:           io.MultiReader(bytes.NewReader(head), io.LimitReader(r, a.size), bytes.NewReader(tail)),
		length:      int64(len(head)) + a.size + int64(len(tail)),
		contentType: mw.FormDataContentType(),
	}, nil
}

// uploadName is the file name sent with an upload: the base name in safe
// ASCII (no quote, no path, no control character can reach the header),
// ending with the extension of its type.
func uploadName(a attachment) string {
	name := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '.' || r == '-' || r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')) {
			return r
		}
		return '_'
	}, filepath.Base(a.path))
	ext := typeExtensions[a.mimeType]
	if t, _ := providers.MediaTypeByExtension(name); t != a.mimeType {
		name += ext
	}
	return name
}

// uploadAll uploads the checked files, then waits until the server has
// processed every one (it refuses to attach a file still in processing),
// and returns their ids in order.
//
// Uploads are not idempotent: a retry of the action uploads the files
// again. That is harmless, since the server deletes media never attached
// to a status (Mastodon after a day). What matters is the post: every
// failure here returns before the status is sent, and an uncertain
// failure after it is covered by the status's Idempotency-Key and Check,
// so the engine can retry the whole Do without losing or doubling it.
func (p *Provider) uploadAll(ctx context.Context, files []attachment) ([]string, error) {
	ids := make([]string, len(files))
	pending := map[int]bool{}
	for i, a := range files {
		m, err := p.client.uploadMedia(ctx, a)
		if err != nil {
			return nil, fmt.Errorf("mastodon: upload of %q: %w", a.path, err)
		}
		if m.ID == "" {
			return nil, permanentf("mastodon: upload of %q: the server returned no id", a.path)
		}
		ids[i], pending[i] = m.ID, m.URL == ""
	}
	for i, a := range files {
		if pending[i] {
			if err := p.waitProcessed(ctx, a, ids[i]); err != nil {
				return nil, err
			}
		}
	}
	return ids, nil
}

// waitProcessed polls an uploaded file until the server has a url for it,
// waiting longer each time, at most mediaPolls times; then it gives up
// with a transient error, so the action is tried again later.
func (p *Provider) waitProcessed(ctx context.Context, a attachment, id string) error {
	wait := firstPollWait
	for range mediaPolls {
		if err := p.client.sleep(ctx, wait); err != nil {
			return err
		}
		m, err := p.client.Media(ctx, id)
		if err != nil {
			return fmt.Errorf("mastodon: processing of %q: %w", a.path, err)
		}
		if m.URL != "" {
			return nil
		}
		wait = min(2*wait, maxPollWait)
	}
	return fmt.Errorf("mastodon: the server is still processing %q after %d checks; the post will be tried again", a.path, mediaPolls)
}
