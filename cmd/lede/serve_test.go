package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the command's goroutine and the
// test's.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeDemo runs `lede serve --demo` on a free port from the
// repository's root: it ingests the examples, prints the address, answers
// the API and the reader, and ends cleanly when its context does (as on
// SIGTERM).
func TestServeDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("serve --demo ingests and analyses the examples: skipped with -short")
	}
	t.Chdir("../..")
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0"}, nil, &stdout, &stderr) }()

	addr := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
		}
		select {
		case c := <-code:
			t.Fatalf("serve ended with %d before serving: %s", c, stderr.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("no address printed; stdout %q stderr %q", stdout.String(), stderr.String())
	}
	get := func(path string) string {
		resp, err := http.Get(base + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	if h := get("/healthz"); !strings.Contains(h, `"articles":4`) {
		t.Errorf("healthz %s, want the 2 examples and the 2 versions of the demo story", h)
	}
	if s := get("/api/search?q=amnesty"); !strings.Contains(s, "trtworld-karabakh-amnesty.txt") {
		t.Errorf("search for amnesty: %s", s)
	}
	if s := get("/api/stories"); !strings.Contains(s, "Harbour bridge") {
		t.Errorf("stories: %s, want the demo story", s)
	}
	if p := get("/"); !strings.Contains(p, "<form") {
		t.Errorf("home page without a form")
	}
	cancel()
	select {
	case c := <-code:
		if c != exitOK {
			t.Errorf("exit %d after the context ended, want 0: %s", c, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}

func TestServeFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "extra"}, "unexpected argument"},
		{[]string{"serve", "--rate", "-1"}, "--rate"},
		{[]string{"serve", "--max-bytes", "0"}, "--max-bytes"},
		{[]string{"serve", "--bogus"}, "bogus"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), tt.args, nil, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), exitUsage, tt.want)
		}
	}
}
