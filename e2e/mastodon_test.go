package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cmdeck/app"
	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
	"cmdeck/i18n"
	"cmdeck/providers/mastodon"
	"cmdeck/store"
)

// TestMastodonFlowOnGoToSocial is the flow a new user follows, against a
// real server speaking the Mastodon API: add the account with `account add`
// (the OAuth out-of-band flow, a browser played by the test), see a mention
// and a direct message arrive, reply, delete the reply, block the author,
// publish a post, and find the account healthy.
func TestMastodonFlowOnGoToSocial(t *testing.T) {
	g := startGoToSocial(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	home := t.TempDir()
	env := func(k string) string {
		return map[string]string{"HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_DATA_HOME": home + "/data"}[k]
	}

	block := addAccount(ctx, t, g, env, home)
	cfgPath := filepath.Join(home, "config", "cmdeck", "config.yaml")
	writeConfig(t, cfgPath, block)

	fan := g.userToken(ctx, t, "fan")
	var mention, dm struct{ ID string }
	g.api(t, fan, "POST", "/api/v1/statuses", map[string]string{
		"status": "@brand Bonjour, ma commande n'est pas arrivée ?", "visibility": "public"}, &mention)
	g.api(t, fan, "POST", "/api/v1/statuses", map[string]string{
		"status": "@brand Je vous écris en privé : numéro 4521.", "visibility": "direct"}, &dm)
	if mention.ID == "" || dm.ID == "" {
		t.Fatal("the fan's posts were refused")
	}

	cfg, _, err := config.Load(config.Options{File: cfgPath, Env: env, Known: app.ProviderNames()})
	if err != nil {
		t.Fatalf("the config built from the printed block does not load: %v", err)
	}
	ws, err := app.Open(ctx, cfg, app.Options{Env: env, LogTo: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	runner, err := ws.NewRunner("test", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer runner.Close()

	// Notifications are created asynchronously on the server: sync until
	// both messages are in the inbox.
	items := syncUntil(ctx, t, runner, ws.Store, func(its []store.ItemView) bool {
		return findItem(its, "commande") != nil && findItem(its, "4521") != nil
	})
	m, d := findItem(items, "commande"), findItem(items, "4521")
	if m.Kind != core.KindMention || d.Kind != core.KindDM {
		t.Errorf("kinds: mention %q, dm %q", m.Kind, d.Kind)
	}
	if m.Author.Handle != "@fan" {
		t.Errorf("author handle %q", m.Author.Handle)
	}

	// Reply to the DM: the reply stays direct and reaches the fan.
	reply := act(ctx, t, runner, ws.Store, core.Action{Kind: core.ActReply, ItemID: d.ID,
		Payload: "Merci, nous regardons votre commande 4521."})
	var st struct {
		Visibility  string `json:"visibility"`
		InReplyToID string `json:"in_reply_to_id"`
		Content     string `json:"content"`
	}
	if code := g.api(t, fan, "GET", "/api/v1/statuses/"+reply.remoteID(t, ctx, ws.Store), nil, &st); code != 200 {
		t.Fatalf("the fan cannot see the reply: %d", code)
	}
	if st.Visibility != "direct" || st.InReplyToID != dm.ID || !strings.Contains(st.Content, "4521") {
		t.Errorf("reply on the server: %+v", st)
	}

	// Delete the reply.
	replyID := reply.remoteID(t, ctx, ws.Store)
	act(ctx, t, runner, ws.Store, core.Action{Kind: core.ActDelete, ItemID: reply.itemID(t, ctx, ws.Store)})
	// The server deletes asynchronously.
	eventually(ctx, t, "the deleted reply still answers", func() bool {
		return g.api(t, fan, "GET", "/api/v1/statuses/"+replyID, nil, nil) == 404
	})

	// Like the mention, mute its author, then block them.
	brand := g.tokenFromFile(t, home)
	act(ctx, t, runner, ws.Store, core.Action{Kind: core.ActLike, ItemID: m.ID})
	var liked struct {
		Favourited bool `json:"favourited"`
	}
	g.api(t, brand, "GET", "/api/v1/statuses/"+mention.ID, nil, &liked)
	if !liked.Favourited {
		t.Error("the mention is not favourited after the like")
	}
	act(ctx, t, runner, ws.Store, core.Action{Kind: core.ActMute, ItemID: m.ID})
	act(ctx, t, runner, ws.Store, core.Action{Kind: core.ActBlock, ItemID: m.ID})
	var rel []struct {
		ID       string `json:"id"`
		Blocking bool   `json:"blocking"`
		Muting   bool   `json:"muting"`
	}
	g.api(t, brand, "GET", "/api/v1/accounts/relationships?id[]="+m.Author.RemoteID, nil, &rel)
	if len(rel) != 1 || !rel[0].Blocking || !rel[0].Muting {
		t.Errorf("after mute and block, relationship %+v", rel)
	}

	// Publish a post from the calendar, due now.
	ids, err := ws.Store.CreatePosts(ctx, store.PostDraft{AccountIDs: []int64{ws.Accounts[0].ID},
		Body: "Nouvelle collection disponible demain !", At: time.Now().Add(10 * time.Minute)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// A sync pass offers it to the server's native scheduling; GoToSocial
	// answers 501 there, so the post stays with the outbox, unharmed.
	drain(ctx, t, runner)
	if p, err := ws.Store.Post(ctx, ids[0]); err != nil || p.Status != core.PostScheduled || p.HeldByNetwork {
		t.Fatalf("post 10 minutes ahead after a sync: %+v, %v", p, err)
	}
	if err := ws.Store.MovePost(ctx, ids[0], time.Hour, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := ws.Store.PublishNow(ctx, ids[0], time.Now()); err != nil {
		t.Fatal(err)
	}
	drain(ctx, t, runner)
	post, err := ws.Store.Post(ctx, ids[0])
	if err != nil || post.Status != core.PostPublished || post.RemoteID == "" {
		t.Fatalf("post after publishing: %+v, %v", post, err)
	}
	var published struct {
		Content string `json:"content"`
	}
	if code := g.api(t, brand, "GET", "/api/v1/statuses/"+post.RemoteID, nil, &published); code != 200 ||
		!strings.Contains(published.Content, "Nouvelle collection") {
		t.Errorf("the published post answers %d: %q", code, published.Content)
	}

	// The health view is green, with the server's rate budget.
	hs, err := ws.Store.AccountHealth(ctx)
	if err != nil || len(hs) != 1 {
		t.Fatalf("health: %v, %v", hs, err)
	}
	if h := hs[0]; h.LastError != "" || h.LastSuccess.IsZero() || h.RateRemaining <= 0 {
		t.Errorf("health: %+v", h)
	}
}

// addAccount runs `cmdeck account add mastodon` and plays the user: open
// the printed page, sign in, approve, paste the code. It returns the
// printed config block.
func addAccount(ctx context.Context, t *testing.T, g *gts, env func(string) string, home string) string {
	t.Helper()
	codeIn, codeW := io.Pipe()
	errR, errW := io.Pipe()
	var out strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- app.RunAccountAdd(ctx, app.AccountAdd{
			Server: g.base, Client: "brand", In: codeIn, Out: &out, Err: errW,
			ConfigDir: filepath.Join(home, "config", "cmdeck"), Env: env,
		}, i18n.New(i18n.EN))
		errW.Close()
	}()
	// Read stderr continuously (the prompt must not block on the pipe) and
	// hand over the page to open.
	authURL := regexp.MustCompile(`http://\S+/oauth/authorize\?\S+`)
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(errR)
		for sc.Scan() {
			if u := authURL.FindString(sc.Text()); u != "" {
				urls <- u
			}
		}
		close(urls)
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			t.Fatalf("account add printed no page to open: %v", <-done)
		}
		code := g.authorize(t, u, "brand")
		io.WriteString(codeW, code+"\n")
	case <-ctx.Done():
		t.Fatal("account add printed no page to open")
	}
	if err := <-done; err != nil {
		t.Fatalf("account add: %v", err)
	}
	info, err := os.Stat(filepath.Join(home, "config", "cmdeck", "tokens"))
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("tokens directory: %v, %v", info, err)
	}
	return out.String()
}

// writeConfig writes the printed block as the config, after the comment
// lines a person would not paste.
func writeConfig(t *testing.T, path, block string) {
	t.Helper()
	i := strings.Index(block, "clients:")
	if i < 0 {
		t.Fatalf("no clients: block in the output:\n%s", block)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(block[i:]), 0o600); err != nil {
		t.Fatal(err)
	}
}

// userToken gets a token for a user the way any app does.
func (g *gts) userToken(ctx context.Context, t *testing.T, user string) string {
	t.Helper()
	app, err := mastodon.RegisterApp(ctx, g.http, g.base, "e2e-"+user, mastodon.DefaultScopes)
	if err != nil {
		t.Fatal(err)
	}
	code := g.authorize(t, mastodon.AuthorizeURL(g.base, app, mastodon.DefaultScopes), user)
	tok, err := mastodon.ExchangeCode(ctx, g.http, g.base, app, code, mastodon.DefaultScopes)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// tokenFromFile reads the token account add saved.
func (g *gts) tokenFromFile(t *testing.T, home string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(home, "config", "cmdeck", "tokens", "*.token"))
	if len(files) != 1 {
		t.Fatalf("token files: %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(files[0])
	if info.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, want 0600", info.Mode().Perm())
	}
	return strings.TrimSpace(string(b))
}

func syncUntil(ctx context.Context, t *testing.T, r *engine.Runner, st *store.Store, ok func([]store.ItemView) bool) []store.ItemView {
	t.Helper()
	for {
		reports, err := r.SyncOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, rep := range reports {
			if rep.Err != nil {
				t.Fatalf("sync %s: %v", rep.Handle, rep.Err)
			}
		}
		items, err := st.ListItems(ctx, store.ItemFilter{}, store.PageKey{}, store.Older, 100)
		if err != nil {
			t.Fatal(err)
		}
		if ok(items) {
			return items
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waited for the inbox; it holds %d items", len(items))
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// eventually polls cond until it holds, for what the server does
// asynchronously.
func eventually(ctx context.Context, t *testing.T, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatal(what)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func findItem(items []store.ItemView, word string) *store.ItemView {
	for i := range items {
		if strings.Contains(items[i].Body, word) {
			return &items[i]
		}
	}
	return nil
}

// queued is an action the test put in the outbox.
type queued struct{ id int64 }

// act queues an action as the deck does, due now, and runs the engine until
// the network confirmed it.
func act(ctx context.Context, t *testing.T, r *engine.Runner, st *store.Store, a core.Action) queued {
	t.Helper()
	a.NotBefore = time.Now().Add(-time.Second)
	a.IdempotencyKey = fmt.Sprintf("e2e-%s-%d", a.Kind, time.Now().UnixNano())
	id, err := st.Enqueue(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	drain(ctx, t, r)
	q := queued{id}
	if v := q.view(t, ctx, st); v.State != core.ActionDone {
		t.Fatalf("%s: state %s, error %q", a.Kind, v.State, v.LastError)
	}
	return q
}

func drain(ctx context.Context, t *testing.T, r *engine.Runner) {
	t.Helper()
	if _, err := r.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
}

func (q queued) view(t *testing.T, ctx context.Context, st *store.Store) store.ActionView {
	t.Helper()
	all, err := st.Actions(ctx, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.ID == q.id {
			return a
		}
	}
	t.Fatalf("action %d is not in the outbox", q.id)
	return store.ActionView{}
}

// remoteID is the network id of what the action created (a reply).
func (q queued) remoteID(t *testing.T, ctx context.Context, st *store.Store) string {
	t.Helper()
	it := q.item(t, ctx, st)
	return it.RemoteID
}

func (q queued) itemID(t *testing.T, ctx context.Context, st *store.Store) int64 {
	return q.item(t, ctx, st).ID
}

// item is our reply as the store keeps it (an Outgoing item).
func (q queued) item(t *testing.T, ctx context.Context, st *store.Store) store.ItemView {
	t.Helper()
	items, err := st.ListItems(ctx, store.ItemFilter{}, store.PageKey{}, store.Older, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Outgoing && it.State != core.StateDeleted {
			return it
		}
	}
	t.Fatal("our reply is not in the store")
	return store.ItemView{}
}
