// Package e2e holds end-to-end tests against real servers that .ci/run
// builds and starts on 127.0.0.1 (GoToSocial for the Mastodon API). Each
// test skips, saying how to run it, when its server is not available.
package e2e
