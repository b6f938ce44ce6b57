package exec

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// t0 is the tests' fixed "now".
var t0 = time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC)

const (
	acctChirper   = 1 // every capability
	acctReviewHub = 2 // reply only
	acctForum     = 3 // hide and delete only
	acctFacegram  = 4 // every capability, another client
)

// testCaps is what each test account's network supports.
func testCaps(accountID int64) providers.Capabilities {
	switch accountID {
	case acctReviewHub:
		return providers.Capabilities{providers.CapReply}
	case acctForum:
		return providers.Capabilities{providers.CapHide, providers.CapDelete}
	}
	return providers.Capabilities{providers.CapReply, providers.CapHide, providers.CapDelete,
		providers.CapBlock, providers.CapSpam}
}

func networkOf(accountID int64) string {
	return map[int64]string{acctChirper: "Chirper", acctReviewHub: "ReviewHub", acctForum: "ForumPlus",
		acctFacegram: "Facegram"}[accountID]
}

// item builds a stored item on an account, written by author.
func item(id, account int64, author string) store.ItemView {
	return store.ItemView{
		Item: core.Item{ID: id, AccountID: account, RemoteID: fmt.Sprintf("r%d", id), Kind: core.KindComment,
			Author: core.Author{RemoteID: "u-" + author, Handle: "@" + author, Name: author},
			Body:   "message " + fmt.Sprint(id), State: core.StateNew, CreatedAt: t0.Add(-time.Hour)},
		Network: networkOf(account),
	}
}

// ownReply is one of our own replies in a thread.
func ownReply(id, account int64) store.ItemView {
	it := item(id, account, "pixelforge")
	it.Outgoing, it.Kind = true, core.KindReply
	return it
}

// testItems: 1-3 on Chirper (1 and 2 by lea, 3 by tom), 4 on ReviewHub,
// 5 on the forum, 6 by lea on Facegram, 7 our own reply on Chirper.
func testItems() []store.ItemView {
	return []store.ItemView{
		item(1, acctChirper, "lea"), item(2, acctChirper, "lea"), item(3, acctChirper, "tom"),
		item(4, acctReviewHub, "ana"), item(5, acctForum, "bob"), item(6, acctFacegram, "lea"),
		ownReply(7, acctChirper),
	}
}

// newTestExec returns an executor over a fake store with the test items,
// a manual clock at t0 and keys k1, k2, ….
func newTestExec(t *testing.T) (*Executor, *fakeStore, *core.ManualClock) {
	t.Helper()
	fs := newFakeStore(testItems()...)
	clock := core.NewManualClock(t0)
	n := 0
	ex := New(Options{Store: fs, Clock: clock, UndoWindow: 8 * time.Second, Actor: "Camille",
		Caps: testCaps, NewKey: func() string { n++; return fmt.Sprintf("k%d", n) }})
	return ex, fs, clock
}

func run(t *testing.T, ex *Executor, in common.Intent) common.Outcome {
	t.Helper()
	out, err := ex.Execute(context.Background(), in)
	if err != nil {
		t.Fatalf("Execute(%s %v): %v", in.Kind, in.ItemIDs, err)
	}
	return out
}

func TestOutgoingQueuesOneActionPerItemWithUndoWindow(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	out := run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1, 3, 1}, Reason: " insulte\x1b[31m "})
	undoUntil := t0.Add(8 * time.Second)
	if out.Applied != 2 || out.Skipped != 0 || !slices.Equal(out.ActionIDs, []int64{1, 2}) || !out.UndoUntil.Equal(undoUntil) {
		t.Fatalf("outcome = %+v, want 2 applied, actions [1 2], undo until %v", out, undoUntil)
	}
	want := []core.Action{
		{ID: 1, AccountID: acctChirper, Kind: core.ActHide, ItemID: 1, TargetRemoteID: "r1", Payload: "insulte",
			NotBefore: undoUntil, State: core.ActionPending, IdempotencyKey: "k1.1", CreatedAt: t0, Actor: "Camille"},
		{ID: 2, AccountID: acctChirper, Kind: core.ActHide, ItemID: 3, TargetRemoteID: "r3", Payload: "insulte",
			NotBefore: undoUntil, State: core.ActionPending, IdempotencyKey: "k1.2", CreatedAt: t0, Actor: "Camille"},
	}
	if !reflect.DeepEqual(fs.actions, want) {
		t.Errorf("queued\n%+v\nwant\n%+v", fs.actions, want)
	}
	wantAudit := []string{"hide item:1", "hide item:3"}
	if got := fs.auditTargets(); !slices.Equal(got, wantAudit) {
		t.Errorf("audit = %v, want %v", got, wantAudit)
	}
	d := fs.audits[0].Detail
	if !strings.Contains(d, "action=1") || !strings.Contains(d, `reason="insulte"`) || !strings.Contains(d, "undo_until=2026-11-24T07:30:08Z") {
		t.Errorf("audit detail %q lacks the action, reason or undo time", d)
	}
	if fs.audits[0].Actor != "Camille" || !fs.audits[0].At.Equal(t0) {
		t.Errorf("audit line = %+v, want actor Camille at t0", fs.audits[0])
	}
}

func TestCapabilitiesSkipItems(t *testing.T) {
	tests := []struct {
		name        string
		kind        common.IntentKind
		ids         []int64
		applied     int
		skipped     int
		wantErr     string // the *UnsupportedError's text, "" = no error
		wantActions []int64
	}{
		{"mixed selection skips the review", common.IntentHide, []int64{1, 4, 5}, 2, 1, "", []int64{1, 5}},
		{"only unsupported", common.IntentHide, []int64{4}, 0, 1, "ReviewHub cannot hide messages", nil},
		{"several networks named", common.IntentSpam, []int64{5, 4}, 0, 2, "ForumPlus, ReviewHub cannot mark messages as spam", nil},
		{"block on forum", common.IntentBlock, []int64{5}, 0, 1, "ForumPlus cannot block authors", nil},
		{"delete on forum works", common.IntentDelete, []int64{5}, 1, 0, "", []int64{5}},
		{"reply on review works", common.IntentReply, []int64{4}, 1, 0, "", []int64{4}},
		{"reply on forum", common.IntentReply, []int64{5}, 0, 1, "ForumPlus cannot reply to messages", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, fs, _ := newTestExec(t)
			out, err := ex.Execute(context.Background(), common.Intent{Kind: tt.kind, ItemIDs: tt.ids, Text: "Merci !"})
			if out.Applied != tt.applied || out.Skipped != tt.skipped {
				t.Errorf("applied %d skipped %d, want %d and %d", out.Applied, out.Skipped, tt.applied, tt.skipped)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
			} else {
				var ue *UnsupportedError
				if !errors.As(err, &ue) || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want *UnsupportedError %q", err, tt.wantErr)
				}
			}
			var items []int64
			for _, a := range fs.actions {
				items = append(items, a.ItemID)
			}
			if !slices.Equal(items, tt.wantActions) {
				t.Errorf("actions on items %v, want %v", items, tt.wantActions)
			}
			if len(fs.audits) != tt.applied {
				t.Errorf("%d audit lines, want one per applied item (%d)", len(fs.audits), tt.applied)
			}
		})
	}
}

func TestBlockQueuesOneActionPerAuthorAndAccount(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	// lea wrote 1 and 2 on Chirper and 6 on Facegram; tom wrote 3.
	out := run(t, ex, common.Intent{Kind: common.IntentBlock, ItemIDs: []int64{1, 2, 3, 6}, Reason: "harcèlement"})
	if out.Applied != 4 || len(out.ActionIDs) != 3 {
		t.Fatalf("outcome = %+v, want 4 items in 3 actions", out)
	}
	type target struct {
		account int64
		remote  string
		item    int64
	}
	var got []target
	for _, a := range fs.actions {
		got = append(got, target{a.AccountID, a.TargetRemoteID, a.ItemID})
	}
	want := []target{{acctChirper, "u-lea", 1}, {acctChirper, "u-tom", 3}, {acctFacegram, "u-lea", 6}}
	if !slices.Equal(got, want) {
		t.Errorf("block actions %v, want %v", got, want)
	}
	if len(fs.audits) != 4 || !strings.Contains(fs.audits[1].Detail, "action=1") || !strings.Contains(fs.audits[1].Detail, "author=@lea") {
		t.Errorf("audit = %+v, want 4 lines, item 2 under lea's action 1", fs.audits)
	}
}

func TestOwnRepliesAndUnknownAuthors(t *testing.T) {
	noAuthor := item(8, acctChirper, "x")
	noAuthor.Author = core.Author{}
	tests := []struct {
		name        string
		kind        common.IntentKind
		ids         []int64
		wantErr     error
		unsupported bool // want an *UnsupportedError instead
		applied     int
	}{
		{"block own reply", common.IntentBlock, []int64{7}, ErrOwnMessage, false, 0},
		{"spam own reply", common.IntentSpam, []int64{7}, ErrOwnMessage, false, 0},
		{"spam skips own reply in a mix", common.IntentSpam, []int64{7, 3}, nil, false, 1},
		{"delete own reply", common.IntentDelete, []int64{7}, nil, false, 1},
		{"block unknown author", common.IntentBlock, []int64{8}, ErrNoAuthor, false, 0},
		{"the network's limit is the explanation first", common.IntentBlock, []int64{7, 5}, nil, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, fs, _ := newTestExec(t)
			fs.items[8] = noAuthor
			out, err := ex.Execute(context.Background(), common.Intent{Kind: tt.kind, ItemIDs: tt.ids})
			var ue *UnsupportedError
			switch {
			case tt.unsupported:
				if !errors.As(err, &ue) {
					t.Errorf("error = %v, want *UnsupportedError", err)
				}
			case !errors.Is(err, tt.wantErr):
				t.Errorf("error = %v, want %v", err, tt.wantErr)
			}
			if out.Applied != tt.applied || len(fs.actions) != tt.applied {
				t.Errorf("applied %d, %d actions; want %d", out.Applied, len(fs.actions), tt.applied)
			}
		})
	}
}

func TestReplyChecksAndAudit(t *testing.T) {
	tests := []struct {
		name    string
		ids     []int64
		text    string
		wantErr error
	}{
		{"no item", nil, "Merci", ErrNoItems},
		{"two items", []int64{1, 2}, "Merci", ErrReplyOneItem},
		{"blank text", []int64{1}, " \n\t ", ErrEmptyReply},
		{"bad id", []int64{0}, "Merci", ErrNoItems},
		{"same item twice is one", []int64{1, 1}, "Merci", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, fs, _ := newTestExec(t)
			_, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentReply, ItemIDs: tt.ids, Text: tt.text})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil && (len(fs.actions) != 0 || len(fs.audits) != 0) {
				t.Errorf("a refused reply queued %d actions, wrote %d audit lines", len(fs.actions), len(fs.audits))
			}
		})
	}

	ex, fs, _ := newTestExec(t)
	secret := "Bonjour Léa, votre code client est 4242.\n"
	run(t, ex, common.Intent{Kind: common.IntentReply, ItemIDs: []int64{4}, Text: "  " + secret})
	if got := fs.actions[0].Payload; got != strings.TrimSpace(secret) {
		t.Errorf("payload = %q, want the trimmed reply", got)
	}
	d := fs.audits[0].Detail
	if strings.Contains(d, "4242") || strings.Contains(d, "Bonjour") || !strings.Contains(d, "chars=40") {
		t.Errorf("audit detail %q must give the reply's length, never its text", d)
	}
}

func TestMissingItemQueuesNothing(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	_, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1, 99}})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("error = %v, want store.ErrNotFound", err)
	}
	if len(fs.actions) != 0 || len(fs.audits) != 0 {
		t.Errorf("queued %d actions, %d audit lines; want none", len(fs.actions), len(fs.audits))
	}
}

func TestFailedEnqueueTakesBackTheBulk(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	fs.failEnqueueAt = 3
	_, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1, 2, 3}})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error = %v, want the enqueue failure", err)
	}
	if p := fs.pending(); len(p) != 0 {
		t.Errorf("pending actions %v after a failed bulk, want none", p)
	}
	if len(fs.audits) != 0 {
		t.Errorf("audit lines %v for an intent that did not happen", fs.auditTargets())
	}
}

func TestTriage(t *testing.T) {
	later := t0.Add(26 * time.Hour)
	tests := []struct {
		name       string
		in         common.Intent
		wantCall   string
		wantDetail string
		wantErr    error
	}{
		{"done", common.Intent{Kind: common.IntentDone, ItemIDs: []int64{1, 2, 1}}, "state=done [1 2]", "", nil},
		{"undone", common.Intent{Kind: common.IntentUndone, ItemIDs: []int64{1}}, "state=read [1]", "", nil},
		{"read", common.Intent{Kind: common.IntentRead, ItemIDs: []int64{3}}, "state=read [3]", "", nil},
		{"unread", common.Intent{Kind: common.IntentUnread, ItemIDs: []int64{3}}, "state=new [3]", "", nil},
		{"snooze", common.Intent{Kind: common.IntentSnooze, ItemIDs: []int64{1}, Until: later},
			"snooze=2026-11-25T09:30:00Z [1]", "until=2026-11-25T09:30:00Z", nil},
		{"unsnooze", common.Intent{Kind: common.IntentSnooze, ItemIDs: []int64{1}}, "unsnooze [1]", "until=none", nil},
		{"snooze in the past", common.Intent{Kind: common.IntentSnooze, ItemIDs: []int64{1}, Until: t0}, "", "", ErrSnoozePast},
		{"tag normalized", common.Intent{Kind: common.IntentTag, ItemIDs: []int64{1, 4}, Text: " #Idea "},
			"tag=idea on=true [1 4]", "tag=idea", nil},
		{"untag", common.Intent{Kind: common.IntentUntag, ItemIDs: []int64{1}, Text: "bug"}, "tag=bug on=false [1]", "tag=bug", nil},
		{"assign", common.Intent{Kind: common.IntentAssign, ItemIDs: []int64{5}, Text: " Léa "}, "assign=Léa [5]", `to="Léa"`, nil},
		{"unassign", common.Intent{Kind: common.IntentAssign, ItemIDs: []int64{5}}, "assign= [5]", `to=""`, nil},
		{"no items", common.Intent{Kind: common.IntentDone}, "", "", ErrNoItems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, fs, _ := newTestExec(t)
			out, err := ex.Execute(context.Background(), tt.in)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				if len(fs.calls) != 0 || len(fs.audits) != 0 {
					t.Errorf("refused intent made calls %v, audit %v", fs.calls, fs.auditTargets())
				}
				return
			}
			if !slices.Equal(fs.calls, []string{tt.wantCall}) {
				t.Errorf("store calls %v, want one call %q", fs.calls, tt.wantCall)
			}
			if out.Applied != len(fs.audits) || len(out.ActionIDs) != 0 || !out.UndoUntil.IsZero() {
				t.Errorf("outcome %+v with %d audit lines: want one line per item, no outbox", out, len(fs.audits))
			}
			for _, a := range fs.audits {
				if a.Action != string(tt.in.Kind) || a.Detail != tt.wantDetail || !strings.HasPrefix(a.Target, "item:") {
					t.Errorf("audit line %+v, want %s item:… %q", a, tt.in.Kind, tt.wantDetail)
				}
			}
		})
	}
}

func TestBadTags(t *testing.T) {
	for _, tag := range []string{"", "  ", "idée", "two words", "#", strings.Repeat("a", 65)} {
		ex, fs, _ := newTestExec(t)
		_, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentTag, ItemIDs: []int64{1}, Text: tag})
		var te *TagError
		if !errors.As(err, &te) {
			t.Errorf("tag %q: error = %v, want *TagError", tag, err)
		}
		if len(fs.calls) != 0 {
			t.Errorf("tag %q reached the store", tag)
		}
	}
}

func TestTriageStoreErrorPassesThrough(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	fs.triageErr = errors.New("database is locked")
	_, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentDone, ItemIDs: []int64{1}})
	if err == nil || !strings.Contains(err.Error(), "database is locked") || len(fs.audits) != 0 {
		t.Errorf("error = %v, audit %v; want the store error and no audit", err, fs.auditTargets())
	}
}

func TestRetryAndDiscard(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1, 3}})
	fs.actions[0].State = core.ActionFailed

	out := run(t, ex, common.Intent{Kind: common.IntentRetry, ActionID: 1})
	if fs.actions[0].State != core.ActionPending || out.Applied != 1 || !slices.Equal(out.ActionIDs, []int64{1}) {
		t.Errorf("after retry: state %s, outcome %+v", fs.actions[0].State, out)
	}
	run(t, ex, common.Intent{Kind: common.IntentDiscard, ActionID: 2})
	if fs.actions[1].State != core.ActionCancelled {
		t.Errorf("after discard: state %s, want cancelled", fs.actions[1].State)
	}
	if got := fs.auditTargets()[2:]; !slices.Equal(got, []string{"retry action:1", "discard action:2"}) {
		t.Errorf("audit = %v", got)
	}

	if _, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentRetry}); !errors.Is(err, ErrNoAction) {
		t.Errorf("retry without id: %v, want ErrNoAction", err)
	}
	if _, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentRetry, ActionID: 2}); err == nil {
		t.Error("retrying a cancelled action succeeded")
	}
	if _, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentDiscard, ActionID: 42}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("discarding a missing action: %v, want store.ErrNotFound", err)
	}
}

func TestAuditFailureStillReportsTheOutcome(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	fs.auditErr = errors.New("disk I/O error")
	out, err := ex.Execute(context.Background(), common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1}})
	var ae *AuditError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "disk I/O error") {
		t.Fatalf("error = %v, want *AuditError", err)
	}
	if out.Applied != 1 || len(fs.pending()) != 1 {
		t.Errorf("outcome %+v, pending %v: the hide is queued and must be reported", out, fs.pending())
	}
}

func TestUnknownIntentAndNoStore(t *testing.T) {
	ex, _, _ := newTestExec(t)
	_, err := ex.Execute(context.Background(), common.Intent{Kind: "explode", ItemIDs: []int64{1}})
	var ue *UnknownIntentError
	if !errors.As(err, &ue) || ue.Kind != "explode" {
		t.Errorf("error = %v, want *UnknownIntentError", err)
	}
	if _, err := New(Options{}).Execute(context.Background(), common.Intent{Kind: common.IntentDone, ItemIDs: []int64{1}}); err == nil {
		t.Error("an executor without a store did not refuse")
	}
}

func TestDefaultsAndRandomKeys(t *testing.T) {
	fs := newFakeStore(testItems()...)
	ex := New(Options{Store: fs, Clock: core.NewManualClock(t0)})
	out := run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1, 2}})
	run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{3}})
	if !out.UndoUntil.Equal(t0.Add(DefaultUndoWindow)) {
		t.Errorf("undo until %v, want the default window", out.UndoUntil)
	}
	keyRe := regexp.MustCompile(`^[0-9a-f]{32}\.[0-9]+$`)
	for _, a := range fs.actions {
		if !keyRe.MatchString(a.IdempotencyKey) {
			t.Errorf("key %q is not <32 hex>.<n>", a.IdempotencyKey)
		}
	}
	if batchOf(fs.actions[0].IdempotencyKey) != batchOf(fs.actions[1].IdempotencyKey) ||
		batchOf(fs.actions[0].IdempotencyKey) == batchOf(fs.actions[2].IdempotencyKey) {
		t.Errorf("keys %q %q %q: one prefix per intent", fs.actions[0].IdempotencyKey,
			fs.actions[1].IdempotencyKey, fs.actions[2].IdempotencyKey)
	}
}

// The moderation actions of Mastodon part 2: like and report go per item,
// mute, unmute, silence and suspend once per author and account; report
// and the actions on an author never aim at our own replies; each needs
// its capability (silence and suspend the admin one).
func TestModerationKinds(t *testing.T) {
	caps := func(id int64) providers.Capabilities {
		all := providers.Capabilities{providers.CapLike, providers.CapMute, providers.CapReport}
		if id == acctChirper {
			all = append(all, providers.CapAdmin)
		}
		return all
	}
	tests := []struct {
		name    string
		kind    common.IntentKind
		ids     []int64
		want    []core.Action // kind, account, item, target, payload
		wantErr string
	}{
		{"like each item", common.IntentLike, []int64{1, 2}, []core.Action{
			{Kind: core.ActLike, AccountID: acctChirper, ItemID: 1, TargetRemoteID: "r1"},
			{Kind: core.ActLike, AccountID: acctChirper, ItemID: 2, TargetRemoteID: "r2"}}, ""},
		{"mute once per author and account", common.IntentMute, []int64{1, 2, 3, 6}, []core.Action{
			{Kind: core.ActMute, AccountID: acctChirper, ItemID: 1, TargetRemoteID: "u-lea"},
			{Kind: core.ActMute, AccountID: acctChirper, ItemID: 3, TargetRemoteID: "u-tom"},
			{Kind: core.ActMute, AccountID: acctFacegram, ItemID: 6, TargetRemoteID: "u-lea"}}, ""},
		{"unmute", common.IntentUnmute, []int64{2}, []core.Action{
			{Kind: core.ActUnmute, AccountID: acctChirper, ItemID: 2, TargetRemoteID: "u-lea"}}, ""},
		{"report with its reason, not our reply", common.IntentReport, []int64{3, 7}, []core.Action{
			{Kind: core.ActReport, AccountID: acctChirper, ItemID: 3, TargetRemoteID: "r3", Payload: "spam bot"}}, ""},
		{"silence where admin", common.IntentSilence, []int64{1, 6}, []core.Action{
			{Kind: core.ActSilence, AccountID: acctChirper, ItemID: 1, TargetRemoteID: "u-lea", Payload: "spam bot"}}, ""},
		{"suspend without admin", common.IntentSuspend, []int64{6}, nil,
			"Facegram cannot suspend accounts on the server (needs an admin account)"},
		{"mute our own reply", common.IntentMute, []int64{7}, nil, ErrOwnMessage.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, fs, _ := newTestExec(t)
			ex.o.Caps = caps
			_, err := ex.Execute(context.Background(), common.Intent{Kind: tt.kind, ItemIDs: tt.ids, Reason: "spam bot"})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			var got []core.Action
			for _, a := range fs.actions {
				payload := a.Payload
				if a.Kind != core.ActReport && a.Kind != core.ActSilence {
					payload = "" // only the reasons that matter to the test
				}
				got = append(got, core.Action{Kind: a.Kind, AccountID: a.AccountID, ItemID: a.ItemID,
					TargetRemoteID: a.TargetRemoteID, Payload: payload})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("queued\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// Marking items done, read or unread also queues, for the networks that
// keep a read state (a mailbox), the action that brings it in step, due at
// once; the other networks get nothing, and our own replies are left out.
func TestTriageCarriesTheReadState(t *testing.T) {
	fs := newFakeStore(testItems()...)
	caps := func(accountID int64) providers.Capabilities {
		if accountID == acctForum {
			return providers.Capabilities{providers.CapReadState}
		}
		return testCaps(accountID)
	}
	n := 0
	ex := New(Options{Store: fs, Clock: core.NewManualClock(t0), UndoWindow: 8 * time.Second, Actor: "Camille",
		Caps: caps, NewKey: func() string { n++; return fmt.Sprintf("k%d", n) }})

	run(t, ex, common.Intent{Kind: common.IntentDone, ItemIDs: []int64{1, 5}})
	if len(fs.actions) != 1 {
		t.Fatalf("actions %+v, want one for the forum item only", fs.actions)
	}
	if a := fs.actions[0]; a.Kind != core.ActMarkRead || a.ItemID != 5 || a.TargetRemoteID != "r5" ||
		!a.NotBefore.Equal(t0) || a.Actor != "Camille" {
		t.Fatalf("action %+v, want mark_read of item 5 due now", a)
	}
	run(t, ex, common.Intent{Kind: common.IntentUnread, ItemIDs: []int64{5}})
	if len(fs.actions) != 2 || fs.actions[1].Kind != core.ActMarkUnread {
		t.Fatalf("actions %+v, want mark_unread queued", fs.actions)
	}
	run(t, ex, common.Intent{Kind: common.IntentTag, Text: "idea", ItemIDs: []int64{5}})
	if len(fs.actions) != 2 {
		t.Fatalf("a tag queued %+v", fs.actions[2:])
	}
}
