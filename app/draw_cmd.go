package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"cmdeck/config"
	"cmdeck/draw"
	"cmdeck/i18n"
	"cmdeck/store"
)

// DrawFlags are the flags of `cmdeck draw`, as typed.
type DrawFlags struct {
	Post         int64  // the contest post's id in the calendar (required)
	Winners      int    // how many winners
	Seed         string // public, drawn after the deadline (required)
	Deadline     string // "2026-12-01T18:00" in the configured zone; "" = none
	MustContain  string // a word every entry must contain; "" = none
	ExcludeBrand bool   // the client's own accounts never win
	Output       string // file to write; "" or "-" = stdout
}

// RunDraw is `cmdeck draw`: it draws a contest's winners among the
// comments the database holds on a post (and on the posts published with
// it on the client's other accounts), and prints the draw so anyone can
// redo it. It reads the database only: sync first for the latest
// comments. Every mistake of the user is a *ConfigError.
func RunDraw(ctx context.Context, cfg *config.Config, f DrawFlags, stdout, stderr io.Writer, t *i18n.Catalog) error {
	// The flags first: a typo is reported even before a database exists.
	rules, err := drawRules(f, cfg.Location())
	if err != nil {
		return err
	}
	st, err := openExisting(ctx, cfg.DBPath(os.Getenv))
	if err != nil {
		return err
	}
	defer st.Close()
	return runDraw(ctx, st, f, rules, stdout, stderr, t)
}

// runDraw reads the comments, draws and writes the draw.
func runDraw(ctx context.Context, st *store.Store, f DrawFlags, rules draw.Rules, stdout, stderr io.Writer, t *i18n.Catalog) error {
	post, err := contestPost(ctx, st, f.Post)
	if err != nil {
		return err
	}
	if f.ExcludeBrand {
		if rules.ExcludeAuthors, err = brandHandles(ctx, st, post.ClientID); err != nil {
			return err
		}
	}
	comments, err := st.ContestComments(ctx, post.ID)
	if err != nil {
		return err
	}
	res, err := draw.Run(drawEntries(comments), rules, f.Seed, f.Winners)
	if errors.Is(err, draw.ErrNoEntrants) {
		return fmt.Errorf("post %d: %d comment(s) cached, none qualifies (sync first, or check --deadline and --must-contain)", post.ID, len(comments))
	}
	if err != nil {
		return &ConfigError{Err: err}
	}
	return writeDraw(res, f.Output, stdout, stderr, t)
}

// drawRules reads the flags into the draw's rules. One entry per person:
// commenting ten times must not buy ten tickets.
func drawRules(f DrawFlags, loc *time.Location) (draw.Rules, error) {
	if f.Winners < 1 {
		return draw.Rules{}, &ConfigError{Err: fmt.Errorf("--winners %d: at least 1", f.Winners)}
	}
	if strings.TrimSpace(f.Seed) == "" {
		return draw.Rules{}, &ConfigError{Err: errors.New("--seed is required: a word or number made public after the deadline (e.g. a lottery draw)")}
	}
	rules := draw.Rules{MustContain: strings.TrimSpace(f.MustContain), OnePerPerson: true}
	if strings.TrimSpace(f.Deadline) != "" {
		at, err := parseDeadline(f.Deadline, loc)
		if err != nil {
			return draw.Rules{}, &ConfigError{Err: fmt.Errorf("--deadline: %w", err)}
		}
		rules.Deadline = at
	}
	return rules, nil
}

// deadlineLayouts are the forms --deadline takes, in the configured zone
// unless it carries its own offset (RFC 3339). A bare date is its midnight.
var deadlineLayouts = []string{"2006-01-02T15:04", "2006-01-02 15:04", time.RFC3339, time.DateOnly}

// parseDeadline reads a deadline in loc.
func parseDeadline(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range deadlineLayouts {
		if at, err := time.ParseInLocation(layout, s, loc); err == nil {
			return at, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: write e.g. 2026-12-01T18:00 (in %s)", s, loc)
}

// contestPost is the post the contest ran under: it must exist and be
// published, or nobody could have commented on it.
func contestPost(ctx context.Context, st *store.Store, id int64) (store.PostView, error) {
	if id <= 0 {
		return store.PostView{}, &ConfigError{Err: errors.New("--post ID is required: the contest post's id (see the calendar)")}
	}
	post, err := st.Post(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.PostView{}, &ConfigError{Err: fmt.Errorf("--post %d: no such post", id)}
	}
	if err != nil {
		return store.PostView{}, err
	}
	if post.RemoteID == "" {
		return store.PostView{}, &ConfigError{Err: fmt.Errorf("--post %d: not published (status %s): it has no comments", id, post.Status)}
	}
	return post, nil
}

// brandHandles are the handles of the client's own accounts, which never
// win: a Mastodon account "@brand@server" also as "@brand", the way its
// own server shows it.
func brandHandles(ctx context.Context, st *store.Store, clientID int64) ([]string, error) {
	accounts, err := st.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range accounts {
		if a.Account.ClientID != clientID || strings.TrimSpace(a.Account.Handle) == "" {
			continue
		}
		h := a.Account.Handle
		out = append(out, h)
		if user, _, ok := strings.Cut(strings.TrimPrefix(h, "@"), "@"); ok && user != "" {
			out = append(out, "@"+user)
		}
	}
	return out, nil
}

// drawEntries turns the cached comments into the draw's entries.
func drawEntries(comments []store.ContestComment) []draw.Entry {
	out := make([]draw.Entry, 0, len(comments))
	for _, c := range comments {
		out = append(out, draw.Entry{Network: c.Network, Handle: c.Handle, Body: c.Body, At: c.At})
	}
	return out
}

// writeDraw prints the draw to stdout, or to a file (then says so on
// stderr).
func writeDraw(res draw.Result, output string, stdout, stderr io.Writer, t *i18n.Catalog) error {
	if output == "" || output == "-" {
		return res.Write(stdout)
	}
	if _, err := writeFileAtomically(output, func(w io.Writer) (int, error) { return 0, res.Write(w) }); err != nil {
		return err
	}
	fmt.Fprintln(stderr, tr(t, "cli.draw.done", output))
	return nil
}

// DefaultWinners is how many winners `cmdeck draw` picks without --winners.
const DefaultWinners = 1
