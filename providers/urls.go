package providers

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ParseServiceURL checks the URL of a network's server: https, or http on
// a loopback host, with no credentials, query or fragment (they would end
// up in every error). network and what name it in errors ("mastodon",
// "server").
func ParseServiceURL(network, what, s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(s), "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%s: invalid %s URL %q", network, what, s)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%s: the %s URL must not hold credentials, a query or a fragment", network, what)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && IsLoopback(u.Hostname()):
	default:
		return nil, fmt.Errorf("%s: %s URL must be https (http only for localhost), got %q", network, what, u.Scheme+"://"+u.Host)
	}
	return u, nil
}

// IsLoopback reports whether host is this machine: localhost, 127.0.0.0/8
// or ::1. Names that merely start with "localhost" are not.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopbackAddr reports whether host:port names this machine.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && IsLoopback(host)
}
