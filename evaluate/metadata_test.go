package evaluate

import "testing"

func TestTitleMatch(t *testing.T) {
	tests := []struct {
		got, gold     string
		strict, loose bool
	}{
		{"A  headline", "A headline", true, true},
		{"It’s here", "It's here", true, true},
		{"Mozilla", "Mozilla - Wikipedia", false, true},
		{"Story", "The Site | Story", false, true},
		{"Story", "Story - a long tail of many words that is no site name", false, false},
		{"", "Story", false, false},
		{"Other", "Story", false, false},
	}
	for _, tt := range tests {
		s, l := TitleMatch(tt.got, tt.gold)
		if s != tt.strict || l != tt.loose {
			t.Errorf("TitleMatch(%q, %q) = %v %v, want %v %v", tt.got, tt.gold, s, l, tt.strict, tt.loose)
		}
	}
}

func TestBylineMatch(t *testing.T) {
	tests := []struct {
		got, gold     string
		strict, loose bool
	}{
		{"", "", true, true},
		{"Jane Doe", "By Jane Doe", true, true},
		{"Jane Doe, John Roe", "Jane Doe and John Roe", true, true},
		{"Brenda Goodman", "By Brenda Goodman, MA WebMD Health News", false, true},
		{"Jane Doe", "", false, false},
		{"", "Jane Doe", false, false},
		{"Jane Doe, Max Mustermann", "Jane Doe", false, false},
	}
	for _, tt := range tests {
		s, l := BylineMatch(tt.got, tt.gold)
		if s != tt.strict || l != tt.loose {
			t.Errorf("BylineMatch(%q, %q) = %v %v, want %v %v", tt.got, tt.gold, s, l, tt.strict, tt.loose)
		}
	}
}

func TestDateMatch(t *testing.T) {
	tests := []struct {
		got, gold string
		want      bool
	}{
		{"2019-11-20T11:28:00+04:00", "2019-11-20T07:28:00Z", true},
		{"2019-11-20T11:28:00+04:00", "2019-11-20T11:28:00Z", false},
		{"2015-03-27T13:07:55Z", "2015-03-27T13:07:55.096Z", true},
		{"2019-11-20T11:28:00", "2019-11-20T09:00:00Z", true}, // no zone: the day decides
		{"2019-11-20", "2019-11-20T23:00:00-05:00", true},
		{"2019-11-21", "2019-11-20", false},
		{"", "2019-11-20", false},
		{"Nov 20", "Nov 20", true},
		{"2020-05-06T00:00:00Z", "2020-05-06T15:30:00-04:00", true}, // a day, written as midnight UTC
		{"2020-05-06T00:00:00+02:00", "2020-05-06T12:00:00Z", false},
		{"not a date", "2020-05-06", false},
	}
	for _, tt := range tests {
		if got := DateMatch(tt.got, tt.gold); got != tt.want {
			t.Errorf("DateMatch(%q, %q) = %v, want %v", tt.got, tt.gold, got, tt.want)
		}
	}
}
