package textclean

import "testing"

func TestMarker(t *testing.T) {
	tests := []struct {
		text    string
		class   string
		ordered bool
		item    string
		ok      bool
	}{
		{"• Cars take the north bridge", "•", false, "Cars take the north bridge", true},
		{"- Buses keep their routes", "-", false, "Buses keep their routes", true},
		{"12. Reopen in 2027", "1", true, "Reopen in 2027", true},
		{"3) Repair the piers", "1", true, "Repair the piers", true},
		{"b) the second option", "a", true, "the second option", true},
		{"2019 was a dry year.", "", false, "", false},
		{"U.S. troops leave", "", false, "", false},
		{"-", "", false, "", false},
		{"•   ", "", false, "", false},
	}
	for _, tt := range tests {
		class, ordered, item, ok := marker(tt.text)
		if class != tt.class || ordered != tt.ordered || item != tt.item || ok != tt.ok {
			t.Errorf("marker(%q) = %q, %v, %q, %v; want %q, %v, %q, %v",
				tt.text, class, ordered, item, ok, tt.class, tt.ordered, tt.item, tt.ok)
		}
	}
}

func TestHeadingLevel(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"What happens next", 2},
		{"2 Methods", 2},
		{"2.1 Data", 3},
		{"2.1.3. Sources", 4},
		{"1.2.3.4.5.6.7 Deep", 6},
		{"2019 in review", 2},
	}
	for _, tt := range tests {
		if got := headingLevel(tt.text); got != tt.want {
			t.Errorf("headingLevel(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}
