package evaluate

import (
	"runtime"
	"sync"
)

// ForEach calls fn(i) for every i in [0, n) on GOMAXPROCS goroutines and
// returns when all calls are done. The dataset tests decode and parse a few
// thousand pages each; spreading them over the cores is what keeps CI within
// minutes. fn must be safe to run concurrently: the usual shape is that it
// writes its result into slot i of a slice made beforehand, and the caller
// tallies the slice afterwards in order, so no locking is needed.
func ForEach(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
