package app

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// tokenName is the token file's name: user@host.token, lowercased so the
// same account (usernames are case-insensitive) always finds its file.
func tokenName(acct connected) string {
	return strings.ToLower(acct.user + "@" + acct.host + ".token")
}

// saveToken writes the token to dir/tokens/user@host.token, readable by
// the user alone (the directory too). The file is written beside and
// renamed into place, so a crash never leaves half a token. An existing
// file of that name is this same account's earlier token: it is replaced,
// and replaced says so for the caller to tell the user. Anything but a
// regular file there (a directory, a link) is refused, never followed.
func saveToken(configDir string, acct connected) (path string, replaced bool, err error) {
	dir := filepath.Join(configDir, "tokens")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, fmt.Errorf("token directory %s: %w", dir, err)
	}
	// MkdirAll leaves an existing directory's mode alone: tighten it.
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", false, fmt.Errorf("token directory %s: %w", dir, err)
	}
	path = filepath.Join(dir, tokenName(acct))
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", false, fmt.Errorf("token file %s: %w", path, err)
	case !info.Mode().IsRegular():
		return "", false, fmt.Errorf("token file %s exists and is not a regular file: move it away, then run this again", path)
	default:
		replaced = true
	}
	if err := writePrivate(dir, path, acct.token+"\n"); err != nil {
		return "", false, err
	}
	return path, replaced, nil
}

// writePrivate writes data to path through a temporary file in dir with
// mode 0600. Errors name the path, never the content.
func writePrivate(dir, path, data string) error {
	f, err := os.CreateTemp(dir, ".token-*")
	if err != nil {
		return fmt.Errorf("token file %s: %w", path, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		_ = f.Close()
		_ = os.Remove(tmp)
		return fmt.Errorf("token file %s: %w", path, err)
	}
	if err := f.Chmod(0o600); err != nil {
		return fail(err)
	}
	if _, err := f.WriteString(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("token file %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("token file %s: %w", path, err)
	}
	return nil
}

// accountEntry is one account as the config file writes it.
type accountEntry struct {
	Provider  string            `yaml:"provider"`
	Handle    string            `yaml:"handle"`
	TokenEnv  string            `yaml:"token_env,omitempty"`
	TokenFile string            `yaml:"token_file,omitempty"`
	TokenCmd  string            `yaml:"token_cmd,omitempty"`
	Settings  map[string]string `yaml:"settings"`
}

// accountYAML is a config fragment holding the account under its client:
// it loads as it is, and its account entry can be copied under an
// existing client's accounts:.
func accountYAML(slug string, a accountEntry) (string, error) {
	type client struct {
		Slug     string         `yaml:"slug"`
		Accounts []accountEntry `yaml:"accounts"`
	}
	doc := struct {
		Clients []client `yaml:"clients"`
	}{[]client{{Slug: slug, Accounts: []accountEntry{a}}}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return "", fmt.Errorf("writing the account block: %w", err)
	}
	if err := enc.Close(); err != nil {
		return "", fmt.Errorf("writing the account block: %w", err)
	}
	return b.String(), nil
}

// tildePath writes path under home as ~/…, as a person would type it in
// the config (which expands it back).
func tildePath(path, home string) string {
	if home == "" {
		return path
	}
	rel, err := filepath.Rel(home, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return path
	}
	return "~/" + filepath.ToSlash(rel)
}

var slugRe = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`)

// validSlug is config's rule for a client slug.
func validSlug(s string) bool { return slugRe.MatchString(s) }

// slugFrom makes a valid slug out of a name ("Le_Fournil" → "le-fournil").
func slugFrom(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	if s := strings.TrimSuffix(b.String(), "-"); s != "" {
		return s
	}
	return "client"
}
