package source

import "testing"

func TestKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"scheme and host case", "HTTP://Example.ORG/News/Story.html", "https://example.org/News/Story.html"},
		{"http and https are one", "http://example.org/a", "https://example.org/a"},
		{"default port", "https://example.org:443/a", "https://example.org/a"},
		{"http default port", "http://example.org:80/a", "https://example.org/a"},
		{"other port kept", "https://example.org:8443/a", "https://example.org:8443/a"},
		{"www dropped", "https://www.example.org/a", "https://example.org/a"},
		{"www of a short name kept", "https://www.com/a", "https://www.com/a"},
		{"trailing dot of host", "https://example.org./a", "https://example.org/a"},
		{"IDN to punycode", "https://bücher.example/a", "https://xn--bcher-kva.example/a"},
		{"fragment dropped", "https://example.org/a#comments", "https://example.org/a"},
		{"user info dropped", "https://user:pw@example.org/a", "https://example.org/a"},
		{"empty path", "https://example.org", "https://example.org/"},
		{"root slash kept", "https://example.org/", "https://example.org/"},
		{"trailing slash dropped", "https://example.org/news/story/", "https://example.org/news/story"},
		{"dot segments", "https://example.org/a/./b/../c", "https://example.org/a/c"},
		{"unreserved escapes decoded", "https://example.org/%7Euser/%61", "https://example.org/~user/a"},
		{"reserved escapes upper-cased", "https://example.org/a%2fb", "https://example.org/a%2Fb"},
		{"utm params dropped", "https://example.org/a?utm_source=tw&utm_medium=social&id=3", "https://example.org/a?id=3"},
		{"click ids dropped", "https://example.org/a?fbclid=x&gclid=y&msclkid=z", "https://example.org/a"},
		{"tracking names any case", "https://example.org/a?UTM_Source=x&FBCLID=y", "https://example.org/a"},
		{"query sorted", "https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"},
		{"repeated names keep order", "https://example.org/a?t=2&t=1", "https://example.org/a?t=2&t=1"},
		{"empty query dropped", "https://example.org/a?", "https://example.org/a"},
		{"bare key kept", "https://example.org/a?print", "https://example.org/a?print"},
		{"AMP suffix", "https://example.org/news/story/amp", "https://example.org/news/story"},
		{"AMP suffix slash", "https://example.org/news/story/amp/", "https://example.org/news/story"},
		{"AMP prefix", "https://example.org/amp/news/story", "https://example.org/news/story"},
		{"AMP html", "https://example.org/news/story.amp.html", "https://example.org/news/story.html"},
		{"AMP extension", "https://example.org/news/story.amp", "https://example.org/news/story"},
		{"AMP query", "https://example.org/news/story?amp=1", "https://example.org/news/story"},
		{"AMP bare query", "https://example.org/news/story?amp", "https://example.org/news/story"},
		{"AMP outputType", "https://example.org/news/story?outputType=amp", "https://example.org/news/story"},
		{"AMP host", "https://amp.example.org/news/story", "https://example.org/news/story"},
		{"AMP cache", "https://example-org.cdn.ampproject.org/c/s/example.org/news/story.amp.html", "https://example.org/news/story.html"},
		{"not an AMP word", "https://example.org/news/camp", "https://example.org/news/camp"},
		{"IPv6 literal", "http://[2001:db8::1]:80/a", "https://[2001:db8::1]/a"},
		{"not absolute", "  /relative/path ", "/relative/path"},
		{"empty", "", ""},
		{"other scheme kept", "ftp://Example.org/a", "ftp://example.org/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.in); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Key(Key(tt.in)); again != Key(tt.in) {
				t.Errorf("Key is not idempotent on %q: %q then %q", tt.in, Key(tt.in), again)
			}
		})
	}
}

func TestTrackingParamsHaveReasons(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range trackingParams {
		if p.why == "" || p.name == "" {
			t.Errorf("tracking parameter %+v without a name or a reason", p)
		}
		if seen[p.name] {
			t.Errorf("tracking parameter %q listed twice", p.name)
		}
		seen[p.name] = true
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"https://www.example.org/a/../b/amp?utm_source=x&b=2&a=1#f", "http://[::1]:80/", "https://x.cdn.ampproject.org/c/s/", "%zz", "http://a/%7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key not idempotent: %q → %q → %q", s, k, Key(k))
		}
	})
}
