package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// contentSecurityPolicy lets the page load only lede's own scripts, styles
// and fonts; pictures may come from the article's own site (that is where
// they live), never scripts, frames, plugins or a <base> of any kind.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"

// securityHeaders sets the headers every answer carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status and size of an answer for the access
// log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection underneath.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog logs one line per request and turns a panic in a handler into a
// 500 answer, logged with its stack, so one bad request never takes the
// server down.
func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("handler panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.status == 0 {
					writeError(sw, http.StatusInternalServerError, "internal error")
				}
			}
			log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"bytes", sw.bytes, "duration", time.Since(start).Round(time.Microsecond), "client", clientAddr(r))
		}()
		next.ServeHTTP(sw, r)
	})
}

// clientAddr is the address a request came from, without the port: the
// key of the rate limit.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// rateLimiter holds one token bucket per client address. Buckets idle for
// longer than idleAfter are dropped by a sweep, and the table never holds
// more than maxClients: when full, the oldest bucket goes first.
type rateLimiter struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	clients map[string]*clientBucket
}

type clientBucket struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	// idleAfter is how long a client's bucket is kept after its last
	// request; by then it has refilled, so forgetting it changes nothing.
	idleAfter = 3 * time.Minute
	// maxClients bounds the table so a flood of addresses cannot grow it
	// without end.
	maxClients = 65536
)

func newRateLimiter(perSecond float64) *rateLimiter {
	burst := int(perSecond)
	if burst < 1 {
		burst = 1
	}
	return &rateLimiter{limit: rate.Limit(perSecond), burst: burst, clients: map[string]*clientBucket{}}
}

// allow takes one token from the client's bucket.
func (l *rateLimiter) allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.clients[client]
	if !ok {
		if len(l.clients) >= maxClients {
			l.evictOldest()
		}
		b = &clientBucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.clients[client] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

func (l *rateLimiter) evictOldest() {
	var oldest string
	var when time.Time
	for k, b := range l.clients {
		if oldest == "" || b.seen.Before(when) {
			oldest, when = k, b.seen
		}
	}
	delete(l.clients, oldest)
}

// sweep drops the buckets idle since before now-idleAfter.
func (l *rateLimiter) sweep(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, b := range l.clients {
		if now.Sub(b.seen) > idleAfter {
			delete(l.clients, k)
		}
	}
}

// run sweeps the table every minute until ctx ends.
func (l *rateLimiter) run(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			l.sweep(now)
		}
	}
}

// middleware answers 429 to a client over its rate.
func (l *rateLimiter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !l.allow(clientAddr(r), time.Now()) {
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusTooManyRequests, "too many requests: the limit is %g per second", float64(l.limit))
			return
		}
		next.ServeHTTP(w, r)
	})
}
