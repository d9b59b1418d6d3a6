// Package evaluate holds what lede's evaluations share: the metrics of the
// public extraction benchmarks, exactly as those benchmarks define them, and
// loaders for the datasets in ../shared/datasets. The bench module and the
// dataset tests of each stage both use it, so a figure quoted anywhere in the
// project is computed by one piece of code.
package evaluate

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Datasets returns the shared datasets folder, ../shared/datasets beside the
// root of the module, when it exists. A fresh clone has none, so callers
// (tests) skip with a message when ok is false.
func Datasets() (dir string, ok bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			// bench/ is a module of its own inside the main one: keep climbing
			// while the parent is a module too.
			if _, err := os.Stat(filepath.Join(filepath.Dir(d), "go.mod")); err == nil {
				continue
			}
			cand := filepath.Join(filepath.Dir(d), "shared", "datasets")
			if st, err := os.Stat(cand); err == nil && st.IsDir() {
				return cand, true
			}
			return "", false
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// isWordRune matches Python's `\w` under re.UNICODE, which the benchmarks'
// scripts use: letters, numbers and the underscore.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens splits s into its runs of word characters.
func Tokens(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// Counts are one page's true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN float64 }

// shingleSize is the AEB benchmark's n-gram length.
const shingleSize = 4

// shingles returns the multiset of 4-token shingles of s; a text of fewer
// than four tokens is a single shingle, and an empty text has none.
func shingles(s string) map[string]int {
	toks := Tokens(s)
	m := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return m
	}
	n := max(1, len(toks)-shingleSize+1)
	for i := 0; i < n; i++ {
		end := min(i+shingleSize, len(toks))
		// \x00 cannot occur inside a token, so the joined key is unambiguous.
		m[strings.Join(toks[i:end], "\x00")]++
	}
	return m
}

// Shingles compares a predicted body with the gold one as AEB does: shared,
// extra and missed shingles by count, normalised by their sum so that every
// page weighs the same.
func Shingles(pred, gold string) Counts {
	if pred == "" && gold == "" {
		return Counts{}
	}
	p, g := shingles(pred), shingles(gold)
	var c Counts
	for k, np := range p {
		ng := g[k]
		c.TP += float64(min(np, ng))
		if np > ng {
			c.FP += float64(np - ng)
		}
	}
	for k, ng := range g {
		if np := p[k]; ng > np {
			c.FN += float64(ng - np)
		}
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

// ShingleF1 aggregates pages as AEB does: precision is the mean of per-page
// precision over pages that predicted something, recall the mean of per-page
// recall over pages whose gold has something, and F1 their harmonic mean. A
// page where both texts are empty counts as perfect in both.
func ShingleF1(pages []Counts) (p, r, f1 float64) {
	var sp, sr float64
	var np, nr int
	for _, c := range pages {
		if c.TP == 0 && c.FP == 0 && c.FN == 0 {
			sp, sr, np, nr = sp+1, sr+1, np+1, nr+1
			continue
		}
		if c.TP+c.FP > 0 {
			sp += c.TP / (c.TP + c.FP)
			np++
		}
		if c.TP+c.FN > 0 {
			sr += c.TP / (c.TP + c.FN)
			nr++
		}
	}
	if np > 0 {
		p = sp / float64(np)
	}
	if nr > 0 {
		r = sr / float64(nr)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// WordF1 scores one page as WCXB and fundus-eval do: lower-cased word tokens
// as bags, precision and recall of their overlap, and F1. An empty gold
// scores 1 only for an empty prediction.
func WordF1(pred, gold string) (p, r, f1 float64) {
	pt, gt := Tokens(strings.ToLower(pred)), Tokens(strings.ToLower(gold))
	if len(gt) == 0 {
		if len(pt) == 0 {
			return 1, 1, 1
		}
		return 0, 0, 0
	}
	if len(pt) == 0 {
		return 0, 0, 0
	}
	bag := make(map[string]int, len(gt))
	for _, t := range gt {
		bag[t]++
	}
	overlap := 0
	for _, t := range pt {
		if bag[t] > 0 {
			bag[t]--
			overlap++
		}
	}
	if overlap == 0 {
		return 0, 0, 0
	}
	p = float64(overlap) / float64(len(pt))
	r = float64(overlap) / float64(len(gt))
	return p, r, 2 * p * r / (p + r)
}

// maxPageBytes bounds what ReadMaybeGzip inflates: dataset pages are a few
// MiB at most, so anything past this is a broken file, not a page.
const maxPageBytes = 64 << 20

// ReadMaybeGzip reads a file, inflating it when it is gzip.
func ReadMaybeGzip(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	// Pages inflate about 4–8×: starting the buffer there saves the
	// doubling copies io.ReadAll would make on every page of a dataset run.
	out := bytes.NewBuffer(make([]byte, 0, min(len(data)*6, maxPageBytes)+bytes.MinRead))
	if _, err := out.ReadFrom(io.LimitReader(zr, maxPageBytes+1)); err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	if out.Len() > maxPageBytes {
		return nil, fmt.Errorf("gunzip %s: larger than %d bytes", path, maxPageBytes)
	}
	return out.Bytes(), nil
}
