//go:build !unix

package lede

import (
	"fmt"
	"os"
)

// openRegular opens path for reading when it is a regular file, checking
// what it names first: systems without O_NONBLOCK opens have no FIFOs that
// block an open.
func openRegular(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, fileKind(info.Mode()))
	}
	return os.Open(path)
}
