package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
)

// contestPublished is when the contest post went out.
var contestPublished = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// contestStore is a store with PixelForge's contest post (published on
// Chirper) and its comments: twelve people, alice twice, the brand's own
// Mastodon account (seen by its server as "@pixelforge") and its second
// Chirper account, one late comment and one without the word. It returns
// the post's id and an unpublished draft's.
func contestStore(t *testing.T) (st *store.Store, post, draft int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "draw.db"), store.WithClock(core.NewManualClock(contestPublished)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, accts, err := st.UpsertWorkspace(ctx, []core.Client{{Slug: "pixelforge", Name: "PixelForge"}, {Slug: "fournil", Name: "Le Fournil"}},
		[]core.Account{
			{ClientSlug: "pixelforge", Provider: "demo", Network: "Chirper", Handle: "@pixelforge_fr"},
			{ClientSlug: "pixelforge", Provider: "mastodon", Network: "mastodon.social", Handle: "@pixelforge@mastodon.social"},
			{ClientSlug: "fournil", Provider: "demo", Network: "Chirper", Handle: "@fournil"},
		})
	if err != nil {
		t.Fatal(err)
	}
	post, err = st.InsertPost(ctx, core.Post{AccountID: accts[0].ID, RemoteID: "p-contest", Status: core.PostPublished,
		PublishedAt: contestPublished, Body: "Concours !"})
	if err != nil {
		t.Fatal(err)
	}
	draft, err = st.InsertPost(ctx, core.Post{AccountID: accts[0].ID, Body: "Concours à venir"})
	if err != nil {
		t.Fatal(err)
	}
	var items []core.Item
	comment := func(who, body string, after time.Duration) {
		items = append(items, core.Item{RemoteID: fmt.Sprintf("c%d", len(items)), Kind: core.KindComment,
			ParentRemoteID: "p-contest", ThreadRemoteID: "p-contest", Body: body, CreatedAt: contestPublished.Add(after),
			Author: core.Author{RemoteID: "u-" + who, Handle: "@" + who, Name: who}})
	}
	for i, who := range []string{"alice", "bob", "carol", "dan", "eve", "fay", "gus", "hana", "ivan", "jade", "kim", "leo"} {
		comment(who, "Je participe au #concours", time.Duration(i+1)*time.Minute)
	}
	comment("alice", "Encore moi, concours", time.Hour)
	comment("pixelforge", "Merci à tous, concours ouvert", 2*time.Hour)
	comment("pixelforge_fr", "Rappel du concours", 3*time.Hour)
	comment("late", "concours", 10*24*time.Hour)
	comment("mute", "Trop bien", 4*time.Hour)
	if _, err := st.IngestBatch(ctx, accts[0].ID, core.Batch{Items: items}, contestPublished.Add(11*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	return st, post, draft
}

// drawOf runs the draw command's body; it returns stdout and stderr.
func drawOf(t *testing.T, st *store.Store, f DrawFlags) (string, string, error) {
	t.Helper()
	rules, err := drawRules(f, time.UTC)
	if err != nil {
		return "", "", err
	}
	var out, errOut bytes.Buffer
	err = runDraw(context.Background(), st, f, rules, &out, &errOut, i18n.New(i18n.EN))
	return out.String(), errOut.String(), err
}

// section is the lines between a line starting with head and the next
// empty line.
func section(out, head string) []string {
	_, rest, ok := strings.Cut(out, "\n"+head)
	if !ok {
		return nil
	}
	_, rest, _ = strings.Cut(rest, "\n")
	body, _, _ := strings.Cut(rest, "\n\n")
	return strings.Split(strings.TrimSpace(body), "\n")
}

// The same seed draws the same winners; another seed, other winners.
func TestDrawReproducible(t *testing.T) {
	st, post, _ := contestStore(t)
	f := DrawFlags{Post: post, Winners: 3, Seed: "loto-2026-12-02", ExcludeBrand: true}
	first, _, err := drawOf(t, st, f)
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := drawOf(t, st, f)
	if err != nil {
		t.Fatal(err)
	}
	if first != again {
		t.Errorf("the same seed gave two draws:\n%s\n---\n%s", first, again)
	}
	winners := section(first, "Winners (3):")
	if len(winners) != 3 {
		t.Fatalf("winners %q in:\n%s", winners, first)
	}
	f.Seed = "another-seed"
	other, _, err := drawOf(t, st, f)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(section(other, "Winners (3):"), winners) {
		t.Errorf("another seed drew the same winners %q", winners)
	}
}

// The brand's accounts are left out by default (the Mastodon one under
// its local name too), each person enters once, and the deadline and the
// word apply.
func TestDrawRules(t *testing.T) {
	st, post, _ := contestStore(t)
	f := DrawFlags{Post: post, Winners: 1, Seed: "s", ExcludeBrand: true,
		Deadline: "2026-11-25T18:00", MustContain: "CONCOURS"}
	out, _, err := drawOf(t, st, f)
	if err != nil {
		t.Fatal(err)
	}
	entrants := strings.Join(section(out, "Entrants ("), "\n")
	for _, gone := range []string{"@pixelforge", "@late", "@mute"} {
		if strings.Contains(entrants, gone+"\n") || strings.HasSuffix(entrants, gone) {
			t.Errorf("%s is among the entrants:\n%s", gone, entrants)
		}
	}
	if n := strings.Count(entrants, "@alice"); n != 1 || !strings.Contains(out, "Entrants (12)") {
		t.Errorf("alice enters %d times; entrants:\n%s", n, entrants)
	}
	for _, left := range []string{"own: 2", "repeat: 1", "late: 1", "no-word: 1"} {
		if !strings.Contains(out, left) {
			t.Errorf("left out lacks %q:\n%s", left, out)
		}
	}

	f.ExcludeBrand = false
	out, _, err = drawOf(t, st, f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Entrants (14)") || !strings.Contains(out, "chirper\t@pixelforge_fr") {
		t.Errorf("--exclude-brand=false keeps the brand's comments:\n%s", out)
	}
}

// With -o the draw goes to the file, and stderr says where.
func TestDrawToFile(t *testing.T) {
	st, post, _ := contestStore(t)
	path := filepath.Join(t.TempDir(), "draw.txt")
	out, errOut, err := drawOf(t, st, DrawFlags{Post: post, Winners: 2, Seed: "s", ExcludeBrand: true, Output: path})
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(body), "Winners (2):") {
		t.Fatalf("file: %v\n%s", err, body)
	}
	if out != "" || !strings.Contains(errOut, "draw written to "+path) {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

// Mistakes in the flags are configuration errors (exit code 2).
func TestDrawMistakesAreConfigErrors(t *testing.T) {
	st, post, draft := contestStore(t)
	for name, tc := range map[string]struct {
		f    DrawFlags
		want string
	}{
		"no post":      {DrawFlags{Winners: 1, Seed: "s"}, "--post"},
		"unknown post": {DrawFlags{Post: 9999, Winners: 1, Seed: "s"}, "no such post"},
		"draft":        {DrawFlags{Post: draft, Winners: 1, Seed: "s"}, "not published"},
		"no seed":      {DrawFlags{Post: post, Winners: 1}, "--seed"},
		"no winner":    {DrawFlags{Post: post, Seed: "s"}, "--winners"},
		"bad deadline": {DrawFlags{Post: post, Winners: 1, Seed: "s", Deadline: "tomorrow"}, "--deadline"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := drawOf(t, st, tc.f)
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a *ConfigError mentioning %q", err, tc.want)
			}
		})
	}
}

// A deadline is read in the configured zone unless it carries an offset.
func TestParseDeadline(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	for in, want := range map[string]time.Time{
		"2026-12-01T18:00":          time.Date(2026, 12, 1, 18, 0, 0, 0, paris),
		"2026-12-01 18:00":          time.Date(2026, 12, 1, 18, 0, 0, 0, paris),
		"2026-12-01":                time.Date(2026, 12, 1, 0, 0, 0, 0, paris),
		"2026-12-01T18:00:00Z":      time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC),
		"2026-12-01T18:00:00+01:00": time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC),
	} {
		got, err := parseDeadline(in, paris)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDeadline(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
