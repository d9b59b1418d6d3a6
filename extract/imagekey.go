package extract

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// One picture often reaches a page under several addresses: the lead image
// from the page's metadata is a CDN crop of the picture in the body, srcset
// and responsive copies differ by a width in the path or the query, and
// http and https name the same file. imageIdentity reduces an address to what
// stays the same across those copies, so the builder keeps one image per
// picture. The rules are data: each says which copies it folds together.

// sizeQueryParams are query parameters that resize or re-encode a picture
// without changing which picture it is (?w=600&q=80). Any other parameter
// (?id=123) may name the picture and is kept.
var sizeQueryParams = []struct{ name, why string }{
	{"w", "width on imgix, WordPress Photon, Sanity, many CDNs"},
	{"h", "height, same CDNs"},
	{"width", "width spelled out"},
	{"height", "height spelled out"},
	{"resize", "WordPress Photon and Akamai resize to W,H"},
	{"fit", "Photon and imgix fitting mode"},
	{"crop", "crop mode or box"},
	{"quality", "encoder quality"},
	{"q", "encoder quality (imgix, Next.js)"},
	{"auto", "imgix format and compression negotiation"},
	{"fm", "imgix output format"},
	{"format", "output format"},
	{"dpr", "device pixel ratio copies"},
	{"ssl", "Photon https switch"},
	{"strip", "Photon metadata stripping"},
	{"itok", "Drupal image-style token, differs per style"},
	{"im", "Akamai Image Manager transformation"},
	{"impolicy", "Akamai image policy (small, large, …)"},
	{"imwidth", "Akamai width"},
	{"size", "named size (small, large, 800)"},
	{"s", "size on Gravatar-like and Blogger-like services"},
	{"v", "cache-busting version"},
	{"ver", "cache-busting version"},
}

// sizeSegmentRules match a whole directory segment that only says how big
// the copy is: /600x400/, /w_800,c_fill/, /thumbs/.
var sizeSegmentRules = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`^\d{2,5}x\d{0,5}$|^x\d{2,5}$`), "WxH or Wx directories of resizing CDNs (/600x400/, /800x/)"},
	{regexp.MustCompile(`^(?:[a-z]{1,3}_[a-z0-9.:]+,)*[wh]_\d+(?:,[a-z]{1,3}_[a-z0-9.:]+)*$`), "Cloudinary-style transformation lists (w_800,c_fill,q_auto)"},
	{regexp.MustCompile(`^(?:w|h|width|height|resize|size|s)[-_]?\d{2,5}$`), "width or height directories (/w800/, /s1600/)"},
	{regexp.MustCompile(`^(?:fit-in|smart|filters:.*|thumbs?|thumbnails?|small|medium|large|xlarge|original|originals|full|resized|crop|cropped|standard|master|mobile|desktop|tablet)$`), "named renditions and Thumbor options"},
	{regexp.MustCompile(`^\d{1,5}_\d{1,5}_\d{1,5}_\d{1,5}$`), "crop boxes in the path (x_y_w_h)"},
}

// sizeStemRules match size marks inside the file name, removed before the
// names are compared: photo-1024x683.jpg, 600x400_photo.jpg, photo@2x.jpg.
var sizeStemRules = []struct {
	re *regexp.Regexp
	// commonWidth: the mark counts only when its number is one of
	// renderWidths, so camera names such as IMG_1234 keep their number.
	commonWidth bool
	// needs: the name must hold one of these bytes for re to match (a
	// cheap test before the expression).
	needs string
	why   string
}{
	{regexp.MustCompile(`[-_.]\d{2,5}x\d{2,5}$`), false, "x", "WordPress intermediate sizes (-1024x683) and similar suffixes"},
	{regexp.MustCompile(`^\d{2,5}x\d{2,5}[-_.]`), false, "x", "size prefixes of thumbnailers (339x226_…)"},
	{regexp.MustCompile(`@\d(?:\.\d)?x$`), false, "@", "retina copies (@2x)"},
	{regexp.MustCompile(`[-_](?:scaled|rotated)$`), false, "-_", "WordPress big-image copies (-scaled, -rotated)"},
	{regexp.MustCompile(`[-_](?:w|h)?\d{3,4}w?$`), true, "-_", "width suffixes (_800, -1200w)"},
}

// renderWidths are the widths responsive images are rendered at.
var renderWidths = map[int]bool{
	100: true, 120: true, 150: true, 160: true, 180: true, 200: true, 240: true, 250: true,
	300: true, 320: true, 360: true, 400: true, 450: true, 480: true, 500: true, 540: true,
	560: true, 600: true, 640: true, 660: true, 700: true, 720: true, 750: true, 768: true,
	800: true, 900: true, 960: true, 970: true, 1000: true, 1024: true, 1080: true, 1200: true,
	1280: true, 1400: true, 1440: true, 1536: true, 1600: true, 1920: true, 2000: true, 2048: true,
}

// variantWords are file name words that name a rendition, not a picture:
// photo_thumb.jpg is a copy of photo.jpg.
var variantWords = map[string]bool{
	"thumb": true, "thumbnail": true, "thumbs": true, "small": true, "medium": true,
	"large": true, "big": true, "mobile": true, "desktop": true, "tablet": true,
	"full": true, "orig": true, "original": true, "resized": true, "crop": true,
	"cropped": true, "hd": true, "hires": true, "lowres": true, "preview": true,
	"square": true, "wide": true, "landscape": true, "portrait": true,
}

// imageIdentity is what the copies of one picture share.
type imageIdentity struct {
	dir    string   // host without www and the path's directories, size segments dropped
	words  []string // the file name's words without extension, size marks and rendition words at either end
	query  string   // query parameters that may name the picture
	marked bool     // the address carries a size mark: a rendition, not the original
	width  int      // the width the address states, or 0
}

// identify reduces an absolute image address to its identity.
func identify(link string) imageIdentity {
	u, err := url.Parse(link)
	if err != nil {
		return imageIdentity{words: []string{link}}
	}
	return identifyURL(u)
}

// identifyURL is identify for an address already parsed.
func identifyURL(u *url.URL) imageIdentity {
	var id imageIdentity
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	path := u.Path
	if strings.HasSuffix(host, ".wp.com") && strings.HasPrefix(host, "i") {
		// WordPress Photon (i0.wp.com/example.com/…) serves another host's file.
		host, path, _ = strings.Cut(strings.TrimPrefix(path, "/"), "/")
		host = strings.TrimPrefix(strings.ToLower(host), "www.")
		path = "/" + path
	}
	segments := strings.Split(strings.ToLower(path), "/")
	file := segments[len(segments)-1]
	var dir strings.Builder
	dir.WriteString(host)
	for _, seg := range segments[:len(segments)-1] {
		if seg == "" {
			continue
		}
		if isSizeSegment(seg) {
			id.marked = true
			if w := leadingNumber(seg); w > 0 {
				id.width = w
			}
			continue
		}
		dir.WriteByte('/')
		dir.WriteString(seg)
	}
	id.dir = dir.String()
	stem := file
	if dot := strings.LastIndexByte(stem, '.'); dot > 0 {
		stem = stem[:dot]
	}
	for _, rule := range sizeStemRules {
		if !rule.commonWidth && !strings.ContainsAny(stem, "0123456789") && !strings.HasSuffix(stem, "scaled") && !strings.HasSuffix(stem, "rotated") {
			continue // every other rule needs a number (cheap test before the expression)
		}
		if !strings.ContainsAny(stem, rule.needs) {
			continue // the mark's punctuation is not in the name: the expression cannot match
		}
		loc := rule.re.FindStringIndex(stem)
		if loc == nil || loc[1]-loc[0] == len(stem) {
			continue
		}
		w := 0
		if mark := stem[loc[0]:loc[1]]; mark[0] != '@' {
			w = leadingNumber(strings.TrimLeft(mark, "-_."))
		}
		if rule.commonWidth && !renderWidths[w] {
			continue
		}
		id.marked = true
		if w > 0 && id.width == 0 {
			id.width = w
		}
		stem = stem[:loc[0]] + stem[loc[1]:]
	}
	id.words = strings.FieldsFunc(stem, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' })
	// Rendition words count only at either end of the name: thumb_photo_12
	// is photo_12, but aspidistra-small-plant is not aspidistra-plant.
	for len(id.words) > 1 && variantWords[id.words[0]] {
		id.words = id.words[1:]
		id.marked = true
	}
	for len(id.words) > 1 && variantWords[id.words[len(id.words)-1]] {
		id.words = id.words[:len(id.words)-1]
		id.marked = true
	}
	q := u.Query()
	for _, p := range sizeQueryParams {
		if v := q.Get(p.name); v != "" {
			id.marked = true
			if (p.name == "w" || p.name == "width" || p.name == "imwidth") && id.width == 0 {
				id.width = leadingNumber(v)
			}
			q.Del(p.name)
		}
	}
	id.query = q.Encode()
	return id
}

// isSizeSegment reports whether a directory segment of a picture's path
// only says how big the copy is (sizeSegmentRules).
func isSizeSegment(seg string) bool {
	for _, rule := range sizeSegmentRules {
		if rule.re.MatchString(seg) {
			return true
		}
	}
	return false
}

// leadingNumber reads the digits at the start of s (after a w_ or w prefix).
func leadingNumber(s string) int {
	s = strings.TrimLeft(s, "wh_-")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(s[:end])
	return n
}

// samePicture reports whether two identities are copies of one picture: the
// same directory and query, and the same file name once size marks are gone,
// or one name inside the other with only noise added (275221.jpg and
// thumb_photo_275221_d58e2f077.jpg) when a word they share is distinctive.
func samePicture(a, b imageIdentity) bool {
	if a.dir != b.dir || a.query != b.query {
		return false
	}
	if slices.Equal(a.words, b.words) {
		return len(a.words) > 0
	}
	short, long := a.words, b.words
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) == 0 {
		return false
	}
	// The shorter name must stand whole and in order inside the longer one,
	// with only noise around it.
	at := -1
	for i := 0; i+len(short) <= len(long); i++ {
		if slices.Equal(long[i:i+len(short)], short) {
			at = i
			break
		}
	}
	if at < 0 || !slices.ContainsFunc(short, isDistinctiveWord) {
		return false
	}
	for i, w := range long {
		if (i < at || i >= at+len(short)) && !isNoiseWord(w) {
			return false // fff-282-accumulator-comparison is not fff-282-accumulator
		}
	}
	return true
}

// genericPictureWords say "picture" in a file name without saying which.
var genericPictureWords = map[string]bool{
	"photo": true, "photos": true, "image": true, "img": true, "pic": true,
	"picture": true, "foto": true, "bild": true, "imagen": true,
}

// isNoiseWord reports whether a file name word adds nothing to which picture
// it is: a generic word such as "photo", or a content hash (d58e2f077).
func isNoiseWord(w string) bool {
	if genericPictureWords[w] {
		return true
	}
	if len(w) < 6 {
		return false
	}
	letters, digits := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'f':
			letters++
		default:
			return false
		}
	}
	return letters > 0 && digits > 0
}

// isDistinctiveWord reports whether a file name word is unlikely to be shared
// by two different pictures: a number of four or more digits (an id) or a
// long word or hash.
func isDistinctiveWord(w string) bool {
	digits := 0
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			digits++
		}
	}
	return digits >= 4 || len(w) >= 10
}

// preferredCopy reports whether address a is a better copy to keep than b:
// the original (no size marks) over a rendition, then the wider one.
func preferredCopy(a, b imageIdentity) bool {
	if a.marked != b.marked {
		return !a.marked
	}
	return a.width > b.width
}

// pictureIndex finds, among the pictures kept so far, the first one that
// samePicture would match, without comparing a new address with every kept
// one: a page of 64,000 distinct images would otherwise cost 2×10⁹
// comparisons. It files each picture under its whole name and under each
// core of its name (the name with noise words trimmed from either end), so a
// lookup is a few map reads: an equal name, a kept name that is a core of the
// new one, or a new name that is a core of a kept one.
type pictureIndex struct {
	whole map[string]int // directory, query and all the name's words → first picture
	cores map[string]int // directory, query and a core of the name → first picture
}

// maxNoiseTrim is how many noise words are trimmed from either end of a file
// name when its cores are listed; it bounds the keys of one name at
// (maxNoiseTrim+1)² whatever the name, with room to spare for real names
// (thumb_photo_275221_d58e2f077 trims two).
const maxNoiseTrim = 4

// pictureKey is the map key of a directory, a query and a run of name words.
func pictureKey(id imageIdentity, words []string) string {
	n := len(id.dir) + len(id.query) + 2
	for _, w := range words {
		n += len(w) + 1
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(id.dir)
	b.WriteByte(0)
	b.WriteString(id.query)
	b.WriteByte(0)
	for _, w := range words {
		b.WriteString(w)
		b.WriteByte('/')
	}
	return b.String()
}

// eachCore calls fn with every core of words: words[i:j] shorter than words,
// with only noise words before i and after j, at most maxNoiseTrim each, and
// a distinctive word inside (samePicture's rule for one name inside another).
func eachCore(words []string, fn func(core []string)) {
	for i := 0; i <= maxNoiseTrim && i < len(words); i++ {
		if i > 0 && !isNoiseWord(words[i-1]) {
			break
		}
		for j := len(words); j > i && len(words)-j <= maxNoiseTrim; j-- {
			if j < len(words) && !isNoiseWord(words[j]) {
				break
			}
			if i == 0 && j == len(words) {
				continue
			}
			if core := words[i:j]; slices.ContainsFunc(core, isDistinctiveWord) {
				fn(core)
			}
		}
	}
}

// find returns the index of the first kept picture that id is a copy of, or -1.
func (p *pictureIndex) find(id imageIdentity) int {
	if len(id.words) == 0 || p.whole == nil {
		return -1
	}
	best := -1
	take := func(i int, ok bool) {
		if ok && (best < 0 || i < best) {
			best = i
		}
	}
	i, ok := p.whole[pictureKey(id, id.words)]
	take(i, ok)
	if slices.ContainsFunc(id.words, isDistinctiveWord) {
		i, ok = p.cores[pictureKey(id, id.words)] // the new name inside a kept one
		take(i, ok)
	}
	eachCore(id.words, func(core []string) { // a kept name inside the new one
		i, ok := p.whole[pictureKey(id, core)]
		take(i, ok)
	})
	return best
}

// add files picture i under id. A picture merged with a better copy is
// filed again under the new identity; its old keys keep finding it too.
func (p *pictureIndex) add(id imageIdentity, i int) {
	if len(id.words) == 0 {
		return // samePicture never matches a name without words
	}
	if p.whole == nil {
		p.whole, p.cores = map[string]int{}, map[string]int{}
	}
	put := func(m map[string]int, key string) {
		if _, ok := m[key]; !ok {
			m[key] = i
		}
	}
	put(p.whole, pictureKey(id, id.words))
	eachCore(id.words, func(core []string) { put(p.cores, pictureKey(id, core)) })
}
