package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/health"
)

// AccountsView is how `cmdeck accounts` prints: when "now" is, in which
// zone, as a table or JSON, and each account's configured server (for the
// re-authorize command).
type AccountsView struct {
	Now     time.Time
	Loc     *time.Location
	JSON    bool
	Servers map[string]string // accountKey → settings.server
}

// RunAccounts prints every account's sync health from the workspace
// database. Accounts of the config that never synced are listed too: they
// are saved first, as the deck does when it opens. It reads no secret.
func RunAccounts(ctx context.Context, cfg *config.Config, asJSON bool, out io.Writer, t *i18n.Catalog) error {
	st, err := openForHealth(ctx, cfg, os.Getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	hs, err := st.AccountHealth(ctx)
	if err != nil {
		return err
	}
	if len(hs) == 0 && !asJSON {
		fmt.Fprintln(out, t.T("cli.accounts.none", workspaceName(cfg)))
		return nil
	}
	return WriteAccounts(out, t, hs, AccountsView{
		Now: core.SystemClock{}.Now(), Loc: cfg.Location(), JSON: asJSON, Servers: configuredServers(cfg),
	})
}

// openForHealth opens the workspace database and makes the configured
// clients and accounts exist in it.
func openForHealth(ctx context.Context, cfg *config.Config, env func(string) string) (*store.Store, error) {
	path := cfg.DBPath(env)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", filepath.Dir(path), err)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	clients, accounts, _ := (&Workspace{Config: cfg}).configured()
	if _, _, err := st.UpsertWorkspace(ctx, clients, accounts); err != nil {
		st.Close()
		return nil, fmt.Errorf("saving clients and accounts: %w", err)
	}
	return st, nil
}

// configuredServers maps each configured account to its server setting.
func configuredServers(cfg *config.Config) map[string]string {
	out := map[string]string{}
	for _, c := range cfg.Clients {
		for _, a := range c.Accounts {
			out[accountKey(core.Account{ClientSlug: c.Slug, Provider: a.Provider, Handle: a.Handle})] = a.Settings["server"]
		}
	}
	return out
}

// WriteAccounts prints the health of hs as a table (then how to
// re-authorize the accounts whose token was refused), or as JSON.
func WriteAccounts(out io.Writer, t *i18n.Catalog, hs []store.AccountHealth, v AccountsView) error {
	if v.Loc == nil {
		v.Loc = time.Local
	}
	if v.JSON {
		return writeAccountsJSON(out, hs, v)
	}
	for _, line := range health.Table(t, health.Rows(t, hs, v.Now, v.Loc)) {
		if _, err := fmt.Fprintln(out, line); err != nil {
			return err
		}
	}
	reauth := health.NeedsReauth(hs)
	if len(reauth) > 0 {
		fmt.Fprintln(out)
	}
	for _, h := range reauth {
		fix := v.reauthCommand(h)
		if fix == "" {
			fix = t.T("health.fix_config")
		}
		fmt.Fprintln(out, t.T("cli.accounts.reauth", core.SanitizeLine(h.Account.Handle), fix))
	}
	return nil
}

// reauthCommand is the command that connects h's account again.
func (v AccountsView) reauthCommand(h store.AccountHealth) string {
	return health.ReauthCommand(h.Account.Provider, h.Account.Handle, v.Servers[accountKey(h.Account)])
}

// accountJSON is one account in `cmdeck accounts --json`: stable field
// names, times in RFC 3339 UTC, null for what never happened or is unknown.
type accountJSON struct {
	Client        string     `json:"client"`
	ClientName    string     `json:"client_name"`
	Account       string     `json:"account"`
	Provider      string     `json:"provider"`
	Network       string     `json:"network"`
	State         string     `json:"state"`
	LastSuccess   *time.Time `json:"last_success"`
	LastAttempt   *time.Time `json:"last_attempt"`
	LastError     string     `json:"last_error"`
	ErrorClass    string     `json:"error_class"`
	Failures      int        `json:"failures"`
	BackoffUntil  *time.Time `json:"backoff_until"`
	RateRemaining *int       `json:"rate_remaining"`
	RateReset     *time.Time `json:"rate_reset"`
	Reauthorize   string     `json:"reauthorize,omitempty"` // the command to run when state is "reauthorize"
}

func writeAccountsJSON(out io.Writer, hs []store.AccountHealth, v AccountsView) error {
	rows := make([]accountJSON, len(hs))
	for i, h := range hs {
		st := health.StateOf(h, v.Now)
		rows[i] = accountJSON{
			Client: core.SanitizeLine(h.Account.ClientSlug), ClientName: core.SanitizeLine(h.ClientName),
			Account: core.SanitizeLine(h.Account.Handle), Provider: h.Account.Provider,
			Network: core.SanitizeLine(h.Account.Network), State: string(st),
			LastSuccess: timeOrNil(h.LastSuccess), LastAttempt: timeOrNil(h.LastAttempt),
			LastError: core.SanitizeLine(h.LastError), ErrorClass: h.ErrorClass, Failures: h.Failures,
			BackoffUntil: timeOrNil(h.BackoffUntil), RateReset: timeOrNil(h.RateReset),
		}
		if h.RateRemaining >= 0 {
			n := h.RateRemaining
			rows[i].RateRemaining = &n
		}
		if st == health.StateReauth {
			rows[i].Reauthorize = v.reauthCommand(h)
		}
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// reauthCommand is the deck's tui.Options.ReauthCommand: the command that
// connects an account again, with the server its config names.
func reauthCommand(cfg *config.Config) func(core.Account) string {
	servers := configuredServers(cfg)
	return func(a core.Account) string {
		return health.ReauthCommand(a.Provider, a.Handle, servers[accountKey(a)])
	}
}
