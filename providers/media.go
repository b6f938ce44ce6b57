package providers

import (
	"net/http"
	"path/filepath"
	"strings"
)

// mediaExtensions are the attachment types the networks take, by file
// extension: used only when the content itself says nothing.
var mediaExtensions = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
	".webp": "image/webp", ".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm",
	".mov": "video/quicktime",
}

// SniffMedia is an attachment's MIME type, without parameters, from its
// first bytes (up to 512). The content wins over the name: a text file
// named .png is text. Only content nothing is known about falls back to the
// extension. The composer and every provider use it, so a file the composer
// accepts is one the provider accepts.
func SniffMedia(head []byte, path string) string {
	t, _, _ := strings.Cut(http.DetectContentType(head), ";")
	if t != "application/octet-stream" {
		return t
	}
	if byExt, ok := MediaTypeByExtension(path); ok {
		return byExt
	}
	return t
}

// MediaTypeByExtension is the attachment type a file name's extension
// announces, if it is one the networks take.
func MediaTypeByExtension(path string) (string, bool) {
	t, ok := mediaExtensions[strings.ToLower(filepath.Ext(path))]
	return t, ok
}
