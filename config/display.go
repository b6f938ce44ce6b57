package config

import (
	"fmt"
	"strings"
)

// Display is the display: block: how the deck draws.
type Display struct {
	// LowBandwidth is the low-bandwidth mode (cursor in the gutter, the
	// reading pane on enter, 16 colors): "auto" (the default) turns it on
	// over SSH (a served deck, or a local one in an SSH session), "on"
	// and "off" always. :lite switches it in the deck.
	LowBandwidth string `mapstructure:"low_bandwidth"`
}

// The values of display.low_bandwidth.
const (
	LowBandwidthAuto = "auto"
	LowBandwidthOn   = "on"
	LowBandwidthOff  = "off"
)

// Lite says whether a deck starts in the low-bandwidth mode; overSSH is
// whether it is drawn through SSH.
func (d Display) Lite(overSSH bool) bool {
	switch d.lowBandwidth() {
	case LowBandwidthOn:
		return true
	case LowBandwidthOff:
		return false
	}
	return overSSH
}

func (d Display) lowBandwidth() string {
	v := strings.ToLower(strings.TrimSpace(d.LowBandwidth))
	switch v {
	case "", LowBandwidthAuto:
		return LowBandwidthAuto
	case "true", "yes", "1":
		return LowBandwidthOn
	case "false", "no", "0":
		return LowBandwidthOff
	}
	return v
}

// validateDisplay checks display:.
func (c *Config) validateDisplay(ps *problems) {
	switch v := c.Display.lowBandwidth(); v {
	case LowBandwidthAuto, LowBandwidthOn, LowBandwidthOff:
	default:
		ps.add("display.low_bandwidth", "%s is not a choice (auto, on or off)", fmt.Sprintf("%q", c.Display.LowBandwidth))
	}
}
