package email

import (
	"context"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"cmdeck/core"
	"cmdeck/providers"
)

// Keyword set on the Sent copy of a reply while it is being sent: a copy
// still carrying it means the send may or may not have happened.
const sendingKeyword imap.Flag = "$CmdeckSending"

// Do performs one action. The deck's hide archives the message, unhide
// brings it back to the first synced folder, spam moves it to Junk, delete
// removes it (flag + expunge), reply answers it by SMTP.
func (p *Provider) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	switch a.Kind {
	case core.ActReply:
		return p.reply(ctx, a)
	case core.ActHide:
		return core.ActionResult{}, p.move(ctx, a.TargetRemoteID, p.set.Archive, imap.FlagSeen)
	case core.ActUnhide:
		return core.ActionResult{}, p.move(ctx, a.TargetRemoteID, p.set.Folders[0], "")
	case core.ActSpam:
		return core.ActionResult{}, p.move(ctx, a.TargetRemoteID, p.set.Junk, imap.FlagJunk)
	case core.ActDelete:
		return core.ActionResult{}, p.delete(ctx, a.TargetRemoteID)
	case core.ActMarkRead:
		return core.ActionResult{}, p.flag(ctx, a.TargetRemoteID, imap.StoreFlagsAdd)
	case core.ActMarkUnread:
		return core.ActionResult{}, p.flag(ctx, a.TargetRemoteID, imap.StoreFlagsDel)
	}
	return core.ActionResult{}, fmt.Errorf("email: %s: %w", a.Kind, providers.ErrUnsupported)
}

// located is a message found on the server.
type located struct {
	folder string
	uid    imap.UID
}

// searchFolders are where an item can be: the synced folders, then where
// cmdeck's own actions put messages.
func (p *Provider) searchFolders() []string {
	out := append([]string(nil), p.set.Folders...)
	for _, f := range []string{p.set.Sent, p.set.Archive, p.set.Junk} {
		if !containsFold(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func containsFold(l []string, s string) bool {
	for _, x := range l {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// locate finds the message with remote id id and selects its folder
// (read-write). A hash id (a message without Message-ID) is found by
// reading the folders' messages: rare, and only on action.
func (p *Provider) locate(ctx context.Context, c *imapclient.Client, id string) (located, error) {
	if id == "" {
		return located{}, &providers.PermanentError{Err: fmt.Errorf("email: no message given: %w", providers.ErrNotFound)}
	}
	for _, folder := range p.searchFolders() {
		if _, err := c.Select(folder, nil).Wait(); err != nil {
			continue // a folder that does not exist holds nothing
		}
		uid, ok, err := p.findIn(ctx, c, id)
		if err != nil {
			return located{}, err
		}
		if ok {
			return located{folder: folder, uid: uid}, nil
		}
	}
	return located{}, fmt.Errorf("email: message %s: %w", id, providers.ErrNotFound)
}

// findIn looks for id in the selected folder.
func (p *Provider) findIn(ctx context.Context, c *imapclient.Client, id string) (imap.UID, bool, error) {
	if strings.HasPrefix(id, "sha256:") {
		return p.findByHash(ctx, c, id)
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{
		{Key: "Message-ID", Value: "<" + id + ">"}}, NotFlag: []imap.Flag{imap.FlagDeleted}}, nil).Wait()
	if err != nil {
		return 0, false, p.wrap(ctx, "searching", err)
	}
	// SEARCH HEADER is a substring match: confirm the exact id.
	for _, uid := range data.AllUIDs() {
		msgs, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, Envelope: true}).Collect()
		if err != nil {
			return 0, false, p.wrap(ctx, "reading", err)
		}
		if len(msgs) == 1 && msgs[0].Envelope != nil && msgs[0].Envelope.MessageID == id {
			return uid, true, nil
		}
	}
	return 0, false, nil
}

func (p *Provider) findByHash(ctx context.Context, c *imapclient.Client, id string) (imap.UID, bool, error) {
	var all imap.UIDSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, fetchOptions()).Collect()
	if err != nil {
		return 0, false, p.wrap(ctx, "reading", err)
	}
	for _, m := range msgs {
		if it, ok := p.toItem(m); ok && it.RemoteID == id {
			return m.UID, true, nil
		}
	}
	return 0, false, nil
}

// onMessage connects, finds message id (selecting its folder) and runs fn
// on it: what every action on one message starts with.
func (p *Provider) onMessage(ctx context.Context, id string, fn func(c *imapclient.Client, loc located) error) error {
	s, err := p.connect(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	loc, err := p.locate(ctx, s.c, id)
	if err != nil {
		return err
	}
	return fn(s.c, loc)
}

// move moves a message to folder (MOVE when offered, else COPY + delete),
// setting flag first when given.
func (p *Provider) move(ctx context.Context, id, folder string, flag imap.Flag) error {
	return p.onMessage(ctx, id, func(c *imapclient.Client, loc located) error {
		if strings.EqualFold(loc.folder, folder) {
			return nil // already there: a retry after success
		}
		set := imap.UIDSetNum(loc.uid)
		if flag != "" {
			if err := storeFlags(c, set, imap.StoreFlagsAdd, flag); err != nil {
				return p.wrap(ctx, "flagging", err)
			}
		}
		if c.Caps().Has(imap.CapMove) {
			if _, err := c.Move(set, folder).Wait(); err != nil {
				return p.wrap(ctx, "moving to "+folder, err)
			}
			return nil
		}
		if _, err := c.Copy(set, folder).Wait(); err != nil {
			return p.wrap(ctx, "copying to "+folder, err)
		}
		return p.expunge(ctx, c, set)
	})
}

// flag sets (or clears) \Seen on the message, wherever it is: the deck's
// read state, kept in step with the mailbox. Setting it twice is harmless,
// so a retry needs no check.
func (p *Provider) flag(ctx context.Context, id string, op imap.StoreFlagsOp) error {
	return p.onMessage(ctx, id, func(c *imapclient.Client, loc located) error {
		if err := storeFlags(c, imap.UIDSetNum(loc.uid), op, imap.FlagSeen); err != nil {
			return p.wrap(ctx, "flagging", err)
		}
		return nil
	})
}

// delete flags the message \Deleted and expunges it alone.
func (p *Provider) delete(ctx context.Context, id string) error {
	return p.onMessage(ctx, id, func(c *imapclient.Client, loc located) error {
		return p.expunge(ctx, c, imap.UIDSetNum(loc.uid))
	})
}

// expunge removes exactly set: UID EXPUNGE when offered (other messages
// flagged \Deleted by someone else stay), else EXPUNGE.
func (p *Provider) expunge(ctx context.Context, c *imapclient.Client, set imap.UIDSet) error {
	if err := storeFlags(c, set, imap.StoreFlagsAdd, imap.FlagDeleted); err != nil {
		return p.wrap(ctx, "flagging", err)
	}
	var err error
	if c.Caps().Has(imap.CapUIDPlus) || c.Caps().Has(imap.CapIMAP4rev2) {
		err = c.UIDExpunge(set).Close()
	} else {
		err = c.Expunge().Close()
	}
	if err != nil {
		return p.wrap(ctx, "expunging", err)
	}
	return nil
}

func storeFlags(c *imapclient.Client, set imap.UIDSet, op imap.StoreFlagsOp, flags ...imap.Flag) error {
	return c.Store(set, &imap.StoreFlags{Op: op, Silent: true, Flags: flags}, nil).Close()
}
