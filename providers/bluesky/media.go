package bluesky

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"cmdeck/providers"
)

// Images as app.bsky.embed.images takes them: at most four per post, each
// a blob of at most 1,000,000 bytes (the lexicon's maxSize). Video is a
// separate service (app.bsky.embed.video) cmdeck does not use.
const (
	maxImageBytes = 1_000_000
	maxImages     = 4
)

var imageTypes = []string{"image/jpeg", "image/png", "image/webp", "image/gif"}

var _ providers.MediaChecker = (*Provider)(nil)

// MediaLimit is what the composer checks attachments against: images only,
// each up to 1 MB, four per post (post checks the count).
func (p *Provider) MediaLimit() (maxBytes int64, types []string) {
	return maxImageBytes, slices.Clone(imageTypes)
}

// checkImages checks every file before anything is uploaded, so a post is
// refused whole rather than half sent. Problems are permanent.
func checkImages(paths []string) ([]providers.MediaFile, error) {
	if len(paths) > maxImages {
		return nil, permanentf("bluesky: %d attachments; a post takes at most %d images", len(paths), maxImages)
	}
	out := make([]providers.MediaFile, 0, len(paths))
	for _, path := range paths {
		f, err := providers.InspectMedia("bluesky", path)
		if err != nil {
			return nil, err
		}
		switch {
		case f.Size == 0:
			return nil, permanentf("bluesky: attachment %q is empty", path)
		case !slices.Contains(imageTypes, f.MIMEType):
			return nil, permanentf("bluesky: attachment %q is %s; Bluesky takes JPEG, PNG, WebP or GIF images", path, f.MIMEType)
		case f.Size > maxImageBytes:
			return nil, permanentf("bluesky: attachment %q is %d bytes; an image takes at most %d", path, f.Size, maxImageBytes)
		}
		out = append(out, f)
	}
	return out, nil
}

// uploadImages uploads checked files and returns the post's images embed
// (nil for none). A retry uploads them again: a blob is named by its
// content, so the record written is the same and its key makes it once.
func (p *Provider) uploadImages(ctx context.Context, files []providers.MediaFile) (json.RawMessage, error) {
	if len(files) == 0 {
		return nil, nil
	}
	emb := imagesEmbed{Type: typeImages}
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return nil, providers.MediaFileError("bluesky", f.Path, err)
		}
		if int64(len(data)) != f.Size {
			// Changed since it was checked (still being written?): check it
			// again on the next try rather than send a cut file.
			return nil, fmt.Errorf("bluesky: attachment %q changed while being sent", f.Path)
		}
		blob, err := p.client.UploadBlob(ctx, f.MIMEType, data)
		if err != nil {
			return nil, err
		}
		emb.Images = append(emb.Images, embedImage{Image: blob, Alt: ""})
	}
	return json.Marshal(emb)
}

func permanentf(format string, args ...any) error {
	return &providers.PermanentError{Err: fmt.Errorf(format, args...)}
}
