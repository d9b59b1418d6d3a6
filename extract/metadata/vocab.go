package metadata

import (
	"embed"
	"sort"
	"strings"
	"unicode"
)

// The word lists live in vocab/ so they can grow without touching code; each
// file opens with a comment saying why it exists.
//
//go:embed vocab/*.txt
var vocabFiles embed.FS

// wordList reads one embedded list: one entry a line, '#' at the start of a
// line starts a comment, and after white space the entry's reason.
func wordList(name string) []string {
	data, err := vocabFiles.ReadFile("vocab/" + name)
	if err != nil {
		panic("metadata: missing embedded vocabulary " + name) // a build defect, not bad input
	}
	var out []string
	for line := range strings.SplitSeq(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.Index(line, "#"); i > 0 && unicode.IsSpace(rune(line[i-1])) {
			line = strings.TrimSpace(line[:i]) // "entry  # reason"
		}
		out = append(out, line)
	}
	return out
}

// wordSet reads one embedded list as a set of lower-cased entries.
func wordSet(name string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range wordList(name) {
		set[strings.ToLower(w)] = true
	}
	return set
}

// longestFirst sorts phrases by length, longest first, so a prefix match
// tries the longer phrase before the shorter one it starts with.
func longestFirst(p []string) []string {
	sort.Slice(p, func(i, j int) bool { return len(p[i]) > len(p[j]) })
	return p
}

// Vocabularies, built once and only read afterwards.
var (
	// bylinePrefixes, longest first so "written by" wins over "by".
	bylinePrefixes = longestFirst(wordList("byline_prefixes.txt"))
	// bylineFirstWords are the first words of the prefixes, for a cheap first test.
	bylineFirstWords = func() map[string]bool {
		m := make(map[string]bool)
		for _, p := range wordList("byline_prefixes.txt") {
			m[strings.Fields(p)[0]] = true
		}
		return m
	}()
	jobTitleWords = wordSet("job_titles.txt")
	notNames      = wordSet("not_names.txt")
	// proseWords are verbs that make a byline piece a sentence.
	proseWords = wordSet("prose_words.txt")
	// notNamePrefixes are the same phrases, longest first, for stripping
	// them from the front of a name ("Follow Jane Doe").
	notNamePrefixes = func() []string {
		p := wordList("not_names.txt")
		for i := range p {
			p[i] = strings.ToLower(p[i])
		}
		return longestFirst(p)
	}()
	// nameParticles are the lower-case words that stand inside people's names.
	nameParticles = wordSet("name_particles.txt")
	// organisationHeads are the words that head an organisation's name
	// before "of" or "for" ("Department of Health").
	organisationHeads = wordSet("organisation_heads.txt")
	// templateFields end the template paths a CMS prints for a missing value.
	templateFields = wordSet("template_fields.txt")
	// acronyms keep their capitals in a name put in title case.
	acronyms = func() map[string]bool {
		m := make(map[string]bool)
		for _, a := range wordList("acronyms.txt") {
			m[strings.ToUpper(a)] = true
		}
		return m
	}()
	authorSeparators, nameJoiners, affiliations = readAuthorSeparators()
	// joinerWords and affiliationWords are the same separators' words
	// without the spaces, to compare with a name's words in place.
	joinerWords      = trimmedKeys(nameJoiners)
	affiliationWords = trimmedKeys(affiliations)
	// topicFolders hold tag pages: the folder after one is a topic.
	topicFolders = wordSet("topic_folders.txt")
	// agencies maps a lower-cased agency name to the way it is shown.
	agencies = func() map[string]string {
		m := make(map[string]string)
		for _, a := range wordList("agencies.txt") {
			m[strings.ToLower(a)] = a
		}
		return m
	}()
)

// readAuthorSeparators reads author_separators.txt (its head says the
// kinds) into the separators as they stand in a byline padded with spaces
// (" and ", ",") in the file's order; nameJoiners are the lower-cased words
// of the conjunctions and affiliations, which an organisation's name holds
// too, and affiliations the separators of the affiliation kind.
func readAuthorSeparators() (seps []string, joiners map[string]bool, affiliation map[string]bool) {
	joiners, affiliation = make(map[string]bool), make(map[string]bool)
	for _, line := range wordList("author_separators.txt") {
		kind, text, ok := strings.Cut(line, " ")
		text = strings.TrimSpace(text)
		if !ok || text == "" {
			panic("metadata: author_separators.txt: no kind and text in " + line) // a build defect
		}
		var sep string
		switch kind {
		case "mark":
			sep = text
		case "spaced", "credit":
			sep = " " + text + " "
		case "conjunction", "affiliation":
			sep = " " + text + " "
			joiners[sep] = true
			if kind == "affiliation" {
				affiliation[sep] = true
			}
		case "opening":
			sep = " (" + text + " "
		default:
			panic("metadata: author_separators.txt: unknown kind " + kind) // a build defect
		}
		seps = append(seps, sep)
	}
	return seps, joiners, affiliation
}

// trimmedKeys returns the keys of set without their spaces, sorted.
func trimmedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, strings.TrimSpace(k))
	}
	sort.Strings(out)
	return out
}

// field is a piece of metadata that <meta> tags and microdata can carry.
type field int

const (
	fieldNone field = iota
	fieldTitle
	fieldDek
	fieldAuthor
	fieldPublished
	fieldModified
	fieldSiteName
	fieldLanguage
	fieldSection
	fieldTag
	fieldImage
	fieldURL
)

// source says where a candidate came from. Lower is more trusted: when two
// sources disagree, the lower one wins. The order is the one users trust:
// structured data written for machines first, visible text last.
type source int

const (
	fromJSONLD source = iota
	fromOpenGraph
	fromTwitter
	// fromDublinCore is Dublin Core (dc.*, dcterms.*), catalogue metadata:
	// its title is the work's own, so titles rank it before OpenGraph's
	// (titleRank).
	fromDublinCore
	fromNewsMeta // the newsroom analytics tags (Parse.ly, Sailthru)
	fromMeta     // plain meta names, often filled by the CMS with site-wide values
	fromMicrodata
	fromTimeTag
	fromByline
	fromTitleTag
)

// metaKeys maps the lower-cased name/property of a <meta> tag to the field it
// carries and the source it counts as. Every key here is one that real
// publishers or their CMS emit; the comment on each group says who.
var metaKeys = map[string]struct {
	field  field
	source source
}{
	// OpenGraph (Facebook) and its article: extension.
	"og:title":                  {fieldTitle, fromOpenGraph},
	"og:description":            {fieldDek, fromOpenGraph},
	"og:site_name":              {fieldSiteName, fromOpenGraph},
	"og:locale":                 {fieldLanguage, fromOpenGraph},
	"og:image":                  {fieldImage, fromOpenGraph},
	"og:image:url":              {fieldImage, fromOpenGraph},
	"og:image:secure_url":       {fieldImage, fromOpenGraph},
	"og:url":                    {fieldURL, fromOpenGraph},
	"og:updated_time":           {fieldModified, fromOpenGraph},
	"article:published_time":    {fieldPublished, fromOpenGraph},
	"article:published":         {fieldPublished, fromOpenGraph},
	"article:modified_time":     {fieldModified, fromOpenGraph},
	"article:modified":          {fieldModified, fromOpenGraph},
	"article:author":            {fieldAuthor, fromOpenGraph},
	"article:section":           {fieldSection, fromOpenGraph},
	"article:tag":               {fieldTag, fromOpenGraph},
	"og:article:author":         {fieldAuthor, fromOpenGraph},
	"og:article:published_time": {fieldPublished, fromOpenGraph},
	"og:article:modified_time":  {fieldModified, fromOpenGraph},
	"og:article:section":        {fieldSection, fromOpenGraph},
	"og:article:tag":            {fieldTag, fromOpenGraph},
	// Twitter cards.
	"twitter:title":       {fieldTitle, fromTwitter},
	"twitter:description": {fieldDek, fromTwitter},
	"twitter:image":       {fieldImage, fromTwitter},
	"twitter:image:src":   {fieldImage, fromTwitter},
	// Plain HTML meta names and the ones CMSes and newsroom tools add.
	"author":                       {fieldAuthor, fromMeta},
	"byl":                          {fieldAuthor, fromMeta}, // New York Times
	"byline":                       {fieldAuthor, fromMeta},
	"article.author":               {fieldAuthor, fromMeta},
	"cxenseparse:author":           {fieldAuthor, fromMeta},
	"description":                  {fieldDek, fromMeta},
	"title":                        {fieldTitle, fromMeta},
	"headline":                     {fieldTitle, fromMeta},
	"application-name":             {fieldSiteName, fromMeta},
	"keywords":                     {fieldTag, fromMeta},
	"news_keywords":                {fieldTag, fromMeta},
	"section":                      {fieldSection, fromMeta},
	"language":                     {fieldLanguage, fromMeta},
	"content-language":             {fieldLanguage, fromMeta}, // http-equiv
	"date":                         {fieldPublished, fromMeta},
	"pubdate":                      {fieldPublished, fromMeta},
	"publishdate":                  {fieldPublished, fromMeta},
	"published":                    {fieldPublished, fromMeta},
	"publish-date":                 {fieldPublished, fromMeta},
	"publish_date":                 {fieldPublished, fromMeta},
	"published_time":               {fieldPublished, fromMeta},
	"published-date":               {fieldPublished, fromMeta},
	"article_date_original":        {fieldPublished, fromMeta},
	"original-publish-date":        {fieldPublished, fromMeta},
	"ptime":                        {fieldPublished, fromMeta},
	"displaydate":                  {fieldPublished, fromMeta},
	"datepublished":                {fieldPublished, fromMeta},
	"created":                      {fieldPublished, fromMeta},
	"last-modified":                {fieldModified, fromMeta},
	"lastmod":                      {fieldModified, fromMeta},
	"utime":                        {fieldModified, fromMeta},
	"datemodified":                 {fieldModified, fromMeta},
	"article.published":            {fieldPublished, fromMeta},
	"article.updated":              {fieldModified, fromMeta},
	"cxenseparse:recs:publishtime": {fieldPublished, fromMeta},
	// Dublin Core, as dc.* and dcterms.* (both spellings are seen).
	"dc.title":            {fieldTitle, fromDublinCore},
	"dc:title":            {fieldTitle, fromDublinCore},
	"dcterm:title":        {fieldTitle, fromDublinCore},
	"dc:creator":          {fieldAuthor, fromDublinCore},
	"dcterm:creator":      {fieldAuthor, fromDublinCore},
	"dc:description":      {fieldDek, fromDublinCore},
	"dcterm:description":  {fieldDek, fromDublinCore},
	"dc:date":             {fieldPublished, fromDublinCore},
	"dc:language":         {fieldLanguage, fromDublinCore},
	"dc:subject":          {fieldTag, fromDublinCore},
	"dcterms.title":       {fieldTitle, fromDublinCore},
	"dc.creator":          {fieldAuthor, fromDublinCore},
	"dcterms.creator":     {fieldAuthor, fromDublinCore},
	"dc.description":      {fieldDek, fromDublinCore},
	"dcterms.description": {fieldDek, fromDublinCore},
	"dc.date":             {fieldPublished, fromDublinCore},
	"dc.date.issued":      {fieldPublished, fromDublinCore},
	"dcterms.date":        {fieldPublished, fromDublinCore},
	"dcterms.issued":      {fieldPublished, fromDublinCore},
	"dcterms.created":     {fieldPublished, fromDublinCore},
	"dc.date.created":     {fieldPublished, fromDublinCore},
	"dcterms.modified":    {fieldModified, fromDublinCore},
	"dc.date.modified":    {fieldModified, fromDublinCore},
	"dc.language":         {fieldLanguage, fromDublinCore},
	"dcterms.language":    {fieldLanguage, fromDublinCore},
	"dc.subject":          {fieldTag, fromDublinCore},
	"dc.publisher":        {fieldSiteName, fromDublinCore},
	// Parse.ly and Sailthru, analytics tags many newsrooms fill carefully.
	"parsely-title":        {fieldTitle, fromNewsMeta},
	"parsely-author":       {fieldAuthor, fromNewsMeta},
	"parsely-pub-date":     {fieldPublished, fromNewsMeta},
	"parsely-section":      {fieldSection, fromNewsMeta},
	"parsely-tags":         {fieldTag, fromNewsMeta},
	"parsely-image-url":    {fieldImage, fromNewsMeta},
	"sailthru.title":       {fieldTitle, fromNewsMeta},
	"sailthru.author":      {fieldAuthor, fromNewsMeta},
	"sailthru.date":        {fieldPublished, fromNewsMeta},
	"sailthru.tags":        {fieldTag, fromNewsMeta},
	"sailthru.image.full":  {fieldImage, fromNewsMeta},
	"sailthru.description": {fieldDek, fromNewsMeta},
	// Weibo's article tags, used by Chinese publishers.
	"weibo:article:title":     {fieldTitle, fromMeta},
	"weibo:webpage:title":     {fieldTitle, fromMeta},
	"weibo:article:create_at": {fieldPublished, fromMeta},
}

// itempropKeys maps schema.org microdata properties to fields.
var itempropKeys = map[string]field{
	"headline":       fieldTitle,
	"description":    fieldDek,
	"author":         fieldAuthor,
	"creator":        fieldAuthor,
	"datepublished":  fieldPublished,
	"datecreated":    fieldPublished,
	"datemodified":   fieldModified,
	"articlesection": fieldSection,
	"keywords":       fieldTag,
	"image":          fieldImage,
	"thumbnailurl":   fieldImage,
	"inlanguage":     fieldLanguage,
}

// bylineClassWords are class/id words (split at '-', '_' and case) that mark
// a visible byline. Matching whole words keeps "authority" or "bylaws" out.
var bylineClassWords = map[string]bool{
	"byline": true, "bylines": true, "author": true, "authors": true, "writer": true,
	"writtenby": true, "byauthor": true, "contributor": true, "contributors": true,
	"creator": true, "autor": true, "auteur": true,
	// Compounds written as one word.
	"authorname": true, "authorlink": true, "authorinfo": true, "postauthor": true,
	"articleauthor": true, "entryauthor": true, "bylinename": true, "bylineauthor": true,
}

// authorPathSegments are URL path segments of author pages. A short link
// to one ("<a href="/writer/joanna_rothkopf/">Joanna Rothkopf</a>") is a
// byline name even when no class says so.
var authorPathSegments = map[string]bool{
	"author": true, "authors": true, "writer": true, "writers": true, "byline": true,
	"journalist": true, "journalists": true, "reporter": true, "autor": true, "autoren": true,
	"auteur": true, "autore": true, "columnist": true, "contributor": true, "contributors": true,
	"people": true, "staff": true, "profile": true, "profiles": true,
}

// datelineClassWords mark the visible publication date next to a byline.
var datelineClassWords = map[string]bool{
	"dateline": true, "date": true, "pubdate": true, "published": true, "publish": true,
	"timestamp": true, "posted": true, "postdate": true, "datetime": true, "time": true,
	"entrydate": true, "updated": true,
}

// asideClassWords mark regions whose bylines and dates belong to something
// other than the story: comments, teasers of related stories, sidebars.
var asideClassWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "reply": true, "replies": true,
	"related": true, "recommended": true, "recirculation": true, "sidebar": true,
	"teaser": true, "teasers": true, "promo": true, "discussion": true,
	"disqus": true, "widget": true, "nav": true, "navigation": true,
	"menu": true, "popular": true, "trending": true,
}

// wordKind says which of the class-word vocabularies a word is in.
type wordKind uint8

const (
	bylineWord wordKind = 1 << iota
	datelineWord
	asideWord
)

// classWordKinds merges the three class-word vocabularies into one table, so
// the walk looks each word up once; min/maxClassWord bound their lengths.
var classWordKinds, minClassWord, maxClassWord = func() (map[string]wordKind, int, int) {
	m := make(map[string]wordKind)
	lo, hi := 1<<30, 0
	for kind, words := range map[wordKind]map[string]bool{bylineWord: bylineClassWords, datelineWord: datelineClassWords, asideWord: asideClassWords} {
		for w := range words {
			m[w] |= kind
			lo, hi = min(lo, len(w)), max(hi, len(w))
		}
	}
	return m, lo, hi
}()

// classWordStarts says, for each first byte, which lengths the class words
// starting with it have (bit n for length n): most words of a page's class
// names fail this test and skip the map lookup.
var classWordStarts = func() (starts [256]uint64) {
	for w := range classWordKinds {
		starts[w[0]] |= 1 << len(w)
	}
	return starts
}()

// articleTypes are the schema.org types whose JSON-LD describes a story;
// pageTypes describe the page and are used when no story object is found.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "reviewnewsarticle": true, "backgroundnewsarticle": true,
	"askpublicnewsarticle": true, "blogposting": true, "liveblogposting": true,
	"socialmediaposting": true, "scholarlyarticle": true, "techarticle": true,
	"report": true, "review": true, "discussionforumposting": true, "recipe": true, "howto": true,
}

// commentTypes are microdata items written by readers: their author and
// date are not the story's.
var commentTypes = map[string]bool{
	"comment": true, "usercomments": true, "review": true, "answer": true, "question": true,
}

var pageTypes = map[string]bool{
	"webpage": true, "itempage": true, "medicalwebpage": true, "collectionpage": true,
	"aboutpage": true, "profilepage": true, "qapage": true, "faqpage": true,
}
