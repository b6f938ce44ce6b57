package mastodon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"cmdeck/providers"
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

// RegisterApp registers cmdeck as an application on server (POST
// /api/v1/apps) with the out-of-band redirect; name defaults to "cmdeck",
// scopes to DefaultScopes.
func RegisterApp(ctx context.Context, hc *http.Client, server, name string, scopes []string) (App, error) {
	u, err := parseServer(server)
	if err != nil {
		return App{}, err
	}
	if name == "" {
		name = "cmdeck"
	}
	body, err := json.Marshal(map[string]string{
		"client_name":   name,
		"redirect_uris": OOBRedirect,
		"scopes":        scopeString(scopes),
	})
	if err != nil {
		return App{}, fmt.Errorf("mastodon: register app: %w", err)
	}
	var out struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	}
	r := oauthRequest{path: "/api/v1/apps", contentType: "application/json", body: body}
	if err := r.send(ctx, hc, u, &out); err != nil {
		return App{}, err
	}
	if out.ClientID == "" || out.ClientSecret == "" {
		return App{}, &providers.PermanentError{Err: errors.New("mastodon: register app: the server returned no client id or secret")}
	}
	return App{ClientID: out.ClientID, ClientSecret: out.ClientSecret}, nil
}

// AuthorizeURL is the page where the user approves the app and gets a code
// (GET /oauth/authorize). It is "" when server is not a valid server URL.
func AuthorizeURL(server string, app App, scopes []string) string {
	u, err := parseServer(server)
	if err != nil {
		return ""
	}
	u.Path += "/oauth/authorize"
	u.RawQuery = url.Values{
		"response_type": {"code"},
		"client_id":     {app.ClientID},
		"redirect_uri":  {OOBRedirect},
		"scope":         {scopeString(scopes)},
	}.Encode()
	return u.String()
}

// ExchangeCode trades the code the user pasted for an access token
// (POST /oauth/token, grant_type=authorization_code). A refused code or
// app is ErrAuth. Errors never hold the client secret or the code.
func ExchangeCode(ctx context.Context, hc *http.Client, server string, app App, code string, scopes []string) (string, error) {
	u, err := parseServer(server)
	if err != nil {
		return "", err
	}
	code = strings.TrimSpace(code)
	if code == "" {
		return "", errors.New("mastodon: no authorization code")
	}
	form := url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"client_id":     {app.ClientID},
		"client_secret": {app.ClientSecret},
		"redirect_uri":  {OOBRedirect},
		"scope":         {scopeString(scopes)},
	}
	var out struct {
		AccessToken string `json:"access_token"`
	}
	r := oauthRequest{path: "/oauth/token", contentType: "application/x-www-form-urlencoded",
		body: []byte(form.Encode()), secrets: []string{app.ClientSecret, code}, refusedIsAuth: true}
	if err := r.send(ctx, hc, u, &out); err != nil {
		return "", err
	}
	if out.AccessToken == "" {
		return "", &providers.PermanentError{Err: errors.New("mastodon: the server returned no access token")}
	}
	return out.AccessToken, nil
}

func scopeString(scopes []string) string {
	if len(scopes) == 0 {
		scopes = DefaultScopes
	}
	return strings.Join(scopes, " ")
}

// oauthRequest is one POST of the authorization flow, made before there is
// a token (so without Client).
type oauthRequest struct {
	path          string
	contentType   string
	body          []byte
	secrets       []string // redacted from every error
	refusedIsAuth bool     // a 400 or 401 means the code or app was refused
}

func (r oauthRequest) send(ctx context.Context, hc *http.Client, base *url.URL, out any) error {
	if hc == nil {
		hc = &http.Client{Timeout: requestTimeout}
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	u := *base
	u.Path += r.path
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(r.body))
	if err != nil {
		return &providers.PermanentError{Err: fmt.Errorf("mastodon: build request POST %s", r.path)}
	}
	req.Header.Set("Content-Type", r.contentType)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("mastodon: POST %s: %s", r.path, r.redact(err.Error()))
	}
	defer resp.Body.Close()
	data, err := readBody(resp.Body)
	if err != nil {
		return fmt.Errorf("mastodon: POST %s: %s", r.path, r.redact(err.Error()))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return r.failure(resp.StatusCode, data)
	}
	if err := decode(data, out); err != nil {
		return &providers.PermanentError{Err: fmt.Errorf("mastodon: POST %s: %w", r.path, err)}
	}
	return nil
}

// failure types a refused request, with the OAuth error's description.
func (r oauthRequest) failure(status int, data []byte) error {
	ae := &APIError{Status: status, Method: http.MethodPost, Path: r.path, Message: clean(oauthMessage(data), 300, r.redact)}
	if r.refusedIsAuth && (status == http.StatusBadRequest || status == http.StatusUnauthorized) {
		ae.kind = providers.ErrAuth
		ae.hint = "the code may be mistyped or expired: authorize again"
	}
	return typed(ae)
}

func (r oauthRequest) redact(s string) string {
	for _, sec := range r.secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}

// oauthMessage is an OAuth error ("invalid_grant: The provided
// authorization grant is invalid…") or an API one, raw.
func oauthMessage(data []byte) string {
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(data, &e) != nil {
		return ""
	}
	msg := e.Error
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}
