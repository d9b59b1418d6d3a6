package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// manyImagesPage is a short story followed by n distinct pictures, the
// shape of the hardening issue's probe (a gallery page, or a hostile one).
func manyImagesPage(n int) string {
	var b strings.Builder
	b.WriteString("<html><body><article><h1>T</h1><p>")
	b.WriteString(strings.Repeat("prose ", 80))
	b.WriteString("</p>")
	for i := range n {
		fmt.Fprintf(&b, `<img src="/i%d.jpg">`, i)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// TestPictureIndexMatchesSamePicture guards the index that replaced the scan
// over every kept picture: for each address, the index must find the first
// kept picture samePicture matches, and nothing when none does.
func TestPictureIndexMatchesSamePicture(t *testing.T) {
	links := []string{
		"http://media.example.am/issue/275/photo/339x226_thumb_photo_275221_d58e2f077.jpg",
		"http://media.example.am/issue/275/photo/275221.jpg",
		"https://example.com/wp-content/uploads/2024/05/mayor-1024x683.jpg",
		"https://example.com/wp-content/uploads/2024/05/mayor.jpg",
		"https://example.com/wp-content/uploads/2024/05/mayor-scaled.jpg",
		"https://cdn.example.com/img/600x400/mayor.jpg",
		"https://cdn.example.com/img/1200x800/mayor.jpg",
		"https://cdn.example.com/img/mayor.jpg?w=600&q=80",
		"https://example.com/img/mayor_800.jpg",
		"https://example.com/img/mayor@2x.jpg",
		"https://example.com/img/thumb_council-meeting-20240514.jpg",
		"https://example.com/img/council-meeting-20240514.jpg",
		"https://example.com/img/photo-council-meeting-20240514-a1b2c3d4.jpg",
		"https://example.com/img/IMG_1234.jpg",
		"https://example.com/img/IMG_1240.jpg",
		"https://example.com/img/photo_1.jpg",
		"https://example.com/img/photo_2.jpg",
		"https://cdn.example.com/blog/fff-282-accumulator.gif",
		"https://cdn.example.com/blog/fff-282-accumulator-comparison.png",
		"https://example.com/up/plant-aspidistra-20210214.jpg",
		"https://example.com/up/plant-aspidistra-small-20210214.jpg",
		"https://example.com/img.php?id=12",
		"https://example.com/img.php?id=13",
		"https://example.com/img/photo-image-20240514.jpg",
		"https://example.com/img/20240514.jpg",
	}
	var kept []imageIdentity
	var ix pictureIndex
	for _, link := range links {
		id := identify(link)
		want := -1
		for i, k := range kept {
			if samePicture(k, id) {
				want = i
				break
			}
		}
		if got := ix.find(id); got != want {
			t.Errorf("%s: index finds picture %d, the scan %d", link, got, want)
		}
		if want < 0 {
			ix.add(id, len(kept))
			kept = append(kept, id)
		}
	}
}

// TestManyImagesLinear guards against quadratic image de-duplication: 64,000
// distinct pictures used to take 23 s, four times 16,000 sixteen times as
// long. Four times the pictures now cost about four to five times as much
// (the garbage collector's share grows a little with the page); the bound,
// 10×, leaves room for a loaded machine and still fails a quadratic pass.
func TestManyImagesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIP in -short: extracts pages of 16,000 and 64,000 images")
	}
	timeOf := func(n int) time.Duration {
		page := manyImagesPage(n)
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			a, err := FromHTML(context.Background(), page, Options{URL: "https://example.com/"})
			if err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
			if len(a.Images) != n {
				t.Fatalf("%d images kept of %d", len(a.Images), n)
			}
		}
		return best
	}
	small, large := timeOf(16000), timeOf(64000)
	ratio := float64(large) / float64(small)
	t.Logf("16k images %v, 64k images %v: ratio %.2f", small, large, ratio)
	if ratio > 10 {
		t.Errorf("64k images took %.1f× the time of 16k (%v vs %v): de-duplication is not linear", ratio, large, small)
	}
}

// BenchmarkManyImages extracts pages of 16k, 32k and 64k distinct images and
// reports, for each size after the first, its time over the previous size's
// (growth; 2 is linear, 4 quadratic).
func BenchmarkManyImages(b *testing.B) {
	var prev float64
	for _, n := range []int{16000, 32000, 64000} {
		page := manyImagesPage(n)
		var perOp float64
		b.Run(fmt.Sprintf("images-%dk", n/1000), func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := FromHTML(context.Background(), page, Options{URL: "https://example.com/"}); err != nil {
					b.Fatal(err)
				}
			}
			perOp = float64(b.Elapsed()) / float64(b.N)
			if prev > 0 {
				b.ReportMetric(perOp/prev, "growth")
			}
		})
		prev = perOp
	}
}
