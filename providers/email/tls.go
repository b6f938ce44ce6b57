package email

import (
	"crypto/tls"
	"net"
)

// tlsClient wraps conn in TLS for implicit-TLS servers (port 993/465).
func tlsClient(conn net.Conn, cfg *tls.Config) net.Conn { return tls.Client(conn, cfg) }
