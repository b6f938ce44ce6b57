package mastodon

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"cmdeck/providers"
)

const (
	testClientID     = "cl1ent-id-abc"
	testClientSecret = "cl1ent-s3cret-DEF"
	testCode         = "auth-c0de-GHI"
)

// oauthServer answers POST /api/v1/apps and POST /oauth/token as
// Mastodon does.
type oauthServer struct {
	srv *httptest.Server

	mu      sync.Mutex
	app     map[string]any
	token   url.Values
	echoBad bool // refuse the code, echoing the secret and the code back
}

func newOAuthServer(t *testing.T, tls bool) *oauthServer {
	o := &oauthServer{}
	h := http.HandlerFunc(o.serve)
	if tls {
		o.srv = httptest.NewTLSServer(h)
	} else {
		o.srv = httptest.NewServer(h)
	}
	t.Cleanup(o.srv.Close)
	return o
}

func (o *oauthServer) serve(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/api/v1/apps":
		json.NewDecoder(r.Body).Decode(&o.app)
		json.NewEncoder(w).Encode(map[string]any{
			"id": "563419", "name": o.app["client_name"], "website": nil,
			"redirect_uri": o.app["redirect_uris"], "redirect_uris": []any{o.app["redirect_uris"]},
			"scopes":    strings.Fields(o.app["scopes"].(string)),
			"client_id": testClientID, "client_secret": testClientSecret, "vapid_key": "BCk-QqERU0q",
		})
	case r.Method == http.MethodPost && r.URL.Path == "/oauth/token":
		body, _ := io.ReadAll(r.Body)
		o.token, _ = url.ParseQuery(string(body))
		if o.echoBad || o.token.Get("code") != testCode || o.token.Get("client_secret") != testClientSecret {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant",
				"error_description": "The provided authorization grant " + o.token.Get("code") + " for " + o.token.Get("client_secret") + " is invalid, expired, revoked"})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"access_token": "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0", "token_type": "Bearer",
			"scope": o.token.Get("scope"), "created_at": 1573979017,
		})
	default:
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(map[string]string{"error": "Record not found"})
	}
}

func TestOAuthFlow(t *testing.T) {
	o := newOAuthServer(t, true)
	ctx := context.Background()
	scopes := []string{"read", "write", "follow", "admin:write:accounts"}
	app, err := RegisterApp(ctx, o.srv.Client(), o.srv.URL, "", scopes)
	if err != nil {
		t.Fatal(err)
	}
	if app != (App{ClientID: testClientID, ClientSecret: testClientSecret}) {
		t.Errorf("app = %+v", app)
	}
	if o.app["client_name"] != "cmdeck" || o.app["redirect_uris"] != OOBRedirect || o.app["scopes"] != "read write follow admin:write:accounts" {
		t.Errorf("registration = %v", o.app)
	}

	u, err := url.Parse(AuthorizeURL(o.srv.URL+"/", app, scopes))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "https" || u.Host != strings.TrimPrefix(o.srv.URL, "https://") || u.Path != "/oauth/authorize" ||
		q.Get("response_type") != "code" || q.Get("client_id") != testClientID ||
		q.Get("redirect_uri") != OOBRedirect || q.Get("scope") != "read write follow admin:write:accounts" {
		t.Errorf("authorize URL = %s", u)
	}
	if strings.Contains(u.String(), testClientSecret) {
		t.Error("the authorize URL holds the client secret")
	}

	token, err := ExchangeCode(ctx, o.srv.Client(), o.srv.URL, app, "  "+testCode+"\n", scopes)
	if err != nil || token != "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0" {
		t.Fatalf("token %q, %v", token, err)
	}
	want := url.Values{"grant_type": {"authorization_code"}, "code": {testCode}, "client_id": {testClientID},
		"client_secret": {testClientSecret}, "redirect_uri": {OOBRedirect}, "scope": {"read write follow admin:write:accounts"}}
	for k := range want {
		if o.token.Get(k) != want.Get(k) {
			t.Errorf("token request %s = %q, want %q", k, o.token.Get(k), want.Get(k))
		}
	}
}

func TestOAuthDefaults(t *testing.T) {
	o := newOAuthServer(t, true)
	app, err := RegisterApp(context.Background(), o.srv.Client(), o.srv.URL, "cmdeck (agency)", nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.app["client_name"] != "cmdeck (agency)" || o.app["scopes"] != "read write follow" {
		t.Errorf("registration = %v", o.app)
	}
	if q, _ := url.ParseQuery(strings.SplitN(AuthorizeURL(o.srv.URL, app, nil), "?", 2)[1]); q.Get("scope") != "read write follow" {
		t.Errorf("default scope = %q", q.Get("scope"))
	}
}

func TestOAuthRefusedCodeKeepsSecrets(t *testing.T) {
	o := newOAuthServer(t, true)
	o.echoBad = true
	app := App{ClientID: testClientID, ClientSecret: testClientSecret}
	_, err := ExchangeCode(context.Background(), o.srv.Client(), o.srv.URL, app, testCode, nil)
	if err == nil {
		t.Fatal("refused code accepted")
	}
	if msg := err.Error(); strings.Contains(msg, testClientSecret) || strings.Contains(msg, testCode) || !strings.Contains(msg, "invalid_grant") {
		t.Errorf("error = %q", msg)
	}
	if providers.Classify(err) != providers.ClassAuth {
		t.Errorf("class = %s", providers.Classify(err))
	}
	if _, err := ExchangeCode(context.Background(), o.srv.Client(), o.srv.URL, app, "  ", nil); err == nil {
		t.Error("empty code sent")
	}
}

func TestOAuthServerRules(t *testing.T) {
	ctx := context.Background()
	// http on loopback: a local test server.
	local := newOAuthServer(t, false)
	app, err := RegisterApp(ctx, local.srv.Client(), local.srv.URL, "", nil)
	if err != nil {
		t.Fatalf("loopback http: %v", err)
	}
	if _, err := ExchangeCode(ctx, local.srv.Client(), local.srv.URL, app, testCode, nil); err != nil {
		t.Fatalf("loopback http exchange: %v", err)
	}
	// Anywhere else, https only; nothing is sent.
	for _, bad := range []string{"http://mastodon.example", "http://192.168.1.10", "not a url", ""} {
		if _, err := RegisterApp(ctx, nil, bad, "", nil); err == nil {
			t.Errorf("RegisterApp(%q) accepted", bad)
		}
		if _, err := ExchangeCode(ctx, nil, bad, app, testCode, nil); err == nil {
			t.Errorf("ExchangeCode(%q) accepted", bad)
		}
		if u := AuthorizeURL(bad, app, nil); u != "" {
			t.Errorf("AuthorizeURL(%q) = %q", bad, u)
		}
	}
}

func TestOAuthBadAnswers(t *testing.T) {
	ctx := context.Background()
	for _, body := range []string{`{"client_id":"x"}`, `{"client_id":`, `[]`, strings.Repeat(" ", 100)} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) }))
		if _, err := RegisterApp(ctx, srv.Client(), srv.URL, "", nil); err == nil {
			t.Errorf("register with %q accepted", body)
		}
		if _, err := ExchangeCode(ctx, srv.Client(), srv.URL, App{ClientID: "a", ClientSecret: "b"}, "c", nil); err == nil {
			t.Errorf("exchange with %q accepted", body)
		}
		srv.Close()
	}
}
