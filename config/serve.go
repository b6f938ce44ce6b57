package config

import (
	"errors"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/viper"
	"golang.org/x/crypto/ssh"
)

// Serve is the serve: block, the settings of `cmdeck serve`: the deck
// served over SSH to the people whose public keys are listed.
type Serve struct {
	// Listen is host:port; the default keeps the server on loopback.
	Listen string `mapstructure:"listen"`
	// HostKey is the server's private host key file, generated on first
	// start; "" = serve_host_ed25519 in the data directory.
	HostKey string `mapstructure:"host_key"`
	// AuthorizedKeys is an OpenSSH authorized_keys file; only its keys may
	// connect, and each must also be mapped in Users. "" =
	// authorized_keys in the config directory. Read again when it changes,
	// so a key added or removed counts without a restart.
	AuthorizedKeys string `mapstructure:"authorized_keys"`
	// Users maps each key to a person and a role.
	Users []ServeUser `mapstructure:"users"`
	// IdleTimeout ends a session that has had no input for that long
	// (0 = never).
	IdleTimeout time.Duration `mapstructure:"idle_timeout"`
	// MaxSessions bounds the sessions open at once; one more is refused
	// with a message.
	MaxSessions int `mapstructure:"max_sessions"`
}

// ServeUser maps one public key (by its SHA256 fingerprint, as
// `ssh-keygen -lf` prints it, or by the key line itself) to a name, shown
// in the audit log and the server's log, and a role.
type ServeUser struct {
	Name        string `mapstructure:"name"`
	Role        string `mapstructure:"role"`
	Fingerprint string `mapstructure:"fingerprint"` // "SHA256:…"
	Key         string `mapstructure:"key"`         // "ssh-ed25519 AAAA… comment"
}

// The roles of a served deck.
const (
	RoleOwner  = "owner"  // everything
	RoleCM     = "cm"     // everything but the workspace's settings and server admin actions
	RoleViewer = "viewer" // reads only: every action key is refused
)

// Defaults and bounds of serve:.
const (
	DefaultServeListen      = "127.0.0.1:2222"
	DefaultServeIdleTimeout = 30 * time.Minute
	DefaultServeMaxSessions = 8
	MaxServeSessions        = 256
)

func setServeDefaults(v *viper.Viper) {
	v.SetDefault("serve"+keyDelim+"listen", DefaultServeListen)
	v.SetDefault("serve"+keyDelim+"idle_timeout", DefaultServeIdleTimeout)
	v.SetDefault("serve"+keyDelim+"max_sessions", DefaultServeMaxSessions)
}

// ServeHostKey is the host key file: serve.host_key, or the default in
// the data directory.
func (c *Config) ServeHostKey(env func(string) string) string {
	if c.Serve.HostKey != "" {
		return c.Serve.HostKey
	}
	return filepath.Join(DataDir(env), "serve_host_ed25519")
}

// ServeAuthorizedKeys is the authorized_keys file: serve.authorized_keys,
// or the default in the config directory.
func (c *Config) ServeAuthorizedKeys(env func(string) string) string {
	if c.Serve.AuthorizedKeys != "" {
		return c.Serve.AuthorizedKeys
	}
	return filepath.Join(ConfigDir(env), "authorized_keys")
}

// ServeListen is serve.listen, the default when unset.
func (c *Config) ServeListen() string {
	if c.Serve.Listen == "" {
		return DefaultServeListen
	}
	return c.Serve.Listen
}

// ServeMaxSessions is serve.max_sessions, the default when unset.
func (c *Config) ServeMaxSessions() int {
	if c.Serve.MaxSessions <= 0 {
		return DefaultServeMaxSessions
	}
	return c.Serve.MaxSessions
}

// validateServe checks serve:.
func (c *Config) validateServe(ps *problems) {
	s := c.Serve
	if _, port, err := net.SplitHostPort(s.Listen); s.Listen != "" && (err != nil || port == "") {
		ps.add("serve.listen", "%q is not host:port (e.g. 127.0.0.1:2222)", s.Listen)
	}
	if s.IdleTimeout < 0 {
		ps.add("serve.idle_timeout", "%s is negative (e.g. 30m, or 0 for never)", s.IdleTimeout)
	}
	if s.MaxSessions < 0 || s.MaxSessions > MaxServeSessions {
		ps.add("serve.max_sessions", "%d is out of range (1 to %d, or leave it out for %d)", s.MaxSessions, MaxServeSessions, DefaultServeMaxSessions)
	}
	seen := map[string]bool{}
	for i, u := range s.Users {
		path := "serve.users[" + strconv.Itoa(i) + "]"
		if strings.TrimSpace(u.Name) == "" {
			ps.add(path+".name", "is missing (the name shown in the audit log)")
		}
		switch u.Role {
		case RoleOwner, RoleCM, RoleViewer:
		default:
			ps.add(path+".role", "%q is not a role (owner, cm or viewer)", u.Role)
		}
		id, err := u.KeyFingerprint()
		switch {
		case u.Fingerprint != "" && u.Key != "":
			ps.add(path, "has both fingerprint and key (keep one)")
		case u.Fingerprint == "" && u.Key == "":
			ps.add(path, "names no key (add fingerprint: SHA256:… as `ssh-keygen -lf KEY.pub` prints it, or key: with the public key line)")
		case err != nil && u.Key != "":
			ps.add(path+".key", "is not a public key line (type and base64, e.g. ssh-ed25519 AAAA…)")
		case err != nil:
			ps.add(path+".fingerprint", "%q is not a SHA256 fingerprint (run `ssh-keygen -lf KEY.pub`: SHA256:…)", u.Fingerprint)
		case seen[id]:
			ps.add(path, "maps a key already mapped above (one key, one person)")
		}
		seen[id] = true
	}
}

// KeyFingerprint is the SHA256 fingerprint of the user's key, from
// fingerprint: or computed from key:.
func (u ServeUser) KeyFingerprint() (string, error) {
	if u.Key != "" {
		k, _, _, _, err := ssh.ParseAuthorizedKey([]byte(u.Key))
		if err != nil {
			return "", err
		}
		return ssh.FingerprintSHA256(k), nil
	}
	fp := strings.TrimSpace(u.Fingerprint)
	if !strings.HasPrefix(fp, "SHA256:") || len(fp) < len("SHA256:")+40 || strings.ContainsAny(fp, " \t") {
		return "", errors.New("not a SHA256 fingerprint")
	}
	return fp, nil
}
