package evaluate

import (
	"sync/atomic"
	"testing"
)

// TestForEach checks that every index is visited exactly once, whatever the
// count, including none and fewer items than cores.
func TestForEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]int32, n)
		var calls atomic.Int32
		ForEach(n, func(i int) {
			atomic.AddInt32(&seen[i], 1)
			calls.Add(1)
		})
		if int(calls.Load()) != n {
			t.Errorf("n=%d: %d calls", n, calls.Load())
		}
		for i, c := range seen {
			if c != 1 {
				t.Errorf("n=%d: index %d visited %d times", n, i, c)
			}
		}
	}
}
