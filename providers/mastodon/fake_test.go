package mastodon

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const testToken = "s3cr3t-token-XYZ"

// fakeServer speaks the subset of the Mastodon API the adapter uses.
type fakeServer struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	notifs   []map[string]any // oldest first
	own      []map[string]any // own statuses, newest first
	calls    []string
	idemKeys []string
	bodies   []map[string]string
	blocks   map[string]bool
	deleted  []string
	failWith int               // status to answer every request with (0 = none)
	failPath string            // when set, failWith applies to this path only
	rateHdr  map[string]string // extra headers on every answer
	nextID   int
	linkOver string           // replaces the Link header of notification pages
	me       map[string]any   // the token's account (verify_credentials)
	convs    []map[string]any // direct conversations; nil = endpoint missing (404)
}

func newFake(t *testing.T) *fakeServer {
	f := &fakeServer{t: t, blocks: map[string]bool{}, nextID: 900, me: account("1", "me", "Me", 10)}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeServer) provider(t *testing.T, clock core.Clock) *Provider {
	t.Helper()
	p, err := New(providers.AccountConfig{
		Account:  core.Account{Provider: "mastodon", Network: "example.social"},
		Settings: map[string]string{"server": f.srv.URL},
		Secret:   testToken,
	}, clock, f.srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	p.Client().SetSleeper(func(context.Context, time.Duration) error {
		t.Fatal("unexpected sleep")
		return nil
	})
	return p
}

func strp(s string) *string { return &s }

func account(id, acct, name string, followers int) map[string]any {
	return map[string]any{
		"id": id, "username": acct, "acct": acct, "display_name": name,
		"followers_count": followers, "following_count": 3, "statuses_count": 7,
		"url": "https://example.social/@" + acct, "bot": false,
	}
}

func status(id string, acct map[string]any, content, vis string, inReplyTo *string) map[string]any {
	var irt any
	if inReplyTo != nil {
		irt = *inReplyTo
	}
	return map[string]any{
		"id": id, "created_at": "2026-11-20T10:00:00.000Z", "in_reply_to_id": irt,
		"in_reply_to_account_id": nil, "sensitive": false, "spoiler_text": "",
		"visibility": vis, "language": "en",
		"uri": "https://example.social/users/x/statuses/" + id,
		"url": "https://example.social/@x/" + id, "replies_count": 0,
		"reblogs_count": 0, "favourites_count": 0, "content": content,
		"account": acct, "media_attachments": []any{}, "mentions": []any{},
		"tags": []any{}, "emojis": []any{}, "card": nil, "poll": nil,
	}
}

func (f *fakeServer) addMention(id int, st map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.notifs = append(f.notifs, map[string]any{
		"id": strconv.Itoa(id), "type": "mention", "created_at": "2026-11-20T10:00:00.000Z",
		"account": st["account"], "status": st,
	})
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	for k, v := range f.rateHdr {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"The access token is invalid"}`)
		return
	}
	if r.Header.Get("User-Agent") == "" {
		f.t.Errorf("no User-Agent on %s", r.URL)
	}
	if f.failWith != 0 && (f.failPath == "" || f.failPath == r.URL.Path) {
		w.WriteHeader(f.failWith)
		fmt.Fprintf(w, `{"error":"failing with %d"}`, f.failWith)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/notifications":
		f.notifications(w, r)
	case r.Method == http.MethodPost && r.URL.Path == "/api/v1/statuses":
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			f.t.Errorf("POST /api/v1/statuses without Idempotency-Key")
		}
		f.idemKeys = append(f.idemKeys, key)
		var body map[string]string
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `{"error":"bad body"}`)
			return
		}
		f.bodies = append(f.bodies, body)
		f.nextID++
		var irt *string
		if v := body["in_reply_to_id"]; v != "" {
			irt = strp(v)
		}
		st := status(strconv.Itoa(f.nextID), account("1", "me", "Me", 10), "<p>"+body["status"]+"</p>", body["visibility"], irt)
		f.own = append([]map[string]any{st}, f.own...)
		json.NewEncoder(w).Encode(st)
	case r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, "/api/v1/statuses/"):
		id := strings.TrimPrefix(r.URL.Path, "/api/v1/statuses/")
		if id == "404" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"Record not found"}`)
			return
		}
		f.deleted = append(f.deleted, id)
		json.NewEncoder(w).Encode(status(id, account("1", "me", "Me", 10), "", "public", nil))
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/v1/accounts/"):
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v1/accounts/"), "/")
		if len(parts) != 2 || (parts[1] != "block" && parts[1] != "unblock") {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		f.blocks[parts[0]] = parts[1] == "block"
		fmt.Fprintf(w, `{"id":%q,"blocking":%v}`, parts[0], parts[1] == "block")
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/accounts/verify_credentials":
		json.NewEncoder(w).Encode(f.me)
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/accounts/1/statuses":
		out := []map[string]any{}
		for _, st := range f.own {
			if r.URL.Query().Get("exclude_replies") == "true" && st["in_reply_to_id"] != nil {
				continue
			}
			out = append(out, st)
		}
		if limit, _ := strconv.Atoi(r.URL.Query().Get("limit")); limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		json.NewEncoder(w).Encode(out)
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/conversations" && f.convs != nil:
		f.conversations(w, r)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"Record not found"}`)
	}
}

// notifications implements min_id/max_id/limit paging with Link headers, as
// Mastodon does: results newest first; min_id gives the page immediately
// newer than it.
func (f *fakeServer) notifications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if got := q["types[]"]; len(got) != 1 || got[0] != "mention" {
		f.t.Errorf("types[] = %v", got)
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 || limit > 40 {
		limit = 20
	}
	ids := func(n map[string]any) int { i, _ := strconv.Atoi(n["id"].(string)); return i }
	var page []map[string]any
	if m := q.Get("min_id"); m != "" {
		min, _ := strconv.Atoi(m)
		for _, n := range f.notifs { // oldest first
			if ids(n) > min {
				page = append(page, n)
			}
			if len(page) == limit {
				break
			}
		}
	} else {
		for i := len(f.notifs) - 1; i >= 0 && len(page) < limit; i-- {
			page = append([]map[string]any{f.notifs[i]}, page...)
		}
	}
	sort.Slice(page, func(i, j int) bool { return ids(page[i]) > ids(page[j]) })
	if len(page) > 0 {
		base := "https://" + r.Host + "/api/v1/notifications?types[]=mention&limit=" + strconv.Itoa(limit)
		w.Header().Set("Link", fmt.Sprintf(`<%s&max_id=%d>; rel="next", <%s&min_id=%d>; rel="prev"`,
			base, ids(page[len(page)-1]), base, ids(page[0])))
	}
	if f.linkOver != "" {
		w.Header().Set("Link", f.linkOver)
	}
	if page == nil {
		page = []map[string]any{}
	}
	json.NewEncoder(w).Encode(page)
}

// addConversation records a direct conversation whose last status is st.
// Mastodon pages conversations by their last status id, newest first.
func (f *fakeServer) addConversation(id string, st map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.convs == nil {
		f.convs = []map[string]any{}
	}
	f.convs = append(f.convs, map[string]any{
		"id": id, "unread": true, "accounts": []any{st["account"]}, "last_status": st,
	})
}

func (f *fakeServer) conversations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 || limit > 40 {
		limit = 20
	}
	since, _ := strconv.Atoi(q.Get("since_id"))
	sid := func(c map[string]any) int {
		i, _ := strconv.Atoi(c["last_status"].(map[string]any)["id"].(string))
		return i
	}
	page := []map[string]any{}
	for _, c := range f.convs {
		if sid(c) > since {
			page = append(page, c)
		}
	}
	sort.Slice(page, func(i, j int) bool { return sid(page[i]) > sid(page[j]) })
	if len(page) > limit {
		page = page[:limit]
	}
	json.NewEncoder(w).Encode(page)
}

// count returns how many requests matched "METHOD /path".
func (f *fakeServer) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}
