package email

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"cmdeck/core"
	"cmdeck/providers"
)

// batchSize is how many messages one Fetch brings; More says when to come
// back for the rest.
const batchSize = 50

// folderPos is where the sync of one folder stands.
type folderPos struct {
	Validity uint32 `json:"v"`
	Last     uint32 `json:"u"` // the highest UID already brought
}

// cursor is the provider's opaque resume point: one position per folder.
type cursor struct {
	Version int                  `json:"version"`
	Folders map[string]folderPos `json:"folders"`
}

func decodeCursor(s string) (cursor, error) {
	c := cursor{Version: 1, Folders: map[string]folderPos{}}
	if s == "" {
		return c, nil
	}
	c.Folders = nil // a cursor must name its folders, even none
	if err := json.Unmarshal([]byte(s), &c); err != nil || c.Version != 1 || c.Folders == nil {
		return c, &providers.PermanentError{Err: fmt.Errorf("email: unreadable cursor")}
	}
	return c, nil
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return string(b)
}

// Fetch brings the messages that arrived in the synced folders since the
// cursor. A folder whose UIDVALIDITY changed is read again from the start:
// items keep their Message-ID based ids, so the store sees no duplicate.
func (p *Provider) Fetch(ctx context.Context, cur string) (core.Batch, error) {
	c, err := decodeCursor(cur)
	if err != nil {
		return core.Batch{}, err
	}
	s, err := p.connect(ctx)
	if err != nil {
		return core.Batch{}, err
	}
	defer s.close()
	var b core.Batch
	seen := map[string]bool{}
	for _, folder := range p.set.Folders {
		items, pos, more, err := p.fetchFolder(ctx, s.c, folder, c.Folders[folder], batchSize-len(b.Items))
		if err != nil {
			return core.Batch{}, err
		}
		for _, it := range items {
			if !seen[it.RemoteID] {
				seen[it.RemoteID] = true
				b.Items = append(b.Items, it)
			}
		}
		c.Folders[folder] = pos
		if more {
			b.More = true
			break
		}
	}
	b.Cursor = c.encode()
	return b, nil
}

// fetchFolder brings up to limit messages of one folder after pos.
func (p *Provider) fetchFolder(ctx context.Context, c *imapclient.Client, folder string, pos folderPos, limit int) ([]core.Item, folderPos, bool, error) {
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, pos, false, p.selectError(ctx, c, folder, err)
	}
	if sel.UIDValidity != pos.Validity {
		pos = folderPos{Validity: sel.UIDValidity}
	}
	if sel.NumMessages == 0 || uint32(sel.UIDNext) <= pos.Last+1 {
		return nil, pos, false, nil
	}
	uids, err := p.newUIDs(ctx, c, pos.Last)
	if err != nil {
		return nil, pos, false, err
	}
	if len(uids) == 0 {
		return nil, pos, false, nil
	}
	if limit <= 0 {
		return nil, pos, true, nil // the batch is full: come back for these
	}
	more := len(uids) > limit
	if more {
		uids = uids[:limit]
	}
	msgs, err := c.Fetch(imap.UIDSetNum(uids...), fetchOptions()).Collect()
	if err != nil {
		return nil, pos, false, p.wrap(ctx, "reading "+folder, err)
	}
	items := make([]core.Item, 0, len(msgs))
	for _, m := range msgs {
		if uint32(m.UID) <= pos.Last {
			continue
		}
		if it, ok := p.toItem(m); ok {
			items = append(items, it)
		}
	}
	pos.Last = uint32(uids[len(uids)-1])
	return items, pos, more, nil
}

// newUIDs lists the UIDs above last, in order.
func (p *Provider) newUIDs(ctx context.Context, c *imapclient.Client, last uint32) ([]imap.UID, error) {
	var set imap.UIDSet
	set.AddRange(imap.UID(last+1), 0) // 0 is "*"
	data, err := c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
	if err != nil {
		return nil, p.wrap(ctx, "searching", err)
	}
	var out []imap.UID
	for _, u := range data.AllUIDs() {
		if uint32(u) > last { // "N:*" also matches the highest UID below N
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out, nil
}

// fetchOptions asks for the flags and at most maxMessageBytes of the raw
// message, without setting \Seen.
func fetchOptions() *imap.FetchOptions {
	return &imap.FetchOptions{
		UID: true, Flags: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true,
			Partial: &imap.SectionPartial{Offset: 0, Size: maxMessageBytes}}},
	}
}

// toItem turns a fetched message into an inbox item.
func (p *Provider) toItem(m *imapclient.FetchMessageBuffer) (core.Item, bool) {
	var raw []byte
	for _, s := range m.BodySection {
		raw = s.Bytes
	}
	msg, err := ParseMessage(raw)
	if err != nil {
		return core.Item{}, false
	}
	created := msg.Date
	if created.IsZero() || created.After(m.InternalDate.Add(24*time.Hour)) {
		created = m.InternalDate // a missing or far-future Date: trust the server's arrival time
	}
	if created.IsZero() {
		created = p.clock.Now()
	}
	it := core.Item{
		RemoteID:       remoteID(msg),
		ParentRemoteID: msg.InReplyTo,
		Kind:           core.KindDM,
		Author:         core.Author{RemoteID: msg.FromAddr, Handle: msg.FromAddr, Name: msg.FromName},
		Body:           itemBody(msg),
		CreatedAt:      created.UTC(),
		State:          stateOf(m.Flags),
		NeedsReply:     !slices.Contains(m.Flags, imap.FlagAnswered),
		Outgoing:       msg.Key != "",
	}
	if len(msg.References) > 0 {
		it.ThreadRemoteID = msg.References[0]
	} else {
		it.ThreadRemoteID = msg.InReplyTo
	}
	if it.Author.RemoteID == "" {
		it.Author.RemoteID, it.Author.Handle = "unknown", "unknown"
	}
	return it, true
}

// itemBody puts the subject on the first line, as the inbox shows a DM's
// first line, then the text and the attachments.
func itemBody(m Message) string {
	var b strings.Builder
	subject := m.Subject
	if subject == "" {
		subject = "(no subject)"
	}
	b.WriteString("Subject: " + subject + "\n\n" + m.Text)
	for _, a := range m.Attachments {
		fmt.Fprintf(&b, "\n[attachment: %s, %s]", a.Name, humanSize(a.Size))
	}
	return strings.TrimSpace(b.String())
}

func humanSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// stateOf maps IMAP flags to the deck's triage state.
func stateOf(flags []imap.Flag) core.ItemState {
	switch {
	case slices.Contains(flags, imap.FlagAnswered):
		return core.StateReplied
	case slices.Contains(flags, imap.FlagSeen):
		return core.StateRead
	}
	return core.StateNew
}

// selectError types a refused SELECT. Servers that do not say
// [NONEXISTENT] (Dovecot 2.3 answers a bare NO) are asked with LIST
// whether the folder exists: a missing folder is ErrNotFound, so the
// health view says which setting to fix.
func (p *Provider) selectError(ctx context.Context, c *imapclient.Client, folder string, err error) error {
	werr := p.wrap(ctx, "opening "+folder, err)
	var ie *imap.Error
	if providers.Classify(werr) != providers.ClassTransient || !errors.As(err, &ie) || ie.Type != imap.StatusResponseTypeNo {
		return werr
	}
	list, lerr := c.List("", folder, nil).Collect()
	if lerr != nil || len(list) > 0 {
		return werr
	}
	return fmt.Errorf("email: folder %q does not exist (settings.folders): %w", folder, providers.ErrNotFound)
}
