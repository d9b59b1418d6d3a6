package event

import (
	"strconv"
	"strings"
	"time"

	"lede/analyze/sentence"
	"lede/article"
)

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

func weekday(w string) bool { _, ok := weekdays[w]; return ok }

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

const isoDate = "2006-01-02"

// ParsePublished reads an article's published time (ISO 8601, with or
// without a zone or a time); the zero time when it cannot.
func ParsePublished(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", isoDate} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse(isoDate, s[:10]); err == nil {
			return t
		}
	}
	return time.Time{}
}

// when finds the first time expression of the sentence and resolves it
// against the published time: weekdays ("on Wednesday", "Wednesday and
// Thursday"), relative words ("yesterday", "last month"), years ("in
// 2020"), months and dates ("March 28", "4 October 2007").
func (t *reader) when(d *Document, s *sentence.Segment, r sentence.Range) *article.When {
	pub := d.Published
	toks := s.Tokens
	for k := r.From; k < r.To; k++ {
		w := toks[k].Lower
		wd, ok := time.Weekday(0), false
		if strings.HasSuffix(w, "day") { // every weekday does: test that before the lookup
			wd, ok = weekdays[w]
		}
		if ok {
			from, to := k, k+1
			dir := 0
			if k > r.From {
				switch toks[k-1].Lower {
				case "last":
					dir, from = -1, k-1
				case "next", "this", "coming":
					dir, from = 1, k-1
				case "on", "since", "until", "by":
					from = k - 1
				}
			}
			wd2, two := wd, false
			if to+1 < r.To && (toks[to].Lower == "and" || toks[to].Lower == "to" || toks[to].Lower == "-") {
				if x, ok := weekdays[toks[to+1].Lower]; ok {
					wd2, two, to = x, true, to+2
				}
			}
			if to < r.To {
				switch toks[to].Lower {
				case "morning", "afternoon", "evening", "night":
					to++
				}
			}
			wh := &article.When{Text: s.Slice(from, to)}
			if !pub.IsZero() {
				day := nearestWeekday(pub, wd, dir)
				if two {
					end := day
					for end.Weekday() != wd2 {
						end = end.AddDate(0, 0, 1)
					}
					wh.Start, wh.End = day.Format(isoDate), end.Format(isoDate)
				} else {
					wh.Date = day.Format(isoDate)
				}
			}
			return wh
		}
		switch w {
		case "today", "tonight", "yesterday", "tomorrow":
			wh := &article.When{Text: s.Slice(k, k+1)}
			if !pub.IsZero() {
				off := map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
				wh.Date = pub.AddDate(0, 0, off).Format(isoDate)
			}
			return wh
		case "last", "this", "next", "past":
			if k+1 < r.To {
				if wh := relativePeriod(pub, toks[k+1].Lower, w); wh != nil {
					wh.Text = s.Slice(k, k+2)
					return wh
				}
			}
		}
		// A month is capitalised: test that before the lookup.
		if toks[k].Cap {
			if m, ok := months[w]; ok && (len(w) > 3 || k+1 < r.To && toks[k+1].Lower == ".") {
				if wh := t.monthDate(s, r, k, m, pub); wh != nil {
					return wh
				}
			}
		}
		if toks[k].Kind == sentence.Number && len(w) == 4 && k > r.From {
			switch toks[k-1].Lower {
			case "in", "since", "until", "by", "during", "of":
				if y, err := strconv.Atoi(w); err == nil && y >= 1900 && y <= 2100 {
					return &article.When{Text: s.Slice(k-1, k+1), Start: strconv.Itoa(y) + "-01-01", End: strconv.Itoa(y) + "-12-31"}
				}
			}
		}
	}
	return nil
}

// nearestWeekday is the day of weekday wd nearest before (dir ≤ 0) or
// after (dir > 0) the published day; a story's "on Wednesday" is that
// day itself when published on a Wednesday.
func nearestWeekday(pub time.Time, wd time.Weekday, dir int) time.Time {
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	step := -1
	if dir > 0 {
		step = 1
		day = day.AddDate(0, 0, 1)
	} else if dir < 0 {
		day = day.AddDate(0, 0, -1)
	}
	for day.Weekday() != wd {
		day = day.AddDate(0, 0, step)
	}
	return day
}

// relativePeriod resolves "last month", "this week", "next year".
func relativePeriod(pub time.Time, unit, rel string) *article.When {
	if pub.IsZero() {
		switch unit {
		case "week", "month", "year", "weekend":
			return &article.When{}
		}
		return nil
	}
	off := map[string]int{"last": -1, "past": -1, "this": 0, "next": 1}[rel]
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	var start, end time.Time
	switch unit {
	case "week":
		start = day.AddDate(0, 0, -int((day.Weekday()+6)%7)+7*off)
		end = start.AddDate(0, 0, 6)
	case "month":
		start = time.Date(day.Year(), day.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(0, 1, -1)
	case "year":
		start = time.Date(day.Year()+off, 1, 1, 0, 0, 0, 0, time.UTC)
		end = time.Date(day.Year()+off, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		return nil
	}
	return &article.When{Start: start.Format(isoDate), End: end.Format(isoDate)}
}

// monthDate resolves "March 28", "March 28, 2023", "28 March 2023",
// "March 2023" and "in March" at the month word, token k.
func (t *reader) monthDate(s *sentence.Segment, r sentence.Range, k int, m time.Month, pub time.Time) *article.When {
	toks := s.Tokens
	num := func(i int) (int, bool) {
		if i < r.From || i >= r.To || toks[i].Kind != sentence.Number {
			return 0, false
		}
		n, err := strconv.Atoi(strings.TrimSuffix(toks[i].Lower, "th"))
		return n, err == nil
	}
	from, to := k, k+1
	if to < r.To && toks[to].Lower == "." {
		to++
	}
	day, year := 0, 0
	if n, ok := num(to); ok && n >= 1 && n <= 31 {
		day, to = n, to+1
		if to+1 < r.To && toks[to].Lower == "," {
			if y, ok := num(to + 1); ok && y > 1900 {
				year, to = y, to+2
			}
		} else if y, ok := num(to); ok && y > 1900 {
			year, to = y, to+1
		}
	} else if n, ok := num(k - 1); ok && n >= 1 && n <= 31 {
		day, from = n, k-1
		if y, ok := num(to); ok && y > 1900 {
			year, to = y, to+1
		}
	} else if y, ok := num(to); ok && y > 1900 {
		year, to = y, to+1
	}
	if day == 0 && year == 0 && !(k > r.From && (toks[k-1].Lower == "in" || toks[k-1].Lower == "since" || toks[k-1].Lower == "last")) {
		return nil // "May" alone is a modal more often than a month
	}
	if from > r.From && (toks[from-1].Lower == "on" || toks[from-1].Lower == "in") {
		from--
	}
	wh := &article.When{Text: s.Slice(from, to)}
	if year == 0 {
		if pub.IsZero() {
			return wh
		}
		year = pub.Year()
		if time.Date(year, m, max(day, 1), 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 7)) {
			year-- // news reports the past: a month after the publishing date is last year's
		}
	}
	if day > 0 {
		wh.Date = time.Date(year, m, day, 0, 0, 0, 0, time.UTC).Format(isoDate)
	} else {
		first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		wh.Start, wh.End = first.Format(isoDate), first.AddDate(0, 1, -1).Format(isoDate)
	}
	return wh
}
