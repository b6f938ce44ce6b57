package config

import (
	"path/filepath"
	"strings"
	"time"
)

// ConfigDir is $XDG_CONFIG_HOME/cmdeck, else ~/.config/cmdeck. env is
// os.Getenv in production and a fake in tests.
func ConfigDir(env func(string) string) string {
	return xdgDir(env, "XDG_CONFIG_HOME", ".config")
}

// DataDir is $XDG_DATA_HOME/cmdeck, else ~/.local/share/cmdeck.
func DataDir(env func(string) string) string {
	return xdgDir(env, "XDG_DATA_HOME", filepath.Join(".local", "share"))
}

// DefaultFile is where Load looks when no --config is given.
func DefaultFile(env func(string) string) string {
	return filepath.Join(ConfigDir(env), "config.yaml")
}

// xdgDir follows the XDG base directory spec: a relative value of the
// variable is invalid and ignored.
func xdgDir(env func(string) string, variable, homeRel string) string {
	if d := lookup(env, variable); filepath.IsAbs(d) {
		return filepath.Join(d, "cmdeck")
	}
	return filepath.Join(lookup(env, "HOME"), homeRel, "cmdeck")
}

// DBPath is the database file: the configured db (with ~ expanded), else
// demo.db for the demo workspace, else cmdeck.db, both in DataDir. The demo
// gets its own file so trying it never mixes with real data.
func (c *Config) DBPath(env func(string) string) string {
	if c.DB != "" {
		return expandHome(c.DB, lookup(env, "HOME"))
	}
	name := "cmdeck.db"
	if c.Demo {
		name = "demo.db"
	}
	return filepath.Join(DataDir(env), name)
}

// Location is the user's time zone: the configured one, else the system's.
// An invalid name (which Validate reports) also falls back to the system's.
func (c *Config) Location() *time.Location {
	if c.Timezone == "" {
		return time.Local
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.Local
	}
	return loc
}

func expandHome(p, home string) string {
	if home == "" {
		return p
	}
	if p == "~" {
		return home
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		return filepath.Join(home, rest)
	}
	return p
}

// lookup calls env, tolerating a nil func.
func lookup(env func(string) string, name string) string {
	if env == nil {
		return ""
	}
	return env(name)
}
