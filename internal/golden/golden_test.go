package golden

import "testing"

func TestFirstDifferentLine(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"x\ny\n", "x\nz\n", 2},
		{"same", "same", 1},
		{"a\nb\nc", "a\nb\n", 3},
		{"", "x", 1},
	}
	for _, tt := range tests {
		if got := firstDifferentLine([]byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("firstDifferentLine(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
