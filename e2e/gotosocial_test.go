package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gts is a GoToSocial server started for one test, with two local users:
// "brand" (the client's account cmdeck manages) and "fan" (a member of the
// community who writes to it).
type gts struct {
	base     string // http://127.0.0.1:port
	bin, cfg string
	http     *http.Client
}

const gtsPassword = "Corr3ct-Horse-Battery!"

// startGoToSocial starts the server named by CMDECK_GTS (see .ci/gotosocial)
// or skips the test.
func startGoToSocial(t *testing.T) *gts {
	t.Helper()
	bin := os.Getenv("CMDECK_GTS")
	if bin == "" {
		t.Skip("set CMDECK_GTS=$(.ci/gotosocial) to run the tests against a real GoToSocial server")
	}
	dir := t.TempDir()
	port := freePort(t)
	web := filepath.Join(filepath.Dir(bin), "web")
	cfg := filepath.Join(dir, "config.yaml")
	conf := fmt.Sprintf(`host: "127.0.0.1:%[1]d"
protocol: "http"
bind-address: "127.0.0.1"
port: %[1]d
db-type: "sqlite"
db-address: %[2]q
storage-local-base-path: %[3]q
web-template-base-dir: %[4]q
web-asset-base-dir: %[5]q
accounts-registration-open: false
letsencrypt-enabled: false
log-level: "warn"
media-ffmpeg-pool-size: 1
`, port, filepath.Join(dir, "db.sqlite"), filepath.Join(dir, "storage"),
		filepath.Join(web, "template")+"/", filepath.Join(web, "assets")+"/")
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	g := &gts{base: fmt.Sprintf("http://127.0.0.1:%d", port), bin: bin, cfg: cfg,
		http: &http.Client{Timeout: 30 * time.Second}}
	for _, user := range []string{"brand", "fan"} {
		g.admin(t, "account", "create", "--username", user, "--email", user+"@example.org", "--password", gtsPassword)
		g.admin(t, "account", "confirm", "--username", user)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--config-path", cfg, "server", "start")
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting gotosocial: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		if t.Failed() {
			t.Logf("gotosocial log:\n%s", tail(log.String(), 4000))
		}
	})
	// The first start compiles its WebAssembly modules: allow a minute.
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := g.http.Get(g.base + "/api/v1/instance")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return g
			}
		}
		select {
		case <-done:
			t.Fatalf("gotosocial exited:\n%s", tail(log.String(), 4000))
		case <-time.After(300 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("gotosocial did not answer in 90 s:\n%s", tail(log.String(), 4000))
		}
	}
}

func (g *gts) admin(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command(g.bin, append([]string{"--config-path", g.cfg, "admin"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("gotosocial admin %v: %v\n%s", args, err, tail(string(out), 2000))
	}
}

// authorize plays the user's part of the out-of-band OAuth flow in a
// browser: open the authorization URL, sign in as user, approve, and read
// the code the server shows.
func (g *gts) authorize(t *testing.T, authURL, user string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	resp, err := browser.Get(authURL) // redirects to the sign-in page
	if err != nil {
		t.Fatalf("opening %s: %v", authURL, err)
	}
	resp.Body.Close()
	resp, err = browser.PostForm(g.base+"/auth/sign_in", url.Values{
		"username": {user + "@example.org"}, "password": {gtsPassword}})
	if err != nil {
		t.Fatalf("signing in: %v", err)
	}
	resp.Body.Close()
	// Approving redirects to the page showing the code: stop there.
	browser.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err = browser.Post(g.base+"/oauth/authorize", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatalf("approving: %v", err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("approving answered %d, Location %q: no code", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}

// api calls the server as the holder of token and decodes the answer.
func (g *gts) api(t *testing.T, token, method, path string, body any, out any) int {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, g.base+path, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := g.http.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode < 300 {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decoding: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return strings.TrimSpace(s)
}
