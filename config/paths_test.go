package config

import (
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDirs(t *testing.T) {
	tests := []struct {
		name           string
		env            map[string]string
		config, data   string
		defaultFile    string
		dbPath, demoDB string
	}{
		{"home only", map[string]string{"HOME": "/home/cm"},
			"/home/cm/.config/cmdeck", "/home/cm/.local/share/cmdeck", "/home/cm/.config/cmdeck/config.yaml",
			"/home/cm/.local/share/cmdeck/cmdeck.db", "/home/cm/.local/share/cmdeck/demo.db"},
		{"xdg set", map[string]string{"HOME": "/home/cm", "XDG_CONFIG_HOME": "/xc", "XDG_DATA_HOME": "/xd"},
			"/xc/cmdeck", "/xd/cmdeck", "/xc/cmdeck/config.yaml", "/xd/cmdeck/cmdeck.db", "/xd/cmdeck/demo.db"},
		{"relative xdg ignored", map[string]string{"HOME": "/home/cm", "XDG_CONFIG_HOME": "rel", "XDG_DATA_HOME": "rel"},
			"/home/cm/.config/cmdeck", "/home/cm/.local/share/cmdeck", "/home/cm/.config/cmdeck/config.yaml",
			"/home/cm/.local/share/cmdeck/cmdeck.db", "/home/cm/.local/share/cmdeck/demo.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := envOf(tt.env)
			check := func(what, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("ConfigDir", ConfigDir(env), tt.config)
			check("DataDir", DataDir(env), tt.data)
			check("DefaultFile", DefaultFile(env), tt.defaultFile)
			check("DBPath", (&Config{}).DBPath(env), tt.dbPath)
			check("DBPath demo", (&Config{Demo: true}).DBPath(env), tt.demoDB)
		})
	}
}

func TestDBPathConfigured(t *testing.T) {
	env := envOf(map[string]string{"HOME": "/home/cm"})
	tests := []struct{ db, want string }{
		{"/srv/cmdeck.db", "/srv/cmdeck.db"},
		{"~/data/agence.db", "/home/cm/data/agence.db"},
		{"rel.db", "rel.db"},
	}
	for _, tt := range tests {
		for _, demo := range []bool{false, true} {
			if got := (&Config{DB: tt.db, Demo: demo}).DBPath(env); got != tt.want {
				t.Errorf("DBPath(%q, demo=%v) = %q, want %q", tt.db, demo, got, tt.want)
			}
		}
	}
}

func TestLocation(t *testing.T) {
	if got := (&Config{}).Location(); got != time.Local {
		t.Errorf("empty timezone: got %v, want Local", got)
	}
	if got := (&Config{Timezone: "Not/AZone"}).Location(); got != time.Local {
		t.Errorf("bad timezone: got %v, want Local", got)
	}
	if got := (&Config{Timezone: "Europe/Paris"}).Location(); got.String() != "Europe/Paris" {
		t.Errorf("got %v, want Europe/Paris", got)
	}
}
