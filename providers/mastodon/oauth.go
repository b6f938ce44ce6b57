package mastodon

import (
	"context"
	"errors"
	"net/http"
)

// OOBRedirect is the out-of-band redirect URI: the server shows the
// authorization code to the user, who pastes it into the terminal.
const OOBRedirect = "urn:ietf:wg:oauth:2.0:oob"

// DefaultScopes are the OAuth scopes cmdeck asks for.
var DefaultScopes = []string{"read", "write", "follow"}

// App is an OAuth application registered on a server.
type App struct {
	ClientID     string
	ClientSecret string
}

// RegisterApp registers cmdeck as an application on server (POST /api/v1/apps).
// TODO(helper): implement.
func RegisterApp(ctx context.Context, hc *http.Client, server, name string, scopes []string) (App, error) {
	return App{}, errors.New("not implemented")
}

// AuthorizeURL is the page where the user approves the app and gets a code.
// TODO(helper): implement.
func AuthorizeURL(server string, app App, scopes []string) string { return "" }

// ExchangeCode trades the code the user pasted for an access token
// (POST /oauth/token, grant_type=authorization_code).
// TODO(helper): implement.
func ExchangeCode(ctx context.Context, hc *http.Client, server string, app App, code string, scopes []string) (string, error) {
	return "", errors.New("not implemented")
}
