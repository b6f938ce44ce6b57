package rss

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
)

// parsed is one feed document: gofeed's universal form, plus what that
// form forgets and the text needs: which item fields are plain text
// rather than HTML (see plainFlags). plain[i] is about feed.Items[i].
type parsed struct {
	feed  *gofeed.Feed
	plain []plainFlags
}

// plainFlags says that an item's content or description is plain text:
// Atom type="text" content, JSON Feed content_text and summary. Read as
// HTML, "a<b" there would lose its end.
type plainFlags struct {
	content, description bool
}

// parseFeed reads an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed document,
// whichever it is; anything else is an error to show.
func parseFeed(data []byte) (doc parsed, err error) {
	defer func() {
		// A document is hostile input to a third-party parser: should
		// one crash it, only this feed fails, not the sync of every
		// account in the engine's goroutine.
		if r := recover(); r != nil {
			doc, err = parsed{}, fmt.Errorf("not a feed: the parser choked on it")
		}
	}()
	at, jt := &atomTranslator{}, &jsonTranslator{}
	fp := gofeed.NewParser()
	fp.AtomTranslator, fp.JSONTranslator = at, jt
	f, err := fp.Parse(bytes.NewReader(coerceJSONIDs(data)))
	if err != nil {
		return parsed{}, fmt.Errorf("not a feed: %s", err)
	}
	doc = parsed{feed: f, plain: make([]plainFlags, len(f.Items))}
	for _, flags := range [][]plainFlags{at.plain, jt.plain} {
		if len(flags) == len(f.Items) {
			copy(doc.plain, flags)
		}
	}
	return doc, nil
}

// atomTranslator is gofeed's, noting which entries have text content.
type atomTranslator struct {
	gofeed.DefaultAtomTranslator
	plain []plainFlags
}

func (t *atomTranslator) Translate(in any) (*gofeed.Feed, error) {
	f, err := t.DefaultAtomTranslator.Translate(in)
	af, ok := in.(*atom.Feed)
	if err != nil || !ok {
		return f, err
	}
	t.plain = make([]plainFlags, len(af.Entries))
	for i, e := range af.Entries {
		t.plain[i].content = e.Content != nil && isTextType(e.Content.Type)
	}
	return f, nil
}

// isTextType reports whether an Atom text construct's type is plain text:
// "text" (the default), or a text/* media type.
func isTextType(typ string) bool {
	typ = strings.ToLower(strings.TrimSpace(typ))
	return typ == "" || typ == "text" || (strings.HasPrefix(typ, "text/") && typ != "text/html")
}

// jsonTranslator is gofeed's, noting which items have only content_text.
// A JSON Feed summary is always plain text.
type jsonTranslator struct {
	gofeed.DefaultJSONTranslator
	plain []plainFlags
}

func (t *jsonTranslator) Translate(in any) (*gofeed.Feed, error) {
	f, err := t.DefaultJSONTranslator.Translate(in)
	jf, ok := in.(*jsonfeed.Feed)
	if err != nil || !ok {
		return f, err
	}
	t.plain = make([]plainFlags, len(jf.Items))
	for i, it := range jf.Items {
		t.plain[i] = plainFlags{content: it == nil || it.ContentHTML == "", description: true}
	}
	return f, nil
}

// coerceJSONIDs turns a JSON Feed's numeric item ids into strings, as the
// JSON Feed spec asks readers to: gofeed refuses the whole feed over one
// `"id": 88102`. Anything that is not such a feed is returned as is.
func coerceJSONIDs(data []byte) []byte {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return data
	}
	var doc map[string]json.RawMessage
	var items []map[string]json.RawMessage
	if json.Unmarshal(data, &doc) != nil || json.Unmarshal(doc["items"], &items) != nil {
		return data
	}
	changed := false
	for _, it := range items {
		if id := bytes.TrimSpace(it["id"]); len(id) > 0 && (id[0] == '-' || (id[0] >= '0' && id[0] <= '9')) {
			it["id"], _ = json.Marshal(string(id))
			changed = true
		}
	}
	if !changed {
		return data
	}
	var err error
	if doc["items"], err = json.Marshal(items); err != nil {
		return data
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return data
	}
	return out
}
