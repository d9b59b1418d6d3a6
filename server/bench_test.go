package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkEndpoints measures one request of each kind, in process, on the
// fixtures' SQLite corpus: what a request costs the server itself, without
// the network.
func BenchmarkEndpoints(b *testing.B) {
	c := newCorpus(b, "")
	s, err := New(Config{Store: c})
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	wire := c.id("harbour-wire.html")
	sa, err := c.Article(b.Context(), wire)
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name, method, path, body string
	}{
		{"api-search", "GET", "/api/search?q=bridge", ""},
		{"api-article", "GET", fmt.Sprintf("/api/articles/%d", wire), ""},
		{"reader", "GET", fmt.Sprintf("/articles/%d", wire), ""},
		{"search-page", "GET", "/search?q=bridge", ""},
		{"home", "GET", "/", ""},
		{"story-page", "GET", fmt.Sprintf("/stories/%d", sa.StoryID), ""},
		{"api-quotes", "GET", "/api/quotes?speaker=Marsh", ""},
		{"extract", "POST", "/api/extract", postedPage},
		{"analyze", "POST", "/api/analyze", postedPage},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			// Wall time per request says little on a shared machine; the
			// process's CPU time per request is what a request costs.
			cpu0 := cpuTime()
			for b.Loop() {
				req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
				if tc.body != "" {
					req.Header.Set("Content-Type", "text/html")
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", tc.path, w.Code, w.Body)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
