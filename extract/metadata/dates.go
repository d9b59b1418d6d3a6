package metadata

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates come in many shapes: ISO 8601 with and without zone, RFC 1123 from
// HTTP-minded CMSes, "March 11, 2015 3:46 PM EST" in visible datelines,
// "24.07.2015" in German pages, "7 janvier 2025" in French ones. normalizeDate
// turns any of them into ISO 8601: "2006-01-02", "2006-01-02T15:04:05", or
// "2006-01-02T15:04:05-07:00" when the page gives a zone. The regexps here
// run only on the few candidate strings a page yields, never per node.

var (
	// isoDate is ISO 8601 / RFC 3339 and its common looser forms
	// ("2017-11-03 03:01:00.000000", "2021-11-01T10:52:50+0100", "2015/07/24").
	// A 12-hour clock after the time ("2023-04-28 03:48:00 PM") is read:
	// without it, 15:48 came out as 03:48.
	isoDate = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:\s*([AaPp])\.?[Mm]\b\.?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?\b`)
	// compactDate is "20150724" as some meta tags carry it.
	compactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$`)
	// clockTime is a time of day inside free text, with an optional zone after it.
	clockTime = regexp.MustCompile(`(?i)\b(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(?:([ap])\.?m\b\.?)?\s*(Z\b|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}\b)?`)
	// numericDate is a day, month and year in digits: "24.07.2015", "7/24/2015", "2015.07.24".
	numericDate   = regexp.MustCompile(`\b(\d{1,4})([./-])(\d{1,2})[./-](\d{2,4})\b`)
	wordOrNumber  = regexp.MustCompile(`\p{L}+\.?|\d+`)
	fourDigitYear = regexp.MustCompile(`^(19|20)\d\d$`)
	// urlDatePath is a date as folders of a story's address: "/2025/12/18/".
	urlDatePath = regexp.MustCompile(`/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/`)
)

// monthNames maps lower-case month names and abbreviations in the languages
// the datasets and our users' pages use to the month number. Abbreviations
// are listed where they differ from the full name's first letters.
var monthNames = func() map[string]time.Month {
	table := map[time.Month][]string{
		time.January:   {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen", "januari", "styczeń", "stycznia"},
		time.February:  {"february", "feb", "februar", "février", "févr", "fevrier", "febrero", "fevereiro", "fev", "febbraio", "februari", "luty", "lutego"},
		time.March:     {"march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marzec", "marca", "mrz"},
		time.April:     {"april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia"},
		time.May:       {"may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj", "maja"},
		time.June:      {"june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "czerwiec", "czerwca"},
		time.July:      {"july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "lipiec", "lipca"},
		time.August:    {"august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpień", "sierpnia"},
		time.September: {"september", "sep", "sept", "septembre", "septiembre", "setembro", "set", "settembre", "wrzesień", "września"},
		time.October:   {"october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott", "październik", "października"},
		time.November:  {"november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada"},
		time.December:  {"december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic", "dezembro", "dicembre", "grudzień", "grudnia"},
	}
	m := make(map[string]time.Month)
	for month, names := range table {
		for _, n := range names {
			m[n] = month
		}
	}
	return m
}()

// zoneOffsets maps the zone abbreviations that news pages print to their
// offset in minutes. Ambiguous ones (IST, CST in Asia) take the reading most
// common on English-language news sites.
var zoneOffsets = map[string]int{
	"Z": 0, "UTC": 0, "GMT": 0, "UT": 0,
	"EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
	"PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
	"BST": 60, "WET": 0, "WEST": 60, "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120,
	"EET": 120, "EEST": 180, "MSK": 180, "IST": 330, "PKT": 300, "JST": 540, "KST": 540,
	"HKT": 480, "SGT": 480, "AWST": 480, "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
}

// dateParts is a date as read, before formatting.
type dateParts struct {
	year, month, day     int
	hour, minute, second int
	hasTime              bool
	zone                 *int // minutes east of UTC, nil when the page gives none
}

func (d dateParts) valid() bool {
	if d.year < 1900 || d.year > 2100 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 {
		return false
	}
	if d.day > daysIn(time.Month(d.month), d.year) {
		return false
	}
	return d.hour >= 0 && d.hour < 24 && d.minute >= 0 && d.minute < 60 && d.second >= 0 && d.second < 61
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (d dateParts) String() string {
	s := fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	if !d.hasTime {
		return s
	}
	s += fmt.Sprintf("T%02d:%02d:%02d", d.hour, d.minute, d.second)
	if d.zone != nil {
		z := *d.zone
		if z == 0 {
			return s + "Z"
		}
		sign := '+'
		if z < 0 {
			sign, z = '-', -z
		}
		s += fmt.Sprintf("%c%02d:%02d", sign, z/60, z%60)
	}
	return s
}

// normalizeDate reads s as a date and returns it in ISO 8601, or "" when s
// holds no date.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return ""
	}
	for _, re := range []*regexp.Regexp{isoDate, compactDate} {
		if d, ok := parseFields(re, s); ok {
			return d.String()
		}
	}
	if t, err := time.Parse(time.RFC1123Z, s); err == nil {
		return t.Format(time.RFC3339)
	}
	if d, ok := parseText(s); ok {
		return d.String()
	}
	return ""
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// parseFields reads a date whose fields stand in fixed groups of re: year,
// month and day, then optionally hour, minute, second, a.m. or p.m., and
// zone. isoDate and compactDate both have that layout (compactDate has no
// clock or zone group).
func parseFields(re *regexp.Regexp, s string) (dateParts, bool) {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return dateParts{}, false
	}
	group := func(i int) string {
		if i < len(m) {
			return m[i]
		}
		return ""
	}
	d := dateParts{year: atoi(m[1]), month: atoi(m[2]), day: atoi(m[3])}
	if group(4) != "" {
		d.hasTime = true
		d.hour, d.minute = atoi(group(4)), atoi(group(5))
		if group(6) != "" {
			d.second = atoi(group(6))
		}
		if ampm := strings.ToLower(group(7)); ampm != "" && d.hour >= 1 && d.hour <= 12 {
			d.hour %= 12
			if ampm == "p" {
				d.hour += 12
			}
		}
		d.zone = parseZone(group(8))
	}
	return d, d.valid()
}

// parseZone reads "Z", "+01:00", "+0100", "+01", "GMT+2", or an abbreviation.
func parseZone(z string) *int {
	z = strings.TrimSpace(z)
	if z == "" {
		return nil
	}
	upper := strings.ToUpper(z)
	if off, ok := zoneOffsets[upper]; ok {
		return &off
	}
	for _, prefix := range []string{"UTC", "GMT"} {
		upper = strings.TrimPrefix(upper, prefix)
	}
	if len(upper) < 2 || (upper[0] != '+' && upper[0] != '-') {
		return nil
	}
	digits := strings.ReplaceAll(upper[1:], ":", "")
	var h, m int
	switch len(digits) {
	case 1, 2:
		h = atoi(digits)
	case 4:
		h, m = atoi(digits[:2]), atoi(digits[2:])
	default:
		return nil
	}
	if h < 0 || h > 14 || m < 0 || m > 59 {
		return nil
	}
	off := h*60 + m
	if upper[0] == '-' {
		off = -off
	}
	return &off
}

// parseText reads dates written for people: a time of day anywhere, then
// either a numeric day-month-year or a month name with a day and a year.
func parseText(s string) (dateParts, bool) {
	var d dateParts
	rest := s
	if loc := clockTime.FindStringSubmatchIndex(s); loc != nil {
		m := func(i int) string {
			if loc[2*i] < 0 {
				return ""
			}
			return s[loc[2*i]:loc[2*i+1]]
		}
		h, minute := atoi(m(1)), atoi(m(2))
		if ampm := strings.ToLower(m(4)); ampm != "" {
			if h == 12 {
				h = 0
			}
			if ampm == "p" {
				h += 12
			}
		}
		if h >= 0 && h < 24 && minute >= 0 && minute < 60 {
			d.hasTime, d.hour, d.minute = true, h, minute
			if m(3) != "" {
				d.second = atoi(m(3))
			}
			d.zone = parseZone(m(5))
			rest = s[:loc[0]] + " " + s[loc[1]:]
		}
	}
	if m := numericDate.FindStringSubmatch(rest); m != nil {
		a, sep, b, c := atoi(m[1]), m[2], atoi(m[3]), atoi(m[4])
		switch {
		case len(m[1]) == 4: // 2015.07.24
			d.year, d.month, d.day = a, b, c
		case sep == "/" && a <= 12 && b > 12: // 7/24/2015, the US order
			d.month, d.day, d.year = a, b, c
		case sep == "/" && a <= 12 && b <= 12:
			// Ambiguous: slashes are mostly American, so month first.
			d.month, d.day, d.year = a, b, c
		default: // 24.07.2015, 24-07-2015, 24/07/2015
			d.day, d.month, d.year = a, b, c
		}
		if d.year < 100 {
			d.year += 2000
		}
		if d.valid() {
			return d, true
		}
		d.year, d.month, d.day = 0, 0, 0
	}
	// Month names: find a month word, then the day and year around it.
	tokens := wordOrNumber.FindAllString(rest, 24)
	for i, tok := range tokens {
		month, ok := monthNames[strings.TrimSuffix(strings.ToLower(tok), ".")]
		if !ok {
			continue
		}
		day, year := 0, 0
		for j := max(0, i-3); j < min(len(tokens), i+4); j++ {
			t := tokens[j]
			if t[0] < '0' || t[0] > '9' {
				continue
			}
			switch {
			case fourDigitYear.MatchString(t) && year == 0:
				year = atoi(t)
			case len(t) <= 2 && day == 0:
				day = atoi(t)
			}
		}
		if year == 0 || day == 0 {
			continue
		}
		d.year, d.month, d.day = year, int(month), day
		if d.valid() {
			return d, true
		}
	}
	return dateParts{}, false
}
