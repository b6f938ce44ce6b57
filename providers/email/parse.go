package email

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // registers ISO-8859-*, Windows-125x, … for decoding
	gomail "github.com/emersion/go-message/mail"
)

// Size caps: every byte of a message is hostile, so parsing reads at most
// this much of a message and of any one text part.
const (
	maxMessageBytes = 4 << 20
	maxTextBytes    = 1 << 20
	maxParts        = 100
)

// Attachment is a part the deck lists but does not download.
type Attachment struct {
	Name string
	Size int
}

// Message is what cmdeck keeps of an email: decoded headers, readable text
// and the list of attachments.
type Message struct {
	MessageID   string // without angle brackets
	InReplyTo   string // the first id of In-Reply-To, without brackets
	References  []string
	Subject     string
	FromName    string
	FromAddr    string
	ReplyTo     string // address answers go to: Reply-To, else From
	Date        time.Time
	Text        string
	Attachments []Attachment
	Key         string // X-Cmdeck-Key: set on the replies cmdeck sent
}

// ParseMessage decodes a raw RFC 5322 message. Broken parts degrade to what
// can be read: only a message with no readable header at all is an error.
func ParseMessage(raw []byte) (Message, error) {
	if len(raw) > maxMessageBytes {
		raw = raw[:maxMessageBytes]
	}
	ent, err := message.Read(bufio.NewReader(bytes.NewReader(raw)))
	if ent == nil {
		return Message{}, fmt.Errorf("reading message: %w", err)
	}
	// An unknown charset or encoding is not fatal: the entity stays readable.
	h := gomail.Header{Header: ent.Header}
	m := Message{
		MessageID:  firstID(h.Get("Message-Id")),
		InReplyTo:  firstID(h.Get("In-Reply-To")),
		References: ids(h.Get("References")),
		Subject:    DecodeHeader(h.Get("Subject")),
		Key:        strings.TrimSpace(h.Get("X-Cmdeck-Key")),
	}
	m.FromName, m.FromAddr = parseAddress(h.Get("From"))
	if _, rt := parseAddress(h.Get("Reply-To")); rt != "" {
		m.ReplyTo = rt
	} else {
		m.ReplyTo = m.FromAddr
	}
	if d, err := mail.ParseDate(h.Get("Date")); err == nil {
		m.Date = d.UTC()
	}
	var plain, html string
	walk(ent, 0, &plain, &html, &m.Attachments)
	switch {
	case strings.TrimSpace(plain) != "":
		m.Text = plain
	case html != "":
		m.Text = HTMLToText(html)
	}
	m.Text = normalizeText(m.Text)
	return m, nil
}

// walk visits the parts of ent, keeping the first text/plain and text/html
// bodies and listing the rest as attachments.
func walk(ent *message.Entity, depth int, plain, html *string, atts *[]Attachment) {
	if depth > 20 {
		return
	}
	if mr := ent.MultipartReader(); mr != nil {
		for range maxParts {
			part, err := mr.NextPart()
			if part == nil || (err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err)) {
				return
			}
			walk(part, depth+1, plain, html, atts)
		}
		return
	}
	ct, params, _ := ent.Header.ContentType()
	disp, dparams, _ := ent.Header.ContentDisposition()
	name := DecodeHeader(dparams["filename"])
	if name == "" {
		name = DecodeHeader(params["name"])
	}
	body, _ := io.ReadAll(io.LimitReader(ent.Body, maxTextBytes))
	isText := ct == "" || ct == "text/plain" || ct == "text/html"
	if disp == "attachment" || !isText {
		if name == "" {
			name = ct
		}
		*atts = append(*atts, Attachment{Name: name, Size: len(body)})
		return
	}
	if ct == "text/html" {
		if *html == "" {
			*html = string(body)
		}
		return
	}
	if *plain == "" {
		*plain = string(body)
	}
}

// wordDecoder decodes RFC 2047 encoded words with every charset
// go-message knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: message.CharsetReader}

// DecodeHeader decodes RFC 2047 words; a header that fails to decode is
// kept as it came (the store sanitizes it) rather than dropped.
func DecodeHeader(s string) string {
	if s == "" {
		return ""
	}
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		s = d
	}
	return strings.TrimSpace(strings.Join(strings.Fields(s), " "))
}

// parseAddress returns the display name and lower-cased address of the
// first mailbox in an address header, falling back to the raw text.
func parseAddress(s string) (name, addr string) {
	if s == "" {
		return "", ""
	}
	p := mail.AddressParser{WordDecoder: wordDecoder}
	if list, err := p.ParseList(s); err == nil && len(list) > 0 {
		return list[0].Name, strings.ToLower(list[0].Address)
	}
	raw := DecodeHeader(s)
	// A broken address ("Name" <addr, without its closing bracket): take
	// what follows the last "<".
	if i := strings.LastIndexByte(raw, '<'); i >= 0 {
		addr := raw[i+1:]
		if j := strings.IndexByte(addr, '>'); j >= 0 {
			addr = addr[:j]
		}
		return strings.Trim(strings.TrimSpace(raw[:i]), `"`), strings.ToLower(strings.TrimSpace(addr))
	}
	return "", strings.ToLower(raw)
}

// ids returns the message ids of a References-like header, without
// brackets; an id-less text yields nothing.
func ids(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return out
		}
		if id := strings.TrimSpace(s[i+1 : i+j]); id != "" && len(id) <= 998 {
			out = append(out, id)
		}
		s = s[i+j+1:]
	}
}

// firstID returns the first id of a Message-ID-like header; a bare id
// without brackets (seen in the wild) is taken whole.
func firstID(s string) string {
	if l := ids(s); len(l) > 0 {
		return l[0]
	}
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\r\n") || len(s) > 998 {
		return ""
	}
	return s
}

// normalizeText unifies line ends and caps the length of one line, so a
// 1 MB line cannot stall the deck's wrapping.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if len(l) > maxLineBytes {
			lines[i] = strings.ToValidUTF8(l[:maxLineBytes], "") + "…"
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

const maxLineBytes = 4096

// remoteID is the stable id of a message across UIDVALIDITY changes and
// folders: its Message-ID, or for the rare message without one, a hash of
// what identifies it.
func remoteID(m Message) string {
	if m.MessageID != "" {
		return m.MessageID
	}
	sum := sha256.Sum256([]byte(m.FromAddr + "\x00" + m.Date.String() + "\x00" + m.Subject + "\x00" + m.Text))
	return "sha256:" + hex.EncodeToString(sum[:12])
}
