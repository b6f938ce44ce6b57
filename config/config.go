// Package config loads cmdeck's configuration: Go defaults, then the file
// (--config or $XDG_CONFIG_HOME/cmdeck/config.yaml), then CMDECK_* env vars,
// then flags; then validates it with errors that name the key path and fix.
package config

import (
	"time"

	"cmdeck/rules"
)

// Config is the whole, validated configuration.
type Config struct {
	Language     string              `mapstructure:"language"`      // "en", "fr" or "" (from LANG/LC_ALL)
	Timezone     string              `mapstructure:"timezone"`      // IANA zone; "" = local
	SyncInterval time.Duration       `mapstructure:"sync_interval"` // per-account sync period
	UndoWindow   time.Duration       `mapstructure:"undo_window"`   // delay before an outgoing action leaves
	DB           string              `mapstructure:"db"`            // database file; "" = data dir default
	CM           CM                  `mapstructure:"cm"`
	Keys         map[string][]string `mapstructure:"keys"` // action name -> keys, overrides defaults
	Clients      []Client            `mapstructure:"clients"`

	// The inbox's settings (see inbox.go): saved filters shown as tabs,
	// saved replies for every client, and the tag vocabulary.
	SavedFilters   []SavedFilter   `mapstructure:"saved_filters"`
	ReplyTemplates []ReplyTemplate `mapstructure:"reply_templates"`
	Tags           []string        `mapstructure:"tags"`

	// Calendar holds the calendar's settings (see calendar.go).
	Calendar Calendar `mapstructure:"calendar"`

	// Alert rules every client gets (see rules.go): written here, or in
	// YAML files listed in RulesFiles (relative to this file). A rule may
	// name one client with client:.
	Rules      []rules.Rule `mapstructure:"rules"`
	RulesFiles []string     `mapstructure:"rules_files"`
	// Notify says how an alert reaches the CM (see notify.go).
	Notify Notify `mapstructure:"notify"`
	// Serve holds the settings of `cmdeck serve` (see serve.go).
	Serve Serve `mapstructure:"serve"`
	// Pipes are the commands the inbox sends an item to (see pipes.go).
	Pipes []Pipe `mapstructure:"pipes"`
	// Display says how the deck draws (see display.go).
	Display Display `mapstructure:"display"`

	// Filled by Load, not by the file.
	Path string `mapstructure:"-"` // the file read, "" when none
	Demo bool   `mapstructure:"-"` // no config file: the embedded demo workspace

	// where maps a key path to where its value came from ("file:line",
	// "CMDECK_DB", "--lang") so validation errors can point at it.
	where map[string]string
	// home is $HOME as Load saw it, to expand ~ in rules files.
	home string
	// ruleSet is the rules compiled by validation (see RuleSet).
	ruleSet *rules.Set
}

// CM is who the community manager is, for reports and the audit log. Name
// is the actor of the outbox and the audit log (see Actor).
type CM struct {
	Name   string `mapstructure:"name"`
	Agency string `mapstructure:"agency"`
}

// Client is one brand and its accounts.
type Client struct {
	Slug     string    `mapstructure:"slug"`
	Name     string    `mapstructure:"name"`
	Color    string    `mapstructure:"color"`
	Accounts []Account `mapstructure:"accounts"`
	// ReplyTemplates are saved replies offered only on this client's items.
	ReplyTemplates []ReplyTemplate `mapstructure:"reply_templates"`
	// Rules are this client's alert rules, written here or in YAML files
	// (a list of rules each) listed in RulesFiles, relative to the config
	// file. Their client is this one.
	Rules      []rules.Rule `mapstructure:"rules"`
	RulesFiles []string     `mapstructure:"rules_files"`
}

// Account is one network account of a client. At most one of Token,
// TokenEnv, TokenCmd, TokenFile is set.
type Account struct {
	Provider string `mapstructure:"provider"`
	Handle   string `mapstructure:"handle"`
	Network  string `mapstructure:"network"` // display name; default from provider
	Token    string `mapstructure:"token"`
	TokenEnv string `mapstructure:"token_env"`
	TokenCmd string `mapstructure:"token_cmd"`
	// TokenFile is a file (~ expanded) whose trimmed content is the token,
	// as `cmdeck account add` writes it.
	TokenFile string            `mapstructure:"token_file"`
	Settings  map[string]string `mapstructure:"settings"`
	// Slots are the account's queue: the times "next free slot" picks
	// from, e.g. "weekdays 09:00" (see core.ParseSlot).
	Slots []string `mapstructure:"slots"`

	// path is the account's key path ("clients[0].accounts[1]"), set by
	// Load, so Secret's errors can name the key to fix.
	path string
}
