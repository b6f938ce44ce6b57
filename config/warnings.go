package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// warnings are problems that do not stop the start but deserve a line on
// stderr. env expands ~ in token files.
func warnings(c *Config, f *file, env func(string) string) []string {
	if f == nil {
		return nil
	}
	var out []string
	name := filepath.Base(f.path)
	if f.mode&0o077 != 0 && holdsSecret(c) {
		out = append(out, fmt.Sprintf("%s is readable by others and holds a token: chmod 600 %s (or move the token to token_env or token_cmd)", name, f.path))
	}
	out = append(out, tokenFileWarnings(c, env)...)
	if len(c.Clients) == 0 {
		out = append(out, fmt.Sprintf("%s defines no clients: cmdeck opens the demo workspace (add yours under clients:, see config.example.yaml)", name))
	}
	return out
}

// tokenFileWarnings names each token file that others may read, once per
// file. A missing or unreadable file is not a warning: reading the secret
// reports it, with the key to fix, when a command needs the token.
func tokenFileWarnings(c *Config, env func(string) string) []string {
	var out []string
	seen := map[string]bool{}
	for ci, cl := range c.Clients {
		for ai, a := range cl.Accounts {
			path := a.TokenFilePath(env)
			if path == "" || seen[path] {
				continue
			}
			seen[path] = true
			info, err := os.Stat(path)
			if err != nil || info.Mode().Perm()&0o077 == 0 {
				continue
			}
			out = append(out, fmt.Sprintf("%s.token_file: %s is readable by others and holds a token: chmod 600 %s",
				c.AccountPath(ci, ai), path, path))
		}
	}
	return out
}

// holdsSecret reports an inline token, or a provider setting whose name
// says it is a secret.
func holdsSecret(c *Config) bool {
	for _, cl := range c.Clients {
		for _, a := range cl.Accounts {
			if a.Token != "" {
				return true
			}
			for k, v := range a.Settings {
				if v != "" && secretName(k) {
					return true
				}
			}
		}
	}
	return false
}

// secretName guesses from a setting's name whether its value is a secret.
func secretName(key string) bool {
	k := strings.ToLower(key)
	for _, s := range []string{"token", "secret", "password", "passwd", "apikey", "api_key", "private_key"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}
