package email

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"cmdeck/core"
	"cmdeck/providers"
)

// memServer starts go-imap's in-memory IMAP server on 127.0.0.1 with one
// user, and returns the user and the address.
func memServer(t *testing.T) (*imapmemserver.User, string) {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("brand@example.test", "pw")
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       discardLogger{},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	return user, ln.Addr().String()
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

func appendN(t *testing.T, u *imapmemserver.User, folder, tag string, n int) {
	t.Helper()
	for i := range n {
		raw := fmt.Sprintf("From: Fan <fan@example.test>\r\nSubject: %s %d\r\nMessage-ID: <%s-%d@example.test>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nBonjour %d\r\n", tag, i, tag, i, i)
		if _, err := u.Append(folder, literal{bytes.NewReader([]byte(raw)), int64(len(raw))}, &imap.AppendOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}

type literal struct {
	*bytes.Reader
	n int64
}

func (l literal) Size() int64 { return l.n }

func memProvider(t *testing.T, addr, folders string) *Provider {
	t.Helper()
	p, err := New(providers.AccountConfig{Secret: "pw", Settings: map[string]string{"imap": addr, "smtp": addr,
		"tls": "none", "username": "brand@example.test", "folders": folders}}, core.SystemClock{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Two folders, more than a batch: the sync pages with More and brings each
// message once, then nothing until a new one arrives.
func TestFetchPagesAcrossFolders(t *testing.T) {
	u, addr := memServer(t)
	if err := u.Create("Support", nil); err != nil {
		t.Fatal(err)
	}
	// Exactly two full batches in INBOX: the second fills up before
	// Support is read, which must still say More.
	appendN(t, u, "INBOX", "in", 2*batchSize)
	appendN(t, u, "Support", "sup", 5)
	p := memProvider(t, addr, "INBOX,Support")
	seen := map[string]bool{}
	cur, batches := "", 0
	for more := true; more; batches++ {
		b, err := p.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Items) > batchSize {
			t.Fatalf("a batch of %d items, cap %d", len(b.Items), batchSize)
		}
		for _, it := range b.Items {
			if seen[it.RemoteID] {
				t.Errorf("%s came twice", it.RemoteID)
			}
			seen[it.RemoteID] = true
		}
		cur, more = b.Cursor, b.More
		if batches > 5 {
			t.Fatal("More never ends")
		}
	}
	if len(seen) != 2*batchSize+5 || batches != 3 {
		t.Errorf("%d messages in %d batches, want %d in 3", len(seen), batches, 2*batchSize+5)
	}
	if b, err := p.Fetch(context.Background(), cur); err != nil || len(b.Items) != 0 {
		t.Errorf("a sync with nothing new: %d items, %v", len(b.Items), err)
	}
	appendN(t, u, "Support", "late", 1)
	b, err := p.Fetch(context.Background(), cur)
	if err != nil || len(b.Items) != 1 || b.Items[0].RemoteID != "late-0@example.test" {
		t.Errorf("after one new message: %+v, %v", b.Items, err)
	}
}

func TestFetchMissingFolderIsNotFound(t *testing.T) {
	_, addr := memServer(t)
	_, err := memProvider(t, addr, "Nowhere").Fetch(context.Background(), "")
	if providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("a missing folder: %v", err)
	}
}

func TestFetchWrongPasswordIsAuth(t *testing.T) {
	_, addr := memServer(t)
	p := memProvider(t, addr, "INBOX")
	p.pass = "wrong-password-42"
	_, err := p.Fetch(context.Background(), "")
	if providers.Classify(err) != providers.ClassAuth {
		t.Errorf("wrong password: %v", err)
	}
}
