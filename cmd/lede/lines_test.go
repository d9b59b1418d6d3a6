package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// linesOut runs `lede analyze --lines ARGS` and decodes its JSON Lines.
func linesOut(t *testing.T, stdin string, args ...string) (int, []lineResult, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(context.Background(), append([]string{"analyze", "--lines"}, args...), strings.NewReader(stdin), &out, &errs)
	var res []lineResult
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	for sc.Scan() {
		var r lineResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		res = append(res, r)
	}
	return code, res, errs.String()
}

func TestAnalyzeLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lines.txt")
	text := "Police detained opposition politician Andranik Tevanyan in Yerevan on Friday.\n\nRussia has deployed around 2,000 troops to the region.\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, res, errs := linesOut(t, "", "--date", "2023-09-22", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if len(res) != 3 {
		t.Fatalf("%d output lines, want one per input line (3): %+v", len(res), res)
	}
	for i, r := range res {
		if r.Line != i+1 {
			t.Errorf("output %d has line %d", i, r.Line)
		}
	}
	if len(res[0].Events) == 0 || res[0].Events[0].Type != "COERCE" || res[0].Events[0].When == nil || res[0].Events[0].When.Date != "2023-09-22" {
		t.Errorf("line 1 events %+v, want COERCE on 2023-09-22", res[0].Events)
	}
	if len(res[1].Events) != 0 || res[1].Entities == nil {
		t.Errorf("empty line 2: %+v, want empty lists", res[1])
	}
	if len(res[2].Events) == 0 || res[2].Events[0].Type != "MOBILIZE" {
		t.Errorf("line 3 events %+v, want MOBILIZE", res[2].Events)
	}
}

func TestAnalyzeLinesStdinAndFlagsAfterFile(t *testing.T) {
	code, res, errs := linesOut(t, "Iran threatened to attack Israel.", "-", "--format", "json")
	if code != exitOK || len(res) != 1 || len(res[0].Events) == 0 || res[0].Events[0].Type != "THREATEN" {
		t.Fatalf("exit %d, %+v, %s", code, res, errs)
	}
}

// TestAnalyzeLinesUnsupportedLanguage: with --lang fr nothing is guessed.
func TestAnalyzeLinesUnsupportedLanguage(t *testing.T) {
	code, res, _ := linesOut(t, "La police a arrêté un opposant.\n", "--lang", "fr", "-")
	if code != exitOK || len(res) != 1 {
		t.Fatalf("exit %d, %+v", code, res)
	}
	if len(res[0].Events)+len(res[0].Entities)+len(res[0].Quotes) != 0 || len(res[0].Warnings) == 0 || !strings.Contains(res[0].Warnings[0], "fr") {
		t.Errorf("%+v, want no analysis and a warning naming fr", res[0])
	}
}

func TestAnalyzeLinesBadCommandLine(t *testing.T) {
	for _, args := range [][]string{
		{"--date", "22/09/2023", "-"},
		{"--format", "text", "-"},
		{},
		{"a.txt", "b.txt"},
	} {
		if code, _, _ := linesOut(t, "", args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, _ := linesOut(t, "", filepath.Join(t.TempDir(), "missing.txt")); code != exitFailed {
		t.Errorf("missing file: exit %d, want %d", code, exitFailed)
	}
}

// TestAnalyzeLinesTooLong: a line beyond the cap is reported and skipped,
// the next one is still analysed.
func TestAnalyzeLinesTooLong(t *testing.T) {
	in := strings.Repeat("word ", maxLineBytes/5+10) + "\nPolice detained the activist.\n"
	code, res, _ := linesOut(t, in, "--lang", "en", "-")
	if code != exitFailed || len(res) != 2 || res[0].Error == "" || len(res[1].Events) == 0 {
		t.Fatalf("exit %d, %d results, first error %q", code, len(res), res[0].Error)
	}
}
