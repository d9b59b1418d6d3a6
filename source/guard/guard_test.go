package guard

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr    string
		refused bool
	}{
		{"127.0.0.1", true},
		{"127.1.2.3", true},
		{"10.0.0.1", true},
		{"172.16.0.1", true},
		{"172.31.255.255", true},
		{"172.32.0.1", false},
		{"192.168.1.1", true},
		{"169.254.169.254", true}, // cloud metadata
		{"100.64.0.1", true},      // CGNAT
		{"100.127.255.255", true},
		{"100.128.0.1", false},
		{"0.0.0.0", true},
		{"224.0.0.1", true},
		{"239.255.255.250", true},
		{"255.255.255.255", true},
		{"8.8.8.8", false},
		{"93.184.216.34", false},
		{"::", true},
		{"::1", true},
		{"fc00::1", true},
		{"fd12:3456::1", true},
		{"fe80::1", true},
		{"fe80::1%eth0", true},
		{"ff02::1", true},
		{"::ffff:127.0.0.1", true},
		{"::ffff:10.1.2.3", true},
		{"::ffff:8.8.8.8", false},
		{"64:ff9b::7f00:1", true},    // NAT64 of 127.0.0.1
		{"64:ff9b::808:808", false},  // NAT64 of 8.8.8.8
		{"2002:c0a8:0101::1", true},  // 6to4 of 192.168.1.1
		{"2002:0808:0808::1", false}, // 6to4 of 8.8.8.8
		{"2606:4700:4700::1111", false},
	}
	for _, tt := range tests {
		err := CheckAddr(netip.MustParseAddr(tt.addr))
		if (err != nil) != tt.refused {
			t.Errorf("CheckAddr(%s) = %v, want refused=%v", tt.addr, err, tt.refused)
		}
		if err != nil {
			if !errors.Is(err, ErrPrivateAddress) {
				t.Errorf("CheckAddr(%s) error %v does not wrap ErrPrivateAddress", tt.addr, err)
			}
			if !strings.Contains(err.Error(), strings.Split(netip.MustParseAddr(tt.addr).Unmap().WithZone("").String(), "%")[0]) {
				t.Errorf("CheckAddr(%s) error %q does not name the address", tt.addr, err)
			}
		}
	}
	if err := CheckAddr(netip.Addr{}); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("CheckAddr(zero) = %v, want refusal", err)
	}
}

func TestCheckURL(t *testing.T) {
	tests := []struct {
		raw string
		ok  bool
	}{
		{"http://example.org/a", true},
		{"HTTPS://example.org/a", true},
		{"file:///etc/passwd", false},
		{"ftp://example.org/x", false},
		{"gopher://example.org/", false},
		{"javascript:alert(1)", false},
		{"data:text/html,hi", false},
		{"http:///nohost", false},
		{"//example.org/a", false},
		{"example.org/a", false},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.raw)
		if err != nil {
			t.Fatal(err)
		}
		err = CheckURL(u)
		if (err == nil) != tt.ok {
			t.Errorf("CheckURL(%q) = %v, want ok=%v", tt.raw, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrScheme) {
			t.Errorf("CheckURL(%q) = %v, not wrapping ErrScheme", tt.raw, err)
		}
	}
	if err := CheckURL(nil); err == nil {
		t.Error("CheckURL(nil) = nil")
	}
}

// A server on 127.0.0.1 must see no request at all from a guarded client,
// and the error must say the address and wrap the sentinel.
func TestClientRefusesLoopbackWithoutRequest(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "hello")
	}))
	defer srv.Close()

	_, err := Client(false, 5*time.Second, 5).Get(srv.URL)
	if !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("guarded GET %s: err = %v, want ErrPrivateAddress", srv.URL, err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("error %q does not name the address", err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}

	resp, err := Client(true, 5*time.Second, 5).Get(srv.URL)
	if err != nil {
		t.Fatalf("GET with allowPrivate: %v", err)
	}
	resp.Body.Close()
	if n := hits.Load(); n != 1 {
		t.Errorf("server saw %d requests with allowPrivate, want 1", n)
	}
}

// A host name that resolves to loopback is refused on the dialled address:
// "localhost" is not in any deny list by name.
func TestDialerChecksResolvedAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	_, err = Dialer(false).DialContext(context.Background(), "tcp", net.JoinHostPort("localhost", port))
	if !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("dial localhost: err = %v, want ErrPrivateAddress", err)
	}
}

// Redirects are dialled again: a redirect to a private address is refused
// even when the first hop was allowed. The first server stands for a public
// host here, reached with an unguarded dialer, and redirects to a second
// server the guard must refuse.
func TestRedirectIsCheckedAgain(t *testing.T) {
	var targetHits atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		targetHits.Add(1)
	}))
	defer target.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/secret", http.StatusFound)
	}))
	defer first.Close()

	firstAddr := first.Listener.Addr().String()
	guarded := Dialer(false)
	open := Dialer(true)
	c := Client(false, 5*time.Second, 5)
	c.Transport.(*http.Transport).DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == firstAddr {
			return open.DialContext(ctx, network, addr)
		}
		return guarded.DialContext(ctx, network, addr)
	}
	_, err := c.Get(first.URL)
	if !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("redirect to loopback: err = %v, want ErrPrivateAddress", err)
	}
	if n := targetHits.Load(); n != 0 {
		t.Errorf("redirect target saw %d requests, want 0", n)
	}
}

func TestRedirectCapAndScheme(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			http.Redirect(w, r, srv.URL+r.URL.Path+"x", http.StatusFound)
		}
	}))
	defer srv.Close()
	c := Client(true, 5*time.Second, 3)
	if _, err := c.Get(srv.URL + "/loop"); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("redirect loop: err = %v, want ErrTooManyRedirects", err)
	}
	if _, err := c.Get(srv.URL + "/file"); !errors.Is(err, ErrScheme) {
		t.Errorf("redirect to file: err = %v, want ErrScheme", err)
	}
}

// The IPv6 loopback and an IPv4-mapped loopback are refused on the dial as
// well (skipped where the machine has no IPv6 loopback).
func TestDialerRefusesIPv6Loopback(t *testing.T) {
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	for _, addr := range []string{net.JoinHostPort("::1", port), net.JoinHostPort("::ffff:127.0.0.1", port)} {
		_, err := Dialer(false).DialContext(context.Background(), "tcp", addr)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("dial %s: err = %v, want ErrPrivateAddress", addr, err)
		}
	}
}
