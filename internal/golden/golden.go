// Package golden compares a test's output with a file under testdata/, and
// rewrites the file instead when the test runs with -update. Every golden
// test of the project goes through it, so they all answer to the same flag
// and report a difference the same way.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"
)

// update is the test binaries' -update flag. Only tests import this package,
// so the flag exists only in test binaries.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Check compares got with the file at path; with -update it writes got there.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s at line %d; if the change is intended, run go test with -update and review the diff",
			path, firstDifferentLine(got, want))
	}
}

// CheckJSON is Check on v as indented JSON with a final newline.
func CheckJSON(t testing.TB, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	Check(t, path, append(got, '\n'))
}

// firstDifferentLine is the 1-based number of the first line where a and b differ.
func firstDifferentLine(a, b []byte) int {
	line := 1
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == '\n' {
			line++
		}
	}
	return line
}
