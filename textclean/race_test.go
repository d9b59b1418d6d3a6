//go:build race

package textclean

// raceDetector is true in a -race build, whose instrumentation allocates
// beside the code under test and makes allocation counts meaningless.
const raceDetector = true
