package pagerun

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServe(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.html")
	if err := os.WriteFile(page, []byte("<p>Hello</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := strings.Join([]string{
		`{"id":"a","url":"https://example.test/a","path":"` + page + `"}`,
		`{"id":"missing","path":"` + filepath.Join(dir, "nope.html") + `"}`,
	}, "\n") + "\n"
	upper := func(ctx context.Context, page []byte, pageURL string) (Output, error) {
		return Output{Text: strings.ToUpper(string(page)), Title: pageURL}, nil
	}
	var out strings.Builder
	if err := Serve(context.Background(), strings.NewReader(in), &out, Timed(nil, upper), nil); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 2 results and the totals:\n%s", len(lines), out.String())
	}
	var a, missing Result
	var totals Totals
	for i, v := range []any{&a, &missing, &totals} {
		if err := json.Unmarshal([]byte(lines[i]), v); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
	}
	if a.ID != "a" || a.Output.Text != "<P>HELLO</P>" || a.Output.Title != "https://example.test/a" || a.Error != "" {
		t.Errorf("first result %+v", a)
	}
	if missing.ID != "missing" || missing.Error == "" {
		t.Errorf("a missing file must come back as an error, got %+v", missing)
	}
	if !totals.Done || totals.PeakKB <= 0 || totals.Seconds < a.Seconds {
		t.Errorf("totals %+v", totals)
	}
}

func TestPeakKB(t *testing.T) {
	if kb := SelfPeakKB(); kb <= 0 {
		t.Errorf("SelfPeakKB() = %d, want a positive size", kb)
	}
}
