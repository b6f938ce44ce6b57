package app

import (
	"os"
	"sync"

	"cmdeck/config"
	"cmdeck/providers"
	"cmdeck/tui/common"
	"cmdeck/tui/exec"
)

// networks answers the deck's questions about what each account's network
// can do, from a provider built once per account. Building a provider does
// not touch the network, so this is safe to call from the UI's Cmds.
type networks struct {
	ws    *Workspace
	mu    sync.Mutex
	built map[int64]providers.Provider
}

func newNetworks(ws *Workspace) *networks {
	return &networks{ws: ws, built: map[int64]providers.Provider{}}
}

// provider returns the account's provider, or nil when it cannot be built
// (an unknown account: it then supports nothing).
func (n *networks) provider(accountID int64) providers.Provider {
	n.mu.Lock()
	defer n.mu.Unlock()
	if p, ok := n.built[accountID]; ok {
		return p
	}
	for _, a := range n.ws.Accounts {
		if a.ID != accountID {
			continue
		}
		p, err := n.ws.Registry.New(providers.AccountConfig{
			Account: a, Settings: n.ws.Settings(a), Secret: n.ws.secrets[a.ID],
		})
		if err != nil {
			n.ws.Logger.Warn("building provider for capabilities", "account", a.Handle, "err", err)
			p = nil
		}
		n.built[accountID] = p
		return p
	}
	return nil
}

// Caps is a common.CapsFunc.
func (n *networks) Caps(accountID int64) providers.Capabilities {
	if p := n.provider(accountID); p != nil {
		return p.Capabilities()
	}
	return nil
}

// Limit is a common.LimitFunc: the network's reply length limit, 0 if none.
func (n *networks) Limit(accountID int64) int {
	if l, ok := n.provider(accountID).(providers.Limiter); ok {
		return l.LengthLimit()
	}
	return 0
}

// inboxSettings are the saved filters, saved replies and tags the deck
// offers: the config's, or the demo workspace's.
func inboxSettings(cfg *config.Config) ([]common.SavedFilter, []common.ReplyTemplate, []string) {
	templates, filters, tags := cfg.Templates(), cfg.Filters(), cfg.TagList()
	if cfg.Demo {
		d := config.DemoDefaults()
		templates, filters, tags = d.Templates, d.Filters, d.Tags
	}
	sf := make([]common.SavedFilter, len(filters))
	for i, f := range filters {
		sf[i] = common.SavedFilter{Name: f.Name, Query: f.Query}
	}
	rt := make([]common.ReplyTemplate, len(templates))
	for i, t := range templates {
		rt[i] = common.ReplyTemplate{Name: t.Name, Client: t.Client, Text: t.Text}
	}
	return sf, rt, tags
}

// newExecutor builds the executor of the deck's intents for actor.
func newExecutor(ws *Workspace, nets *networks, actor string) *exec.Executor {
	return exec.New(exec.Options{
		Store:      ws.Store,
		Clock:      ws.Clock,
		UndoWindow: ws.Config.UndoWindow,
		Actor:      actor,
		Caps:       nets.Caps,
	})
}

// localActor names the CM at this terminal: cm.name from config, else the
// login name.
func localActor(cfg *config.Config) string {
	if cfg.CM.Name != "" {
		return cfg.Actor()
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return cfg.Actor()
}
