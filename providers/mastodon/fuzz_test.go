package mastodon

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmdeck/core"
	"cmdeck/providers"
)

// The fuzz targets feed hostile bodies through the real client (size
// limit, decoding) and the mapping, with a transport that answers from
// memory: no network, so they run fast. Every one must fail cleanly or
// return well-formed results, never panic.

// stubTransport answers each path with its body (404 for other paths).
type stubTransport map[string]string

func (s stubTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	body, ok := s[r.URL.Path]
	code := http.StatusOK
	if !ok {
		code, body = http.StatusNotFound, `{"error":"Record not found"}`
	}
	return &http.Response{StatusCode: code, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

// baseRoutes is a quiet, valid server: one own post with replies.
func baseRoutes() stubTransport {
	return stubTransport{
		"/api/v1/notifications":               `[]`,
		"/api/v1/accounts/verify_credentials": `{"id":"1","acct":"me","followers_count":3}`,
		"/api/v1/accounts/1/statuses":         `[{"id":"500","created_at":"2026-11-20T10:00:00Z","replies_count":2,"content":"<p>post</p>","account":{"id":"1","acct":"me"}}]`,
		"/api/v1/statuses/500/context":        `{"ancestors":[],"descendants":[]}`,
		"/api/v1/conversations":               `[]`,
		"/api/v1/statuses/100":                `{"id":"100","visibility":"public","account":{"id":"42","acct":"bob"}}`,
		"/api/v1/statuses":                    `{"id":"901","uri":"https://x/901"}`,
		"/api/v1/reports":                     `{"id":"7"}`,
		"/api/v1/scheduled_statuses":          `[]`,
	}
}

func fuzzProvider(t *testing.T, routes stubTransport) *Provider {
	p, err := New(providers.AccountConfig{
		Account:  core.Account{Provider: "mastodon", Network: "fuzz.example"},
		Settings: map[string]string{"server": "https://fuzz.example"},
		Secret:   testToken,
	}, core.NewManualClock(t0), &http.Client{Transport: routes})
	if err != nil {
		t.Fatal(err)
	}
	p.Client().SetSleeper(func(context.Context, time.Duration) error { return nil })
	return p
}

// checkBatch is what a successful Fetch must give whatever the server said.
func checkBatch(t *testing.T, b core.Batch) {
	t.Helper()
	if _, _, err := parseCursor(b.Cursor); err != nil {
		t.Errorf("unreadable cursor %q from a successful fetch", b.Cursor)
	}
	for _, it := range b.Items {
		if it.RemoteID == "" || it.Author.RemoteID == "" {
			t.Errorf("item without ids: %+v", it)
		}
	}
	for _, e := range b.Engagements {
		if e.RemoteID == "" || e.Kind == "" {
			t.Errorf("engagement without id or kind: %+v", e)
		}
	}
}

func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>a<br>b</p>", "<script>x", "<a href='x'>@<span>bob</span></a>", "&#x202e;\x1b[2J", "<<<>>>", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToText(s)
		if strings.ContainsRune(out, '\x1b') || strings.ContainsRune(out, '\u202e') {
			t.Errorf("control character survived: %q", out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("invalid UTF-8 from valid input: %q", out)
		}
	})
}

func FuzzNotificationsPage(f *testing.F) {
	f.Add(`[{"id":"1","type":"mention","created_at":"2026-11-20T10:00:00Z","account":{"id":"2","acct":"a"},"status":{"id":"3","content":"<p>x</p>","visibility":"direct","account":{"id":"2","acct":"a"}}}]`)
	f.Add(`[{"id":"4","type":"favourite","created_at":"2026-11-20T10:00:00Z","account":{"id":"2","acct":"a"},"status":{"id":"500"}},{"id":"5","type":"follow","created_at":"2026-11-20T10:00:00Z","account":{"id":"2"}}]`)
	f.Add(`[{"id":"9:9/x","type":"mention","status":{"id":"","account":{}}}]`)
	f.Add(`[{"id":1}]`)
	f.Add(`[`)
	f.Add(`{"error":"x"}`)
	f.Fuzz(func(t *testing.T, body string) {
		routes := baseRoutes()
		routes["/api/v1/notifications"] = body
		p := fuzzProvider(t, routes)
		for _, cursor := range []string{"", "v1:2"} {
			if b, err := p.Fetch(context.Background(), cursor); err == nil {
				checkBatch(t, b)
			}
		}
	})
}

func FuzzConversations(f *testing.F) {
	f.Add(`[{"id":"c1","unread":true,"last_status":{"id":"101","visibility":"direct","content":"<p>hi</p>","account":{"id":"42","acct":"bob"}}}]`)
	f.Add(`[{"id":"c2","last_status":null},{"id":"c3","last_status":{"id":"a:b"}}]`)
	f.Add(`[{"last_status":{"id":7}}]`)
	f.Fuzz(func(t *testing.T, body string) {
		routes := baseRoutes()
		routes["/api/v1/conversations"] = body
		for _, cursor := range []string{"", "v2::100"} {
			if b, err := fuzzProvider(t, routes).Fetch(context.Background(), cursor); err == nil {
				checkBatch(t, b)
			}
		}
	})
}

func FuzzStatusContext(f *testing.F) {
	f.Add(`{"ancestors":[],"descendants":[{"id":"600","in_reply_to_id":"500","content":"<p>nice</p>","account":{"id":"42","acct":"bob"}}]}`)
	f.Add(`{"descendants":[{"id":"601","in_reply_to_id":"500","account":{"id":"1"}},{"id":"602","in_reply_to_id":null}]}`)
	f.Add(`{"descendants":{}}`)
	f.Fuzz(func(t *testing.T, body string) {
		routes := baseRoutes()
		routes["/api/v1/statuses/500/context"] = body
		b, err := fuzzProvider(t, routes).Fetch(context.Background(), "")
		if err != nil {
			return
		}
		checkBatch(t, b)
		for _, it := range b.Items {
			if it.ParentRemoteID != "500" || it.Author.RemoteID == "1" || (it.Kind != core.KindComment && it.Kind != core.KindDM) {
				t.Errorf("comment %+v", it)
			}
		}
	})
}

func FuzzOwnStatuses(f *testing.F) {
	f.Add(`{"id":"1","acct":"me"}`, `[{"id":"500","replies_count":1,"favourites_count":3}]`)
	f.Add(`{"id":""}`, `[]`)
	f.Add(`{"id":1}`, `[{"id":"500","created_at":"yesterday"}]`)
	f.Fuzz(func(t *testing.T, me, statuses string) {
		routes := baseRoutes()
		routes["/api/v1/accounts/verify_credentials"] = me
		routes["/api/v1/accounts/1/statuses"] = statuses
		if b, err := fuzzProvider(t, routes).Fetch(context.Background(), ""); err == nil {
			checkBatch(t, b)
		}
	})
}

func FuzzStatus(f *testing.F) {
	f.Add(`{"id":"100","visibility":"direct","account":{"id":"42","acct":"bob@other.social"}}`)
	f.Add(`{"id":"100","visibility":"limited","account":{"id":"42","acct":"bob\n@evil"}}`)
	f.Add(`{"id":"100","account":{"id":"1","acct":"me"}}`)
	f.Add(`{"visibility":5}`)
	f.Fuzz(func(t *testing.T, body string) {
		routes := baseRoutes()
		routes["/api/v1/statuses/100"] = body
		p := fuzzProvider(t, routes)
		ctx := context.Background()
		a := core.Action{Kind: core.ActReply, TargetRemoteID: "100", Payload: "thanks", IdempotencyKey: "k"}
		if out, err := p.outgoingReply(ctx, a); err == nil {
			prefix, ok := strings.CutSuffix(out.text, "thanks")
			if !visibilities[out.vis] || !ok || (prefix != "" && !acctPattern.MatchString(strings.TrimSuffix(strings.TrimPrefix(prefix, "@"), " "))) {
				t.Errorf("reply %+v", out)
			}
		}
		p.Do(ctx, a)
		p.Check(ctx, a)
		p.Do(ctx, core.Action{Kind: core.ActReport, TargetRemoteID: "100", Payload: "spam"})
	})
}

func FuzzScheduledStatus(f *testing.F) {
	f.Add(`[{"id":"3221","scheduled_at":"2026-12-05T12:33:01.000Z","params":{"text":"x","in_reply_to_id":null}}]`,
		`{"id":"3222","scheduled_at":"2026-12-05T12:00:00.000Z","params":{"text":"x"},"media_attachments":[]}`)
	f.Add(`[]`, `{"id":"901","content":"<p>x</p>","uri":"https://x/901"}`)
	f.Add(`[{"id":5}]`, `{"id":""}`)
	f.Fuzz(func(t *testing.T, list, created string) {
		routes := baseRoutes()
		routes["/api/v1/scheduled_statuses"] = list
		routes["/api/v1/statuses"] = created
		a := core.Action{Kind: core.ActPublish, Payload: "x", IdempotencyKey: "k"}
		id, err := fuzzProvider(t, routes).Schedule(context.Background(), a, t0.Add(24*time.Hour))
		if err == nil && id == "" {
			t.Error("scheduled without an id")
		}
	})
}

func FuzzOAuthAnswers(f *testing.F) {
	f.Add(`{"client_id":"a","client_secret":"b"}`, `{"access_token":"t","token_type":"Bearer"}`)
	f.Add(`{"error":"invalid_client"}`, `{"error":"invalid_grant","error_description":"`+testCode+`"}`)
	f.Fuzz(func(t *testing.T, app, token string) {
		hc := &http.Client{Transport: stubTransport{"/api/v1/apps": app, "/oauth/token": token}}
		ctx := context.Background()
		if a, err := RegisterApp(ctx, hc, "https://fuzz.example", "", nil); err == nil && (a.ClientID == "" || a.ClientSecret == "") {
			t.Errorf("app %+v", a)
		}
		tok, err := ExchangeCode(ctx, hc, "https://fuzz.example", App{ClientID: "a", ClientSecret: testClientSecret}, testCode, nil)
		if err == nil && tok == "" {
			t.Error("empty token")
		}
		if err != nil && (strings.Contains(err.Error(), testCode) || strings.Contains(err.Error(), testClientSecret)) {
			t.Errorf("secret in %q", err)
		}
	})
}

func TestHostileDisplayName(t *testing.T) {
	f := newFake(t)
	eve := account("66", "eve", "\x1b]0;pwned\x07Eve\u202eevil\nline", 5)
	f.addMention(1, status("10", eve, "<p>hi</p>", "public", nil))
	p := f.provider(t, core.NewManualClock(t0))
	b, err := p.Fetch(context.Background(), "")
	if err != nil || len(b.Items) != 1 {
		t.Fatalf("%v %d", err, len(b.Items))
	}
	if got := b.Items[0].Author.Name; strings.ContainsAny(got, "\x1b\x07\u202e\n") {
		t.Errorf("name = %q", got)
	}
}
