// Package pgtest starts throwaway PostgreSQL clusters for tests: initdb into
// a fresh temporary folder as the postgres user (the server refuses to run
// as root), trust authentication, a Unix socket in that folder and no TCP
// listener at all, durability switched off (a test cluster is thrown away),
// stopped with -m immediate and removed at the end.
//
// One cluster per test binary is the fast way (initdb takes a second or
// two): start it in TestMain and give each test its own database,
//
//	func TestMain(m *testing.M) {
//		c, err := pgtest.StartCluster()
//		code := m.Run()
//		c.Stop()
//		os.Exit(code)
//	}
//	... dsn := c.NewDB(t) // skips with the reason when err != nil
//
// or, for a single test, pgtest.Start(t). Where no cluster can be started
// (not root, no runuser, no server binaries) tests skip with a message that
// says why.
package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Cluster is a running throwaway PostgreSQL server.
type Cluster struct {
	dir string // holds data/, the socket and the log
	bin string // the server binaries
	err error  // why the cluster could not start; NewDB skips with it

	mu   sync.Mutex
	next int // databases created so far, for unique names
}

// Start starts a cluster for one test and returns the DSN of a new
// database in it; the cluster stops when the test ends. It skips the test
// when no cluster can be started.
func Start(t testing.TB) string {
	t.Helper()
	c, err := StartCluster()
	if err != nil {
		t.Skipf("no throwaway PostgreSQL: %v", err)
	}
	t.Cleanup(c.Stop)
	return c.NewDB(t)
}

// StartCluster starts a cluster. On error the returned Cluster is still
// usable: NewDB skips with the error and Stop does nothing.
func StartCluster() (*Cluster, error) {
	c := &Cluster{}
	c.err = c.start()
	return c, c.err
}

// Bin returns the folder of the newest PostgreSQL server binaries
// installed, or an error saying none is.
func Bin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// Highest major version first: "15" sorts after "9" only numerically.
	sort.Slice(dirs, func(i, j int) bool { return major(dirs[i]) > major(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql-15)")
}

func major(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func (c *Cluster) start() error {
	if os.Geteuid() != 0 {
		return errors.New("needs root to run the server as the postgres user")
	}
	if _, err := exec.LookPath("runuser"); err != nil {
		return errors.New("no runuser to run the server as the postgres user")
	}
	pg, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("no postgres user: %w", err)
	}
	uid, _ := strconv.Atoi(pg.Uid)
	gid, _ := strconv.Atoi(pg.Gid)
	if c.bin, err = Bin(); err != nil {
		return err
	}
	// Our own folder under $TMPDIR rather than t.TempDir: the testing
	// package's folders are 0700 root, which postgres cannot enter.
	if c.dir, err = os.MkdirTemp("", "lede-pgtest-"); err != nil {
		return err
	}
	if err := os.Chown(c.dir, uid, gid); err != nil {
		c.remove()
		return err
	}
	data := filepath.Join(c.dir, "data")
	if out, err := c.as("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		c.remove()
		return fmt.Errorf("initdb: %v: %s", err, out)
	}
	opts := "-k " + c.dir + " -c listen_addresses='' -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
	if out, err := c.as("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(c.dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		c.remove()
		return fmt.Errorf("pg_ctl start: %v: %s %s", err, out, log)
	}
	return nil
}

// as runs one of the server binaries as the postgres user.
func (c *Cluster) as(prog string, args ...string) ([]byte, error) {
	cmd := exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(c.bin, prog)}, args...)...)
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

// DSN returns the DSN of database name in the cluster.
func (c *Cluster) DSN(name string) string {
	return "postgres://postgres@/" + name + "?host=" + c.dir + "&port=5432&sslmode=disable"
}

// NewDB creates a new, empty database for the test and returns its DSN; it
// is dropped when the test ends. It skips the test when the cluster could
// not start.
func (c *Cluster) NewDB(t testing.TB) string {
	t.Helper()
	if c == nil || c.err != nil {
		var err error = errors.New("cluster not started")
		if c != nil {
			err = c.err
		}
		t.Skipf("no throwaway PostgreSQL: %v", err)
	}
	c.mu.Lock()
	c.next++
	name := fmt.Sprintf("t%d_%s", c.next, sanitize(t.Name()))
	c.mu.Unlock()
	if out, err := c.as("createdb", "-h", c.dir, "-p", "5432", name); err != nil {
		t.Fatalf("createdb %s: %v: %s", name, err, out)
	}
	t.Cleanup(func() {
		// WITH (FORCE) ends connections a failed test left open.
		c.as("dropdb", "-h", c.dir, "-p", "5432", "--force", name)
	})
	return c.DSN(name)
}

// sanitize makes a test name a short lowercase database name.
func sanitize(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	return b.String()
}

// Stop stops the server at once (a test cluster needs no clean shutdown)
// and removes its folder.
func (c *Cluster) Stop() {
	if c == nil || c.err != nil || c.dir == "" {
		return
	}
	c.as("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	c.remove()
}

func (c *Cluster) remove() {
	if c.dir != "" {
		os.RemoveAll(c.dir)
	}
}
