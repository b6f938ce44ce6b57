package demo

import (
	"cmdeck/providers"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
)

// The demo networks take the usual social-network attachments, smaller
// than Mastodon's, so the demo shows a refusal with an everyday video.
const (
	demoMaxMediaBytes = 8 << 20
	demoMaxMedia      = 4
)

var mediaTypes = []string{
	"image/jpeg", "image/png", "image/gif", "image/webp",
	"video/mp4", "video/webm", "video/quicktime",
}

// mediaLimits is what a demo account accepts as attachments; a field of
// the Provider so tests can lower it.
type mediaLimits struct {
	bytes int64 // largest file
	count int   // attachments per post
}

func defaultMediaLimits() mediaLimits {
	return mediaLimits{bytes: demoMaxMediaBytes, count: demoMaxMedia}
}

// MediaLimit is the largest attachment a demo account publishes, in bytes
// (8 MB, whatever the kind), and the MIME types it accepts; at most four
// per post. Do checks the files against it, so the composer can refuse a
// file before the post is scheduled.
func (p *Provider) MediaLimit() (maxBytes int64, types []string) {
	return p.media.bytes, slices.Clone(mediaTypes)
}

// check reports the first attachment the demo network would refuse:
// too many, missing or unreadable, not a regular file, empty, too large,
// or of a type it does not take.
func (l mediaLimits) check(paths []string) error {
	if len(paths) > l.count {
		return fmt.Errorf("demo: %d attachments; a post takes at most %d", len(paths), l.count)
	}
	for _, path := range paths {
		if err := l.checkFile(path); err != nil {
			return err
		}
	}
	return nil
}

func (l mediaLimits) checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fileError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return fileError(path, err)
	case !info.Mode().IsRegular():
		return fmt.Errorf("demo: attachment %q is not a regular file", path)
	case info.Size() == 0:
		return fmt.Errorf("demo: attachment %q is empty", path)
	case info.Size() > l.bytes:
		return fmt.Errorf("demo: attachment %q is %d bytes; the limit is %d", path, info.Size(), l.bytes)
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fileError(path, err)
	}
	if t := providers.SniffMedia(head[:n], path); !slices.Contains(mediaTypes, t) {
		return fmt.Errorf("demo: attachment %q is %s; the network takes JPEG, PNG, GIF or WebP images and MP4, WebM or MOV videos", path, t)
	}
	return nil
}

// fileError names the file and the cause, without the *PathError's
// repeated path.
func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("demo: attachment %q cannot be read: %v", path, err)
}
