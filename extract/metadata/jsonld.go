package metadata

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"
)

// JSON-LD is the source publishers fill most carefully, and the one most often
// broken: HTML comments or CDATA around it, trailing commas, raw newlines in
// strings, several objects back to back, @graph arrays whose objects point at
// each other by @id (Yoast's "author": {"@id": "…#/schema/person/…"}).

const maxJSONDepth = 32 // deeper JSON-LD is not metadata anyone reads

// jsonObject is one decoded JSON-LD node.
type jsonObject = map[string]any

// ldStory is what the JSON-LD of a page says about its story.
type ldStory struct {
	titles                                                            []string // headline, name, alternativeHeadline
	dek, published, modified, section, language, image, url, siteName string
	authors, tags                                                     []string
	// body is the story's articleBody (or text), as the page gave it: plain
	// text or HTML. paywalled is set when the page says the story is not
	// free to read (isAccessibleForFree false).
	body      string
	paywalled bool
}

// readJSONLD decodes every JSON-LD script and reads the best story object.
func readJSONLD(scripts []string) ldStory {
	var objects []jsonObject
	for _, src := range scripts {
		for _, v := range decodeJSONLD(src) {
			flattenLD(v, &objects, 0)
		}
	}
	if len(objects) == 0 {
		return ldStory{}
	}
	byID := make(map[string]jsonObject)
	for _, o := range objects {
		if id, ok := o["@id"].(string); ok && len(o) > 1 {
			if _, seen := byID[id]; !seen {
				byID[id] = o
			}
		}
	}
	resolve := func(v any) any {
		if o, ok := v.(jsonObject); ok && len(o) == 1 {
			if id, ok := o["@id"].(string); ok {
				if full, ok := byID[id]; ok {
					return full
				}
			}
		}
		return v
	}

	story, page, site := pickLD(objects)
	var out ldStory
	if site != nil {
		out.siteName = ldString(site["name"])
	}
	for i, o := range [...]jsonObject{story, page} {
		if o == nil {
			continue
		}
		fill := func(dst *string, keys ...string) {
			for _, k := range keys {
				if *dst == "" {
					*dst = ldString(resolve(o[k]))
				}
			}
		}
		if len(out.titles) == 0 {
			for _, k := range [...]string{"headline", "name", "alternativeHeadline"} {
				if v := ldString(o[k]); v != "" {
					out.titles = append(out.titles, v)
				}
			}
		}
		fill(&out.dek, "description", "abstract")
		if i == 0 { // the story object's own text, not a page's
			fill(&out.body, "articleBody", "text")
			out.paywalled = out.paywalled || notFree(o["isAccessibleForFree"])
		}
		fill(&out.published, "datePublished", "dateCreated", "uploadDate")
		fill(&out.modified, "dateModified")
		fill(&out.language, "inLanguage")
		fill(&out.url, "url", "mainEntityOfPage")
		if out.section == "" {
			if s := ldStrings(o["articleSection"]); len(s) > 0 {
				out.section = s[0]
			}
		}
		if len(out.tags) == 0 {
			out.tags = ldTags(o["keywords"])
		}
		if out.image == "" {
			out.image = ldImage(resolve(o["image"]), resolve)
		}
		if len(out.authors) == 0 {
			out.authors = ldAuthors(o["author"], resolve)
			if len(out.authors) == 0 {
				out.authors = ldAuthors(o["creator"], resolve)
			}
		}
		if out.siteName == "" {
			if pub, ok := resolve(o["publisher"]).(jsonObject); ok {
				out.siteName = ldString(pub["name"])
			}
		}
		if out.siteName == "" {
			if part, ok := resolve(o["isPartOf"]).(jsonObject); ok && hasLDType(part, map[string]bool{"website": true}) {
				out.siteName = ldString(part["name"])
			}
		}
	}
	return out
}

// notFree reports whether an isAccessibleForFree value says no: false or
// "False", as pages write it either way.
func notFree(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case string:
		return strings.EqualFold(strings.TrimSpace(x), "false")
	}
	return false
}

// pickLD chooses the story object (an Article type; the first with a
// headline), the page object (a WebPage type) and the WebSite object.
func pickLD(objects []jsonObject) (story, page, site jsonObject) {
	for _, o := range objects {
		switch {
		case hasLDType(o, articleTypes):
			if story == nil || (ldString(story["headline"]) == "" && ldString(o["headline"]) != "") {
				story = o
			}
		case hasLDType(o, pageTypes):
			if page == nil {
				page = o
			}
		case hasLDType(o, map[string]bool{"website": true}):
			if site == nil {
				site = o
			}
		}
	}
	return story, page, site
}

// decodeJSONLD decodes the values in one script, repairing what it can.
func decodeJSONLD(src string) []any {
	src = strings.TrimSpace(src)
	for _, wrap := range [...][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		src = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(src, wrap[0]), wrap[1]))
	}
	if vals := decodeAll(src); len(vals) > 0 {
		return vals
	}
	return decodeAll(repairJSON(src))
}

// decodeAll reads values back to back until the first error, keeping those read.
func decodeAll(src string) []any {
	dec := json.NewDecoder(strings.NewReader(src))
	var out []any
	for len(out) < maxCandidates {
		var v any
		if err := dec.Decode(&v); err != nil {
			break
		}
		out = append(out, v)
	}
	return out
}

// repairJSON fixes the breakage seen in the wild: raw control characters in
// strings, trailing commas before } or ], and a trailing semicolon.
func repairJSON(src string) string {
	var sb strings.Builder
	sb.Grow(len(src))
	inString, escaped := false, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			case c < 0x20:
				c = ' '
			}
			sb.WriteByte(c)
			continue
		}
		switch c {
		case '"':
			inString = true
		case ',':
			j := i + 1
			for j < len(src) && (src[j] == ' ' || src[j] == '\n' || src[j] == '\r' || src[j] == '\t') {
				j++
			}
			if j < len(src) && (src[j] == '}' || src[j] == ']') {
				continue
			}
		case ';':
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// flattenLD collects every object in v: top-level ones, @graph members,
// array elements, and objects nested in properties (mainEntity, itemListElement).
func flattenLD(v any, out *[]jsonObject, depth int) {
	if depth > maxJSONDepth || len(*out) >= 4*maxCandidates {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			flattenLD(e, out, depth+1)
		}
	case jsonObject:
		if _, ok := x["@type"]; ok || x["@id"] != nil {
			*out = append(*out, x)
		}
		for k, e := range x {
			if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" || k == "hasPart" || k == "publisher" || k == "author" || k == "isPartOf" {
				flattenLD(e, out, depth+1)
			}
		}
	}
}

// hasLDType says whether o's @type (a string or a list; a bare name or a
// schema.org URL) is in types.
func hasLDType(o jsonObject, types map[string]bool) bool {
	check := func(t any) bool {
		s, ok := t.(string)
		if !ok {
			return false
		}
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		return types[strings.ToLower(s)]
	}
	switch t := o["@type"].(type) {
	case []any:
		for _, e := range t {
			if check(e) {
				return true
			}
		}
	default:
		return check(t)
	}
	return false
}

// ldString is a property as one string: a string, the first of a list, an
// object's name or @id, or a number. Entities some CMSes leave escaped are decoded.
func ldString(v any) string { return ldStringAt(v, 0) }

// ldStringAt is ldString for a value depth levels down; lists of lists and
// names that are objects are followed at most maxJSONDepth levels.
func ldStringAt(v any, depth int) string {
	if depth > maxJSONDepth {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(x))
	case []any:
		for _, e := range x {
			if s := ldStringAt(e, depth+1); s != "" {
				return s
			}
		}
	case jsonObject:
		if s := ldStringAt(x["name"], depth+1); s != "" {
			return s
		}
		if s, ok := x["@id"].(string); ok {
			return s
		}
		if s, ok := x["url"].(string); ok {
			return s
		}
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// ldStrings is a property as a list of strings.
func ldStrings(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			if s := ldString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	default:
		if s := ldString(x); s != "" {
			return []string{s}
		}
	}
	return nil
}

// ldTags reads keywords: a list, or one comma-separated string.
func ldTags(v any) []string {
	var out []string
	for _, s := range ldStrings(v) {
		out = append(out, splitTags(s)...)
	}
	return out
}

// ldImage reads image: a URL, an ImageObject, or a list of either.
func ldImage(v any, resolve func(any) any) string { return ldImageAt(v, resolve, 0) }

// ldImageAt is ldImage for a value depth levels down; lists of lists are
// followed at most maxJSONDepth levels.
func ldImageAt(v any, resolve func(any) any, depth int) string {
	if depth > maxJSONDepth {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := ldImageAt(resolve(e), resolve, depth+1); s != "" {
				return s
			}
		}
	case jsonObject:
		for _, k := range [...]string{"url", "contentUrl", "@id"} {
			if s, ok := x[k].(string); ok && s != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// ldAuthors reads author: a name, a Person or Organization (with name or
// givenName/familyName), a reference by @id, or a list of any of them.
func ldAuthors(v any, resolve func(any) any) []string {
	var out []string
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch x := resolve(v).(type) {
		case string:
			out = append(out, html.UnescapeString(x))
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case jsonObject:
			name := ldString(x["name"])
			if name == "" {
				name = strings.TrimSpace(ldString(x["givenName"]) + " " + ldString(x["familyName"]))
			}
			if name != "" {
				out = append(out, name)
			}
		}
	}
	visit(v, 0)
	return out
}
