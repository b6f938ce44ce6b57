package bluesky

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// TestResolvingClientFindsPDS: handle → DID on the service, DID → document
// on the PLC, #atproto_pds → where the session is created.
func TestResolvingClientFindsPDS(t *testing.T) {
	clock := core.NewManualClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	pds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/xrpc/com.atproto.server.createSession" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `{"accessJwt":%q,"refreshJwt":"r","did":"did:plc:alice","handle":"alice.test"}`, jwt("a", clock.Now().Add(time.Hour)))
	}))
	defer pds.Close()
	dir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/xrpc/com.atproto.identity.resolveHandle":
			if r.URL.Query().Get("handle") != "alice.test" {
				w.WriteHeader(400)
				fmt.Fprint(w, `{"error":"InvalidRequest","message":"Unable to resolve handle"}`)
				return
			}
			fmt.Fprint(w, `{"did":"did:plc:alice"}`)
		case "/plc/did:plc:alice":
			fmt.Fprintf(w, `{"id":"did:plc:alice","service":[{"id":"#atproto_pds","type":"AtprotoPersonalDataServer","serviceEndpoint":%q}]}`, pds.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	defer dir.Close()
	c, err := NewResolvingClient(dir.URL, dir.URL+"/plc", "alice.test", testPass, clock, dir.Client())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c.PDS() != pds.URL || c.DID() != "did:plc:alice" {
		t.Errorf("PDS %q DID %q, want %q", c.PDS(), c.DID(), pds.URL)
	}
	other, _ := NewResolvingClient(dir.URL, dir.URL+"/plc", "nobody.test", testPass, clock, dir.Client())
	if err := other.Login(context.Background()); !providers.IsPermanent(err) {
		t.Errorf("an unknown handle: %v, want a permanent error", err)
	}
}

func TestDocumentURL(t *testing.T) {
	l := locator{plc: mustURL(t, "https://plc.directory")}
	for did, want := range map[string]string{
		"did:plc:abc":         "https://plc.directory/did:plc:abc",
		"did:web:example.com": "https://example.com/.well-known/did.json",
	} {
		u, err := l.documentURL(did)
		if err != nil || u.String() != want {
			t.Errorf("documentURL(%q) = %v, %v; want %s", did, u, err, want)
		}
	}
	for _, bad := range []string{"", "did:key:z", "did:web:evil.com/x", "did:plc:a/../b", "did:web:"} {
		if _, err := l.documentURL(bad); err == nil {
			t.Errorf("documentURL(%q) accepted", bad)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := parseService(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
