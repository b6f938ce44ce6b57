package mastodon

import (
	"context"
	"errors"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestDoPublishDeleteBlock(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()

	r, err := p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: "Launch day!", IdempotencyKey: "key-3"})
	if err != nil || r.RemoteID != "901" || r.URL != "https://example.social/@x/901" {
		t.Fatalf("publish: %v %+v", err, r)
	}
	if got := f.bodies[0]; got["in_reply_to_id"] != "" || got["visibility"] != "" || got["status"] != "Launch day!" {
		t.Errorf("publish body = %v", got)
	}
	if f.idemKeys[0] != "key-3" {
		t.Errorf("idempotency key = %q", f.idemKeys[0])
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: "visibility:private\nfollowers only", IdempotencyKey: "key-4"}); err != nil {
		t.Fatal(err)
	}
	if got := f.bodies[1]; got["visibility"] != "private" || got["status"] != "followers only" {
		t.Errorf("private publish body = %v", got)
	}

	if _, err := p.Do(ctx, core.Action{Kind: core.ActDelete, TargetRemoteID: "901"}); err != nil {
		t.Fatal(err)
	}
	if len(f.deleted) != 1 || f.deleted[0] != "901" {
		t.Errorf("deleted = %v", f.deleted)
	}
	_, err = p.Do(ctx, core.Action{Kind: core.ActDelete, TargetRemoteID: "404"})
	if providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("delete missing: %v", err)
	}

	for _, k := range []core.ActionKind{core.ActBlock, core.ActUnblock, core.ActMute, core.ActUnmute} {
		if _, err := p.Do(ctx, core.Action{Kind: k, TargetRemoteID: "42"}); err != nil || f.relations["42"] != string(k) {
			t.Errorf("%s: %v %v", k, err, f.relations)
		}
	}
}

func TestDoLike(t *testing.T) {
	f := newFake(t)
	f.addStatus(status("100", account("42", "bob", "Bob", 1), "<p>nice</p>", "public", nil))
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	if _, err := p.Do(ctx, core.Action{Kind: core.ActLike, TargetRemoteID: "100"}); err != nil {
		t.Fatal(err)
	}
	if len(f.favs) != 1 || f.favs[0] != "100" || f.count("POST /api/v1/statuses/100/favourite") != 1 {
		t.Errorf("favourites = %v", f.favs)
	}
	_, err := p.Do(ctx, core.Action{Kind: core.ActLike, TargetRemoteID: "7"})
	if providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("like a missing status: %v", err)
	}
}

func TestDoReport(t *testing.T) {
	f := newFake(t)
	f.addStatus(status("100", account("42", "bob", "Bob", 1), "<p>buy now</p>", "public", nil))
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	r, err := p.Do(ctx, core.Action{Kind: core.ActReport, TargetRemoteID: "100", Payload: "harassment of a member"})
	if err != nil || r.RemoteID == "" {
		t.Fatalf("report: %v %+v", err, r)
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActSpam, TargetRemoteID: "100"}); err != nil {
		t.Fatal(err)
	}
	if len(f.reports) != 2 {
		t.Fatalf("reports = %v", f.reports)
	}
	for i, want := range []struct{ category, comment string }{{"other", "harassment of a member"}, {"spam", ""}} {
		got := f.reports[i]
		ids, _ := got["status_ids"].([]any)
		if got["account_id"] != "42" || len(ids) != 1 || ids[0] != "100" || got["category"] != want.category || got["comment"] != want.comment {
			t.Errorf("report %d = %v", i, got)
		}
	}
	// A comment over Mastodon's 1000 characters is cut, not refused.
	if _, err := p.Do(ctx, core.Action{Kind: core.ActReport, TargetRemoteID: "100", Payload: strings.Repeat("é", 1200)}); err != nil {
		t.Fatal(err)
	}
	if c := f.reports[2]["comment"].(string); len([]rune(c)) != 1000 {
		t.Errorf("comment of %d characters", len([]rune(c)))
	}
	_, err = p.Do(ctx, core.Action{Kind: core.ActReport, TargetRemoteID: "7"})
	if providers.Classify(err) != providers.ClassNotFound || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("report of a deleted status: %v", err)
	}
}

func TestDoAdmin(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	plain := f.provider(t, core.NewManualClock(t0))
	if plain.Capabilities().Has(providers.CapAdmin) {
		t.Error("declares admin without the setting")
	}
	for _, k := range []core.ActionKind{core.ActSilence, core.ActSuspend} {
		if _, err := plain.Do(ctx, core.Action{Kind: k, TargetRemoteID: "42"}); !errors.Is(err, providers.ErrUnsupported) {
			t.Errorf("%s without admin: %v", k, err)
		}
	}
	if len(f.calls) != 0 {
		t.Errorf("requests sent for unsupported actions: %v", f.calls)
	}

	p := f.providerWith(t, core.NewManualClock(t0), map[string]string{"admin": "true"})
	if !p.Capabilities().Has(providers.CapAdmin) {
		t.Fatal("admin not declared")
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActSilence, TargetRemoteID: "42", Payload: "spam wave"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActSuspend, TargetRemoteID: "43", Payload: "threats"}); err != nil {
		t.Fatal(err)
	}
	want := []adminCall{{"42", map[string]string{"type": "silence", "text": "spam wave"}}, {"43", map[string]string{"type": "suspend", "text": "threats"}}}
	for i, w := range want {
		if got := f.admin[i]; got.account != w.account || got.body["type"] != w.body["type"] || got.body["text"] != w.body["text"] {
			t.Errorf("admin call %d = %+v, want %+v", i, got, w)
		}
	}
	// A 403 there: the token cannot moderate, which re-authorizing fixes.
	f.set(func() { f.notAdmin = true })
	_, err := p.Do(ctx, core.Action{Kind: core.ActSuspend, TargetRemoteID: "44"})
	if providers.Classify(err) != providers.ClassAuth || !strings.Contains(err.Error(), "admin") {
		t.Errorf("403: %v (class %s)", err, providers.Classify(err))
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 403 {
		t.Errorf("403 is not an APIError: %v", err)
	}
}

func TestDoRefusals(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	for _, k := range []core.ActionKind{core.ActHide, core.ActUnhide, "favourite", core.ActSilence} {
		if _, err := p.Do(ctx, core.Action{Kind: k, TargetRemoteID: "1"}); !errors.Is(err, providers.ErrUnsupported) {
			t.Errorf("%s: %v", k, err)
		}
	}
	for _, a := range []core.Action{
		{Kind: core.ActReply, Payload: "no target"},
		{Kind: core.ActReply, TargetRemoteID: "1", Payload: "  "},
		{Kind: core.ActPublish, Payload: "visibility:public\n "},
		{Kind: core.ActDelete},
		{Kind: core.ActBlock},
		{Kind: core.ActMute},
		{Kind: core.ActLike},
		{Kind: core.ActReport},
	} {
		if _, err := p.Do(ctx, a); !providers.IsPermanent(err) {
			t.Errorf("%+v: %v", a, err)
		}
	}
	if len(f.calls) != 0 {
		t.Errorf("requests sent for refused actions: %v", f.calls)
	}
}
