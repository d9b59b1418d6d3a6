package main

// Scaffolding while the corpus commands are being written: each helper
// replaces its functions with a file of its own and deletes them here.

import (
	"context"
	"fmt"
	"io"
)

func notBuilt(name string) command {
	return func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
		fmt.Fprintf(stderr, "lede %s: not built yet\n", name)
		return exitUsage
	}
}

var (

)
