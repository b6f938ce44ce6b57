package bluesky

import (
	"context"
	"errors"
	"net/url"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// putRecordBody is com.atproto.repo.putRecord's input. SwapRecord is
// always sent, as null: "only if there is no record at this key yet".
type putRecordBody struct {
	Repo       string  `json:"repo"`
	Collection string  `json:"collection"`
	RKey       string  `json:"rkey"`
	Record     any     `json:"record"`
	SwapRecord *string `json:"swapRecord"`
}

// write creates the action's record at the key derived from its
// idempotency key. When a record is already there (a retry of an action
// that went through), that record is the result: the PDS refuses to
// replace it, so the network applies the action once.
func (p *Provider) write(ctx context.Context, a core.Action, collection string, rec any) (writeResult, error) {
	if a.IdempotencyKey == "" {
		var res writeResult
		err := p.client.Procedure(ctx, "com.atproto.repo.createRecord",
			map[string]any{"repo": p.client.DID(), "collection": collection, "record": rec}, &res)
		return res, err
	}
	rkey := rkeyFor(a.IdempotencyKey, a.CreatedAt)
	var res writeResult
	err := p.client.Procedure(ctx, "com.atproto.repo.putRecord",
		putRecordBody{Repo: p.client.DID(), Collection: collection, RKey: rkey, Record: rec}, &res)
	var ae *APIError
	if errors.As(err, &ae) && ae.Name == "InvalidSwap" {
		ans, found, err := p.record(ctx, collection, rkey)
		if err == nil && !found {
			err = &providers.PermanentError{Err: errors.New("bluesky: the record key is taken but no record is there")}
		}
		return writeResult{URI: ans.URI, CID: ans.CID}, err
	}
	return res, err
}

// record reads one of our records; found is false when there is none.
func (p *Provider) record(ctx context.Context, collection, rkey string) (recordAnswer, bool, error) {
	var ans recordAnswer
	q := url.Values{"repo": {p.client.DID()}, "collection": {collection}, "rkey": {rkey}}
	err := p.client.Query(ctx, "com.atproto.repo.getRecord", q, &ans)
	if errors.Is(err, providers.ErrNotFound) {
		return recordAnswer{}, false, nil
	}
	if err != nil {
		return recordAnswer{}, false, err
	}
	return ans, ans.URI != "", nil
}

// recordTimeout bounds how long Check waits for its answer.
const recordTimeout = 30 * time.Second

// checkedCollections are the records the actions that create one write.
var checkedCollections = map[core.ActionKind]string{
	core.ActReply: typePost, core.ActPublish: typePost, core.ActLike: typeLike, core.ActBlock: typeBlock,
}

// Check reports whether the action already took effect: its record is at
// the key derived from its idempotency key. Other kinds (mute, delete,
// unblock) are safe to send again and are never found.
func (p *Provider) Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error) {
	collection, ok := checkedCollections[a.Kind]
	if !ok || a.IdempotencyKey == "" {
		return core.ActionResult{}, false, nil
	}
	if err := p.client.Login(ctx); err != nil {
		return core.ActionResult{}, false, err
	}
	ctx, cancel := context.WithTimeout(ctx, recordTimeout)
	defer cancel()
	ans, found, err := p.record(ctx, collection, rkeyFor(a.IdempotencyKey, a.CreatedAt))
	if err != nil || !found {
		return core.ActionResult{}, false, err
	}
	res := core.ActionResult{RemoteID: ans.URI}
	if collection == typePost {
		res.URL = postURL(p.client.Handle(), ans.URI)
	}
	return res, true, nil
}
