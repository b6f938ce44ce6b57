package email

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readFixture(t *testing.T, name string) Message {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMessage(raw)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func TestParseLatin1QuotedPrintable(t *testing.T) {
	m := readFixture(t, "latin1-qp.eml")
	if m.Subject != "Réclamation colis abîmé" {
		t.Errorf("subject %q", m.Subject)
	}
	if m.FromName != "Frédéric Léon" || m.FromAddr != "fred@example.test" {
		t.Errorf("from %q <%s>", m.FromName, m.FromAddr)
	}
	if !strings.Contains(m.Text, "J'ai reçu un colis abîmé, très déçu.") {
		t.Errorf("text %q", m.Text)
	}
	if want := time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC); !m.Date.Equal(want) || m.Date.Location() != time.UTC {
		t.Errorf("date %v, want %v in UTC", m.Date, want)
	}
	if m.MessageID != "latin1@example.test" {
		t.Errorf("message id %q", m.MessageID)
	}
}

func TestParseHTMLWithAttachment(t *testing.T) {
	m := readFixture(t, "html-attachment.eml")
	if m.Text != "Voici la photo du colis…\n\nMerci\nAna" {
		t.Errorf("text %q", m.Text)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Name != "facture.pdf" || m.Attachments[0].Size == 0 {
		t.Errorf("attachments %+v", m.Attachments)
	}
	if m.InReplyTo != "root@example.test" || strings.Join(m.References, ",") != "root@example.test,mid@example.test" {
		t.Errorf("threading: in-reply-to %q references %v", m.InReplyTo, m.References)
	}
	if m.ReplyTo != "ana.perso@example.test" {
		t.Errorf("reply-to %q", m.ReplyTo)
	}
}

func TestParseBrokenHeadersDegrades(t *testing.T) {
	m := readFixture(t, "broken-headers.eml")
	if m.FromAddr != "broken@example.test" {
		t.Errorf("from address %q", m.FromAddr)
	}
	if !m.Date.IsZero() {
		t.Errorf("an unreadable date became %v", m.Date)
	}
	if !strings.Contains(m.Text, "Corps lisible") {
		t.Errorf("text %q", m.Text)
	}
}

func TestRemoteIDWithoutMessageIDIsStable(t *testing.T) {
	a, b := readFixture(t, "no-message-id.eml"), readFixture(t, "no-message-id.eml")
	if id := remoteID(a); !strings.HasPrefix(id, "sha256:") || id != remoteID(b) {
		t.Errorf("ids %q, %q", id, remoteID(b))
	}
	if remoteID(readFixture(t, "latin1-qp.eml")) != "latin1@example.test" {
		t.Error("a message with a Message-ID is not known by it")
	}
}

func TestLongLinesAreCut(t *testing.T) {
	raw := "From: x@example.test\nSubject: long\n\n" + strings.Repeat("a", 900<<10) + "\nfin\n"
	m, err := ParseMessage([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(m.Text, "\n") {
		if len(l) > maxLineBytes+len("…") {
			t.Fatalf("a line of %d bytes survived", len(l))
		}
	}
	if !strings.HasSuffix(m.Text, "fin") {
		t.Error("the text after the long line was lost")
	}
}

func TestHTMLToText(t *testing.T) {
	cases := map[string]string{
		"<p>Un</p><p>Deux</p>": "Un\n\nDeux",
		"a<br>b":               "a\nb",
		"<a href='x'>lien</a> &amp; <i>texte</i>":   "lien & texte",
		"<style>.x{}</style><!-- c -->visible":      "visible",
		"<p>unclosed <b":                            "unclosed",
		"<ul><li>un</li><li>deux</li></ul>":         "un\ndeux",
		"  plusieurs \n\n  espaces  ":               "plusieurs espaces",
		"<script>document.write('x')</script>reste": "reste",
	}
	for in, want := range cases {
		if got := HTMLToText(in); got != want {
			t.Errorf("HTMLToText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeHeader(t *testing.T) {
	cases := map[string]string{
		"=?UTF-8?B?w6l0w6k=?=":         "été",
		"=?ISO-8859-1?Q?caf=E9?=":      "café",
		"plain  text\r\n\tfolded":      "plain text folded",
		"=?bogus?Q?x?=":                "=?bogus?Q?x?=",
		"=?windows-1252?Q?=80_euros?=": "€ euros",
	}
	for in, want := range cases {
		if got := DecodeHeader(in); got != want {
			t.Errorf("DecodeHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
