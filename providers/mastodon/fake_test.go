package mastodon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
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

// fakeServer speaks the subset of the Mastodon API the adapter uses, with
// payloads shaped like the examples of docs.joinmastodon.org.
type fakeServer struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	notifs    []map[string]any          // oldest first
	statuses  map[string]map[string]any // every status the server knows, by id
	own       []map[string]any          // own statuses, newest first
	calls     []string
	idemKeys  []string
	bodies    []map[string]string // POST /api/v1/statuses bodies
	relations map[string]string   // account id → last of block/unblock/mute/unmute
	favs      []string
	reports   []map[string]any
	admin     []adminCall
	deleted   []string
	scheduled []map[string]any // scheduled statuses, by creation
	nextID    int
	media     map[string]*fakeMedia // uploaded attachments, by id
	uploads   []fakeUpload          // POST /api/v2/media, in order
	mediaIDs  [][]string            // media_ids of each POST /api/v1/statuses

	processing int           // polls of GET /api/v1/media/:id a video stays in processing for
	stall      chan struct{} // when set, an upload signals on it and hangs until the client leaves

	failWith    int               // status to answer every request with (0 = none)
	failPath    string            // when set, failWith applies to this path only
	failNext    int               // status to answer the next request with, once
	failNextHdr map[string]string // headers of that answer
	rateHdr     map[string]string // extra headers on every answer
	linkOver    string            // replaces the Link header of notification pages
	ignoreTypes bool              // answer every notification type, like servers ignoring types[]
	lastTypes   []string          // types[] of the last notifications request
	noSchedule  bool              // no scheduled_statuses endpoint (404)
	publishNow  bool              // ignore scheduled_at and publish at once
	notAdmin    bool              // admin endpoints answer 403
	me          map[string]any    // the token's account (verify_credentials)
	convs       []map[string]any  // direct conversations; nil = endpoint missing (404)
}

// fakeMedia is an uploaded attachment; polls is how many more times it
// answers "still processing".
type fakeMedia struct {
	entity map[string]any
	polls  int
}

// fakeUpload is what an upload request carried.
type fakeUpload struct {
	field, filename, contentType string
	size                         int
	content                      []byte
	contentLength                int64
}

type adminCall struct {
	account string
	body    map[string]string
}

func newFake(t *testing.T) *fakeServer {
	f := &fakeServer{t: t, statuses: map[string]map[string]any{}, relations: map[string]string{},
		nextID: 900, me: account("1", "me", "Me", 10), media: map[string]*fakeMedia{}}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeServer) provider(t *testing.T, clock core.Clock) *Provider {
	t.Helper()
	return f.providerWith(t, clock, nil)
}

// providerWith builds a provider with extra settings.
func (f *fakeServer) providerWith(t *testing.T, clock core.Clock, settings map[string]string) *Provider {
	t.Helper()
	s := map[string]string{"server": f.srv.URL}
	for k, v := range settings {
		s[k] = v
	}
	p, err := New(providers.AccountConfig{
		Account:  core.Account{Provider: "mastodon", Network: "example.social"},
		Settings: s,
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
		"locked": false, "bot": false, "created_at": "2024-03-01T00:00:00.000Z",
		"note": "<p></p>", "url": "https://example.social/@" + acct,
		"avatar":          "https://files.example.social/avatars/" + id + ".png",
		"followers_count": followers, "following_count": 3, "statuses_count": 7,
		"last_status_at": "2026-11-19", "emojis": []any{}, "fields": []any{},
	}
}

func status(id string, acct map[string]any, content, vis string, inReplyTo *string) map[string]any {
	var irt, irta any
	if inReplyTo != nil {
		irt, irta = *inReplyTo, "1"
	}
	return map[string]any{
		"id": id, "created_at": "2026-11-20T10:00:00.000Z", "in_reply_to_id": irt,
		"in_reply_to_account_id": irta, "sensitive": false, "spoiler_text": "",
		"visibility": vis, "language": "en",
		"uri": "https://example.social/users/x/statuses/" + id,
		"url": "https://example.social/@x/" + id, "replies_count": 0,
		"reblogs_count": 0, "favourites_count": 0, "edited_at": nil,
		"favourited": false, "reblogged": false, "muted": false, "bookmarked": false,
		"content": content, "reblog": nil,
		"application": map[string]any{"name": "Web", "website": nil},
		"account":     acct, "media_attachments": []any{}, "mentions": []any{},
		"tags": []any{}, "emojis": []any{}, "card": nil, "poll": nil,
	}
}

// addStatus makes a status known to the server (GET /api/v1/statuses/:id,
// threads).
func (f *fakeServer) addStatus(st map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.statuses[st["id"].(string)] = st
}

func (f *fakeServer) addMention(id int, st map[string]any) {
	f.addNotification(id, "mention", st["account"].(map[string]any), st, "2026-11-20T10:00:00.000Z")
}

// addNotification records a notification of any type; st may be nil (a
// follow).
func (f *fakeServer) addNotification(id int, typ string, from, st map[string]any, at string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := map[string]any{"id": strconv.Itoa(id), "type": typ, "created_at": at, "account": from, "status": nil}
	if st != nil {
		n["status"] = st
		f.statuses[st["id"].(string)] = st
	}
	f.notifs = append(f.notifs, n)
}

// failOnce makes the next request fail with status and headers.
func (f *fakeServer) failOnce(status int, hdr map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failNext, f.failNextHdr = status, hdr
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	if f.stalled(r) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	for k, v := range f.rateHdr {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		f.fail(w, http.StatusUnauthorized, "The access token is invalid")
		return
	}
	if r.Header.Get("User-Agent") == "" {
		f.t.Errorf("no User-Agent on %s", r.URL)
	}
	if f.failNext != 0 {
		for k, v := range f.failNextHdr {
			w.Header().Set(k, v)
		}
		code := f.failNext
		f.failNext, f.failNextHdr = 0, nil
		f.fail(w, code, fmt.Sprintf("failing once with %d", code))
		return
	}
	if f.failWith != 0 && (f.failPath == "" || f.failPath == r.URL.Path) {
		f.fail(w, f.failWith, fmt.Sprintf("failing with %d", f.failWith))
		return
	}
	if !f.route(w, r) {
		f.fail(w, http.StatusNotFound, "Record not found")
	}
}

// stalled hangs an upload when f.stall is set: it signals, then waits for
// the client to give up (outside the lock, so the fake stays usable).
func (f *fakeServer) stalled(r *http.Request) bool {
	f.mu.Lock()
	stall := f.stall
	if stall != nil && r.URL.Path == "/api/v2/media" {
		f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	}
	f.mu.Unlock()
	if stall == nil || r.URL.Path != "/api/v2/media" {
		return false
	}
	io.CopyN(io.Discard, r.Body, 10) // the upload has begun
	stall <- struct{}{}
	// The server notices a client that left only once the body is read.
	io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
	return true
}

func (f *fakeServer) fail(w http.ResponseWriter, status int, msg string) {
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// route answers r and reports whether an endpoint matched.
func (f *fakeServer) route(w http.ResponseWriter, r *http.Request) bool {
	path, get, post := r.URL.Path, r.Method == http.MethodGet, r.Method == http.MethodPost
	switch {
	case get && path == "/api/v1/notifications":
		f.notifications(w, r)
	case post && path == "/api/v1/statuses":
		f.postStatus(w, r)
	case post && path == "/api/v2/media":
		f.upload(w, r)
	case get && strings.HasPrefix(path, "/api/v1/media/"):
		return f.mediaGet(w, strings.TrimPrefix(path, "/api/v1/media/"))
	case get && path == "/api/v1/accounts/verify_credentials":
		json.NewEncoder(w).Encode(f.me)
	case get && path == "/api/v1/accounts/1/statuses":
		f.ownStatuses(w, r)
	case get && path == "/api/v1/conversations" && f.convs != nil:
		f.conversations(w, r)
	case post && path == "/api/v1/reports":
		f.report(w, r)
	case strings.HasPrefix(path, "/api/v1/statuses/"):
		return f.statusRoute(w, r, strings.TrimPrefix(path, "/api/v1/statuses/"))
	case post && strings.HasPrefix(path, "/api/v1/accounts/"):
		return f.relation(w, strings.TrimPrefix(path, "/api/v1/accounts/"))
	case post && strings.HasPrefix(path, "/api/v1/admin/accounts/"):
		return f.adminAction(w, r, strings.TrimPrefix(path, "/api/v1/admin/accounts/"))
	case strings.HasPrefix(path, "/api/v1/scheduled_statuses") && !f.noSchedule:
		return f.scheduledRoute(w, r, strings.TrimPrefix(strings.TrimPrefix(path, "/api/v1/scheduled_statuses"), "/"))
	default:
		return false
	}
	return true
}

// find returns a status the server knows.
func (f *fakeServer) find(id string) map[string]any {
	if st, ok := f.statuses[id]; ok {
		return st
	}
	for _, st := range f.own {
		if st["id"] == id {
			return st
		}
	}
	return nil
}

func (f *fakeServer) statusRoute(w http.ResponseWriter, r *http.Request, rest string) bool {
	id, verb, _ := strings.Cut(rest, "/")
	st := f.find(id)
	if st == nil {
		return false
	}
	switch {
	case r.Method == http.MethodGet && verb == "":
		json.NewEncoder(w).Encode(st)
	case r.Method == http.MethodGet && verb == "context":
		json.NewEncoder(w).Encode(map[string]any{"ancestors": []any{}, "descendants": f.descendants(id)})
	case r.Method == http.MethodPost && verb == "favourite":
		f.favs = append(f.favs, id)
		json.NewEncoder(w).Encode(st)
	case r.Method == http.MethodDelete && verb == "":
		f.deleted = append(f.deleted, id)
		delete(f.statuses, id)
		json.NewEncoder(w).Encode(st)
	default:
		return false
	}
	return true
}

// descendants lists the statuses below id in its thread, oldest first.
func (f *fakeServer) descendants(id string) []map[string]any {
	below := map[string]bool{id: true}
	var out []map[string]any
	for grew := true; grew; {
		grew = false
		for sid, st := range f.statuses {
			if parent, ok := st["in_reply_to_id"].(string); ok && below[parent] && !below[sid] {
				below[sid], grew = true, true
				out = append(out, st)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i]["id"].(string) < out[j]["id"].(string) })
	if out == nil {
		out = []map[string]any{}
	}
	return out
}

func (f *fakeServer) postStatus(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		f.t.Errorf("POST /api/v1/statuses without Idempotency-Key")
	}
	f.idemKeys = append(f.idemKeys, key)
	body, ids, ok := decodeStatusPost(r)
	if !ok {
		f.fail(w, http.StatusUnprocessableEntity, "bad body")
		return
	}
	attached, problem := f.attach(ids)
	if problem != "" {
		f.fail(w, http.StatusUnprocessableEntity, problem)
		return
	}
	f.bodies = append(f.bodies, body)
	f.mediaIDs = append(f.mediaIDs, ids)
	f.nextID++
	id := strconv.Itoa(f.nextID)
	if at := body["scheduled_at"]; at != "" && !f.publishNow {
		f.schedule(w, id, body, attached)
		return
	}
	var irt *string
	if v := body["in_reply_to_id"]; v != "" {
		irt = strp(v)
	}
	st := status(id, f.me, "<p>"+body["status"]+"</p>", body["visibility"], irt)
	st["media_attachments"] = attached
	f.own = append([]map[string]any{st}, f.own...)
	f.statuses[id] = st
	json.NewEncoder(w).Encode(st)
}

// decodeStatusPost reads a JSON status body: its string fields, and
// media_ids, which must be an array of strings.
func decodeStatusPost(r *http.Request) (map[string]string, []string, bool) {
	var raw map[string]any
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		return nil, nil, false
	}
	body := map[string]string{}
	var ids []string
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			body[k] = v
		case []any:
			if k != "media_ids" {
				return nil, nil, false
			}
			for _, id := range v {
				s, ok := id.(string)
				if !ok {
					return nil, nil, false
				}
				ids = append(ids, s)
			}
		default:
			return nil, nil, false
		}
	}
	return body, ids, true
}

// attach returns the attachments ids name, or why Mastodon would refuse
// them: unknown, or still being processed.
func (f *fakeServer) attach(ids []string) ([]any, string) {
	out := []any{}
	for _, id := range ids {
		m, ok := f.media[id]
		if !ok {
			return nil, "Validation failed: media not found " + id
		}
		if m.entity["url"] == nil {
			return nil, "Cannot attach files that have not finished processing. Try again in a moment!"
		}
		out = append(out, m.entity)
	}
	return out, ""
}

// upload takes a multipart "file" field as POST /api/v2/media does: an
// image is ready at once (200); a video is processed for f.processing
// polls (202, url null) when that is set.
func (f *fakeServer) upload(w http.ResponseWriter, r *http.Request) {
	mr, err := r.MultipartReader()
	if err != nil {
		f.fail(w, http.StatusUnprocessableEntity, "not multipart")
		return
	}
	part, err := mr.NextPart()
	if err != nil {
		f.fail(w, http.StatusUnprocessableEntity, "no part")
		return
	}
	content, err := io.ReadAll(part)
	if err != nil {
		f.fail(w, http.StatusUnprocessableEntity, "cut body")
		return
	}
	up := fakeUpload{field: part.FormName(), filename: part.FileName(), contentType: part.Header.Get("Content-Type"),
		size: len(content), content: content, contentLength: r.ContentLength}
	f.uploads = append(f.uploads, up)
	f.nextID++
	id := strconv.Itoa(f.nextID)
	typ, _, _ := strings.Cut(up.contentType, "/")
	m := &fakeMedia{entity: map[string]any{
		"id": id, "type": typ, "url": "https://files.example.social/media/" + id,
		"preview_url": "https://files.example.social/media/small/" + id, "remote_url": nil,
		"meta": map[string]any{}, "description": nil, "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}",
	}}
	f.media[id] = m
	if typ == "video" && f.processing > 0 {
		m.polls, m.entity["url"] = f.processing, nil
		w.WriteHeader(http.StatusAccepted)
	}
	json.NewEncoder(w).Encode(m.entity)
}

// mediaGet answers GET /api/v1/media/:id: 206 while processing (url
// null), then 200 with the url.
func (f *fakeServer) mediaGet(w http.ResponseWriter, id string) bool {
	m, ok := f.media[id]
	if !ok {
		return false
	}
	if m.polls > 0 {
		if m.polls--; m.polls == 0 {
			m.entity["url"] = "https://files.example.social/media/" + id
		} else {
			w.WriteHeader(http.StatusPartialContent)
		}
	}
	json.NewEncoder(w).Encode(m.entity)
	return true
}

func (f *fakeServer) ownStatuses(w http.ResponseWriter, r *http.Request) {
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
}

// relation records block/unblock/mute/unmute and answers a Relationship.
func (f *fakeServer) relation(w http.ResponseWriter, rest string) bool {
	id, verb, _ := strings.Cut(rest, "/")
	if !slices.Contains([]string{"block", "unblock", "mute", "unmute"}, verb) {
		return false
	}
	f.relations[id] = verb
	json.NewEncoder(w).Encode(map[string]any{
		"id": id, "following": false, "blocking": verb == "block", "muting": verb == "mute",
		"muting_notifications": verb == "mute", "requested": false, "domain_blocking": false,
	})
	return true
}

func (f *fakeServer) report(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.fail(w, http.StatusUnprocessableEntity, "bad body")
		return
	}
	f.reports = append(f.reports, body)
	f.nextID++
	json.NewEncoder(w).Encode(map[string]any{
		"id": strconv.Itoa(f.nextID), "action_taken": false, "action_taken_at": nil,
		"category": body["category"], "comment": body["comment"], "forwarded": false,
		"created_at": "2026-11-20T12:00:00.000Z", "status_ids": body["status_ids"], "rule_ids": nil,
		"target_account": account(fmt.Sprint(body["account_id"]), "someone", "Someone", 1),
	})
}

func (f *fakeServer) adminAction(w http.ResponseWriter, r *http.Request, rest string) bool {
	id, verb, _ := strings.Cut(rest, "/")
	if r.Method != http.MethodPost || verb != "action" {
		return false
	}
	if f.notAdmin {
		f.fail(w, http.StatusForbidden, "This action is not allowed")
		return true
	}
	var body map[string]string
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.fail(w, http.StatusUnprocessableEntity, "bad body")
		return true
	}
	f.admin = append(f.admin, adminCall{account: id, body: body})
	fmt.Fprint(w, "{}")
	return true
}

// schedule creates a ScheduledStatus; scheduled_at must be RFC 3339 UTC.
func (f *fakeServer) schedule(w http.ResponseWriter, id string, body map[string]string, attached []any) {
	at, err := time.Parse(time.RFC3339, body["scheduled_at"])
	if err != nil || !strings.HasSuffix(body["scheduled_at"], "Z") {
		f.fail(w, http.StatusUnprocessableEntity, "Validation failed: Scheduled at is invalid")
		return
	}
	var vis any
	if v := body["visibility"]; v != "" {
		vis = v
	}
	ss := map[string]any{
		"id": id, "scheduled_at": at.UTC().Format("2006-01-02T15:04:05.000Z"),
		"params": map[string]any{
			"poll": nil, "text": body["status"], "media_ids": nil, "sensitive": nil,
			"visibility": vis, "idempotency": nil, "scheduled_at": nil,
			"spoiler_text": nil, "application_id": 596551, "in_reply_to_id": nil,
		},
		"media_attachments": attached,
	}
	f.scheduled = append(f.scheduled, ss)
	json.NewEncoder(w).Encode(ss)
}

func (f *fakeServer) scheduledRoute(w http.ResponseWriter, r *http.Request, id string) bool {
	if id == "" && r.Method == http.MethodGet {
		f.scheduledList(w, r)
		return true
	}
	i := slices.IndexFunc(f.scheduled, func(s map[string]any) bool { return s["id"] == id })
	if id == "" || i < 0 {
		return false
	}
	switch r.Method {
	case http.MethodPut:
		var body map[string]string
		json.NewDecoder(r.Body).Decode(&body)
		at, err := time.Parse(time.RFC3339, body["scheduled_at"])
		if err != nil {
			f.fail(w, http.StatusUnprocessableEntity, "Validation failed: Scheduled at is invalid")
			return true
		}
		f.scheduled[i]["scheduled_at"] = at.UTC().Format("2006-01-02T15:04:05.000Z")
		json.NewEncoder(w).Encode(f.scheduled[i])
	case http.MethodDelete:
		f.scheduled = slices.Delete(f.scheduled, i, i+1)
		fmt.Fprint(w, "{}")
	default:
		return false
	}
	return true
}

// scheduledList pages the scheduled statuses newest first with max_id and
// a Link rel="next", as Mastodon does.
func (f *fakeServer) scheduledList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 || limit > 40 {
		limit = 20
	}
	maxID, _ := strconv.Atoi(q.Get("max_id"))
	page := []map[string]any{}
	for i := len(f.scheduled) - 1; i >= 0 && len(page) < limit; i-- {
		id, _ := strconv.Atoi(f.scheduled[i]["id"].(string))
		if maxID == 0 || id < maxID {
			page = append(page, f.scheduled[i])
		}
	}
	if len(page) == limit {
		w.Header().Set("Link", fmt.Sprintf(`<https://%s/api/v1/scheduled_statuses?limit=%d&max_id=%s>; rel="next"`,
			r.Host, limit, page[len(page)-1]["id"]))
	}
	json.NewEncoder(w).Encode(page)
}

// notifications implements types[], min_id/max_id/limit paging and Link
// headers as Mastodon does: results newest first; min_id gives the page
// immediately newer than it, max_id the page just older.
func (f *fakeServer) notifications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.lastTypes = q["types[]"]
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 || limit > 40 {
		limit = 20
	}
	var matching []map[string]any // oldest first
	for _, n := range f.notifs {
		if f.ignoreTypes || len(f.lastTypes) == 0 || slices.Contains(f.lastTypes, n["type"].(string)) {
			matching = append(matching, n)
		}
	}
	page := pageOf(matching, q, limit)
	if len(page) > 0 {
		f.notificationLinks(w, r, page)
	}
	if f.linkOver != "" {
		w.Header().Set("Link", f.linkOver)
	}
	json.NewEncoder(w).Encode(page)
}

func numID(n map[string]any) int { i, _ := strconv.Atoi(n["id"].(string)); return i }

// pageOf selects from ns (oldest first) the page q asks for, newest first.
func pageOf(ns []map[string]any, q url.Values, limit int) []map[string]any {
	page := []map[string]any{}
	if m := q.Get("min_id"); m != "" {
		min, _ := strconv.Atoi(m)
		for _, n := range ns {
			if numID(n) > min && len(page) < limit {
				page = append(page, n)
			}
		}
	} else {
		max, _ := strconv.Atoi(q.Get("max_id"))
		for i := len(ns) - 1; i >= 0 && len(page) < limit; i-- {
			if max == 0 || numID(ns[i]) < max {
				page = append(page, ns[i])
			}
		}
	}
	sort.Slice(page, func(i, j int) bool { return numID(page[i]) > numID(page[j]) })
	return page
}

// notificationLinks sets Link next (max_id = oldest of the page) and prev
// (min_id = newest), keeping the request's other parameters.
func (f *fakeServer) notificationLinks(w http.ResponseWriter, r *http.Request, page []map[string]any) {
	link := func(key string, id int) string {
		q := r.URL.Query()
		q.Del("min_id")
		q.Del("max_id")
		q.Set(key, strconv.Itoa(id))
		return "https://" + r.Host + r.URL.Path + "?" + q.Encode()
	}
	w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next", <%s>; rel="prev"`,
		link("max_id", numID(page[len(page)-1])), link("min_id", numID(page[0]))))
}

// addConversation records a direct conversation whose last status is st.
// Mastodon pages conversations by their last status id, newest first.
func (f *fakeServer) addConversation(id string, st map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.convs == nil {
		f.convs = []map[string]any{}
	}
	f.statuses[st["id"].(string)] = st
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

// set runs fn under the fake's lock, to change its state between calls.
func (f *fakeServer) set(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn()
}
