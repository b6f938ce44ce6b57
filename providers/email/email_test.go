package email

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-smtp"

	"cmdeck/core"
	"cmdeck/providers"
)

func settings(over map[string]string) map[string]string {
	m := map[string]string{"imap": "mail.example.test:993", "smtp": "mail.example.test:465",
		"username": "contact@fournil.test", "from": "Le Fournil <contact@fournil.test>"}
	for k, v := range over {
		m[k] = v
	}
	return m
}

func TestSettingsDefaultsAndChecks(t *testing.T) {
	s, err := ParseSettings(settings(map[string]string{"folders": " INBOX , Support ,"}))
	if err != nil {
		t.Fatal(err)
	}
	if s.TLS != "implicit" || s.Archive != "Archive" || s.Junk != "Junk" || s.Sent != "Sent" ||
		strings.Join(s.Folders, "|") != "INBOX|Support" {
		t.Errorf("settings %+v", s)
	}
	for name, over := range map[string]map[string]string{
		"plain to a remote host": {"tls": "none"},
		"unknown tls mode":       {"tls": "ssl3"},
		"no imap":                {"imap": ""},
		"no username":            {"username": ""},
	} {
		if _, err := ParseSettings(settings(over)); !providers.IsPermanent(err) {
			t.Errorf("%s: %v, want a permanent error", name, err)
		}
	}
	if _, err := ParseSettings(settings(map[string]string{"tls": "none", "imap": "127.0.0.1:143", "smtp": "localhost:25"})); err != nil {
		t.Errorf("plain to loopback refused: %v", err)
	}
}

func TestCursorRoundTripAndGarbage(t *testing.T) {
	c := cursor{Version: 1, Folders: map[string]folderPos{"INBOX": {Validity: 7, Last: 42}}}
	back, err := decodeCursor(c.encode())
	if err != nil || back.Folders["INBOX"] != (folderPos{Validity: 7, Last: 42}) {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	for _, bad := range []string{"\x00garbage{", `{"version":2,"folders":{}}`, `{"version":1}`, "[]"} {
		if _, err := decodeCursor(bad); err == nil {
			t.Errorf("cursor %q accepted", bad)
		}
	}
}

func newTestProvider(t *testing.T, secret string) *Provider {
	t.Helper()
	p, err := New(providers.AccountConfig{Settings: settings(nil), Secret: secret},
		core.NewManualClock(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)), nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The password never appears in an error, even when the server echoes it.
func TestErrorsNeverCarryThePassword(t *testing.T) {
	const secret = "s3cret-Passw0rd"
	p := newTestProvider(t, secret)
	ctx := context.Background()
	cases := []struct {
		err  error
		want providers.ErrorClass
	}{
		{p.wrap(ctx, "login", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeAuthenticationFailed, Text: "bad " + secret}), providers.ClassAuth},
		{p.wrap(ctx, "opening Support", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeNonExistent, Text: "no " + secret}), providers.ClassNotFound},
		{p.wrap(ctx, "reading", errors.New("read tcp: "+secret+": connection reset")), providers.ClassTransient},
		{p.smtpError("login", &smtp.SMTPError{Code: 535, Message: "auth failed for " + secret}), providers.ClassAuth},
		{p.smtpError("sending", &smtp.SMTPError{Code: 554, Message: secret}), providers.ClassPermanent},
		{p.smtpError("sending", &smtp.SMTPError{Code: 451, Message: "try later"}), providers.ClassTransient},
	}
	for _, c := range cases {
		if strings.Contains(c.err.Error(), secret) {
			t.Errorf("the password is in %q", c.err)
		}
		if got := providers.Classify(c.err); got != c.want {
			t.Errorf("%v: class %q, want %q", c.err, got, c.want)
		}
	}
}

func TestUnsupportedActionsArePermanent(t *testing.T) {
	p := newTestProvider(t, "x")
	for _, k := range []core.ActionKind{core.ActLike, core.ActBlock, core.ActPublish, core.ActReport, core.ActMute} {
		if _, err := p.Do(context.Background(), core.Action{Kind: k}); !errors.Is(err, providers.ErrUnsupported) {
			t.Errorf("%s: %v", k, err)
		}
	}
}

func TestCancelledContextDoesNotDial(t *testing.T) {
	dialed := false
	p, err := New(providers.AccountConfig{Settings: settings(nil)}, core.SystemClock{},
		func(context.Context, string, string) (net.Conn, error) { dialed = true; return nil, io.EOF })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Fetch(ctx, ""); !errors.Is(err, context.Canceled) || dialed {
		t.Errorf("Fetch on a cancelled context: %v, dialed %v", err, dialed)
	}
}

func TestBuildReplyThreadsAndQuotes(t *testing.T) {
	p := newTestProvider(t, "x")
	orig := Message{MessageID: "q4@example.test", References: []string{"q1@example.test"},
		Subject: "Commande 4521", FromName: "Ana", FromAddr: "ana@example.test", ReplyTo: "ana@example.test",
		Date: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), Text: "Toujours rien.\nMerci"}
	raw, id, err := p.buildReply(orig, core.Action{Kind: core.ActReply, Payload: "Nous regardons.", IdempotencyKey: "k-1"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMessage(raw)
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageID != id || !strings.HasSuffix(id, "@fournil.test") || m.InReplyTo != "q4@example.test" ||
		strings.Join(m.References, " ") != "q1@example.test q4@example.test" || m.Key != "k-1" ||
		m.Subject != "Re: Commande 4521" || m.FromAddr != "contact@fournil.test" || m.FromName != "Le Fournil" {
		t.Errorf("reply headers: %+v", m)
	}
	if !strings.Contains(m.Text, "Nous regardons.") || !strings.Contains(m.Text, "> Toujours rien.\n> Merci") {
		t.Errorf("reply text %q", m.Text)
	}
	if !m.Date.Equal(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("the date %v does not come from the injected clock", m.Date)
	}
	again, id2, _ := p.buildReply(orig, core.Action{Kind: core.ActReply, Payload: "Nous regardons.", IdempotencyKey: "k-1"})
	if id2 != id || len(again) == 0 {
		t.Error("a retry of the same action gets another Message-ID")
	}
	if _, other, _ := p.buildReply(orig, core.Action{Payload: "x", IdempotencyKey: "k-2"}); other == id {
		t.Error("two actions share a Message-ID")
	}
}

func TestItemBodyAndState(t *testing.T) {
	m := Message{Subject: "Photo", Text: "Voici.", Attachments: []Attachment{{Name: "colis.png", Size: 2048}}}
	if got := itemBody(m); got != "Subject: Photo\n\nVoici.\n[attachment: colis.png, 2 KB]" {
		t.Errorf("body %q", got)
	}
	if stateOf([]imap.Flag{imap.FlagSeen}) != core.StateRead || stateOf([]imap.Flag{imap.FlagSeen, imap.FlagAnswered}) != core.StateReplied ||
		stateOf(nil) != core.StateNew {
		t.Error("flags do not map to triage states")
	}
}

func TestFactoryBuildsACheckerProvider(t *testing.T) {
	p, err := Factory(core.SystemClock{}, nil)(providers.AccountConfig{Settings: settings(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.(providers.Checker); !ok {
		t.Error("the email provider is not a Checker: a reply could go out twice")
	}
	if _, err := Factory(core.SystemClock{}, nil)(providers.AccountConfig{Settings: map[string]string{}}); err == nil {
		t.Error("empty settings accepted")
	}
}

// The login defaults to the account's handle, the mailbox's address.
func TestUsernameDefaultsToTheHandle(t *testing.T) {
	cfg := providers.AccountConfig{Account: core.Account{Provider: "email", Handle: "contact@fournil.test"},
		Settings: map[string]string{"imap": "127.0.0.1:993", "smtp": "127.0.0.1:465"}}
	p, err := New(cfg, core.SystemClock{}, nil)
	if err != nil {
		t.Fatalf("New without username: %v", err)
	}
	if p.set.Username != "contact@fournil.test" {
		t.Fatalf("username %q, want the handle", p.set.Username)
	}
	if _, ok := cfg.Settings["username"]; ok {
		t.Fatal("the caller's settings were changed")
	}
}
