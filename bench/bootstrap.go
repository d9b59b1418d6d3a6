package main

import (
	"math/rand/v2"
	"sort"
)

// The bootstrap behind every ± in the table: pages are drawn with
// replacement, the statistic is computed again on each draw, and the margin
// is half the width of the middle 95% of those values. A fixed seed makes
// two runs over the same outputs print the same margin.
const (
	bootstrapResamples = 1000
	bootstrapSeed      = 20240229
)

// bootstrapMargin resamples n pages and returns the half-width of the 95%
// interval of stat. stat is handed the drawn page indexes; it may reuse its
// own scratch space, since draws are made one after another.
func bootstrapMargin(n int, stat func(idx []int) float64) float64 {
	if n < 2 {
		return 0
	}
	rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(n)))
	idx := make([]int, n)
	values := make([]float64, bootstrapResamples)
	for r := range values {
		for k := range idx {
			idx[k] = rng.IntN(n)
		}
		values[r] = stat(idx)
	}
	sort.Float64s(values)
	lo := values[int(0.025*float64(bootstrapResamples))]
	hi := values[int(0.975*float64(bootstrapResamples))-1]
	return (hi - lo) / 2
}
