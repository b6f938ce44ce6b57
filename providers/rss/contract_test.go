package rss

import (
	"net/http"
	"testing"

	"cmdeck/providers"
	"cmdeck/providers/providertest"
)

// failStatus is what the test server answers for each class of failure;
// a permanent failure is garbage served as a feed.
var failStatus = map[providers.ErrorClass]int{
	providers.ClassAuth:        http.StatusUnauthorized,
	providers.ClassRateLimited: http.StatusTooManyRequests,
	providers.ClassNotFound:    http.StatusNotFound,
	providers.ClassTransient:   http.StatusServiceUnavailable,
}

// The adapter passes the contract every provider passes, against a forum
// feed served with ETag and Last-Modified; the network moves on when the
// forum gets new topics.
func TestContract(t *testing.T) {
	var f *feedServer
	n := 0
	providertest.Run(t, providertest.Harness{
		New: func(t *testing.T) providers.Provider {
			f, n = newFeedServer(t), 5
			f.set("/forum.rss", rssDoc(topics(1, n)...))
			p, _ := newProvider(t, feeds(f.url("/forum.rss")))
			return p
		},
		Advance: func(*testing.T) {
			n += 2
			f.set("/forum.rss", rssDoc(topics(1, n)...))
		},
		Fail: func(t *testing.T, class providers.ErrorClass) {
			if class == providers.ClassPermanent {
				f.set("/forum.rss", "<html><body>Maintenance</body></html>")
				return
			}
			code, ok := failStatus[class]
			if !ok {
				t.Fatalf("no failure for class %q", class)
			}
			f.mu.Lock()
			f.failOnce = code
			f.mu.Unlock()
		},
	})
}
