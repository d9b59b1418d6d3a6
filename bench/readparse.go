package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"lede/evaluate"
)

// readParse is the floor of a whole `lede extract` process over the same
// folders: every page file `lede extract` would read in them (.html and
// .htm, gzipped or not), in the same sorted order, read, gunzipped and
// parsed with html.Parse, one at a time, nothing written. Timing this
// process and `lede extract -j 1` over the same folders with /usr/bin/time
// gives the whole-process ratio:
//
//	go build -o /tmp/bench . && /usr/bin/time -f '%e s %U user %M KB' /tmp/bench --read-parse DIR...
//	/usr/bin/time -f '%e s %U user %M KB' lede extract -j 1 --format json DIR... >/dev/null
func readParse(ctx context.Context, dirs []string) error {
	if len(dirs) == 0 {
		return fmt.Errorf("--read-parse wants one or more folders of pages")
	}
	n := 0
	for _, dir := range dirs {
		var paths []string
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := strings.TrimSuffix(strings.ToLower(d.Name()), ".gz")
			if d.Type().IsRegular() && (strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")) {
				paths = append(paths, path)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("--read-parse: %w", err)
		}
		sort.Strings(paths)
		for _, p := range paths {
			if err := ctx.Err(); err != nil {
				return err
			}
			data, err := evaluate.ReadMaybeGzip(p)
			if err != nil {
				return fmt.Errorf("--read-parse: %w", err)
			}
			if _, err := html.Parse(bytes.NewReader(data)); err != nil {
				return fmt.Errorf("--read-parse: %s: %w", p, err)
			}
			n++
		}
	}
	fmt.Printf("%d pages read, gunzipped and parsed\n", n)
	return nil
}
