package inbox

import (
	"context"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Resolving a parsed query: names typed by the CM (client slugs, account
// handles, networks, authors) become the ids the store filters on. It
// needs the store, so it runs in a Cmd; the answer comes back as a
// resolvedMsg.

// directory is what names are checked against: the workspace's clients and
// accounts. It is also what the facet picker (f) offers.
type directory struct {
	clients  []core.Client
	accounts []core.Account
	loaded   bool
}

// networks lists the distinct networks of the accounts, in account order.
func (d directory) networks() []string {
	var out []string
	for _, a := range d.accounts {
		if a.Network != "" && !slices.Contains(out, a.Network) {
			out = append(out, a.Network)
		}
	}
	return out
}

// resolvedMsg answers a resolve: the filter for the query's terms (Query =
// its free words), or why it cannot be built.
type resolvedMsg struct {
	seq    int
	text   string // the query as typed
	saved  int    // the saved filter it comes from, -1 none
	filter store.ItemFilter
	dir    directory
	err    error
}

// directoryMsg is the workspace, loaded for the facet picker.
type directoryMsg struct {
	dir directory
	err error
}

// authorLookupLimit bounds the items searched for an author's handle.
const authorLookupLimit = 200

// loadDirectory reads the clients and accounts.
func loadDirectory(ctx context.Context, src common.Source) (directory, error) {
	var d directory
	if src == nil {
		return d, errNoSource
	}
	clients, err := src.Clients(ctx)
	if err != nil {
		return d, err
	}
	accts, err := src.Accounts(ctx)
	if err != nil {
		return d, err
	}
	d.clients = clients
	for _, a := range accts {
		d.accounts = append(d.accounts, a.Account)
	}
	d.loaded = true
	return d, nil
}

// fetchDirectory is loadDirectory as a Cmd.
func fetchDirectory(src common.Source) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := queryContext()
		defer cancel()
		d, err := loadDirectory(ctx, src)
		return directoryMsg{dir: d, err: err}
	}
}

// resolveQuery turns a parsed query into a filter in a Cmd. dir is the
// directory already known; it is re-read when the query names something.
func resolveQuery(src common.Source, seq int, text string, saved int, q filterQuery, dir directory) tea.Cmd {
	return func() tea.Msg {
		msg := resolvedMsg{seq: seq, text: text, saved: saved, dir: dir}
		ctx, cancel := queryContext()
		defer cancel()
		if q.Client != "" || q.Account != "" || q.Network != "" {
			d, err := loadDirectory(ctx, src)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.dir = d
		}
		var authorID int64
		if q.Author != "" {
			id, err := lookupAuthor(ctx, src, q.Author)
			if err != nil {
				msg.err = err
				return msg
			}
			authorID = id
		}
		msg.filter, msg.err = termsFilter(q, msg.dir, authorID)
		return msg
	}
}

// termsFilter builds the filter of a query's terms from resolved names.
func termsFilter(q filterQuery, dir directory, authorID int64) (store.ItemFilter, error) {
	f := store.ItemFilter{
		Kind: q.Kind, Sentiment: q.Sentiment, Tag: q.Tag, States: slices.Clone(q.States),
		Unread: q.Unread, Snoozed: q.Snoozed, NeedsReply: q.NeedsReply, Assignee: q.Assignee,
		AuthorID: authorID, Query: strings.Join(q.Words, " "),
	}
	if q.Client != "" {
		c, err := findClient(dir.clients, q.Client)
		if err != nil {
			return f, err
		}
		f.ClientID = c.ID
	}
	if q.Network != "" {
		n, err := findNetwork(dir.networks(), q.Network)
		if err != nil {
			return f, err
		}
		f.Network = n
	}
	if q.Account != "" {
		a, err := findAccount(dir.accounts, q.Account, f.Network)
		if err != nil {
			return f, err
		}
		f.AccountID = a.ID
	}
	return f, nil
}

// findClient matches a slug or a name (without case or accents), or else
// the one slug it starts.
func findClient(clients []core.Client, typed string) (core.Client, error) {
	t := core.Fold(typed)
	var prefixed []core.Client
	for _, c := range clients {
		if core.Fold(c.Slug) == t || core.Fold(c.Name) == t {
			return c, nil
		}
		if strings.HasPrefix(core.Fold(c.Slug), t) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0], nil
	}
	slugs := make([]string, len(clients))
	for i, c := range clients {
		slugs[i] = c.Slug
	}
	return core.Client{}, &queryError{Kind: errUnknownName, Field: fieldClient, Value: typed, Options: closestFirst(typed, slugs)}
}

// findNetwork returns a network's name as the accounts spell it.
func findNetwork(networks []string, typed string) (string, error) {
	t := core.Fold(typed)
	for _, n := range networks {
		if core.Fold(n) == t {
			return n, nil
		}
	}
	return "", &queryError{Kind: errUnknownName, Field: fieldNetwork, Value: typed, Options: closestFirst(typed, networks)}
}

// findAccount matches a handle, with or without its "@"; network (when not
// empty) picks between accounts of the same handle on several networks.
func findAccount(accounts []core.Account, typed, network string) (core.Account, error) {
	t := strings.TrimPrefix(core.Fold(typed), "@")
	var found []core.Account
	var handles []string
	for _, a := range accounts {
		handles = append(handles, a.Handle)
		if strings.TrimPrefix(core.Fold(a.Handle), "@") != t {
			continue
		}
		if network == "" || a.Network == network {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return core.Account{}, &queryError{Kind: errUnknownName, Field: fieldAccount, Value: typed, Options: closestFirst(typed, handles)}
	}
	var nets []string
	for _, a := range found {
		nets = append(nets, a.Network)
	}
	return core.Account{}, &queryError{Kind: errAmbiguous, Field: fieldAccount, Value: typed, Options: nets}
}

// lookupAuthor finds an author by handle (with or without "@") or by name
// among the newest items whose text mentions it: the full-text index
// covers authors' names and handles, so the author's own items are among
// the matches. Authors seen only in far older items than 200 matches of
// their handle are not found; the error then lists who was.
func lookupAuthor(ctx context.Context, src common.Source, typed string) (int64, error) {
	if src == nil {
		return 0, errNoSource
	}
	t := strings.TrimPrefix(core.Fold(typed), "@")
	rows, err := src.ListItems(ctx, store.ItemFilter{Query: strings.TrimPrefix(typed, "@"), IncomingOnly: true},
		store.PageKey{}, store.Older, authorLookupLimit)
	if err != nil {
		return 0, err
	}
	var seen []string
	for _, r := range rows {
		a := r.Author
		if a.ID == 0 {
			continue
		}
		if strings.TrimPrefix(core.Fold(a.Handle), "@") == t || core.Fold(a.Name) == t {
			return a.ID, nil
		}
		if h := firstNonEmpty(a.Handle, a.Name); !slices.Contains(seen, h) && len(seen) < 5 {
			seen = append(seen, h)
		}
	}
	return 0, &queryError{Kind: errUnknownName, Field: fieldAuthor, Value: typed, Options: closestFirst(typed, seen)}
}
