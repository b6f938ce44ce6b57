package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// hostKey is the server's identity, loaded or made at start.
type hostKey struct {
	signer   gossh.Signer
	created  bool     // generated now: the person starting the server should know
	warnings []string // e.g. a key file others can read
}

// loadHostKey reads the host key at path, or generates an ed25519 one
// there the first time. The key is kept: a client pins it on its first
// connection, and a new key on every start would look like an attack. It
// is written 0600 in a directory created 0700; an existing directory's
// mode is left alone (it may be shared on purpose).
func loadHostKey(path string) (hostKey, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return generateHostKey(path)
	}
	if err != nil {
		return hostKey{}, fmt.Errorf("host key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return hostKey{}, fmt.Errorf("host key %s: %w (move it away to have a new one generated; clients will then "+
			"warn that the host key changed)", path, err)
	}
	hk := hostKey{signer: signer}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		hk.warnings = append(hk.warnings, fmt.Sprintf("host key %s can be read by others (mode %04o): anyone who can "+
			"read it can pretend to be this server; chmod 600 %s", path, info.Mode().Perm(), path))
	}
	return hk, nil
}

// generateHostKey writes a new ed25519 key at path. O_EXCL: two servers
// started at once must not overwrite each other's fresh key.
func generateHostKey(path string) (hostKey, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return hostKey{}, fmt.Errorf("host key directory %s: %w", filepath.Dir(path), err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return hostKey{}, fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "cmdeck serve host key")
	if err != nil {
		return hostKey{}, fmt.Errorf("host key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return hostKey{}, fmt.Errorf("host key %s: %w", path, err)
	}
	_, werr := f.Write(pem.EncodeToMemory(block))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(path)
		return hostKey{}, fmt.Errorf("host key %s: %w", path, werr)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return hostKey{}, fmt.Errorf("host key: %w", err)
	}
	return hostKey{signer: signer, created: true}, nil
}
