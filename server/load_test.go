package server

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"lede/evaluate"
	"lede/internal/pgtest"
)

// The load test is off by default: it takes half a minute per engine and
// both cores. Run it with
//
//	go test ./server -run TestLoad -load 30s [-load-clients 48]
var (
	loadFor     = flag.Duration("load", 0, "run TestLoad for this long per engine (0: skip it)")
	loadClients = flag.Int("load-clients", 48, "concurrent clients of TestLoad")
)

// loadQueries are the searches the load test mixes: words, phrases,
// boolean and prefix terms, filters.
var loadQueries = []string{
	"q=government", "q=%22prime+minister%22", "q=police+OR+army", "q=elect*", "q=bridge+-ferry",
	"q=president&limit=20", "q=minister&offset=10", "q=war&lang=en", "q=company+market", "q=%22said+on+monday%22",
	"q=health&since=2015-01-01", "q=china+trade",
}

// TestLoad serves a corpus (the AEB pages when the datasets are beside the
// repository, else the fixtures) on 127.0.0.1 and drives it with many
// concurrent clients mixing search, article pages and API, and extraction,
// on SQLite and on PostgreSQL. Every answer must be 200; it reports
// requests per second and the latency percentiles.
func TestLoad(t *testing.T) {
	if *loadFor <= 0 {
		t.Skip("load test off: run with -load 30s")
	}
	inputs := []string(nil)
	if dir, ok := evaluate.Datasets(); ok {
		inputs = append(inputs, filepath.Join(dir, "aeb", "html"))
	} else {
		t.Log("datasets absent: the load corpus is the fixtures alone")
	}
	page, err := os.ReadFile("testdata/harbour-wire.html")
	if err != nil {
		t.Fatal(err)
	}
	engines := []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "load.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.Start(t) }},
	}
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			c := newCorpusWith(t, e.dsn(t), inputs)
			s, err := New(Config{Store: c})
			if err != nil {
				t.Fatal(err)
			}
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, stop := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- s.Serve(ctx, l) }()
			defer func() {
				stop()
				if err := <-done; err != nil {
					t.Errorf("Serve: %v", err)
				}
			}()
			ids := c.allIDs()
			res := drive(t, "http://"+l.Addr().String(), ids, page, *loadClients, *loadFor)
			t.Logf("%s, %d articles, %d clients for %s: %d requests, %.0f requests/s, %d errors; p50 %s, p90 %s, p99 %s, max %s",
				e.name, len(ids), *loadClients, *loadFor, res.n, res.perSecond, res.errors, res.p(0.50), res.p(0.90), res.p(0.99), res.p(1))
			for kind, ls := range res.byKind {
				t.Logf("  %-8s %6d requests, p50 %s, p99 %s", kind, len(ls), pct(ls, 0.5), pct(ls, 0.99))
			}
			if res.errors > 0 {
				t.Errorf("%d errors, first: %s", res.errors, res.firstError)
			}
		})
	}
}

// loadResult is what drive measured.
type loadResult struct {
	n          int
	errors     int
	firstError string
	perSecond  float64
	latencies  []time.Duration
	byKind     map[string][]time.Duration
}

func (r loadResult) p(q float64) time.Duration { return pct(r.latencies, q) }

// pct is the q-quantile of sorted latencies.
func pct(ls []time.Duration, q float64) time.Duration {
	if len(ls) == 0 {
		return 0
	}
	i := min(len(ls)-1, int(q*float64(len(ls))))
	return ls[i].Round(100 * time.Microsecond)
}

// drive runs clients against base for d: half searches, a third article
// reads (JSON and page), the rest extractions of page.
func drive(t *testing.T, base string, ids []int64, page []byte, clients int, d time.Duration) loadResult {
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
	}
	defer client.CloseIdleConnections()
	var (
		mu  sync.Mutex
		res = loadResult{byKind: map[string][]time.Duration{}}
		wg  sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(d)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for time.Now().Before(end) {
				kind, req := loadRequest(rng, base, ids, page)
				t0 := time.Now()
				status, err := send(client, req)
				lat := time.Since(t0)
				mu.Lock()
				res.n++
				res.latencies = append(res.latencies, lat)
				res.byKind[kind] = append(res.byKind[kind], lat)
				if err != nil || status != http.StatusOK {
					res.errors++
					if res.firstError == "" {
						res.firstError = fmt.Sprintf("%s %s: %d %v", req.Method, req.URL, status, err)
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.perSecond = float64(res.n) / time.Since(start).Seconds()
	slices.Sort(res.latencies)
	for _, ls := range res.byKind {
		sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
	}
	return res
}

// loadRequest picks the next request of a client.
func loadRequest(rng *rand.Rand, base string, ids []int64, page []byte) (string, *http.Request) {
	var req *http.Request
	var kind string
	switch x := rng.IntN(100); {
	case x < 50:
		kind = "search"
		req, _ = http.NewRequest("GET", base+"/api/search?"+loadQueries[rng.IntN(len(loadQueries))], nil)
		if x < 10 {
			kind = "search page"
			req.URL.Path = "/search"
		}
	case x < 85:
		kind = "article"
		id := ids[rng.IntN(len(ids))]
		path := fmt.Sprintf("/api/articles/%d", id)
		if x < 68 {
			kind, path = "reader", fmt.Sprintf("/articles/%d", id)
		}
		req, _ = http.NewRequest("GET", base+path, nil)
	default:
		kind = "extract"
		req, _ = http.NewRequest("POST", base+"/api/extract?url="+url.QueryEscape("https://wire.example.com/news/x"), bytes.NewReader(page))
		req.Header.Set("Content-Type", "text/html")
	}
	return kind, req
}

// send makes one request and reads the whole answer.
func send(client *http.Client, req *http.Request) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}
