package exec

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// tagRe is the shape of a tag, as config validates the vocabulary.
var tagRe = regexp.MustCompile(`^[a-z0-9-]{1,64}$`)

// triage applies a local mark to the whole selection in one store call.
func (e *Executor) triage(ctx context.Context, in common.Intent, now time.Time) (common.Outcome, error) {
	ids, err := itemIDs(in.ItemIDs)
	if err != nil {
		return common.Outcome{}, err
	}
	before, err := e.loadExisting(ctx, ids)
	if err != nil {
		return common.Outcome{}, err
	}
	detail, err := e.applyTriage(ctx, in, ids, now)
	if err != nil {
		return common.Outcome{}, err
	}
	e.remember(in, before, now)
	lines := make([]auditLine, len(ids))
	for i, id := range ids {
		lines[i] = auditLine{itemTarget(id), detail}
	}
	if err := e.audit(ctx, now, string(in.Kind), lines); err != nil {
		return common.Outcome{Applied: len(ids)}, err
	}
	return common.Outcome{Applied: len(ids)}, e.carryReadState(ctx, in.Kind, ids, now)
}

// carryReadState queues, for the items whose network keeps a read state
// (a mailbox's \Seen), the action that brings it in step with the deck:
// read for done and read, unread for unread. It leaves at once (a flag has
// nothing to undo), after the local change, which stands either way.
func (e *Executor) carryReadState(ctx context.Context, kind common.IntentKind, ids []int64, now time.Time) error {
	var act core.ActionKind
	switch kind {
	case common.IntentDone, common.IntentUndone, common.IntentRead:
		act = core.ActMarkRead
	case common.IntentUnread:
		act = core.ActMarkUnread
	default:
		return nil
	}
	if e.o.Caps == nil {
		return nil // nothing says which networks keep a read state
	}
	items, err := e.load(ctx, ids)
	if err != nil {
		return err
	}
	var actions []planned
	for _, it := range items {
		if it.Outgoing || !e.o.Caps(it.AccountID).Has(providers.CapReadState) {
			continue
		}
		actions = append(actions, planned{action: core.Action{AccountID: it.AccountID, Kind: act,
			ItemID: it.ID, TargetRemoteID: it.RemoteID}, items: []store.ItemView{it}})
	}
	if len(actions) == 0 {
		return nil
	}
	_, err = e.enqueue(ctx, actions, now, now)
	return err
}

// applyTriage makes the store call for one triage intent and returns the
// audit detail.
func (e *Executor) applyTriage(ctx context.Context, in common.Intent, ids []int64, now time.Time) (string, error) {
	s := e.o.Store
	var err error
	detail := ""
	switch in.Kind {
	case common.IntentDone:
		err = s.SetState(ctx, ids, core.StateDone, now)
	case common.IntentUndone, common.IntentRead:
		err = s.SetState(ctx, ids, core.StateRead, now)
	case common.IntentUnread:
		err = s.SetState(ctx, ids, core.StateNew, now)
	case common.IntentSnooze:
		if !in.Until.IsZero() && !in.Until.After(now) {
			return "", ErrSnoozePast
		}
		detail = "until=none"
		if !in.Until.IsZero() {
			detail = "until=" + in.Until.UTC().Format(time.RFC3339)
		}
		err = s.Snooze(ctx, ids, in.Until)
	case common.IntentTag, common.IntentUntag:
		tag, terr := NormalizeTag(in.Text)
		if terr != nil {
			return "", terr
		}
		detail = "tag=" + tag
		err = s.SetTag(ctx, ids, tag, in.Kind == common.IntentTag)
	case common.IntentAssign:
		who := strings.TrimSpace(core.SanitizeLine(in.Text))
		detail = fmt.Sprintf("to=%q", who)
		err = s.Assign(ctx, ids, who)
	default:
		return "", &UnknownIntentError{Kind: in.Kind}
	}
	if err != nil {
		return "", fmt.Errorf("exec: %s: %w", in.Kind, err)
	}
	return detail, nil
}

// NormalizeTag turns what the CM typed (" #Idea ") into a tag ("idea"), or
// returns a *TagError. Tags are lowercase words of a-z, 0-9 and -.
func NormalizeTag(s string) (string, error) {
	tag := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if !tagRe.MatchString(tag) {
		return "", &TagError{Tag: strings.TrimSpace(core.SanitizeLine(s))}
	}
	return tag, nil
}
