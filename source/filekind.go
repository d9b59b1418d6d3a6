package source

import "io/fs"

// FileKind names what a file that is not a regular file is — "named pipe",
// "socket", "device", "directory", "broken symbolic link" — for the messages
// that skip or refuse it (lede reads only regular files: opening a named
// pipe would block the run).
func FileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeSymlink != 0:
		return "broken symbolic link"
	case m.IsDir():
		return "directory"
	case m.IsRegular():
		return "regular file"
	}
	return "not a regular file"
}
