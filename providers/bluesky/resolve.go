package bluesky

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"cmdeck/core"
	"cmdeck/providers"
)

const defaultPLC = "https://plc.directory"

// didDocument is the part of a DID document that names the PDS.
type didDocument struct {
	ID      string `json:"id"`
	Service []struct {
		ID              string `json:"id"`
		Type            string `json:"type"`
		ServiceEndpoint any    `json:"serviceEndpoint"`
	} `json:"service"`
}

// pdsEndpoint is the document's #atproto_pds service URL, "" if none.
func (d didDocument) pdsEndpoint() string {
	for _, s := range d.Service {
		if s.ID == "#atproto_pds" || strings.HasSuffix(s.ID, "#atproto_pds") {
			if ep, ok := s.ServiceEndpoint.(string); ok {
				return ep
			}
		}
	}
	return ""
}

// locator finds an account's PDS from its handle: the handle's DID from
// com.atproto.identity.resolveHandle on service (an AppView or entryway),
// then the DID document from the PLC directory (did:plc) or the DID's own
// host (did:web), whose #atproto_pds service is the PDS.
type locator struct {
	service, plc *url.URL
	handle       string
	get          func(ctx context.Context, u *url.URL, out any) error
}

func (l locator) locate(ctx context.Context) (*url.URL, error) {
	var ans struct {
		DID string `json:"did"`
	}
	q := url.Values{"handle": {l.handle}}
	if err := l.get(ctx, xrpcURL(l.service, "com.atproto.identity.resolveHandle", q), &ans); err != nil {
		return nil, fmt.Errorf("bluesky: resolving @%s: %w", l.handle, err)
	}
	docURL, err := l.documentURL(ans.DID)
	if err != nil {
		return nil, err
	}
	var doc didDocument
	if err := l.get(ctx, docURL, &doc); err != nil {
		return nil, fmt.Errorf("bluesky: reading the DID document of @%s: %w", l.handle, err)
	}
	if doc.ID != ans.DID {
		return nil, &providers.PermanentError{Err: fmt.Errorf("bluesky: the DID document of @%s is for another DID", l.handle)}
	}
	ep := doc.pdsEndpoint()
	if ep == "" {
		return nil, &providers.PermanentError{Err: fmt.Errorf("bluesky: @%s has no PDS in its DID document", l.handle)}
	}
	return parseService(ep)
}

// documentURL is where did's document is published.
func (l locator) documentURL(did string) (*url.URL, error) {
	switch {
	case strings.HasPrefix(did, "did:plc:") && !strings.ContainsAny(did, "/?#"):
		u := *l.plc
		u.Path = strings.TrimRight(l.plc.Path, "/") + "/" + did
		return &u, nil
	case strings.HasPrefix(did, "did:web:"):
		host := strings.TrimPrefix(did, "did:web:")
		if host == "" || strings.ContainsAny(host, "/?#:@") {
			break
		}
		return &url.URL{Scheme: "https", Host: host, Path: "/.well-known/did.json"}, nil
	}
	return nil, &providers.PermanentError{Err: fmt.Errorf("bluesky: the handle resolved to an unsupported DID %q", cut(did, 80))}
}

// xrpcURL is the URL of method nsid on base.
func xrpcURL(base *url.URL, nsid string, q url.Values) *url.URL {
	u := *base
	u.Path = base.Path + "/xrpc/" + nsid
	u.RawQuery = q.Encode()
	return &u
}

// NewResolvingClient is NewClient for an account whose PDS is not known:
// it is found from the handle (see locator) on the first login. service is
// the AppView or entryway that resolves handles; plc "" is
// https://plc.directory.
func NewResolvingClient(service, plc, identifier, password string, clock core.Clock, hc *http.Client) (*Client, error) {
	svc, err := parseService(service)
	if err != nil {
		return nil, err
	}
	plcURL, err := parseService(cmp.Or(strings.TrimSpace(plc), defaultPLC))
	if err != nil {
		return nil, err
	}
	c, err := NewClient(service, identifier, password, clock, hc)
	if err != nil {
		return nil, err
	}
	c.base = nil
	c.loc = &locator{service: svc, plc: plcURL, handle: c.identifier, get: c.getJSON}
	return c, nil
}

// getJSON is an unauthenticated GET of a JSON document at u.
func (c *Client) getJSON(ctx context.Context, u *url.URL, out any) error {
	return c.do(ctx, http.MethodGet, u, u.Path, nil, "", out)
}
