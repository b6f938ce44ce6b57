package providers_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/providers/demo"
)

// stub is a provider that only says who built it.
type stub struct{ name string }

func (s stub) Capabilities() providers.Capabilities { return nil }
func (s stub) Fetch(context.Context, string) (core.Batch, error) {
	return core.Batch{Cursor: s.name}, nil
}
func (s stub) Do(context.Context, core.Action) (core.ActionResult, error) {
	return core.ActionResult{}, providers.ErrUnsupported
}

func factory(name string) providers.Factory {
	return func(providers.AccountConfig) (providers.Provider, error) { return stub{name: name}, nil }
}

func cfg(provider string) providers.AccountConfig {
	return providers.AccountConfig{Account: core.Account{Provider: provider, Network: "Chirper", Handle: "@h"}}
}

func TestRegistryNames(t *testing.T) {
	r := providers.NewRegistry()
	if got := r.Names(); len(got) != 0 {
		t.Fatalf("empty registry lists %v", got)
	}
	r.Register("rss", factory("rss"))
	r.Register("mastodon", factory("mastodon"))
	demo.Register(r, core.NewManualClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), 1)
	if got, want := r.Names(), []string{"demo", "mastodon", "rss"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v (sorted)", got, want)
	}
	if !r.Has("rss") || r.Has("RSS") || r.Has("nope") {
		t.Error("Has disagrees with what was registered")
	}
}

func TestRegistryNew(t *testing.T) {
	r := providers.NewRegistry()
	r.Register("rss", factory("rss"))
	r.Register("mastodon", factory("mastodon"))
	ctx := context.Background()

	p, err := r.New(cfg("rss"))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := p.Fetch(ctx, ""); b.Cursor != "rss" {
		t.Errorf("New built %q's provider for rss", b.Cursor)
	}

	r.Register("rss", factory("rss-v2")) // a later registration replaces
	p, _ = r.New(cfg("rss"))
	if b, _ := p.Fetch(ctx, ""); b.Cursor != "rss-v2" {
		t.Errorf("re-registering did not replace the factory")
	}

	_, err = r.New(cfg("myspace"))
	if err == nil {
		t.Fatal("unknown provider accepted")
	}
	for _, want := range []string{`"myspace"`, "mastodon", "rss"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestRegistryFactoryError(t *testing.T) {
	r := providers.NewRegistry()
	boom := errors.New("bad settings")
	r.Register("x", func(providers.AccountConfig) (providers.Provider, error) { return nil, boom })
	if _, err := r.New(cfg("x")); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the factory's error", err)
	}
	// The demo factory reports a bad account as an error, not a nil provider.
	demo.Register(r, core.NewManualClock(time.Time{}), 1)
	bad := providers.AccountConfig{Account: core.Account{Provider: "demo"}}
	if p, err := r.New(bad); err == nil || p != nil {
		t.Errorf("demo without a handle: %v, %v", p, err)
	}
}

func TestForAction(t *testing.T) {
	tests := []struct {
		kind core.ActionKind
		want providers.Capability
	}{
		{core.ActReply, providers.CapReply},
		{core.ActHide, providers.CapHide},
		{core.ActUnhide, providers.CapHide},
		{core.ActDelete, providers.CapDelete},
		{core.ActBlock, providers.CapBlock},
		{core.ActUnblock, providers.CapBlock},
		{core.ActSpam, providers.CapSpam},
		{core.ActPublish, providers.CapPublish},
		{"teleport", "teleport"},
	}
	all := providers.Capabilities{providers.CapReply, providers.CapHide, providers.CapDelete,
		providers.CapBlock, providers.CapSpam, providers.CapPublish}
	for _, tt := range tests {
		if got := providers.ForAction(tt.kind); got != tt.want {
			t.Errorf("ForAction(%s) = %s, want %s", tt.kind, got, tt.want)
		}
		if all.Has(providers.ForAction(tt.kind)) != (tt.kind != "teleport") {
			t.Errorf("Has(ForAction(%s)) wrong", tt.kind)
		}
	}
}

func TestIsPermanent(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{providers.ErrUnsupported, true},
		{fmt.Errorf("hide: %w", providers.ErrUnsupported), true},
		{&providers.PermanentError{Err: errors.New("forbidden")}, true},
		{fmt.Errorf("wrapped: %w", &providers.PermanentError{Err: errors.New("404")}), true},
		{errors.New("timeout"), false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := providers.IsPermanent(tt.err); got != tt.want {
			t.Errorf("IsPermanent(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	pe := &providers.PermanentError{Err: errors.New("forbidden")}
	if pe.Error() != "forbidden" || errors.Unwrap(pe).Error() != "forbidden" {
		t.Error("PermanentError should read as and unwrap to its cause")
	}
}
