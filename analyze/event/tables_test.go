package event

import (
	"strings"
	"testing"
)

// TestTableReasons guards the rule that every curated entry says why it
// exists: a line with too few columns or an empty reason is an error.
func TestTableReasons(t *testing.T) {
	for _, c := range []struct {
		name, text string
		wantErr    string
	}{
		{"complete", "ended\tstop\tan end of relations (manual)\n", ""},
		{"comment and blank lines", "# why\n\nended\tstop\treason\n", ""},
		{"missing reason column", "ended\tstop\n", "want 3 fields"},
		{"empty reason", "ended\tstop\t \n", "reason, is empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := parseTable("t.tsv", []byte(c.text), 3, 2, func([]string) error { return nil })
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Errorf("error %v, want %q", err, c.wantErr)
			}
		})
	}
	// A generated table has no reason column.
	if err := parseTable("g.tsv", []byte("a\tb\n"), 2, -1, func([]string) error { return nil }); err != nil {
		t.Errorf("generated table: %v", err)
	}
}
