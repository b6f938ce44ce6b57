package demo

import (
	"regexp"
	"testing"

	"cmdeck/core"
)

func TestWorkspace(t *testing.T) {
	clients, accounts := Workspace()
	hex := regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	slugs := map[string]core.Client{}
	for _, c := range clients {
		if c.Slug == "" || c.Name == "" || !hex.MatchString(c.Color) {
			t.Errorf("client %+v: want slug, name and a hex color", c)
		}
		slugs[c.Slug] = c
	}
	for _, want := range []string{"pixelforge", "fournil", "ironpulse"} {
		if _, ok := slugs[want]; !ok {
			t.Errorf("client %q missing", want)
		}
	}
	networks := map[string]map[string]bool{}
	seen := map[string]bool{}
	for _, a := range accounts {
		if _, ok := slugs[a.ClientSlug]; !ok {
			t.Errorf("account %s on %s: unknown client %q", a.Handle, a.Network, a.ClientSlug)
		}
		if a.Provider != ProviderName || a.Handle == "" || a.Network == "" {
			t.Errorf("account %+v: want provider demo, a handle and a network", a)
		}
		// The store keys accounts by (client, provider, handle).
		key := a.ClientSlug + "/" + a.Provider + "/" + a.Handle
		if seen[key] {
			t.Errorf("duplicate account %s", key)
		}
		seen[key] = true
		if networks[a.ClientSlug] == nil {
			networks[a.ClientSlug] = map[string]bool{}
		}
		networks[a.ClientSlug][a.Network] = true
	}
	for slug, nets := range networks {
		if len(nets) < 2 {
			t.Errorf("client %s has accounts on %d network(s), want 2 or more", slug, len(nets))
		}
	}
}

// The workspace is returned fresh each time: a caller editing it cannot
// change what the next caller gets.
func TestWorkspaceIsACopy(t *testing.T) {
	c1, a1 := Workspace()
	c1[0].Name, a1[0].Handle = "changed", "changed"
	c2, a2 := Workspace()
	if c2[0].Name == "changed" || a2[0].Handle == "changed" {
		t.Fatal("Workspace shares state between calls")
	}
}
