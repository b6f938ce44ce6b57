package config

import (
	"strings"
	"time"

	"github.com/spf13/viper"
)

// Notify is the notify: block: how a new alert reaches the CM besides the
// Alerts pane.
type Notify struct {
	// Bell rings the terminal bell when an alert opens or escalates.
	Bell bool `mapstructure:"bell"`
	// Desktop asks the terminal for a desktop notification (OSC 9 / OSC
	// 777); terminals that do not know them ignore them.
	Desktop bool `mapstructure:"desktop"`
	// OnAlert is a shell command (run with sh -c) given each alert as JSON
	// on its standard input: a chat webhook, notify-send, a pager. It may
	// hold a token, so it is never quoted in a message or the log.
	OnAlert string `mapstructure:"on_alert"`
	// OnAlertTimeout bounds one run of OnAlert.
	OnAlertTimeout time.Duration `mapstructure:"on_alert_timeout"`
}

// Defaults and limits of notify:.
const (
	DefaultOnAlertTimeout = 10 * time.Second
	// MaxOnAlertTimeout keeps a hung hook from holding one of the few
	// slots hooks run in for long.
	MaxOnAlertTimeout = 5 * time.Minute
)

// setNotifyDefaults rings the bell and asks for desktop notifications
// unless the file says otherwise: an alert nobody notices is worth little.
func setNotifyDefaults(v *viper.Viper) {
	v.SetDefault("notify"+keyDelim+"bell", true)
	v.SetDefault("notify"+keyDelim+"desktop", true)
	v.SetDefault("notify"+keyDelim+"on_alert_timeout", DefaultOnAlertTimeout)
}

// AlertTimeout is notify.on_alert_timeout, the default when unset.
func (c *Config) AlertTimeout() time.Duration {
	if c.Notify.OnAlertTimeout <= 0 {
		return DefaultOnAlertTimeout
	}
	return c.Notify.OnAlertTimeout
}

// validateNotify checks notify:. It never quotes on_alert: the command may
// carry a webhook token.
func (c *Config) validateNotify(ps *problems) {
	n := c.Notify
	if n.OnAlert != "" && strings.TrimSpace(n.OnAlert) == "" {
		ps.add("notify.on_alert", `is blank (give a shell command, e.g. "notify-send cmdeck", or remove the key)`)
	}
	switch {
	case n.OnAlertTimeout < 0:
		ps.add("notify.on_alert_timeout", "%s is negative (e.g. 10s)", n.OnAlertTimeout)
	case n.OnAlertTimeout > MaxOnAlertTimeout:
		ps.add("notify.on_alert_timeout", "%s is too long (at most %s; a hook should hand off slow work)", n.OnAlertTimeout, MaxOnAlertTimeout)
	}
}
