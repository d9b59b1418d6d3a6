package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lede/store"
)

// storyRecords are three made-up reports: two versions of one event (the
// second rewrites a word, its attribution and drops a sentence) and an
// unrelated one.
var storyRecords = []map[string]string{
	{"url": "https://wire.example/hekla", "site_name": "Wire", "published": "2024-03-05",
		"text": "Hekla volcano erupts, ash cloud rises 12 km\n\nIceland's Hekla volcano erupted on Tuesday, sending ash 12 kilometres into the sky, the Icelandic Met Office told the agency.\n\nAuthorities closed roads near the volcano. \"We are watching the plume closely and will warn every airline flying north,\" said Kristin Jonsdottir, a volcanologist at the Met Office.\n\nFlights at Keflavik were not affected."},
	{"url": "https://paper.example/news/hekla-eruption", "site_name": "Paper", "published": "2024-03-05",
		"text": "Hekla volcano erupts, ash cloud rises 12 km\n\nIceland's Hekla volcano exploded on Tuesday, sending ash 12 kilometres into the sky, the Icelandic Met Office said.\n\nAuthorities closed roads near the volcano. \"We are watching the plume closely and will warn every airline flying north,\" said Kristin Jonsdottir, a volcanologist at the Met Office."},
	{"url": "https://bank.example/rates", "site_name": "Markets", "published": "2024-03-06",
		"text": "Chile's central bank raises rate to 11.25 percent\n\nThe central bank of Chile raised its benchmark rate to 11.25 percent on Wednesday, governor Rosanna Costa said in Santiago, citing stubborn inflation."},
}

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestStoryCommands ingests the records and drives stories, story (every
// format), quotes and restory over the store.
func TestStoryCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "corpus.db")
	var lines []string
	for _, r := range storyRecords {
		b, _ := json.Marshal(r)
		lines = append(lines, string(b))
	}
	recs := filepath.Join(dir, "records.jsonl")
	if err := os.WriteFile(recs, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd(t, "ingest", "--db", db, recs); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	if code, out, errOut := runCmd(t, "restory", "--db", db); code != exitOK || !strings.Contains(out, "3 articles in 2 stories") {
		t.Fatalf("restory: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut := runCmd(t, "stories", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("stories: exit %d: %s", code, errOut)
	}
	var st store.StoryJSON
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 1 || json.Unmarshal([]byte(out), &st) != nil {
		t.Fatalf("stories: want one story of two articles (one-article stories need --all), got:\n%s", out)
	}
	if len(st.Articles) != 2 || st.Articles[0].URL == "" || st.Title == "" {
		t.Errorf("story %+v: want two articles with their URLs and a title", st)
	}
	if _, all, _ := runCmd(t, "stories", "--db", db, "--format", "json", "--all"); strings.Count(all, "\n") != 2 {
		t.Errorf("stories --all: want two lines, got:\n%s", all)
	}
	id := strconv.FormatInt(st.ID, 10)
	code, out, errOut = runCmd(t, "story", "--db", db, "--format", "json", id)
	if code != exitOK {
		t.Fatalf("story: exit %d: %s", code, errOut)
	}
	var cmp struct {
		ID       int64 `json:"id"`
		Base     int64 `json:"base"`
		Versions []struct {
			URL     string `json:"url"`
			Changes []struct {
				Kind, From, To string
			} `json:"changes"`
		} `json:"versions"`
	}
	if err := json.Unmarshal([]byte(out), &cmp); err != nil || len(cmp.Versions) != 2 {
		t.Fatalf("story json: %v\n%s", err, out)
	}
	var kinds []string
	for _, c := range cmp.Versions[1].Changes {
		kinds = append(kinds, c.Kind+":"+c.From+"→"+c.To)
	}
	got := strings.Join(kinds, " | ")
	for _, want := range []string{"replace:erupted→exploded", "told the agency", "delete:Flights at Keflavik were not affected."} {
		if !strings.Contains(got, want) {
			t.Errorf("changes %q lack %q", got, want)
		}
	}
	for _, format := range []string{"text", "markdown", "html"} {
		if code, out, errOut := runCmd(t, "story", "--db", db, "--format", format, id); code != exitOK || !strings.Contains(out, "exploded") {
			t.Errorf("story --format %s: exit %d: %s%s", format, code, errOut, out)
		}
	}
	if code, _, _ := runCmd(t, "story", "--db", db, "999"); code != exitFailed {
		t.Errorf("story of an unknown id: exit %d, want %d", code, exitFailed)
	}
	if code, _, _ := runCmd(t, "story", "--db", db, "x"); code != exitUsage {
		t.Errorf("story x: exit %d, want %d", code, exitUsage)
	}
	code, out, errOut = runCmd(t, "quotes", "--db", db, "--format", "json", "plume")
	if code != exitOK {
		t.Fatalf("quotes: exit %d: %s", code, errOut)
	}
	var q struct {
		Outlets int    `json:"outlets"`
		Speaker string `json:"speaker"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &q); err != nil || q.Outlets != 2 {
		t.Errorf("quotes: want the plume quote carried by 2 outlets, got %s (%v)", out, err)
	}
}
