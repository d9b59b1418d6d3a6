package main

// The parent side of the children (see package pagerun): start the process
// that runs one system, feed it the pages, collect its lines.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"lede/bench/pagerun"
)

// childRun is what the parent gets back from one child.
type childRun struct {
	Results []pagerun.Result // in page order; a page the child never reported has Error set
	Totals  pagerun.Totals
}

// serveSystem is the child side inside the bench binary: lede, the
// baselines and the Readability.js driver.
func serveSystem(ctx context.Context, sys System, jsDir string) error {
	if sys.Peer != "" {
		return fmt.Errorf("%s runs as its own program (peers/%s), not in the bench binary", sys.Name, sys.Peer)
	}
	if sys.InProcess != nil {
		return pagerun.Serve(ctx, os.Stdin, os.Stdout, pagerun.Timed(sys.Prepare, sys.InProcess), nil)
	}
	node, err := startNode(ctx, jsDir)
	if err != nil {
		return err
	}
	defer node.Close()
	return pagerun.Serve(ctx, os.Stdin, os.Stdout, node.run, node.Close)
}

// childCommand is the process that runs sys.
func childCommand(ctx context.Context, sys System, peerBins map[string]string, jsDir string) (*exec.Cmd, error) {
	if sys.Peer != "" {
		bin, ok := peerBins[sys.Peer]
		if !ok {
			return nil, fmt.Errorf("%s: peer program not built", sys.Name)
		}
		return exec.CommandContext(ctx, bin), nil
	}
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the bench binary: %w", err)
	}
	args := []string{"--system", sys.Name}
	if jsDir != "" {
		args = append(args, "--js", jsDir)
	}
	return exec.CommandContext(ctx, self, args...), nil
}

// buildPeers compiles the peer programs the chosen systems need into dir,
// from the bench module's source (found beside the js folder).
func buildPeers(ctx context.Context, chosen []System, dir string) (map[string]string, error) {
	bins := map[string]string{}
	for _, sys := range chosen {
		if sys.Peer == "" || bins[sys.Peer] != "" {
			continue
		}
		src, err := peerSource(sys.Peer)
		if err != nil {
			return nil, err
		}
		bin := filepath.Join(dir, sys.Peer)
		fmt.Fprintf(os.Stderr, "bench: building %s\n", src)
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
		cmd.Dir = src
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("building peers/%s: %w", sys.Peer, err)
		}
		bins[sys.Peer] = bin
	}
	return bins, nil
}

// peerSource finds peers/NAME from bench/ or from the repository root.
func peerSource(name string) (string, error) {
	for _, dir := range []string{filepath.Join("peers", name), filepath.Join("bench", "peers", name)} {
		if _, err := os.Stat(filepath.Join(dir, "main.go")); err == nil {
			return filepath.Abs(dir)
		}
	}
	return "", errors.New("peers/" + name + " not found: run the bench from bench/ or the repository root")
}

// runInChild runs one system over pages in its own process.
func runInChild(ctx context.Context, cmd *exec.Cmd, name string, pages []Page) (childRun, error) {
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return childRun{}, fmt.Errorf("%s: %w", name, err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return childRun{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := cmd.Start(); err != nil {
		return childRun{}, fmt.Errorf("%s: starting child: %w", name, err)
	}
	// Requests go in from their own goroutine so a child that answers as
	// it reads never blocks on a full pipe.
	go func() {
		enc := json.NewEncoder(stdin)
		for _, p := range pages {
			if enc.Encode(pagerun.Request{ID: p.ID, URL: p.URL, Path: p.Path}) != nil {
				break
			}
		}
		stdin.Close()
	}()
	byID := map[string]pagerun.Result{}
	var run childRun
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 256<<20) // a page's text can run to megabytes
	for sc.Scan() {
		line := sc.Bytes()
		var totals pagerun.Totals
		if json.Unmarshal(line, &totals) == nil && totals.Done {
			run.Totals = totals
			continue
		}
		var r pagerun.Result
		if err := json.Unmarshal(line, &r); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return childRun{}, fmt.Errorf("%s: reading child output: %w", name, err)
		}
		byID[r.ID] = r
		if len(byID)%100 == 0 {
			fmt.Fprintf(os.Stderr, "bench: %s: %d/%d pages\n", name, len(byID), len(pages))
		}
	}
	scanErr := sc.Err()
	waitErr := cmd.Wait()
	if scanErr != nil {
		return childRun{}, fmt.Errorf("%s: reading child output: %w", name, scanErr)
	}
	if waitErr != nil {
		return childRun{}, fmt.Errorf("%s: child failed: %w", name, waitErr)
	}
	if !run.Totals.Done {
		return childRun{}, fmt.Errorf("%s: child ended without its totals", name)
	}
	for _, p := range pages {
		r, ok := byID[p.ID]
		if !ok {
			r = pagerun.Result{ID: p.ID, Error: "no result from child"}
		}
		run.Results = append(run.Results, r)
	}
	return run, nil
}
