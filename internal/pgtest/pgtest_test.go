package pgtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStartGivesAWorkingDatabase guards the whole path: initdb as postgres,
// a socket-only server, a database per test, reachable by its DSN.
func TestStartGivesAWorkingDatabase(t *testing.T) {
	dsn := Start(t)
	if !strings.HasPrefix(dsn, "postgres://") {
		t.Fatalf("dsn %q", dsn)
	}
	bin, err := Bin()
	if err != nil {
		t.Fatal(err)
	}
	psql := filepath.Join(filepath.Dir(bin), "bin", "psql")
	if _, err := os.Stat(psql); err != nil {
		psql = "psql"
	}
	out, err := exec.Command("runuser", "-u", "postgres", "--", psql, "-d", dsn, "-Atc", "select 40+2").CombinedOutput()
	if err != nil {
		t.Fatalf("psql: %v: %s", err, out)
	}
	if strings.TrimSpace(string(out)) != "42" {
		t.Fatalf("select 40+2 gave %q", out)
	}
}

// TestSanitizeMakesDatabaseNames guards database names built from subtest
// names, which hold slashes and spaces.
func TestSanitizeMakesDatabaseNames(t *testing.T) {
	for in, want := range map[string]string{
		"TestPut/sqlite":        "testput_sqlite",
		"TestX/a b#01":          "testx_a_b_01",
		strings.Repeat("a", 60): strings.Repeat("a", 40),
	} {
		if got := sanitize(in); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
