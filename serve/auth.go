package serve

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// User is a person who may connect: the SHA256 fingerprint of their public
// key (as `ssh-keygen -lf` prints it), their name (shown in the log and
// recorded in the audit log) and their role (what the deck lets them do).
type User struct {
	Name        string
	Role        string
	Fingerprint string
}

// verdict is what the keyring says of a key.
type verdict int

const (
	keyAccepted verdict = iota // in authorized_keys and mapped to a user
	keyUnmapped                // in authorized_keys, but no user has it
	keyUnknown                 // not in authorized_keys (or the file is gone)
)

// fileStamp tells whether authorized_keys changed since it was read.
type fileStamp struct {
	mod  time.Time
	size int64
}

// keyring answers "who is this key?" from the authorized_keys file and the
// users mapped in config. A key must be in both: the file is what an admin
// edits to let someone in or out (re-read when it changes, no restart),
// the mapping is who they are and what they may do.
type keyring struct {
	path  string
	users map[string]User // by fingerprint
	say   func(warn bool, msg string)

	mu      sync.Mutex
	stamp   fileStamp
	present map[string]bool // fingerprints in the file as last read
	told    map[string]bool // unmapped fingerprints already reported
	gone    bool            // the file could not be read at the last look
}

// openKeyring reads authorized_keys for the first time. A missing file is
// an error naming how to create it: a server nobody can log into is a
// mistake to report at start, not at the first refused connection. The
// returned warnings are for the person starting the server.
func openKeyring(path string, users []User, say func(warn bool, msg string)) (*keyring, []string, error) {
	k := &keyring{path: path, users: map[string]User{}, say: say}
	for _, u := range users {
		k.users[u.Fingerprint] = u
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("authorized_keys %s does not exist: create it with the public key of each person "+
			"allowed in, one per line (cat ~/.ssh/id_ed25519.pub >> %s; chmod 600 %s), then map each key "+
			"under serve.users in the config (name, role, fingerprint)", path, path, path)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("authorized_keys %s: %w", path, err)
	}
	warnings, err := k.load(info)
	if err != nil {
		return nil, nil, fmt.Errorf("authorized_keys %s: %w", path, err)
	}
	warnings = append(warnings, modeWarnings(path, info.Mode())...)
	return k, append(warnings, k.unlisted()...), nil
}

// modeWarnings flags an authorized_keys file others may change (they could
// let themselves in) or read.
func modeWarnings(path string, mode fs.FileMode) []string {
	var out []string
	if mode.Perm()&0o022 != 0 {
		out = append(out, fmt.Sprintf("authorized_keys %s is writable by others (mode %04o): anyone who can write it "+
			"can let themselves in; chmod 600 %s", path, mode.Perm(), path))
	} else if mode.Perm()&0o004 != 0 {
		out = append(out, fmt.Sprintf("authorized_keys %s is world-readable (mode %04o): chmod 600 %s",
			path, mode.Perm(), path))
	}
	return out
}

// unlisted warns about mapped users whose key is not in the file: they
// cannot connect, which is surprising when one just added them to config.
func (k *keyring) unlisted() []string {
	var out []string
	for fp, u := range k.users {
		if !k.present[fp] {
			out = append(out, fmt.Sprintf("serve.users: %s's key (%s) is not in %s: %s cannot connect until it is added",
				u.Name, fp, k.path, u.Name))
		}
	}
	sort.Strings(out)
	return out
}

// check says whether key may connect, and as whom. The file is looked at
// (one stat) and read again only when it changed.
func (k *keyring) check(key gossh.PublicKey) (User, verdict) {
	fp := gossh.FingerprintSHA256(key)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refresh()
	if !k.present[fp] {
		return User{}, keyUnknown
	}
	u, ok := k.users[fp]
	if !ok {
		if !k.told[fp] {
			k.told[fp] = true
			k.say(true, fmt.Sprintf("refused key %s: it is in %s but not mapped to a person; add it under serve.users "+
				"(name, role, fingerprint: %s)", fp, k.path, fp))
		}
		return User{}, keyUnmapped
	}
	return u, keyAccepted
}

// refresh reads the file again when its time or size changed. A file that
// disappears or cannot be read lets nobody in until it is back, said once.
// The caller holds mu.
func (k *keyring) refresh() {
	info, err := os.Stat(k.path)
	if err != nil {
		if !k.gone {
			k.gone, k.present = true, nil
			k.say(true, fmt.Sprintf("authorized_keys %s cannot be read (%v): nobody can connect until it is back", k.path, err))
		}
		return
	}
	if !k.gone && k.stamp == (fileStamp{info.ModTime(), info.Size()}) {
		return
	}
	warnings, err := k.load(info)
	if err != nil {
		k.gone, k.present = true, nil
		k.say(true, fmt.Sprintf("authorized_keys %s cannot be read (%v): nobody can connect until it is back", k.path, err))
		return
	}
	k.gone = false
	k.say(false, fmt.Sprintf("authorized_keys %s read again: %d key(s)", k.path, len(k.present)))
	for _, w := range warnings {
		k.say(true, w)
	}
}

// load reads the file and records its stamp. The caller holds mu (or owns k).
func (k *keyring) load(info fs.FileInfo) ([]string, error) {
	data, err := os.ReadFile(k.path)
	if err != nil {
		return nil, err
	}
	present, warnings := parseAuthorizedKeys(k.path, data)
	k.present, k.told = present, map[string]bool{}
	k.stamp = fileStamp{info.ModTime(), info.Size()}
	return warnings, nil
}

// parseAuthorizedKeys returns the fingerprints of the file's keys, and a
// warning for each line it ignores. A line with options (from=, command=…)
// is ignored rather than accepted without them: a key restricted to one
// address must not become a key that works from anywhere.
func parseAuthorizedKeys(path string, data []byte) (map[string]bool, []string) {
	present := map[string]bool{}
	var warnings []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, options, _, err := gossh.ParseAuthorizedKey(line)
		switch {
		case err != nil:
			warnings = append(warnings, fmt.Sprintf("%s line %d is not a public key: ignored", path, n))
		case len(options) > 0:
			warnings = append(warnings, fmt.Sprintf("%s line %d has key options (%s) cmdeck serve does not apply: "+
				"the key is ignored; remove the options to let it in", path, n, optionNames(options)))
		default:
			present[gossh.FingerprintSHA256(key)] = true
		}
	}
	if err := sc.Err(); err != nil {
		warnings = append(warnings, fmt.Sprintf("%s: read stopped early (%v): the keys after that are ignored", path, err))
	}
	return present, warnings
}

// optionNames lists options by name only ("from, command").
func optionNames(options []string) string {
	names := make([]string, len(options))
	for i, o := range options {
		name, _, _ := strings.Cut(o, "=")
		names[i] = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, name)
	}
	return strings.Join(names, ", ")
}
