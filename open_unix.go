//go:build unix

package lede

import (
	"fmt"
	"os"
	"syscall"
)

// openRegular opens path for reading when it is a regular file. It opens
// with O_NONBLOCK, so that a FIFO without a writer cannot hold the open for
// ever, then checks what it opened (not what a Stat before saw, which a
// swap could change).
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, fileKind(info.Mode()))
	}
	// Back to blocking reads, which a regular file never waits on anyway.
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}
