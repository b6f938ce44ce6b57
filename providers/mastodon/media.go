package mastodon

import (
	"fmt"
	"slices"
	"strings"

	"cmdeck/providers"
)

// Mastodon's default upload limits (MediaAttachment, 4.x): images 16 MB,
// videos 99 MB, four attachments per status. Servers can change them; the
// server still has the last word (a refusal is a permanent 422).
const (
	maxImageBytes  = 16 << 20
	maxVideoBytes  = 99 << 20
	maxAttachments = 4
)

var (
	imageTypes = []string{"image/jpeg", "image/png", "image/gif", "image/webp"}
	videoTypes = []string{"video/mp4", "video/webm", "video/quicktime"}
)

// mediaLimits is what the provider accepts as attachments. A field of the
// Provider, so tests can lower the bounds instead of writing 16 MB files.
type mediaLimits struct {
	image, video int64 // largest file, in bytes, per kind
	count        int   // attachments per status
}

func defaultMediaLimits() mediaLimits {
	return mediaLimits{image: maxImageBytes, video: maxVideoBytes, count: maxAttachments}
}

// MediaLimit is the largest attachment the account can publish, in bytes,
// and the MIME types it accepts. The bound is per kind inside: images up
// to 16 MB, videos up to 99 MB (the larger is returned), at most four per
// post; Do and Schedule check each file against its own kind's bound. It
// lets the composer refuse a file before the post is scheduled.
func (p *Provider) MediaLimit() (maxBytes int64, types []string) {
	return max(p.media.image, p.media.video), slices.Concat(imageTypes, videoTypes)
}

// attachment is a local file checked for upload.
type attachment struct {
	path     string
	mimeType string
	size     int64
}

// checkMedia checks every file before anything is sent, so a post is
// refused whole rather than half uploaded: each file must exist, be a
// regular readable file of an accepted type and within its kind's bound.
// Problems are permanent: retrying will not fix a missing file.
func (l mediaLimits) checkMedia(paths []string) ([]attachment, error) {
	if len(paths) > l.count {
		return nil, permanentf("mastodon: %d attachments; a post takes at most %d", len(paths), l.count)
	}
	out := make([]attachment, 0, len(paths))
	for _, path := range paths {
		a, err := inspect(path)
		if err != nil {
			return nil, err
		}
		if err := l.fits(a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// fits checks a's type and size against the bound of its kind.
func (l mediaLimits) fits(a attachment) error {
	var limit int64
	switch {
	case slices.Contains(imageTypes, a.mimeType):
		limit = l.image
	case slices.Contains(videoTypes, a.mimeType):
		limit = l.video
	default:
		return permanentf("mastodon: attachment %q is %s; Mastodon takes JPEG, PNG, GIF or WebP images and MP4, WebM or MOV videos",
			a.path, a.mimeType)
	}
	if a.size > limit {
		return permanentf("mastodon: attachment %q is %s; the limit for %s is %s",
			a.path, humanBytes(a.size), kindOf(a.mimeType), humanBytes(limit))
	}
	if a.size == 0 {
		return permanentf("mastodon: attachment %q is empty", a.path)
	}
	return nil
}

// inspect reads the file's type and size (providers.InspectMedia).
func inspect(path string) (attachment, error) {
	f, err := providers.InspectMedia("mastodon", path)
	return attachment{path: f.Path, mimeType: f.MIMEType, size: f.Size}, err
}

// fileError names the file and the cause.
func fileError(path string, err error) error { return providers.MediaFileError("mastodon", path, err) }

func permanentf(format string, args ...any) error {
	return &providers.PermanentError{Err: fmt.Errorf(format, args...)}
}

func kindOf(mimeType string) string {
	if strings.HasPrefix(mimeType, "video/") {
		return "a video"
	}
	return "an image"
}

// humanBytes writes n in MB (2^20) with one decimal, or in bytes when small.
func humanBytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
