package e2e

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"cmdeck/app"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/providers/email"
	"cmdeck/providers/providertest"
)

// mailServers is the Dovecot + Postfix pair .ci/mail starts.
type mailServers struct {
	imap, smtp, ca, dir string
	sender, senderPass  string // the second user, who writes to the mailboxes
	roots               *x509.CertPool
	mu                  sync.Mutex // guards the users file
}

func startMail(t *testing.T) *mailServers {
	t.Helper()
	m := &mailServers{imap: os.Getenv("CMDECK_MAIL_IMAP"), smtp: os.Getenv("CMDECK_MAIL_SMTP"),
		ca: os.Getenv("CMDECK_MAIL_CA"), dir: os.Getenv("CMDECK_MAIL_DIR"),
		sender: os.Getenv("CMDECK_MAIL_USER2"), senderPass: os.Getenv("CMDECK_MAIL_PASS2")}
	if m.imap == "" {
		t.Skip(`set the env of .ci/mail (eval "$(.ci/mail)") to run the tests against a real Dovecot + Postfix`)
	}
	pem, err := os.ReadFile(m.ca)
	if err != nil {
		t.Fatal(err)
	}
	m.roots = x509.NewCertPool()
	m.roots.AppendCertsFromPEM(pem)
	return m
}

var mailUsers atomic.Int64

// addUser adds a fresh mailbox to Dovecot's passwd-file (re-read on
// change) and returns its address and password: every provider of the
// contract starts from an empty mailbox.
func (m *mailServers) addUser(t *testing.T) (string, string) {
	t.Helper()
	user := fmt.Sprintf("t%d-%s@example.test", mailUsers.Add(1), randHex(3))
	pass := randHex(10)
	m.editUsers(t, func(s string) string { return s + user + ":{PLAIN}" + pass + "::::::\n" })
	return user, pass
}

// editUsers rewrites the passwd-file atomically.
func (m *mailServers) editUsers(t *testing.T, edit func(string) string) {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	path := filepath.Join(m.dir, "users")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// deliver sends a message from the second user to `to` through Postfix.
func (m *mailServers) deliver(t *testing.T, to, raw string) {
	t.Helper()
	conn, err := tls.Dial("tcp", m.smtp, &tls.Config{RootCAs: m.roots, ServerName: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	c := smtp.NewClient(conn)
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		t.Fatal(err)
	}
	if err := c.Auth(sasl.NewPlainClient("", m.sender, m.senderPass)); err != nil {
		t.Fatal(err)
	}
	msg := strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\n", "\r\n")
	if err := c.SendMail(m.sender, []string{to}, strings.NewReader(msg)); err != nil {
		t.Fatal(err)
	}
	c.Quit()
}

// login opens an IMAP session as user, for checks on the server.
func (m *mailServers) login(t *testing.T, user, pass string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialTLS(m.imap, &imapclient.Options{TLSConfig: &tls.Config{RootCAs: m.roots, ServerName: "127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(user, pass).Wait(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Logout().Wait(); c.Close() })
	return c
}

// count says how many messages folder holds.
func count(t *testing.T, c *imapclient.Client, folder string) uint32 {
	t.Helper()
	st, err := c.Status(folder, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatalf("STATUS %s: %v", folder, err)
	}
	return *st.NumMessages
}

// waitCount waits, with a deadline, until folder holds n messages:
// delivery through Postfix's queue is asynchronous.
func waitCount(t *testing.T, c *imapclient.Client, folder string, n uint32) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for count(t, c, folder) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s still holds %d messages after 20 s, want %d", folder, count(t, c, folder), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// backlog is what a fresh mailbox receives before the first sync: a plain
// question, an ISO-8859-1 quoted-printable one, an HTML one with an
// attachment, and a follow-up in the first thread.
func backlog(sender, to, tag string) []string {
	return []string{
		fmt.Sprintf("From: Fan <%s>\nTo: <%s>\nSubject: Commande 4521\nMessage-ID: <q1-%s@example.test>\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\nBonjour, ma commande n'est pas arrivée ?\n", sender, to, tag),
		fmt.Sprintf("From: =?ISO-8859-1?Q?Fr=E9d=E9ric?= <%s>\nTo: <%s>\nSubject: =?ISO-8859-1?Q?R=E9clamation?=\nMessage-ID: <q2-%s@example.test>\nDate: Mon, 23 Nov 2026 10:05:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nJ'ai re=E7u un colis ab=EEm=E9.\n", sender, to, tag),
		fmt.Sprintf("From: <%s>\nTo: <%s>\nSubject: Photo\nMessage-ID: <q3-%s@example.test>\nDate: Mon, 23 Nov 2026 10:10:00 +0000\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n--b1\nContent-Type: text/html; charset=utf-8\n\n<p>Voici la <b>photo</b> du colis.</p>\n--b1\nContent-Type: image/png; name=colis.png\nContent-Disposition: attachment; filename=colis.png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b1--\n", sender, to, tag),
		fmt.Sprintf("From: Fan <%s>\nTo: <%s>\nSubject: Re: Commande 4521\nMessage-ID: <q4-%s@example.test>\nIn-Reply-To: <q1-%s@example.test>\nReferences: <q1-%s@example.test>\nDate: Mon, 23 Nov 2026 10:15:00 +0000\n\nToujours rien.\n", sender, to, tag, tag, tag),
	}
}

// mailbox is one fresh mailbox and the provider bound to it, behind a
// proxy that can break the next connection.
type mailbox struct {
	user, pass string
	p          *email.Provider
	proxy      *breaker
	sent       int
}

func (m *mailServers) newMailbox(t *testing.T) *mailbox {
	t.Helper()
	user, pass := m.addUser(t)
	mb := &mailbox{user: user, pass: pass, proxy: &breaker{}}
	tag := randHex(4)
	msgs := backlog(m.sender, user, tag)
	for _, raw := range msgs {
		m.deliver(t, user, raw)
	}
	mb.sent = len(msgs)
	c := m.login(t, user, pass)
	waitCount(t, c, "INBOX", uint32(mb.sent))
	// A second synced folder, which Fail can take away.
	if err := c.Create("Support", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	cfg := providers.AccountConfig{Account: core.Account{Provider: "email", Handle: user},
		Settings: map[string]string{"imap": m.imap, "smtp": m.smtp, "ca_file": m.ca, "username": user,
			"from": "Le Fournil <" + user + ">", "folders": "INBOX,Support"}, Secret: pass}
	p, err := email.New(cfg, core.SystemClock{}, mb.proxy.dial)
	if err != nil {
		t.Fatal(err)
	}
	mb.p = p
	return mb
}

func (m *mailServers) advance(t *testing.T, mb *mailbox) {
	t.Helper()
	mb.sent++
	m.deliver(t, mb.user, fmt.Sprintf("From: <%s>\nTo: <%s>\nSubject: Encore moi %d\nMessage-ID: <adv-%s@example.test>\n\nUne autre question.\n",
		m.sender, mb.user, mb.sent, randHex(6)))
	waitCount(t, m.login(t, mb.user, mb.pass), "INBOX", uint32(mb.sent))
}

// breaker dials the real servers; armed, it breaks the next connection.
type breaker struct {
	mu     sync.Mutex
	cut    bool   // cut the next connection after a few KB from the server
	onDone func() // run when the next connection ends
	dialer net.Dialer
}

func (b *breaker) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := b.dialer.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	cut, done := b.cut, b.onDone
	b.cut, b.onDone = false, nil
	b.mu.Unlock()
	if !cut && done == nil {
		return conn, nil
	}
	return &brokenConn{Conn: conn, cut: cut, onDone: done}, nil
}

// brokenConn dies after 8 KB read (mid-FETCH of a 64 KB message:
// the TLS handshake, login and search take less) or runs onDone when closed.
type brokenConn struct {
	net.Conn
	cut    bool
	read   int
	once   sync.Once
	onDone func()
}

func (c *brokenConn) Read(p []byte) (int, error) {
	if c.cut && c.read >= 8000 {
		c.Conn.Close()
		return 0, io.ErrUnexpectedEOF
	}
	n, err := c.Conn.Read(p)
	c.read += n
	return n, err
}

func (c *brokenConn) Close() error {
	err := c.Conn.Close()
	if c.onDone != nil {
		c.once.Do(c.onDone)
	}
	return err
}

// TestEmailContractOnDovecot runs the provider contract against the real
// Dovecot + Postfix pair.
func TestEmailContractOnDovecot(t *testing.T) {
	m := startMail(t)
	var cur *mailbox
	providertest.Run(t, providertest.Harness{
		New: func(t *testing.T) providers.Provider {
			cur = m.newMailbox(t)
			return cur.p
		},
		Advance: func(t *testing.T) { m.advance(t, cur) },
		Fail: func(t *testing.T, class providers.ErrorClass) {
			switch class {
			case providers.ClassAuth:
				// Change the password on the server for one connection.
				good := cur.user + ":{PLAIN}" + cur.pass + ":"
				bad := cur.user + ":{PLAIN}" + cur.pass + "x:"
				m.editUsers(t, func(s string) string { return strings.Replace(s, good, bad, 1) })
				cur.proxy.mu.Lock()
				cur.proxy.onDone = func() { m.editUsers(t, func(s string) string { return strings.Replace(s, bad, good, 1) }) }
				cur.proxy.mu.Unlock()
			case providers.ClassTransient:
				// A server that goes away in the middle of the sync: a
				// large message is arriving when the connection dies.
				m.deliverBig(t, cur)
				cur.proxy.mu.Lock()
				cur.proxy.cut = true
				cur.proxy.mu.Unlock()
			case providers.ClassNotFound:
				// A synced folder vanishes (renamed away) for one connection.
				c := m.login(t, cur.user, cur.pass)
				if err := c.Rename("Support", "Support-away", nil).Wait(); err != nil {
					t.Fatal(err)
				}
				cur.proxy.mu.Lock()
				cur.proxy.onDone = func() {
					if err := c.Rename("Support-away", "Support", nil).Wait(); err != nil {
						t.Errorf("restoring Support: %v", err)
					}
				}
				cur.proxy.mu.Unlock()
			default:
				t.Skipf("a mail server has no %s failure to show", class)
			}
		},
	})
}

// TestEmailActionsOnDovecot checks on the server what each action did.
func TestEmailActionsOnDovecot(t *testing.T) {
	m := startMail(t)
	ctx := context.Background()
	mb := m.newMailbox(t)
	b, err := mb.p.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]core.Item{}
	for _, it := range b.Items {
		byID[it.RemoteID] = it
	}
	var q1, q2, q3, q4 core.Item
	for id, it := range byID {
		switch {
		case strings.HasPrefix(id, "q1-"):
			q1 = it
		case strings.HasPrefix(id, "q2-"):
			q2 = it
		case strings.HasPrefix(id, "q3-"):
			q3 = it
		case strings.HasPrefix(id, "q4-"):
			q4 = it
		}
	}
	if len(b.Items) != 4 || q1.RemoteID == "" || q4.RemoteID == "" {
		t.Fatalf("first sync: %d items %v", len(b.Items), byID)
	}
	// Decoding and threading, as read from the real server.
	if !strings.Contains(q2.Body, "Réclamation") || !strings.Contains(q2.Body, "reçu un colis abîmé") || q2.Author.Name != "Frédéric" {
		t.Errorf("ISO-8859-1 message: %q by %q", q2.Body, q2.Author.Name)
	}
	if !strings.Contains(q3.Body, "Voici la photo du colis.") || !strings.Contains(q3.Body, "colis.png") {
		t.Errorf("HTML message with attachment: %q", q3.Body)
	}
	if q4.ParentRemoteID != q1.RemoteID || q4.ThreadRemoteID != q1.RemoteID {
		t.Errorf("follow-up parent %q thread %q, want %q", q4.ParentRemoteID, q4.ThreadRemoteID, q1.RemoteID)
	}
	if q1.Kind != core.KindDM || q1.Author.Handle != m.sender || q1.State != core.StateNew {
		t.Errorf("item: %+v", q1)
	}

	// Reply to the follow-up.
	res, err := mb.p.Do(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: q4.RemoteID,
		Payload: "Nous regardons votre commande 4521.", IdempotencyKey: "e2e-reply-1"})
	if err != nil {
		t.Fatal(err)
	}
	c := m.login(t, mb.user, mb.pass)
	sent := fetchFolder(t, c, "Sent")
	if len(sent) != 1 {
		t.Fatalf("Sent holds %d messages, want the reply", len(sent))
	}
	r := sent[0]
	if r.MessageID != res.RemoteID || r.InReplyTo != q4.RemoteID ||
		strings.Join(r.References, " ") != q1.RemoteID+" "+q4.RemoteID || r.FromAddr != mb.user ||
		r.FromName != "Le Fournil" || r.Key != "e2e-reply-1" || r.Subject != "Re: Commande 4521" ||
		!strings.Contains(r.Text, "> Toujours rien.") {
		t.Errorf("the Sent copy: %+v", r)
	}
	// The fan received it.
	fan := m.login(t, m.sender, m.senderPass)
	deadline := time.Now().Add(20 * time.Second)
	for !hasMessage(t, fan, "INBOX", res.RemoteID) {
		if time.Now().After(deadline) {
			t.Fatal("the reply never reached the fan's inbox")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The original is \Answered and \Seen.
	if fl := flagsOf(t, c, "INBOX", q4.RemoteID); !containsAll(fl, imap.FlagAnswered, imap.FlagSeen) {
		t.Errorf("flags of the answered message: %v", fl)
	}

	// The deck's read state: unread clears \Seen, read sets it again.
	for _, step := range []struct {
		kind core.ActionKind
		seen bool
	}{{core.ActMarkUnread, false}, {core.ActMarkRead, true}} {
		if _, err := mb.p.Do(ctx, core.Action{Kind: step.kind, TargetRemoteID: q4.RemoteID}); err != nil {
			t.Fatalf("%s: %v", step.kind, err)
		}
		if fl := flagsOf(t, c, "INBOX", q4.RemoteID); containsAll(fl, imap.FlagSeen) != step.seen {
			t.Errorf("after %s the flags are %v", step.kind, fl)
		}
	}

	// Archive (the deck's hide), spam, delete.
	for _, a := range []core.Action{
		{Kind: core.ActHide, TargetRemoteID: q1.RemoteID},
		{Kind: core.ActSpam, TargetRemoteID: q2.RemoteID},
		{Kind: core.ActDelete, TargetRemoteID: q3.RemoteID},
	} {
		if _, err := mb.p.Do(ctx, a); err != nil {
			t.Fatalf("%s: %v", a.Kind, err)
		}
	}
	if !hasMessage(t, c, "Archive", q1.RemoteID) || hasMessage(t, c, "INBOX", q1.RemoteID) {
		t.Error("the archived message is not (only) in Archive")
	}
	if !hasMessage(t, c, "Junk", q2.RemoteID) || hasMessage(t, c, "INBOX", q2.RemoteID) {
		t.Error("the spam is not (only) in Junk")
	}
	for _, f := range []string{"INBOX", "Archive", "Junk", "Sent"} {
		if hasMessage(t, c, f, q3.RemoteID) {
			t.Errorf("the deleted message is still in %s", f)
		}
	}
	// An action on a message that is gone is ErrNotFound.
	if _, err := mb.p.Do(ctx, core.Action{Kind: core.ActDelete, TargetRemoteID: q3.RemoteID}); providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("deleting again: %v", err)
	}
}

// TestEmailUIDValidityOnDovecot recreates the synced folder (new
// UIDVALIDITY, same messages): the sync starts over, with the same ids.
func TestEmailUIDValidityOnDovecot(t *testing.T) {
	m := startMail(t)
	ctx := context.Background()
	mb := m.newMailbox(t)
	c := m.login(t, mb.user, mb.pass) // newMailbox made Support, empty
	var all imap.UIDSet
	all.AddRange(1, 0)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Copy(all, "Support").Wait(); err != nil {
		t.Fatal(err)
	}
	cfg := providers.AccountConfig{Settings: map[string]string{"imap": m.imap, "smtp": m.smtp, "ca_file": m.ca,
		"username": mb.user, "folders": "Support"}, Secret: mb.pass}
	p, err := email.New(cfg, core.SystemClock{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, err := p.Fetch(ctx, "")
	if err != nil || len(first.Items) != 4 {
		t.Fatalf("first sync: %d items, %v", len(first.Items), err)
	}
	// Recreate Support: same messages, new UIDVALIDITY.
	c.Unselect().Wait()
	if err := c.Delete("Support").Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Create("Support", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Copy(all, "Support").Wait(); err != nil {
		t.Fatal(err)
	}
	again, err := p.Fetch(ctx, first.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if again.Cursor == first.Cursor {
		t.Error("the cursor did not notice the new UIDVALIDITY")
	}
	ids := map[string]bool{}
	for _, it := range first.Items {
		ids[it.RemoteID] = true
	}
	if len(again.Items) != 4 {
		t.Errorf("after the new UIDVALIDITY, %d items, want the 4 read again", len(again.Items))
	}
	for _, it := range again.Items {
		if !ids[it.RemoteID] {
			t.Errorf("item %q got a new id: the store would hold it twice", it.RemoteID)
		}
	}
	if n, err := p.Fetch(ctx, again.Cursor); err != nil || len(n.Items) != 0 {
		t.Errorf("a third sync: %d items, %v", len(n.Items), err)
	}
}

// TestEmailBadPasswordOnDovecot: a wrong password is ErrAuth, and the
// password appears in no error.
func TestEmailBadPasswordOnDovecot(t *testing.T) {
	m := startMail(t)
	user, _ := m.addUser(t)
	secret := "wrong-" + randHex(8)
	for _, mode := range []string{"implicit", "starttls"} {
		imapAddr, smtpAddr := m.imap, m.smtp
		if mode == "starttls" {
			imapAddr, smtpAddr = os.Getenv("CMDECK_MAIL_IMAP_STARTTLS"), os.Getenv("CMDECK_MAIL_SMTP_STARTTLS")
		}
		p, err := email.New(providers.AccountConfig{Settings: map[string]string{"imap": imapAddr, "smtp": smtpAddr,
			"ca_file": m.ca, "username": user, "tls": mode}, Secret: secret}, core.SystemClock{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Fetch(context.Background(), "")
		if providers.Classify(err) != providers.ClassAuth {
			t.Errorf("%s: wrong password: %v, want an auth error", mode, err)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the password is in the error: %v", mode, err)
		}
	}
}

func fetchFolder(t *testing.T, c *imapclient.Client, folder string) []email.Message {
	t.Helper()
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	var all imap.UIDSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out []email.Message
	for _, m := range msgs {
		if len(m.BodySection) == 0 {
			continue
		}
		pm, err := email.ParseMessage(m.BodySection[0].Bytes)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, pm)
	}
	return out
}

func hasMessage(t *testing.T, c *imapclient.Client, folder, id string) bool {
	t.Helper()
	for _, m := range fetchFolder(t, c, folder) {
		if m.MessageID == id {
			return true
		}
	}
	return false
}

func flagsOf(t *testing.T, c *imapclient.Client, folder, id string) []imap.Flag {
	t.Helper()
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	var all imap.UIDSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{Flags: true, Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Envelope != nil && m.Envelope.MessageID == id {
			return m.Flags
		}
	}
	t.Fatalf("%s not in %s", id, folder)
	return nil
}

func containsAll(have []imap.Flag, want ...imap.Flag) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}

// deliverBig delivers a 64 KB message, so a connection cut after a few
// KB dies in the middle of reading it.
func (m *mailServers) deliverBig(t *testing.T, mb *mailbox) {
	t.Helper()
	mb.sent++
	body := strings.Repeat("Une très longue réclamation, ligne après ligne.\n", 64<<10/50)
	m.deliver(t, mb.user, fmt.Sprintf("From: <%s>\nTo: <%s>\nSubject: Long\nMessage-ID: <big-%s@example.test>\n\n%s",
		m.sender, mb.user, randHex(6), body))
	waitCount(t, m.login(t, mb.user, mb.pass), "INBOX", uint32(mb.sent))
}

// TestEmailAccountAddOnDovecot: `account add email` checks the login on
// both servers and prints a block holding no password; a wrong password
// is refused without being quoted.
func TestEmailAccountAddOnDovecot(t *testing.T) {
	m := startMail(t)
	user, pass := m.addUser(t)
	run := func(password string) (string, error) {
		var out, errOut strings.Builder
		err := app.RunAccountAddEmail(context.Background(), app.AccountAddEmail{
			IMAP: os.Getenv("CMDECK_MAIL_IMAP_STARTTLS"), SMTP: os.Getenv("CMDECK_MAIL_SMTP_STARTTLS"), TLS: "starttls",
			CAFile: m.ca, Username: user, From: "Le Fournil <" + user + ">", Client: "fournil",
			PasswordEnv: "FOURNIL_MAIL", Env: func(k string) string { return map[string]string{"FOURNIL_MAIL": password}[k] },
			Out: &out, Err: &errOut,
		}, i18n.New(i18n.EN))
		return out.String() + errOut.String(), err
	}
	out, err := run(pass)
	if err != nil {
		t.Fatalf("account add email: %v\n%s", err, out)
	}
	if strings.Contains(out, pass) {
		t.Fatal("the password was printed")
	}
	for _, want := range []string{"provider: email", "handle: " + user, "token_env: FOURNIL_MAIL", "tls: starttls", "ca_file: " + m.ca} {
		if !strings.Contains(out, want) {
			t.Errorf("the block lacks %q:\n%s", want, out)
		}
	}
	wrong := "wrong-" + randHex(6)
	out, err = run(wrong)
	if err == nil || strings.Contains(err.Error()+out, wrong) {
		t.Errorf("a wrong password: %v (printed %q)", err, out)
	}
}

// IDLE on the real Dovecot: WaitForNew returns when a message arrives in
// the first synced folder (messages keep arriving until it does, since the
// first may land before the server idles), and when its context ends.
func TestEmailWaitForNewOnDovecot(t *testing.T) {
	m := startMail(t)
	mb := m.newMailbox(t)
	done := make(chan error, 1)
	go func() { done <- mb.p.WaitForNew(context.Background()) }()
	deadline := time.Now().Add(30 * time.Second)
	for waiting := true; waiting; {
		m.advance(t, mb)
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("WaitForNew: %v, want nil on news", err)
			}
			waiting = false
		case <-time.After(500 * time.Millisecond):
			if time.Now().After(deadline) {
				t.Fatal("WaitForNew did not return while messages arrived")
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- mb.p.WaitForNew(ctx) }()
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a cancelled wait returned nil, as if there were news")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("WaitForNew ignored its context")
	}
}
