package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"cmdeck/i18n"
)

const bskyTestPass = "abcd-efgh-ijkl-mnop"

// fakeBskyPDS accepts alice.test with bskyTestPass.
func fakeBskyPDS(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Identifier, Password string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/xrpc/com.atproto.server.createSession" || in.Identifier != "alice.test" || in.Password != bskyTestPass {
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"error":"AuthenticationRequired","message":"Invalid identifier or password %s"}`, in.Password)
			return
		}
		fmt.Fprint(w, `{"accessJwt":"a.b.c","refreshJwt":"r","did":"did:plc:alice","handle":"alice.test"}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestAccountAddBlueskyPrintsBlock(t *testing.T) {
	srv := fakeBskyPDS(t)
	var out, errOut bytes.Buffer
	o := AccountAddBluesky{Handle: "@Alice.test", PDS: srv.URL, Client: "fournil",
		In: strings.NewReader(bskyTestPass + "\n"), Out: &out, Err: &errOut, HTTP: srv.Client()}
	if err := RunAccountAddBluesky(context.Background(), o, i18n.New(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String()+errOut.String(), bskyTestPass) {
		t.Fatal("the app password was printed")
	}
	var doc struct {
		Clients []struct {
			Slug     string
			Accounts []accountEntry
		}
	}
	if err := yaml.Unmarshal([]byte(out.String()), &doc); err != nil {
		t.Fatalf("the block does not parse: %v\n%s", err, out.String())
	}
	a := doc.Clients[0].Accounts[0]
	if doc.Clients[0].Slug != "fournil" || a.Provider != "bluesky" || a.Handle != "@alice.test" ||
		a.TokenEnv != DefaultBlueskyPasswordEnv || a.Settings["pds"] != srv.URL {
		t.Errorf("block %+v", doc)
	}
}

func TestAccountAddBlueskyPasswordFromEnv(t *testing.T) {
	srv := fakeBskyPDS(t)
	var out bytes.Buffer
	env := map[string]string{"BSKY_PW": bskyTestPass}
	o := AccountAddBluesky{Handle: "alice.test", PDS: srv.URL, PasswordEnv: "BSKY_PW", Env: func(k string) string { return env[k] },
		Out: &out, HTTP: srv.Client()}
	if err := RunAccountAddBluesky(context.Background(), o, i18n.New(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "token_env: BSKY_PW") {
		t.Errorf("block without the variable:\n%s", out.String())
	}
}

func TestAccountAddBlueskyRefusals(t *testing.T) {
	srv := fakeBskyPDS(t)
	run := func(o AccountAddBluesky) error {
		o.PDS, o.HTTP, o.Out = srv.URL, srv.Client(), &bytes.Buffer{}
		return RunAccountAddBluesky(context.Background(), o, i18n.New(i18n.EN))
	}
	err := run(AccountAddBluesky{Handle: "alice.test", In: strings.NewReader("wrong-pass-777\n")})
	if err == nil || strings.Contains(err.Error(), "wrong-pass-777") {
		t.Errorf("a wrong password: %v (must fail, without the password)", err)
	}
	for _, o := range []AccountAddBluesky{{Handle: "not a handle"}, {Handle: "alice.test", Client: "Bad Slug"},
		{Handle: "alice.test", In: strings.NewReader("\n")}} {
		var ce *ConfigError
		if err := run(o); !errors.As(err, &ce) {
			t.Errorf("%+v: %v, want a ConfigError", o, err)
		}
	}
}
