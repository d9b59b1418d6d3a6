// Package article holds the Article: the one data structure every stage of
// lede reads and adds to. Extraction (from HTML or from scraped text) fills the
// metadata, the typed body blocks, the images and the related links; analysis
// adds sentences, entities and quotes that point back into the blocks by index
// and byte offset, so every output can show where a thing was said.
package article

// BlockKind says what a body block is. The set is closed: renderers switch on it.
type BlockKind string

// The kinds of body block, in the words the JSON form uses.
const (
	Paragraph  BlockKind = "paragraph"
	Heading    BlockKind = "heading"
	List       BlockKind = "list"
	Blockquote BlockKind = "quote" // a blockquote (a pulled or embedded quotation), not an attributed statement
	Pre        BlockKind = "pre"
	Table      BlockKind = "table"
)

// Article is one story: what extraction found and, after analysis, what it says.
type Article struct {
	Input        string   `json:"input,omitempty"` // the input as the user gave it (path, URL or "-")
	URL          string   `json:"url,omitempty"`
	CanonicalURL string   `json:"canonical_url,omitempty"`
	Title        string   `json:"title,omitempty"`
	Dek          string   `json:"dek,omitempty"` // standfirst / description
	Authors      []string `json:"authors,omitempty"`
	Published    string   `json:"published,omitempty"` // ISO 8601, with zone when the page gives one
	Modified     string   `json:"modified,omitempty"`
	SiteName     string   `json:"site_name,omitempty"`
	Language     string   `json:"language,omitempty"` // BCP 47 tag such as "en" or "pt-BR"
	Section      string   `json:"section,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	LeadImage    string   `json:"lead_image,omitempty"`
	Agency       string   `json:"agency,omitempty"` // wire agency credited for the story (Reuters, AP, AFP…)

	Blocks  []Block   `json:"blocks"`
	Images  []Image   `json:"images,omitempty"`
	Related []Related `json:"related,omitempty"` // teasers and "read more" links set aside from the body

	// Filled by analysis.
	Sentences []Sentence `json:"sentences,omitempty"`
	Entities  []Entity   `json:"entities,omitempty"`
	Quotes    []Quote    `json:"quotes,omitempty"`
	Events    []Event    `json:"events,omitempty"`

	// Warnings say what extraction or analysis noticed that a pipeline should
	// know: "no body found", "body from JSON-LD", "possible paywall teaser",
	// "language not supported by analysis".
	Warnings []string `json:"warnings,omitempty"`

	Error string `json:"error,omitempty"` // set instead of the rest when the input failed
}

// Block is one unit of the body in reading order.
type Block struct {
	Kind BlockKind `json:"kind"`
	// Text is the block as plain text. For a list it is the items joined by
	// "\n"; for a table, the rows joined by "\n" with cells joined by "\t".
	Text    string     `json:"text"`
	Level   int        `json:"level,omitempty"`   // heading level 1–6
	Ordered bool       `json:"ordered,omitempty"` // numbered list
	Items   []string   `json:"items,omitempty"`   // list items
	Rows    [][]string `json:"rows,omitempty"`    // table cells
	Links   []Link     `json:"links,omitempty"`   // inline links inside Text
}

// Link is an inline link: Text[Start:End] of its block points to URL.
// Offsets are in bytes of the block's Text.
type Link struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	URL   string `json:"url"`
}

// Image is a picture that belongs to the story. Its caption is never repeated
// in the body.
type Image struct {
	URL     string `json:"url,omitempty"`
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	// Position is the number of body blocks that precede the image, so
	// renderers can put it back where it stood.
	Position int `json:"position"`
}

// Related is a teaser or "read more" link that was set aside from the body.
type Related struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Span points into the body: Block is an index into Article.Blocks, Start and
// End are byte offsets into that block's Text. Block -1 means the dek and
// -2 the title, so analysis can cover them without pretending they are body.
type Span struct {
	Block int `json:"block"`
	Start int `json:"start"`
	End   int `json:"end"`
}

// Span block indexes for text outside the body.
const (
	DekBlock   = -1
	TitleBlock = -2
)

// Sentence is one sentence of a block.
type Sentence struct {
	Span
}

// EntityType is what kind of thing an entity is.
type EntityType string

// Entity types.
const (
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Place        EntityType = "place"
	Group        EntityType = "group" // collective actors named by description: "ethnic Armenians", "riot police"
)

// Entity is a person, organisation, place or group, with every mention of it.
type Entity struct {
	ID       int        `json:"id"`
	Name     string     `json:"name"` // canonical name: the fullest form in the text
	Type     EntityType `json:"type"`
	Roles    []string   `json:"roles,omitempty"` // titles and roles taken from the text
	Mentions []Mention  `json:"mentions,omitempty"`
}

// Mention is one place in the text that names or refers to an entity.
type Mention struct {
	Span
	Text string `json:"text"`
}

// QuoteKind says how a statement is reported.
type QuoteKind string

// Quote kinds.
const (
	Direct   QuoteKind = "direct"   // a quoted sentence
	Partial  QuoteKind = "partial"  // a quoted fragment inside reported speech
	Indirect QuoteKind = "indirect" // reported speech without quote marks
)

// Quote is an attributed statement.
type Quote struct {
	Kind    QuoteKind `json:"kind"`
	Text    string    `json:"text"` // the words, without quote marks
	Cue     string    `json:"cue,omitempty"`
	Speaker *Speaker  `json:"speaker,omitempty"`
	Span    Span      `json:"span"` // where Text stands
	// CueSpan is where Cue stands. Parts of one statement split by their
	// attribution ("A," he said. "B.") share it.
	CueSpan *Span `json:"cue_span,omitempty"`
	// Clause is, for a partial quote, the reported clause that holds the
	// quoted fragment: warned they would use "special measures" …
	Clause *Span `json:"clause,omitempty"`
}

// Speaker is who a quote is attributed to: the words in the text and the
// entity they resolve to.
type Speaker struct {
	Name    string `json:"name,omitempty"`    // the resolved entity's canonical name
	Mention string `json:"mention,omitempty"` // the words in the text ("he", "the adviser")
	Entity  int    `json:"entity"`            // Entity.ID, or -1 when unresolved
	Span    *Span  `json:"span,omitempty"`    // where Mention stands
}

// EventType is one of PLOVER's sixteen event types.
type EventType string

// Event is something an actor did to another, coded to PLOVER: who did what
// to whom, where and when, with the words of the text that state it.
type Event struct {
	Type   EventType `json:"type"`           // AGREE, CONSULT, … ASSAULT
	Mode   string    `json:"mode,omitempty"` // PLOVER's mode of the type, where it defines one (ASSAULT: aerial, firearms…)
	Source *Actor    `json:"source,omitempty"`
	Target *Actor    `json:"target,omitempty"`
	Where  *Location `json:"where,omitempty"`
	When   *When     `json:"when,omitempty"`
	Text   string    `json:"text"`          // the clause or sentence that states the event
	Cue    string    `json:"cue,omitempty"` // the words that code it ("launched an operation")
	Span   Span      `json:"span"`          // where Text stands
	// Negated is set for events said not to have happened ("did not attack").
	Negated bool `json:"negated,omitempty"`
	// Hypothetical is set for threatened, planned, possible or future events.
	Hypothetical bool `json:"hypothetical,omitempty"`
	// ClaimedBy names whose claim the event is when it stands inside a quote.
	ClaimedBy string `json:"claimed_by,omitempty"`
}

// Actor is the source or target of an event: the words as written, the
// entity they resolve to, and the codes the actor dictionaries give.
type Actor struct {
	Mention string `json:"mention"`
	Name    string `json:"name,omitempty"`    // the resolved entity's canonical name
	Entity  int    `json:"entity"`            // Entity.ID, or -1 when unresolved
	Country string `json:"country,omitempty"` // ISO 3166 alpha-3
	Sector  string `json:"sector,omitempty"`  // GOV, MIL, OPP, REB, CVL, POL, JUD, MED…
}

// Location is where an event happened: a place entity resolved to a country.
type Location struct {
	Name    string `json:"name"`
	Entity  int    `json:"entity"`            // Entity.ID, or -1 when unresolved
	Country string `json:"country,omitempty"` // ISO 3166 alpha-3
}

// When is an event's date resolved against the article's published time:
// one day ("2023-09-20") or a range (Start and End, inclusive).
type When struct {
	Text  string `json:"text"`            // the words of the text ("on Wednesday", "last month")
	Date  string `json:"date,omitempty"`  // ISO date when one day is meant
	Start string `json:"start,omitempty"` // ISO date: first day of a range
	End   string `json:"end,omitempty"`   // ISO date: last day of a range
}
