package providers

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
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

// MediaFile is a local file to attach, as InspectMedia found it.
type MediaFile struct {
	Path     string
	MIMEType string // from SniffMedia
	Size     int64
}

// InspectMedia reads what an upload needs to know about a file: its size
// and its type, from its first 512 bytes (or its extension when they say
// nothing). A missing, unreadable or irregular file is a permanent error
// naming the file, prefixed by the network's name: retrying will not fix
// it.
func InspectMedia(network, path string) (MediaFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return MediaFile{}, MediaFileError(network, path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return MediaFile{}, MediaFileError(network, path, err)
	}
	if !info.Mode().IsRegular() {
		return MediaFile{}, &PermanentError{Err: fmt.Errorf("%s: attachment %q is not a regular file", network, path)}
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return MediaFile{}, MediaFileError(network, path, err)
	}
	return MediaFile{Path: path, MIMEType: SniffMedia(head[:n], path), Size: info.Size()}, nil
}

// MediaFileError names the file and the cause, without the *PathError's
// repeated path; permanent.
func MediaFileError(network, path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &PermanentError{Err: fmt.Errorf("%s: attachment %q cannot be read: %v", network, path, err)}
}
