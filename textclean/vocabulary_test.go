package textclean

import (
	"io/fs"
	"strings"
	"testing"
)

// TestRuleFiles checks the rule files as data: each opens with the comment
// saying why it exists, no section is empty, and every entry can match. An
// interface word is compared after lineKey, so an entry lineKey would change
// ("read more »") could never match anything.
func TestRuleFiles(t *testing.T) {
	names, err := fs.Glob(ruleFiles, "rules/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no rule files: %v", err)
	}
	for _, name := range names {
		raw, err := fs.ReadFile(ruleFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(raw), "# ") {
			t.Errorf("%s: does not open with a comment saying why it exists", name)
		}
		sections, err := readSections(name)
		if err != nil {
			t.Fatal(err)
		}
		for section, entries := range sections {
			if len(entries) == 0 {
				t.Errorf("%s [%s]: empty", name, section)
			}
			seen := map[string]bool{}
			for _, e := range entries {
				if seen[e] {
					t.Errorf("%s [%s]: %q twice", name, section, e)
				}
				seen[e] = true
			}
		}
	}
	iface, err := readSections("rules/interface.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, section := range []string{"related", "ui", "end"} {
		for _, e := range iface[section] {
			if lineKey(e) != e {
				t.Errorf("interface.txt [%s]: %q can never match (its key is %q)", section, e, lineKey(e))
			}
		}
	}
}

func TestVocabularyLoaded(t *testing.T) {
	v, err := loadVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]bool{
		"related cue 'read more'":      v.relatedCues["read more"],
		"interface word 'loading'":     v.uiWords["loading"],
		"end cue 'leave a comment'":    v.endCues["leave a comment"],
		"credit prefix 'photo'":        v.creditPrefix["photo"],
		"agency 'associated press'":    v.agencies["associated press"] == "AP",
		"month 'november'":             v.months["november"],
		"weekday 'mittwoch'":           v.weekdays["mittwoch"],
		"credit 'photo by' (no colon)": strings.Contains(strings.Join(v.creditByPrefix, "|"), "photo by"),
	}
	for what, ok := range checks {
		if !ok {
			t.Errorf("%s missing", what)
		}
	}
}
