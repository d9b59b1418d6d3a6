// Package guard keeps lede's fetches away from addresses a page from the
// public web must never make lede reach: loopback, private networks,
// link-local, multicast, unspecified and shared (CGNAT) addresses, and their
// IPv4-mapped, NAT64 and 6to4 forms.
//
// The check runs on the address actually dialled (a net.Dialer Control
// function), not on the host name in the URL, so it holds after DNS
// resolution (a public name that resolves to 127.0.0.1) and after every
// redirect (each redirect dials again). CheckURL is the scheme allow-list
// every URL lede fetches passes first.
//
// Tests and local crawls that mean to reach 127.0.0.1 pass allowPrivate
// (the command's --allow-private); the scheme allow-list still holds.
package guard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrPrivateAddress is wrapped by every refusal of a dialled address:
// errors.Is(err, guard.ErrPrivateAddress) tells a guarded fetch from a
// network failure, through net.OpError and url.Error.
var ErrPrivateAddress = errors.New("private address refused (--allow-private lifts this)")

// ErrScheme is wrapped when a URL to fetch is not http or https.
var ErrScheme = errors.New("scheme not allowed")

// ErrTooManyRedirects is wrapped when a fetch is redirected more times than
// its client allows.
var ErrTooManyRedirects = errors.New("too many redirects")

// AddressError is the refusal of one address: which, and why.
type AddressError struct {
	Addr   netip.Addr
	Reason string // the range it falls in, e.g. "loopback"
}

func (e *AddressError) Error() string {
	return fmt.Sprintf("address %s is %s: %v", e.Addr, e.Reason, ErrPrivateAddress)
}

func (e *AddressError) Unwrap() error { return ErrPrivateAddress }

// refusedRange is one range of addresses lede does not dial, with why.
type refusedRange struct {
	prefix netip.Prefix
	reason string
}

// refusedRanges lists every range CheckAddr refuses. IPv4-mapped IPv6
// addresses are unmapped before the lookup; NAT64 and 6to4 addresses are
// checked on the IPv4 address they embed as well.
var refusedRanges = []refusedRange{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified or 'this network' (RFC 1122); Linux dials 0.0.0.0 as loopback"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private (RFC 1918)"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared address space, carrier-grade NAT (RFC 6598)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local (RFC 3927; cloud metadata services live here)"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private (RFC 1918)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignments (RFC 6890)"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private (RFC 1918)"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking networks (RFC 2544), used inside data centres"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved, and the broadcast address"},
	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{netip.MustParsePrefix("::/96"), "IPv4-compatible IPv6 (deprecated, RFC 4291)"},
	{netip.MustParsePrefix("100::/64"), "discard-only (RFC 6666)"},
	{netip.MustParsePrefix("fc00::/7"), "unique local, private (RFC 4193)"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("fec0::/10"), "site-local (deprecated, RFC 3879)"},
	{netip.MustParsePrefix("ff00::/8"), "multicast"},
}

var (
	nat64Prefix  = netip.MustParsePrefix("64:ff9b::/96")   // RFC 6052 well-known prefix
	sixToFour    = netip.MustParsePrefix("2002::/16")      // RFC 3056
	nat64Private = netip.MustParsePrefix("64:ff9b:1::/48") // RFC 8215 local-use
)

// CheckAddr says whether lede may dial ip: nil, or an *AddressError that
// wraps ErrPrivateAddress and names the range.
func CheckAddr(ip netip.Addr) error {
	if !ip.IsValid() {
		return &AddressError{Addr: ip, Reason: "not a valid address"}
	}
	ip = ip.Unmap().WithZone("")
	if r := refusedReason(ip); r != "" {
		return &AddressError{Addr: ip, Reason: r}
	}
	if ip.Is6() {
		b := ip.As16()
		var embedded netip.Addr
		switch {
		case nat64Prefix.Contains(ip):
			embedded = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
		case sixToFour.Contains(ip):
			embedded = netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
		case nat64Private.Contains(ip):
			return &AddressError{Addr: ip, Reason: "local-use NAT64 (RFC 8215)"}
		}
		if embedded.IsValid() {
			if r := refusedReason(embedded); r != "" {
				return &AddressError{Addr: ip, Reason: "a translation of " + embedded.String() + ", " + r}
			}
		}
	}
	return nil
}

func refusedReason(ip netip.Addr) string {
	for _, r := range refusedRanges {
		if r.prefix.Contains(ip) {
			return r.reason
		}
	}
	return ""
}

// control is the net.Dialer Control function: it runs after DNS, on the
// address about to be connected, for every connection attempt.
func control(network, address string, _ syscall.RawConn) error {
	if !strings.HasPrefix(network, "tcp") && !strings.HasPrefix(network, "udp") {
		return fmt.Errorf("guard: network %q not allowed: %w", network, ErrPrivateAddress)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("guard: dial address %q: %w", address, ErrPrivateAddress)
	}
	return CheckAddr(ap.Addr())
}

// Dialer returns a dialer that refuses private addresses unless
// allowPrivate is set. The refusal happens before the connection is made,
// so a refused address never sees a packet of the request.
func Dialer(allowPrivate bool) *net.Dialer {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = control
	}
	return d
}

// Transport returns an HTTP transport that dials through Dialer. It uses no
// proxy: with a proxy the address dialled would be the proxy's, and the
// guard would no longer see where the request goes.
func Transport(allowPrivate bool) *http.Transport {
	d := Dialer(allowPrivate)
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// Client returns an HTTP client over Transport with a time limit for a
// whole request (0: none beyond the caller's context) and at most
// maxRedirects redirects (0 or less: DefaultMaxRedirects), each of which
// must pass CheckURL; the dial check applies to each redirect's address.
func Client(allowPrivate bool, timeout time.Duration, maxRedirects int) *http.Client {
	if maxRedirects <= 0 {
		maxRedirects = DefaultMaxRedirects
	}
	return &http.Client{
		Transport: Transport(allowPrivate),
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("guard: stopped after %d redirects: %w", maxRedirects, ErrTooManyRedirects)
			}
			return CheckURL(req.URL)
		},
	}
}

// DefaultMaxRedirects is how many redirects Client follows when not told.
const DefaultMaxRedirects = 5

// CheckURL is the scheme allow-list of fetches: http and https with a host,
// nothing else (no file:, ftp:, gopher:, data:, javascript:). It does not
// resolve the host; the dialer checks the address.
func CheckURL(u *url.URL) error {
	if u == nil {
		return fmt.Errorf("guard: no URL: %w", ErrScheme)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return fmt.Errorf("guard: %q: only http and https are fetched: %w", u.Scheme, ErrScheme)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("guard: %q has no host: %w", u.Redacted(), ErrScheme)
	}
	return nil
}

// CheckRawURL parses raw and applies CheckURL.
func CheckRawURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("guard: %w", err)
	}
	if err := CheckURL(u); err != nil {
		return nil, err
	}
	return u, nil
}

// DialContext is Dialer(allowPrivate).DialContext, for callers that build
// their own transport (a browser proxy, a WebSocket client).
func DialContext(allowPrivate bool) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return Dialer(allowPrivate).DialContext
}
