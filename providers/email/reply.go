package email

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	gomessage "github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"

	"cmdeck/core"
	"cmdeck/providers"
)

// keyHeader carries the outbox's idempotency key on every reply, so Check
// can find a reply already sent in the Sent folder.
const keyHeader = "X-Cmdeck-Key"

// errUncertain: a Sent copy exists but the send was interrupted, so
// nobody knows whether the reply left. A person decides.
var errUncertain = errors.New("a reply with this key may or may not have been sent (interrupted); check the Sent folder")

// reply answers the target message: the Sent copy is written first
// (flagged as sending), then the mail goes out by SMTP, then the copy is
// unflagged and the original marked \Answered and \Seen. A retry finds the
// finished copy and does nothing.
func (p *Provider) reply(ctx context.Context, a core.Action) (core.ActionResult, error) {
	if a.IdempotencyKey == "" {
		return core.ActionResult{}, &providers.PermanentError{Err: errors.New("email: a reply needs an idempotency key")}
	}
	s, err := p.connect(ctx)
	if err != nil {
		return core.ActionResult{}, err
	}
	defer s.close()
	if res, found, err := p.checkSent(ctx, s.c, a.IdempotencyKey); err != nil || found {
		return res, err
	}
	loc, err := p.locate(ctx, s.c, a.TargetRemoteID)
	if err != nil {
		return core.ActionResult{}, err
	}
	orig, err := p.original(ctx, s.c, loc.uid)
	if err != nil {
		return core.ActionResult{}, err
	}
	raw, id, err := p.buildReply(orig, a)
	if err != nil {
		return core.ActionResult{}, err
	}
	if err := p.appendSent(ctx, s.c, raw); err != nil {
		return core.ActionResult{}, err
	}
	if err := p.send(ctx, orig.ReplyTo, raw); err != nil {
		// Nothing left: take the Sent copy back so a retry sends afresh.
		p.dropSent(ctx, s.c, a.IdempotencyKey)
		return core.ActionResult{}, err
	}
	if err := p.markSent(ctx, s.c, a.IdempotencyKey); err != nil {
		return core.ActionResult{}, err
	}
	if _, err := s.c.Select(loc.folder, nil).Wait(); err == nil {
		_ = storeFlags(s.c, imap.UIDSetNum(loc.uid), imap.StoreFlagsAdd, imap.FlagAnswered, imap.FlagSeen)
	}
	return core.ActionResult{RemoteID: id}, nil
}

// original reads the message being answered (selected folder).
func (p *Provider) original(ctx context.Context, c *imapclient.Client, uid imap.UID) (Message, error) {
	msgs, err := c.Fetch(imap.UIDSetNum(uid), fetchOptions()).Collect()
	if err != nil {
		return Message{}, p.wrap(ctx, "reading the original", err)
	}
	if len(msgs) != 1 || len(msgs[0].BodySection) == 0 {
		return Message{}, fmt.Errorf("email: the original vanished: %w", providers.ErrNotFound)
	}
	return ParseMessage(msgs[0].BodySection[0].Bytes)
}

// replyID is the Message-ID of the reply for an idempotency key: the same
// on every retry.
func replyID(key, from string) string {
	sum := sha256.Sum256([]byte(key))
	domain := "cmdeck.invalid"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i < len(from)-1 {
		domain = strings.Trim(from[i+1:], "> ")
	}
	return "cmdeck." + hex.EncodeToString(sum[:12]) + "@" + domain
}

// buildReply writes the reply: threading headers, quoted original, our
// From, the key header.
func (p *Provider) buildReply(orig Message, a core.Action) ([]byte, string, error) {
	from, err := mail.ParseAddress(p.set.From)
	if err != nil {
		return nil, "", &providers.PermanentError{Err: fmt.Errorf("email: settings.from %q is not an address", p.set.From)}
	}
	if orig.ReplyTo == "" {
		return nil, "", &providers.PermanentError{Err: errors.New("email: the original has no address to answer")}
	}
	id := replyID(a.IdempotencyKey, from.Address)
	var h gomail.Header
	h.SetDate(p.clock.Now())
	h.SetAddressList("From", []*gomail.Address{{Name: from.Name, Address: from.Address}})
	h.SetAddressList("To", []*gomail.Address{{Name: orig.FromName, Address: orig.ReplyTo}})
	h.SetSubject(replySubject(orig.Subject))
	h.SetMessageID(id)
	if orig.MessageID != "" {
		h.SetMsgIDList("In-Reply-To", []string{orig.MessageID})
		h.SetMsgIDList("References", append(append([]string(nil), orig.References...), orig.MessageID))
	}
	h.Set(keyHeader, a.IdempotencyKey)
	h.Set("MIME-Version", "1.0")
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	var buf bytes.Buffer
	w, err := gomessage.CreateWriter(&buf, h.Header)
	if err != nil {
		return nil, "", err
	}
	_, _ = w.Write([]byte(toCRLF(replyText(a.Payload, orig))))
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), id, nil
}

func replySubject(s string) string {
	if strings.HasPrefix(strings.ToLower(s), "re:") {
		return s
	}
	if s == "" {
		return "Re:"
	}
	return "Re: " + s
}

// replyText is the answer followed by the quoted original.
func replyText(answer string, orig Message) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(answer, "\n") + "\n\n")
	who := orig.FromAddr
	if orig.FromName != "" {
		who = orig.FromName + " <" + orig.FromAddr + ">"
	}
	if !orig.Date.IsZero() {
		fmt.Fprintf(&b, "On %s, %s wrote:\n", orig.Date.Format(time.RFC1123Z), who)
	} else {
		fmt.Fprintf(&b, "%s wrote:\n", who)
	}
	for _, l := range strings.Split(orig.Text, "\n") {
		b.WriteString(strings.TrimRight("> "+l, " ") + "\n")
	}
	return b.String()
}

func toCRLF(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

// appendSent stores the Sent copy, flagged as still sending.
func (p *Provider) appendSent(ctx context.Context, c *imapclient.Client, raw []byte) error {
	cmd := c.Append(p.set.Sent, int64(len(raw)), &imap.AppendOptions{
		Flags: []imap.Flag{imap.FlagSeen, sendingKeyword}, Time: p.clock.Now()})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return p.wrap(ctx, "saving to "+p.set.Sent, err)
	}
	if err := cmd.Close(); err != nil {
		return p.wrap(ctx, "saving to "+p.set.Sent, err)
	}
	if _, err := cmd.Wait(); err != nil {
		return p.wrap(ctx, "saving to "+p.set.Sent, err)
	}
	return nil
}

// sentWithKey selects Sent and returns the copies carrying key.
func (p *Provider) sentWithKey(ctx context.Context, c *imapclient.Client, key string) ([]*imapclient.FetchMessageBuffer, error) {
	if _, err := c.Select(p.set.Sent, nil).Wait(); err != nil {
		return nil, p.wrap(ctx, "opening "+p.set.Sent, err)
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: keyHeader, Value: key}},
		NotFlag: []imap.Flag{imap.FlagDeleted}}, nil).Wait()
	if err != nil {
		return nil, p.wrap(ctx, "searching "+p.set.Sent, err)
	}
	uids := data.AllUIDs()
	if len(uids) == 0 {
		return nil, nil
	}
	msgs, err := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, Flags: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true, Specifier: imap.PartSpecifierHeader}}}).Collect()
	if err != nil {
		return nil, p.wrap(ctx, "reading "+p.set.Sent, err)
	}
	// SEARCH HEADER matches substrings: keep the exact key.
	var out []*imapclient.FetchMessageBuffer
	for _, m := range msgs {
		if len(m.BodySection) > 0 {
			if pm, err := ParseMessage(m.BodySection[0].Bytes); err == nil && pm.Key == key {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// checkSent reports a finished reply with key; an unfinished one is
// errUncertain.
func (p *Provider) checkSent(ctx context.Context, c *imapclient.Client, key string) (core.ActionResult, bool, error) {
	msgs, err := p.sentWithKey(ctx, c, key)
	if err != nil || len(msgs) == 0 {
		return core.ActionResult{}, false, err
	}
	for _, m := range msgs {
		if !containsFlag(m.Flags, sendingKeyword) {
			pm, _ := ParseMessage(m.BodySection[0].Bytes)
			return core.ActionResult{RemoteID: pm.MessageID}, true, nil
		}
	}
	return core.ActionResult{}, false, &providers.PermanentError{Err: errUncertain}
}

func containsFlag(flags []imap.Flag, f imap.Flag) bool {
	for _, x := range flags {
		if strings.EqualFold(string(x), string(f)) {
			return true
		}
	}
	return false
}

// markSent clears the sending keyword: the reply certainly left.
func (p *Provider) markSent(ctx context.Context, c *imapclient.Client, key string) error {
	msgs, err := p.sentWithKey(ctx, c, key)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if err := storeFlags(c, imap.UIDSetNum(m.UID), imap.StoreFlagsDel, sendingKeyword); err != nil {
			return p.wrap(ctx, "marking the Sent copy", err)
		}
	}
	return nil
}

// dropSent removes the Sent copy of a reply that certainly did not leave.
func (p *Provider) dropSent(ctx context.Context, c *imapclient.Client, key string) {
	msgs, err := p.sentWithKey(ctx, c, key)
	if err != nil {
		return
	}
	for _, m := range msgs {
		_ = p.expunge(ctx, c, imap.UIDSetNum(m.UID))
	}
}

// Check tells whether the reply with this key was already sent.
func (p *Provider) Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error) {
	if a.Kind != core.ActReply {
		return core.ActionResult{}, false, nil
	}
	s, err := p.connect(ctx)
	if err != nil {
		return core.ActionResult{}, false, err
	}
	defer s.close()
	return p.checkSent(ctx, s.c, a.IdempotencyKey)
}
