// Package rules is cmdeck's alert rules engine: rules written in the config
// (keyword queries, negative sentiment, VIP authors, volume spikes, reply
// SLAs, repeat offenders) compiled once into a Set, then evaluated on every
// batch of new items. It is pure: the store-backed context a rule needs
// (hourly volumes, an author's past offences, the time) comes through Env.
//
// The query language is described on Query. Matching is case- and
// accent-insensitive: each item's text is folded and tokenized once, and
// every rule of the Set is matched against those tokens.
package rules

import (
	"time"

	"cmdeck/core"
)

// Type says what a rule watches.
type Type string

const (
	// TypeKeyword alerts on items matching a query.
	TypeKeyword Type = "keyword"
	// TypeSentiment alerts on items scored at or below a threshold.
	TypeSentiment Type = "sentiment"
	// TypeVIP alerts on items from listed authors, influencers (follower
	// count) or authors marked VIP in the deck.
	TypeVIP Type = "vip"
	// TypeSpike alerts when an hour's volume is far above its baseline.
	TypeSpike Type = "spike"
	// TypeSLA alerts on items waiting for a reply longer than allowed,
	// counted in business hours. It is checked by Set.Overdue, not on ingest.
	TypeSLA Type = "sla"
	// TypeRepeatOffender alerts on items from an author hidden or flagged
	// several times recently.
	TypeRepeatOffender Type = "repeat_offender"
)

// Types lists every rule type, in documentation order.
var Types = []Type{TypeKeyword, TypeSentiment, TypeVIP, TypeSpike, TypeSLA, TypeRepeatOffender}

// Defaults applied by Compile to fields left unset.
const (
	DefaultSeverity      = core.SeverityWarning
	DefaultThreshold     = -0.5
	DefaultBaselineHours = 24
	DefaultFactor        = 3.0
	DefaultMinCount      = 10
	DefaultPeriod        = 30 * 24 * time.Hour
)

// Rule is one alert rule as written in the config. Only the fields of its
// Type may be set (Compile says which one is out of place); Query is an
// optional filter for every type but keyword, where it is the rule.
type Rule struct {
	Name     string        `mapstructure:"name" yaml:"name"`
	Client   string        `mapstructure:"client" yaml:"client"` // client slug, set by the config loader; "" = every client
	Severity core.Severity `mapstructure:"severity" yaml:"severity"`
	Type     Type          `mapstructure:"type" yaml:"type"`
	Query    string        `mapstructure:"query" yaml:"query"`

	// sentiment: an item scored at or below Threshold (-1 … +1) matches.
	// A pointer because 0 is a valid threshold; nil means DefaultThreshold.
	Threshold *float64 `mapstructure:"threshold" yaml:"threshold"`

	// vip: handles ("@chef", "chef@cuisine.social"), and/or a follower
	// count from which an author is an influencer, and/or the authors
	// marked VIP in the deck.
	Authors      []string `mapstructure:"authors" yaml:"authors"`
	MinFollowers int      `mapstructure:"min_followers" yaml:"min_followers"`
	Marked       bool     `mapstructure:"marked" yaml:"marked"`

	// spike: the current clock hour against the mean of the BaselineHours
	// before it; alert at max(MinCount, Factor × baseline) items.
	BaselineHours int     `mapstructure:"baseline_hours" yaml:"baseline_hours"`
	Factor        float64 `mapstructure:"factor" yaml:"factor"`
	MinCount      int     `mapstructure:"min_count" yaml:"min_count"`

	// sla: a reply is due Within this much business time, the hours being
	// BusinessHours ("mon-fri 09:00-18:00"; "" = around the clock) in Zone
	// (IANA name; "" = UTC, the config loader fills in the config's zone).
	Within        time.Duration `mapstructure:"within" yaml:"within"`
	BusinessHours string        `mapstructure:"business_hours" yaml:"business_hours"`
	Zone          string        `mapstructure:"zone" yaml:"zone"`

	// repeat_offender: the author's items were hidden or flagged at least
	// Count times within Period (default 30 days).
	Count  int           `mapstructure:"count" yaml:"count"`
	Period time.Duration `mapstructure:"period" yaml:"period"`
}
