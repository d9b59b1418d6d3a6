//go:build unix

package source

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestDiscoverDirectory(t *testing.T) {
	page := articleHTML("A")
	root := writeFiles(t, map[string][]byte{
		"a.html":        page,
		"b/c.html.gz":   gzipBytes(t, page),
		"b/d.txt":       []byte("A scraped text.\n\nWith paragraphs."),
		"b/e/f.htm":     page,
		"b/notes.json":  []byte(`{"not": "an input"}`),
		"image.png":     []byte("\x89PNG"),
		"z/records.txt": []byte(`{"url": "https://example.org/r", "text": "a record"}` + "\n"),
	})
	if err := syscall.Mkfifo(filepath.Join(root, "b/pipe.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan []Found, 1)
	go func() { done <- discoverAll(t, root, testOptions()) }()
	var found []Found
	select {
	case found = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Discover blocked (on the FIFO?)")
	}
	var got []string
	for _, f := range found {
		if f.Page == nil {
			t.Fatalf("directory gave a Target: %+v", f.Target)
		}
		if f.Page.Err != nil {
			t.Errorf("%s: %v", f.Page.Source, f.Page.Err)
		}
		rel, _ := filepath.Rel(root, f.Page.Source)
		got = append(got, rel)
	}
	want := "a.html b/c.html.gz b/d.txt b/e/f.htm z/records.txt:1"
	if strings.Join(got, " ") != want {
		t.Errorf("found %v, want %s (sorted; the FIFO, .json and .png skipped)", got, want)
	}
}

func TestDiscoverFIFOGivenByName(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	found := discoverAll(t, p, testOptions())
	if len(found) != 1 || !errors.Is(found[0].Page.Err, ErrNotRegular) || !strings.Contains(found[0].Page.Err.Error(), "named pipe") {
		t.Fatalf("FIFO input: %+v, want one Page with ErrNotRegular", found)
	}
}
