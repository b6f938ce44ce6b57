package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"cmdeck/config"
	"cmdeck/i18n"
)

// Secrets the fake server hands out: none may reach stderr.
const (
	fakeClientSecret = "client-secret-Zq9"
	fakeCode         = "code-4242"
	fakeToken        = "access-token-Xy7"
)

// oauthServer is a Mastodon server on 127.0.0.1 that knows the OAuth
// flow: it registers the app, trades the one right code for the token,
// and says whose the token is.
type oauthServer struct {
	*httptest.Server
	mu        sync.Mutex
	acct      string // what verify_credentials answers
	appScopes string // the scopes the app was registered with
	appName   string
}

func newOAuthServer(t *testing.T, acct string) *oauthServer {
	s := &oauthServer{acct: acct}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/apps", s.apps)
	mux.HandleFunc("POST /oauth/token", s.token)
	mux.HandleFunc("GET /api/v1/accounts/verify_credentials", s.verify)
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// params reads a request's fields, sent as a form or as JSON.
func params(r *http.Request) url.Values {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		v := url.Values{}
		for k, x := range m {
			if s, ok := x.(string); ok {
				v.Set(k, s)
			}
		}
		return v
	}
	_ = r.ParseForm()
	return r.PostForm
}

func (s *oauthServer) apps(w http.ResponseWriter, r *http.Request) {
	p := params(r)
	s.mu.Lock()
	s.appScopes, s.appName = p.Get("scopes"), p.Get("client_name")
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"client_id": "cid-1", "client_secret": fakeClientSecret})
}

func (s *oauthServer) token(w http.ResponseWriter, r *http.Request) {
	p := params(r)
	if p.Get("grant_type") != "authorization_code" || p.Get("code") != fakeCode ||
		p.Get("client_id") != "cid-1" || p.Get("client_secret") != fakeClientSecret {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"access_token": fakeToken, "token_type": "Bearer", "scope": p.Get("scope")})
}

func (s *oauthServer) verify(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+fakeToken {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "The access token is invalid"})
		return
	}
	s.mu.Lock()
	acct := s.acct
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"id": "1", "username": acct, "acct": acct, "display_name": "Le Fournil"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// addRun is one run of the command: what it printed and where.
type addRun struct {
	out, err bytes.Buffer
	home     string
	env      func(string) string
}

// runAdd runs `cmdeck account add mastodon` against srv with the code typed.
func runAdd(t *testing.T, srv *oauthServer, home string, typed string, edit func(*AccountAdd)) (*addRun, error) {
	t.Helper()
	r := &addRun{home: home}
	vars := map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "config")}
	r.env = func(k string) string { return vars[k] }
	o := AccountAdd{Server: srv.URL, Client: "fournil", HTTP: srv.Client(), In: strings.NewReader(typed),
		Out: &r.out, Err: &r.err, Env: r.env}
	if edit != nil {
		edit(&o)
	}
	err := RunAccountAdd(context.Background(), o, i18n.New(i18n.EN))
	if strings.Contains(r.err.String(), fakeToken) || strings.Contains(r.err.String(), fakeClientSecret) {
		t.Errorf("a secret reached stderr:\n%s", r.err.String())
	}
	if err != nil && (strings.Contains(err.Error(), fakeToken) || strings.Contains(err.Error(), fakeClientSecret)) {
		t.Errorf("a secret is in the error: %v", err)
	}
	return r, err
}

// The whole flow: the app is registered, the page printed, the code read,
// the token checked and saved privately; the printed block loads with the
// config package and gives the token back.
func TestAccountAddSavesTheTokenAndPrintsALoadableBlock(t *testing.T) {
	srv := newOAuthServer(t, "lefournil")
	home := t.TempDir()
	r, err := runAdd(t, srv, home, fakeCode+"\n", nil)
	if err != nil {
		t.Fatalf("account add: %v\nstderr:\n%s", err, r.err.String())
	}
	host := "127.0.0.1"
	dir := filepath.Join(home, "config", "cmdeck", "tokens")
	path := filepath.Join(dir, "lefournil@"+host+".token")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("token file: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, want 0600", info.Mode().Perm())
	}
	if dinfo, _ := os.Stat(dir); dinfo.Mode().Perm() != 0o700 {
		t.Errorf("token directory mode %v, want 0700", dinfo.Mode().Perm())
	}
	if data, _ := os.ReadFile(path); string(data) != fakeToken+"\n" {
		t.Errorf("token file holds %q", data)
	}
	if srv.appScopes != "read write follow" || srv.appName != "cmdeck" {
		t.Errorf("app registered as %q with scopes %q", srv.appName, srv.appScopes)
	}
	stderr := r.err.String()
	for _, want := range []string{srv.URL + "/oauth/authorize?", "client_id=cid-1", "paste the code", "Connected @lefournil@127.0.0.1"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	wantYAML := "# Add this to " + filepath.Join(home, "config", "cmdeck", "config.yaml") +
		" (for a client you already have, copy only the account under its accounts:)\n" +
		"clients:\n" +
		"  - slug: fournil\n" +
		"    accounts:\n" +
		"      - provider: mastodon\n" +
		"        handle: '@lefournil@127.0.0.1'\n" +
		"        token_file: ~/config/cmdeck/tokens/lefournil@127.0.0.1.token\n" +
		"        settings:\n" +
		"          server: " + srv.URL + "\n"
	if r.out.String() != wantYAML {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.out.String(), wantYAML)
	}

	// Pasted as it is, the block is a config that loads, and its token
	// file gives the token back.
	file := filepath.Join(home, "config", "cmdeck", "config.yaml")
	if err := os.WriteFile(file, r.out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, warns, err := config.Load(config.Options{File: file, Env: r.env, Known: ProviderNames()})
	if err != nil || len(warns) != 0 {
		t.Fatalf("the printed block does not load: %v (warnings %q)", err, warns)
	}
	acct := cfg.Clients[0].Accounts[0]
	if acct.Handle != "@lefournil@127.0.0.1" || acct.Settings["server"] != srv.URL {
		t.Errorf("loaded account %+v", acct)
	}
	if secret, err := acct.Secret(context.Background(), r.env); err != nil || secret != fakeToken {
		t.Errorf("the loaded account's secret: %v (right token: %v)", err, secret == fakeToken)
	}
}

// Connecting the same account again replaces its token, and says so.
func TestAccountAddAgainReplacesAndSaysSo(t *testing.T) {
	srv := newOAuthServer(t, "lefournil")
	home := t.TempDir()
	if _, err := runAdd(t, srv, home, fakeCode+"\n", nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(home, "config", "cmdeck", "tokens", "lefournil@127.0.0.1.token")
	if err := os.WriteFile(path, []byte("old-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := runAdd(t, srv, home, fakeCode+"\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.err.String(), "was connected before: its earlier token in "+path+" is replaced") {
		t.Errorf("no note about the replaced token:\n%s", r.err.String())
	}
	if data, _ := os.ReadFile(path); string(data) != fakeToken+"\n" {
		t.Errorf("token file holds %q", data)
	}
}

// --print-token: the token alone on stdout, nothing written, the advice
// and a token_cmd block on stderr; --admin asks for the admin scopes.
func TestAccountAddPrintToken(t *testing.T) {
	srv := newOAuthServer(t, "lefournil")
	home := t.TempDir()
	r, err := runAdd(t, srv, home, "  "+fakeCode+"  \n", func(o *AccountAdd) { o.PrintToken, o.Admin = true, true })
	if err != nil {
		t.Fatal(err)
	}
	if r.out.String() != fakeToken+"\n" {
		t.Errorf("stdout %q, want the token alone", r.out.String())
	}
	if _, err := os.Stat(filepath.Join(home, "config", "cmdeck", "tokens")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("--print-token wrote a token directory: %v", err)
	}
	for _, want := range []string{"password manager", "token_cmd: pass show cmdeck/lefournil@127.0.0.1", "token_env"} {
		if !strings.Contains(r.err.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err.String())
		}
	}
	if srv.appScopes != "read write follow admin:read admin:write" {
		t.Errorf("scopes %q, want the admin ones too", srv.appScopes)
	}
	if !strings.Contains(r.err.String(), `admin: "true"`) {
		t.Errorf("the printed block does not turn the admin actions on:\n%s", r.err.String())
	}
}

// What can go wrong stops before anything is written, with a message that
// says what to do and never holds a secret.
func TestAccountAddFailures(t *testing.T) {
	tests := []struct {
		name     string
		acct     string
		typed    string
		edit     func(*AccountAdd)
		prepare  func(t *testing.T, home string)
		want     string
		isConfig bool
	}{
		{"no server", "lefournil", fakeCode, func(o *AccountAdd) { o.Server = "" }, nil, "--server is required", true},
		{"server with a path", "lefournil", fakeCode, func(o *AccountAdd) { o.Server += "/web/home" }, nil, "without a path", true},
		{"bad client slug", "lefournil", fakeCode, func(o *AccountAdd) { o.Client = "Le Fournil" }, nil, `e.g. "le-fournil"`, true},
		{"no code", "lefournil", "\n", nil, nil, "no code given", true},
		{"wrong code", "lefournil", "nope\n", nil, nil, "exchanging the code", false},
		{"hostile username", "../../etc/x", fakeCode, nil, nil, "not a valid username", false},
		{"a directory in the way", "lefournil", fakeCode, nil, func(t *testing.T, home string) {
			if err := os.MkdirAll(filepath.Join(home, "config", "cmdeck", "tokens", "lefournil@127.0.0.1.token"), 0o700); err != nil {
				t.Fatal(err)
			}
		}, "is not a regular file", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOAuthServer(t, tt.acct)
			home := t.TempDir()
			if tt.prepare != nil {
				tt.prepare(t, home)
			}
			r, err := runAdd(t, srv, home, tt.typed, tt.edit)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
			var ce *ConfigError
			if errors.As(err, &ce) != tt.isConfig {
				t.Errorf("config error: %v, want %v", !tt.isConfig, tt.isConfig)
			}
			if r.out.Len() != 0 {
				t.Errorf("stdout %q after a failure", r.out.String())
			}
			if strings.Contains(err.Error(), fakeCode) {
				t.Errorf("the code is in the error: %v", err)
			}
			if tt.prepare == nil {
				if _, err := os.Stat(filepath.Join(home, "config", "cmdeck", "tokens")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("a failed run wrote the token directory: %v", err)
				}
			}
		})
	}
}
