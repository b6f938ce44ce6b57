package config

import "go.yaml.in/yaml/v3"

// userMaps holds the maps whose keys the user names (action names under
// keys:, provider settings). Viper lowercases every key it holds, so these
// are read straight from the file to keep "apiKey" as written. Env and
// flags never set them, so nothing is lost by bypassing viper here.
type userMaps struct {
	keys     map[string][]string
	settings map[[2]int]map[string]string // [client, account] -> settings
	// slots are read as written too: viper would split one bare value
	// such as "mon,wed,fri 12:30" at its commas.
	slots map[[2]int][]string
}

func userMapsFrom(doc *yaml.Node) userMaps {
	var u userMaps
	if len(doc.Content) == 0 {
		return u
	}
	root := resolve(doc.Content[0])
	if n := get(root, "keys"); !isNull(n) {
		u.keys = map[string][]string{}
		for _, p := range pairs(n) {
			if _, dup := u.keys[p.key.Value]; !dup { // own keys beat merged ones
				u.keys[p.key.Value] = scalars(p.value)
			}
		}
	}
	u.settings = map[[2]int]map[string]string{}
	u.slots = map[[2]int][]string{}
	for ci, cn := range items(get(root, "clients")) {
		for ai, an := range items(get(cn, "accounts")) {
			if sn := get(an, "settings"); !isNull(sn) {
				u.settings[[2]int{ci, ai}] = stringMap(sn)
			}
			if sn := get(an, "slots"); !isNull(sn) {
				u.slots[[2]int{ci, ai}] = scalars(sn)
			}
		}
	}
	return u
}

// apply puts the case-preserved maps into c.
func (u userMaps) apply(c *Config) {
	if u.keys != nil {
		c.Keys = u.keys
	}
	for ci := range c.Clients {
		for ai := range c.Clients[ci].Accounts {
			if s, ok := u.settings[[2]int{ci, ai}]; ok {
				c.Clients[ci].Accounts[ai].Settings = s
			}
			if s, ok := u.slots[[2]int{ci, ai}]; ok {
				c.Clients[ci].Accounts[ai].Slots = s
			}
		}
	}
}

// items is a sequence's elements, or nil.
func items(n *yaml.Node) []*yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// scalars reads one bare value or a list of values as written.
func scalars(n *yaml.Node) []string {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, it := range items(n) {
		out = append(out, resolve(it).Value)
	}
	return out
}

// stringMap reads a mapping of single values as written ("443", not 443).
func stringMap(n *yaml.Node) map[string]string {
	m := map[string]string{}
	for _, p := range pairs(n) {
		if _, dup := m[p.key.Value]; dup {
			continue
		}
		v := ""
		if !isNull(p.value) {
			v = resolve(p.value).Value
		}
		m[p.key.Value] = v
	}
	return m
}
