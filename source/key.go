package source

import (
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/idna"
)

// Key is the canonical key of a URL in the store: the same article reached
// by different addresses gets one key. It is still a valid URL, but an
// identity, not an address to fetch (http becomes https, tracking
// parameters and AMP forms are gone).
//
// The rules:
//   - scheme: http and https are one (https); other schemes are kept;
//   - host: lower case, IDNA (punycode) form, no trailing dot, no "www." or
//     "amp." prefix; a Google AMP cache address becomes its origin's;
//   - port: the default port of the scheme is dropped;
//   - user name and password, fragment: dropped;
//   - path: "" is "/", dot segments resolved, percent-escapes of unreserved
//     characters decoded and the others upper-cased, a trailing slash
//     dropped (except the root), AMP forms (/amp, /amp/…, .amp.html,
//     .amp) turned into the page's;
//   - query: tracking parameters (trackingParams) dropped, the rest sorted by
//     name, an empty query dropped.
//
// A string that is not an absolute URL is returned trimmed, as given.
func Key(rawURL string) string {
	raw := strings.TrimSpace(rawURL)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return raw
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme == "http" {
		scheme = "https"
	}
	host, port := u.Hostname(), u.Port()
	host = strings.TrimRight(strings.ToLower(host), ".")
	if host == "" {
		return raw
	}
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		host = a
	}
	path := u.EscapedPath()
	if cacheHost, cachePath, ok := ampCacheOrigin(host, path); ok {
		host, path, port = cacheHost, cachePath, ""
	}
	for _, prefix := range []string{"www.", "amp."} {
		if strings.HasPrefix(host, prefix) && strings.Count(host, ".") >= 2 {
			host = host[len(prefix):]
		}
	}
	if scheme == "https" && (port == "443" || port == "80") {
		port = "" // the default port of https, or of http before it became https
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}

	path = normalizePath(normalizeEscapes(path))

	query := cleanQuery(u.RawQuery)
	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(path)
	if query != "" {
		b.WriteByte('?')
		b.WriteString(query)
	}
	return b.String()
}

// normalizePath resolves dot segments, AMP forms and a trailing slash, to
// a fixed point: one rule can uncover another ("/a/amp/b/.." → "/a/amp/"
// → "/a/amp" → "/a"). Every step shortens the path, so the loop ends.
func normalizePath(p string) string {
	for {
		q := resolveDots(p)
		q = stripAMPPath(q)
		if len(q) > 1 {
			q = strings.TrimRight(q, "/")
		}
		if q == "" {
			q = "/"
		}
		if q == p {
			return q
		}
		p = q
	}
}

// trackingParam is a query parameter that says who sent the reader, not
// which page it is; dropping it merges the addresses of one article.
type trackingParam struct {
	name   string // lower case
	prefix bool   // the name is a prefix (utm_ → utm_source, utm_medium, …)
	why    string
}

var trackingParams = []trackingParam{
	{"utm_", true, "Google Analytics campaign tags (utm_source, utm_medium, utm_campaign, utm_term, utm_content)"},
	{"fbclid", false, "Facebook click identifier added to outbound links"},
	{"gclid", false, "Google Ads click identifier"},
	{"gclsrc", false, "Google Ads click source"},
	{"dclid", false, "Google Display (DoubleClick) click identifier"},
	{"gbraid", false, "Google Ads app-to-web click identifier"},
	{"wbraid", false, "Google Ads web-to-app click identifier"},
	{"_ga", false, "Google Analytics cross-domain client id"},
	{"_gl", false, "Google Analytics cross-domain linker"},
	{"msclkid", false, "Microsoft Advertising click identifier"},
	{"yclid", false, "Yandex Direct click identifier"},
	{"twclid", false, "Twitter/X ads click identifier"},
	{"ttclid", false, "TikTok ads click identifier"},
	{"li_fat_id", false, "LinkedIn ads member identifier"},
	{"igshid", false, "Instagram share identifier"},
	{"igsh", false, "Instagram share identifier (newer form)"},
	{"mc_cid", false, "Mailchimp campaign id"},
	{"mc_eid", false, "Mailchimp subscriber id"},
	{"mkt_tok", false, "Marketo email tracking token"},
	{"_hsenc", false, "HubSpot email tracking"},
	{"_hsmi", false, "HubSpot email tracking"},
	{"__hstc", false, "HubSpot visitor cookie in links"},
	{"__hssc", false, "HubSpot session cookie in links"},
	{"__hsfp", false, "HubSpot fingerprint in links"},
	{"hsctatracking", false, "HubSpot call-to-action tracking"},
	{"oly_anon_id", false, "Omeda newsletter reader id"},
	{"oly_enc_id", false, "Omeda newsletter reader id"},
	{"vero_id", false, "Vero email tracking"},
	{"vero_conv", false, "Vero email conversion tracking"},
	{"rb_clickid", false, "Rakuten/Rebrandly click id"},
	{"s_cid", false, "Adobe Analytics campaign id"},
	{"s_kwcid", false, "Adobe Analytics keyword campaign id"},
	{"wt.mc_id", false, "Webtrends campaign id"},
	{"wt_mc", false, "Webtrends campaign id, underscore form"},
	{"xtor", false, "AT Internet (Xiti) campaign tag, common on French news sites"},
	{"ocid", false, "Microsoft/MSN syndication campaign id"},
	{"ncid", false, "syndication campaign id (Yahoo, Verizon Media)"},
	{"cmpid", false, "campaign id used by news sites (FT, Axel Springer)"},
	{"cmp", false, "campaign tag (The Guardian's CMP=share_btn_tw)"},
	{"ns_campaign", false, "comScore campaign tag (BBC)"},
	{"ns_mchannel", false, "comScore channel tag (BBC)"},
	{"ns_source", false, "comScore source tag (BBC)"},
	{"ns_linkname", false, "comScore link tag (BBC)"},
	{"ns_fee", false, "comScore fee tag (BBC)"},
	{"at_medium", false, "AT Internet medium tag (BBC)"},
	{"at_campaign", false, "AT Internet campaign tag (BBC)"},
	{"smid", false, "New York Times share medium id"},
	{"smtyp", false, "New York Times share type"},
	{"sr_share", false, "Sailthru share tag"},
	{"ref_src", false, "Twitter embed referral source"},
	{"ref_url", false, "Twitter embed referral page"},
	{"__twitter_impression", false, "Twitter impression flag on shared links"},
	{"spm", false, "Alibaba/UC super position model click tag"},
	{"guccounter", false, "Yahoo consent redirect counter"},
	{"guce_referrer", false, "Yahoo consent redirect referrer"},
	{"guce_referrer_sig", false, "Yahoo consent redirect signature"},
	{"amp", false, "AMP variant switch (?amp, ?amp=1): the same article"},
	{"amp_js_v", false, "AMP viewer version parameter"},
	{"amp_gsa", false, "AMP viewer parameter from Google Search App"},
	{"usqp", false, "AMP viewer parameter (Google)"},
	{"outputtype", false, "outputType=amp selects the AMP variant of an article"},
}

func isTracking(name string) bool {
	name = strings.ToLower(name)
	for _, p := range trackingParams {
		if p.prefix && strings.HasPrefix(name, p.name) || name == p.name {
			return true
		}
	}
	return false
}

// cleanQuery drops tracking parameters and sorts the rest by name (keeping
// the order of repeated names), re-escaped canonically.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct {
		k, v  string
		equal bool // "a=" rather than "a"
	}
	var kept []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, equal := strings.Cut(part, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			dk, dv = k, v
		}
		if isTracking(dk) {
			continue
		}
		kept = append(kept, pair{dk, dv, equal})
	}
	slices.SortStableFunc(kept, func(a, b pair) int { return strings.Compare(a.k, b.k) })
	var b strings.Builder
	for i, p := range kept {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.k))
		if p.equal {
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(p.v))
		}
	}
	return b.String()
}

// ampCacheOrigin maps a Google AMP cache address
// (https://example-com.cdn.ampproject.org/c/s/example.com/a.html) to its
// origin's host and path.
func ampCacheOrigin(host, path string) (string, string, bool) {
	if !strings.HasSuffix(host, ".cdn.ampproject.org") && host != "cdn.ampproject.org" {
		return "", "", false
	}
	rest, ok := strings.CutPrefix(path, "/")
	if !ok {
		return "", "", false
	}
	// /c/ (HTML), /v/ (viewer), /i/ (image); then an optional s/ for https.
	for _, kind := range []string{"c/", "v/"} {
		if r, ok := strings.CutPrefix(rest, kind); ok {
			r = strings.TrimPrefix(r, "s/")
			h, p, _ := strings.Cut(r, "/")
			if !strings.Contains(h, ".") { // not a host name

				return "", "", false
			}
			return strings.ToLower(h), "/" + p, true
		}
	}
	return "", "", false
}

// stripAMPPath turns the AMP forms of an article's path into the article's:
// /a/b/amp, /a/b/amp/, /amp/a/b, /a/b.amp.html, /a/b.amp.
func stripAMPPath(p string) string {
	switch {
	case strings.HasSuffix(p, "/amp"):
		p = strings.TrimSuffix(p, "amp")
	case strings.HasSuffix(p, "/amp/"):
		p = strings.TrimSuffix(p, "amp/")
	case strings.HasSuffix(p, ".amp.html"):
		p = strings.TrimSuffix(p, ".amp.html") + ".html"
	case strings.HasSuffix(p, ".amp.htm"):
		p = strings.TrimSuffix(p, ".amp.htm") + ".htm"
	case strings.HasSuffix(p, ".amp"):
		p = strings.TrimSuffix(p, ".amp")
	}
	if r, ok := strings.CutPrefix(p, "/amp/"); ok && r != "" {
		p = "/" + r
	}
	if p == "" {
		p = "/"
	}
	return p
}

// resolveDots removes . and .. segments (RFC 3986 section 5.2.4), keeping a
// trailing slash.
func resolveDots(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	var out []string
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// normalizeEscapes decodes percent-escapes of unreserved characters
// (RFC 3986 section 6.2.2.2) and upper-cases the hex digits of the others.
func normalizeEscapes(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]) {
			v := unhex(p[i+1])<<4 | unhex(p[i+2])
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				b.WriteByte('%')
				b.WriteString(strings.ToUpper(p[i+1 : i+3]))
			}
			i += 2
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
