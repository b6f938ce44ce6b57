package mastodon

import (
	"context"
	"errors"
	"fmt"

	"cmdeck/core"
	"cmdeck/providers"
)

// maxReportComment is the longest report comment Mastodon accepts (a
// longer one is refused with 422 and the report lost).
const maxReportComment = 1000

// Do performs one action. Kinds not in Capabilities are ErrUnsupported.
// TargetRemoteID is a status id for reply, delete, like, report and spam,
// and an account id for the per-author kinds (block, mute, silence, …).
func (p *Provider) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	if !p.Capabilities().Has(providers.ForAction(a.Kind)) {
		return core.ActionResult{}, providers.ErrUnsupported
	}
	if a.Kind == core.ActPublish {
		return p.publish(ctx, a)
	}
	if a.TargetRemoteID == "" {
		return core.ActionResult{}, &providers.PermanentError{Err: fmt.Errorf("mastodon: %s without a target", a.Kind)}
	}
	switch a.Kind {
	case core.ActReply:
		return p.reply(ctx, a)
	case core.ActReport:
		return p.report(ctx, a, "other")
	case core.ActSpam:
		return p.report(ctx, a, "spam")
	case core.ActSilence, core.ActSuspend:
		return core.ActionResult{}, p.moderate(ctx, a)
	}
	return core.ActionResult{}, p.simple(ctx, a)
}

// simple performs the actions that are one request without a result.
func (p *Provider) simple(ctx context.Context, a core.Action) error {
	id := a.TargetRemoteID
	switch a.Kind {
	case core.ActDelete:
		return p.client.DeleteStatus(ctx, id)
	case core.ActLike:
		return p.client.Favourite(ctx, id)
	case core.ActBlock, core.ActUnblock, core.ActMute, core.ActUnmute:
		return p.client.AccountAction(ctx, id, string(a.Kind))
	}
	return providers.ErrUnsupported
}

// report files a report on the status's author, with the status attached
// and the payload as the comment; the author comes from the status since
// the action names only the status.
func (p *Provider) report(ctx context.Context, a core.Action, category string) (core.ActionResult, error) {
	st, err := p.client.Status(ctx, a.TargetRemoteID)
	if err != nil {
		return core.ActionResult{}, gone(err, "report")
	}
	if st.Account.ID == "" {
		return core.ActionResult{}, &providers.PermanentError{Err: errors.New("mastodon: cannot report: the status has no author")}
	}
	rep, err := p.client.FileReport(ctx, reportPost{
		AccountID: st.Account.ID,
		StatusIDs: []string{a.TargetRemoteID},
		Comment:   cutRunes(a.Payload, maxReportComment),
		Category:  category,
	})
	if err != nil {
		return core.ActionResult{}, err
	}
	return core.ActionResult{RemoteID: rep.ID}, nil
}

// moderate silences or suspends an account of the server. A 403 there
// means the token lacks the admin scope or the account is no moderator,
// whatever the server's message says: re-authorizing (with admin scopes,
// as a moderator) is the fix, so it is ErrAuth.
func (p *Provider) moderate(ctx context.Context, a core.Action) error {
	err := p.client.AdminAccountAction(ctx, a.TargetRemoteID, string(a.Kind), a.Payload)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == 403 && !errors.Is(err, providers.ErrAuth) {
		return &providers.PermanentError{Err: fmt.Errorf(
			"mastodon: %s: the token lacks the admin:write:accounts scope, or the account is not a moderator: %w (%w)",
			a.Kind, providers.ErrAuth, ae)}
	}
	return err
}

// gone rewords a not-found target for the person reading the outbox.
func gone(err error, what string) error {
	if errors.Is(err, providers.ErrNotFound) {
		return fmt.Errorf("mastodon: cannot %s: the message was deleted: %w", what, err)
	}
	return err
}

// cutRunes shortens s to at most n characters.
func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
