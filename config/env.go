package config

import (
	"fmt"
	"strings"
	"time"
)

// EnvVar is an environment variable Load reads, and the key it sets.
type EnvVar struct {
	Name string // "CMDECK_SYNC_INTERVAL"
	Key  string // "sync_interval"
}

// EnvVars lists the CMDECK_* variables Load reads besides CMDECK_CONFIG,
// for --help. They beat the file and lose to flags.
func EnvVars() []EnvVar {
	return []EnvVar{
		{"CMDECK_LANGUAGE", "language"},
		{"CMDECK_TIMEZONE", "timezone"},
		{"CMDECK_SYNC_INTERVAL", "sync_interval"},
		{"CMDECK_UNDO_WINDOW", "undo_window"},
		{"CMDECK_DB", "db"},
		{"CMDECK_CM_NAME", "cm.name"},
		{"CMDECK_CM_AGENCY", "cm.agency"},
	}
}

// readEnv builds the env layer as a nested map for viper. Durations are
// parsed here so a bad one is reported under the variable's name.
func readEnv(env func(string) string, where map[string]string) (map[string]any, error) {
	layer := map[string]any{}
	ps := &problems{}
	for _, e := range EnvVars() {
		val := strings.TrimSpace(env(e.Name))
		if val == "" {
			continue
		}
		var value any = val
		if e.Key == "sync_interval" || e.Key == "undo_window" {
			d, err := time.ParseDuration(val)
			if err != nil {
				ps.list = append(ps.list, Problem{Path: e.Key, Where: e.Name,
					Message: fmt.Sprintf("%q is not a duration (write e.g. 30s, 2m or 1h30m)", val)})
				continue
			}
			value = d
		}
		setNested(layer, strings.Split(e.Key, "."), value)
		where[e.Key] = e.Name
	}
	return layer, ps.err("")
}

// setNested sets m[a][b]… = value, creating the inner maps.
func setNested(m map[string]any, path []string, value any) {
	for _, k := range path[:len(path)-1] {
		inner, ok := m[k].(map[string]any)
		if !ok {
			inner = map[string]any{}
			m[k] = inner
		}
		m = inner
	}
	m[path[len(path)-1]] = value
}
