package rss

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

const (
	maxBody     = 10 << 20 // bytes of one feed document at most
	feedTimeout = 30 * time.Second
	userAgent   = "cmdeck-rss/1 (+https://github.com/cmdeck)"
	accept      = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, " +
		"application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)

// download is what reading a feed gave: its document, or "not modified"
// (a 304), and the validators to send next time.
type download struct {
	body        []byte
	notModified bool
	etag        string
	modified    string
}

// errTooLarge is a document over maxBody: a misconfigured URL (a video, a
// dump) or an attack, not something a retry fixes.
var errTooLarge = fmt.Errorf("the document is larger than %d MB", maxBody>>20)

// errNotRegular refuses what is not a plain file: reading a FIFO or a
// device would block the sync, or never end.
var errNotRegular = errors.New("not a regular file")

// get reads s: a conditional GET with the validators of st, or the
// local file.
func (p *Provider) get(ctx context.Context, s source, st feedState) (download, error) {
	if s.url.Scheme == "file" {
		return readLocal(ctx, s)
	}
	ctx, cancel := context.WithTimeout(ctx, feedTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url.String(), nil)
	if err != nil {
		return download{}, permanentError(s, "cannot build the request")
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", accept)
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.Modified != "" {
		req.Header.Set("If-Modified-Since", st.Modified)
	}
	resp, err := p.http.Do(req)
	if err != nil {
		return download{}, networkError(s, err)
	}
	defer resp.Body.Close()
	return answer(s, st, resp)
}

// answer reads a response: a 304 keeps the validators (or takes new ones),
// a 2xx brings the document and its validators, anything else is an error.
func answer(s source, st feedState, resp *http.Response) (download, error) {
	etag, modified := validHeader(resp.Header.Get("ETag")), validHeader(resp.Header.Get("Last-Modified"))
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return download{notModified: true, etag: cmp.Or(etag, st.ETag), modified: cmp.Or(modified, st.Modified)}, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return download{}, statusError(s, resp.StatusCode)
	case resp.ContentLength > maxBody:
		return download{}, permanentError(s, errTooLarge.Error())
	}
	body, err := readLimited(resp.Body)
	switch {
	case errors.Is(err, errTooLarge):
		return download{}, permanentError(s, err.Error())
	case err != nil:
		return download{}, networkError(s, err)
	}
	return download{body: body, etag: etag, modified: modified}, nil
}

// readLocal reads a file:// feed. There are no validators: the file is
// parsed each time and the seen entries keep it from bringing anything
// twice.
func readLocal(ctx context.Context, s source) (download, error) {
	if err := ctx.Err(); err != nil {
		return download{}, networkError(s, err)
	}
	fi, err := os.Stat(s.url.Path)
	if err == nil && !fi.Mode().IsRegular() {
		err = errNotRegular
	}
	if err != nil {
		return download{}, fileError(s, err)
	}
	f, err := os.Open(s.url.Path)
	if err != nil {
		return download{}, fileError(s, err)
	}
	defer f.Close()
	body, err := readLimited(f)
	switch {
	case errors.Is(err, errTooLarge):
		return download{}, permanentError(s, err.Error())
	case err != nil:
		return download{}, fileError(s, err)
	}
	return download{body: body}, nil
}

// readLimited reads at most maxBody bytes; more is errTooLarge rather
// than a silently cut (and then unparseable) document.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxBody {
		return nil, errTooLarge
	}
	return data, nil
}
