package extract

// This file holds the words the engine reads in class and id attributes, role
// attributes and short interface texts. They are data, not logic: each entry
// says why it is there. The tables are read once into maps at start-up and
// never written afterwards.

// classWord is one word that may appear in a class or id attribute, split at
// punctuation and at camelCase boundaries ("entry-content" → entry, content;
// "socialShare" → social, share), lower-cased.
type classWord struct {
	word   string
	weight int    // added to the score of an element that carries the word
	why    string // the reason the word is here
}

// Weights: a generic positive word (content, body, text) is weaker than a
// structural negative word, so "sidebar-content" or "comment-body" stay
// negative while "entry-content" or "article-body" stay positive.
const (
	strongPositive = 25
	weakPositive   = 15
	weakNegative   = -20
	strongNegative = -40
)

var classWords = []classWord{
	// Words that name the story's container.
	{"article", strongPositive, "the story itself (article, article-body, articleBody)"},
	{"articlebody", strongPositive, "schema.org-style container name written as one word"},
	{"articlecontent", strongPositive, "one-word form of article-content"},
	{"storybody", strongPositive, "one-word form of story-body, used by news CMSs"},
	{"storycontent", strongPositive, "one-word form of story-content"},
	{"postbody", strongPositive, "one-word form of post-body, blog engines"},
	{"postcontent", strongPositive, "one-word form of post-content, blog engines"},
	{"entrycontent", strongPositive, "one-word form of entry-content (WordPress)"},
	{"maincontent", weakPositive, "one-word form of main-content"},
	{"story", strongPositive, "news CMSs name the body story, story-body, story-text"},
	{"entry", strongPositive, "WordPress and hAtom: entry, entry-content, hentry"},
	{"hentry", strongPositive, "hAtom microformat for a blog entry"},
	{"post", weakPositive, "blog engines: post, post-body, single-post"},
	{"blog", weakPositive, "blog post containers"},
	{"content", weakPositive, "generic content container (weaker than structural negatives)"},
	{"body", weakPositive, "article-body, story-body, post-body"},
	{"text", weakPositive, "article-text, story-text, rich-text"},
	{"richtext", weakPositive, "CMS rich text fields hold the body"},
	{"prose", weakPositive, "typography frameworks wrap long-form text in prose"},
	{"main", weakPositive, "main, main-content, main-column"},
	{"page", 5, "page-content; only a slight hint"},
	{"paragraph", weakPositive, "paragraph components in component-based CMSs"},
	{"markdown", weakPositive, "rendered Markdown documents (docs, READMEs, forums)"},
	{"instapaper", strongPositive, "instapaper_body is an explicit reader-mode hint"},

	// Navigation and page furniture.
	{"nav", strongNegative, "navigation bars"},
	{"navbar", strongNegative, "navigation bars"},
	{"navigation", strongNegative, "navigation bars"},
	{"menu", strongNegative, "menus"},
	{"submenu", strongNegative, "menus"},
	{"breadcrumb", strongNegative, "breadcrumb trails"},
	{"breadcrumbs", strongNegative, "breadcrumb trails"},
	{"footer", strongNegative, "page and article footers"},
	{"header", weakNegative, "site headers; article headers hold title and byline, which metadata reads"},
	{"masthead", strongNegative, "site masthead"},
	{"sidebar", strongNegative, "side columns"},
	{"aside", strongNegative, "side columns"},
	{"rail", weakNegative, "right-rail columns on news sites"},
	{"widget", -10, "sidebar widgets; but page builders (Elementor, HubSpot) and CSS modules call every block a widget"},
	{"skip", strongNegative, "skip-to-content links"},
	{"pagination", strongNegative, "page number links"},
	{"pager", strongNegative, "page number links"},
	{"toolbar", strongNegative, "tool bars"},
	{"topbar", strongNegative, "tool bars"},
	{"search", weakNegative, "search boxes"},
	{"login", strongNegative, "log-in boxes"},
	{"signin", strongNegative, "log-in boxes"},
	{"account", weakNegative, "account menus"},
	{"copyright", weakNegative, "copyright lines in footers (image credits are read before this)"},
	{"tags", weakNegative, "tag lists under a story"},
	{"tagcloud", strongNegative, "tag clouds"},
	{"meta", weakNegative, "post meta lines (date, category, reading time)"},
	{"byline", weakNegative, "bylines: metadata reads them, the body must not repeat them"},
	{"dateline", weakNegative, "date lines: metadata reads them"},
	{"toc", weakNegative, "tables of contents repeat the headings"},

	// Sharing, social and engagement.
	{"share", strongNegative, "share bars"},
	{"sharing", strongNegative, "share bars"},
	{"sharebar", strongNegative, "share bars"},
	{"social", strongNegative, "social media buttons and embeds of follow boxes"},
	{"follow", weakNegative, "follow-us boxes"},
	{"comment", strongNegative, "reader comments (kept only with KeepComments)"},
	{"comments", strongNegative, "reader comments (kept only with KeepComments)"},
	{"disqus", strongNegative, "Disqus comment threads"},
	{"respond", weakNegative, "WordPress comment form"},
	{"reactions", strongNegative, "reaction buttons"},
	{"rating", weakNegative, "rating widgets"},
	{"likes", weakNegative, "like counters"},

	// Recirculation: related, recommended, popular.
	{"related", strongNegative, "related stories"},
	{"recommended", strongNegative, "recommended stories"},
	{"recommendations", strongNegative, "recommended stories"},
	{"recirc", strongNegative, "recirculation modules"},
	{"trending", strongNegative, "trending lists"},
	{"popular", strongNegative, "most-popular lists"},
	{"mostread", strongNegative, "most-read lists"},
	{"more", weakNegative, "more-stories, read-more boxes"},
	{"outbrain", strongNegative, "Outbrain recommendation widget"},
	{"taboola", strongNegative, "Taboola recommendation widget"},
	{"teaser", weakNegative, "teasers for other stories"},
	{"promo", strongNegative, "promotions"},
	{"upsell", strongNegative, "subscription upsells"},
	{"carousel", weakNegative, "carousels of other stories"},

	// Advertising.
	{"ad", strongNegative, "advertising slots"},
	{"ads", strongNegative, "advertising slots"},
	{"adsbygoogle", strongNegative, "Google AdSense slots"},
	{"advert", strongNegative, "advertising slots"},
	{"advertisement", strongNegative, "advertising slots"},
	{"advertising", strongNegative, "advertising slots"},
	{"adslot", strongNegative, "advertising slots"},
	{"adunit", strongNegative, "advertising slots"},
	{"dfp", strongNegative, "DoubleClick for Publishers slots"},
	{"sponsor", strongNegative, "sponsored content"},
	{"sponsored", strongNegative, "sponsored content"},
	{"affiliate", weakNegative, "affiliate boxes"},

	// Consent, subscription and overlays.
	{"cookie", strongNegative, "cookie banners"},
	{"cookies", strongNegative, "cookie banners"},
	{"consent", strongNegative, "consent banners"},
	{"gdpr", strongNegative, "consent banners"},
	{"newsletter", strongNegative, "newsletter sign-up boxes"},
	{"subscribe", strongNegative, "subscription boxes"},
	{"subscription", strongNegative, "subscription boxes"},
	{"signup", strongNegative, "sign-up boxes"},
	{"paywall", weakNegative, "paywall notices"},
	{"popup", strongNegative, "pop-ups"},
	{"modal", strongNegative, "modal dialogs"},
	{"overlay", weakNegative, "overlays"},
	{"banner", weakNegative, "banners (site or ad)"},
	{"alert", weakNegative, "alert bars"},
	{"notification", weakNegative, "notification bars"},

	// Author boxes (the byline itself is read by metadata).
	{"author", weakNegative, "author boxes and bios"},
	{"bio", weakNegative, "author bios"},
	{"avatar", weakNegative, "author pictures"},
	{"profile", weakNegative, "author profiles"},
}

// hiddenClasses are whole class names (not split) that hide an element from
// sighted readers. Only exact names count: "hidden-xs" hides on small screens
// only and must not drop the text.
var hiddenClasses = []struct{ name, why string }{
	{"hidden", "Bootstrap and many CSS resets hide with .hidden"},
	{"hide", "common utility class"},
	{"sr-only", "screen-reader-only text (\"Share on Facebook\", \"Opens in new window\")"},
	{"visually-hidden", "screen-reader-only text"},
	{"visuallyhidden", "screen-reader-only text"},
	{"screen-reader-text", "WordPress screen-reader-only text"},
	{"screen-reader-only", "screen-reader-only text"},
	{"a11y-hidden", "screen-reader-only text"},
	{"invisible", "Bootstrap invisible utility"},
	{"d-none", "Bootstrap display:none utility"},
}

// captionWords mark elements that caption a picture. Their text goes to the
// image, never to the body.
var captionWords = []struct{ word, why string }{
	{"caption", "figure captions (wp-caption-text, image-caption)"},
	{"figcaption", "caption containers named after the element"},
	{"legend", "photo legends on European news sites"},
}

// commentWords mark reader comment sections. They are left out of a story
// (unless Options.KeepComments) but are the content of a page that declares
// itself a discussion, and never count as "most of the page" on their own.
var commentWords = []struct{ word, why string }{
	{"comment", "comment, comment-list, comment-body"},
	{"comments", "comments section"},
	{"disqus", "Disqus threads"},
	{"respond", "WordPress reply form"},
}

// creditWords mark elements that credit a picture.
var creditWords = []struct{ word, why string }{
	{"credit", "photo credits"},
	{"credits", "photo credits"},
	{"copyright", "copyright lines under pictures"},
	{"source", "picture sources"},
	{"photographer", "photographer names"},
	{"attribution", "picture attribution"},
}

// creditPrefixes start a caption's credit part.
var creditPrefixes = []struct{ prefix, why string }{
	{"photo:", "English photo credit"},
	{"photos:", "English photo credit"},
	{"photograph:", "English photo credit"},
	{"image:", "English picture credit"},
	{"picture:", "English picture credit"},
	{"credit:", "English credit"},
	{"source:", "English source line"},
	{"©", "copyright sign"},
	{"(c)", "copyright sign written out"},
	{"foto:", "German, Spanish, Portuguese, Italian photo credit"},
	{"bild:", "German picture credit"},
	{"getty images", "agency credit without a prefix"},
}

// roleWeights score ARIA role attributes, which say outright what an element is.
var roleWeights = []classWord{
	{"main", strongPositive, "the page's main content"},
	{"article", weakPositive, "an article"},
	{"navigation", strongNegative, "navigation"},
	{"banner", strongNegative, "site header"},
	{"contentinfo", strongNegative, "site footer"},
	{"complementary", strongNegative, "sidebars"},
	{"menu", strongNegative, "menus"},
	{"menubar", strongNegative, "menus"},
	{"search", strongNegative, "search"},
	{"dialog", strongNegative, "dialogs and pop-ups"},
	{"alertdialog", strongNegative, "dialogs"},
	{"toolbar", strongNegative, "tool bars"},
	{"tablist", weakNegative, "tab headers"},
}

// itempropWeights score schema.org microdata properties.
var itempropWeights = []classWord{
	{"articlebody", 60, "schema.org articleBody is the body, said outright"},
	{"reviewbody", 40, "schema.org reviewBody"},
	{"text", weakPositive, "schema.org text: answers and forum posts"},
	{"description", 5, "schema.org description: product text"},
	{"comment", strongNegative, "schema.org comment"},
}

// interfacePhrases are short texts of page widgets, not of the story. A block
// whose whole text is one of them (compared lower-cased, trailing punctuation
// and ellipsis trimmed) is dropped.
var interfacePhrases = []struct{ phrase, why string }{
	{"read more", "teaser widget"},
	{"read more stories", "teaser widget"},
	{"continue reading", "teaser widget"},
	{"continue reading below", "ad break marker"},
	{"story continues below", "ad break marker"},
	{"article continues below", "ad break marker"},
	{"advertisement", "ad label"},
	{"advertisement scroll to continue with content", "ad label"},
	{"ad", "ad label"},
	{"sponsored", "ad label"},
	{"loading", "lazy widget placeholder"},
	{"share", "share widget"},
	{"share this", "share widget"},
	{"share this article", "share widget"},
	{"share this story", "share widget"},
	{"share on facebook", "share widget"},
	{"share on twitter", "share widget"},
	{"tweet", "share widget"},
	{"email", "share widget"},
	{"print", "print button"},
	{"print this page", "print button"},
	{"print this article", "print button"},
	{"comments", "comment widget"},
	{"leave a comment", "comment widget"},
	{"add comment", "comment widget"},
	{"show comments", "comment widget"},
	{"sign up", "subscription widget"},
	{"subscribe", "subscription widget"},
	{"subscribe now", "subscription widget"},
	{"back to top", "navigation"},
	{"skip to content", "navigation"},
	{"skip to main content", "navigation"},
	{"click to expand", "widget control"},
	{"view comments", "comment widget"},
	{"image", "picture placeholder label"},
	{"enlarge", "picture control"},
	{"toggle caption", "picture control"},
	{"hide caption", "picture control"},
	{"close", "dialog control"},
}

// promoOpenings start the short lines a newsroom puts inside the story's
// container that are about the site, not the story: tip-offs, follow and
// donation appeals, affiliate notes, consent placeholders of embedded video.
// A block of at most maxPromoText bytes whose text (lower-cased) starts with
// one of them is dropped.
var promoOpenings = []struct{ phrase, why string }{
	{"got a story", "tip-off appeal (\"Got a story? Email …\")"},
	{"have a story", "tip-off appeal"},
	{"do you have a story", "tip-off appeal"},
	{"have a news tip", "tip-off appeal"},
	{"follow us on", "social appeal"},
	{"follow us:", "social appeal"},
	{"like us on facebook", "social appeal"},
	{"sign up for our", "newsletter appeal"},
	{"sign up to our", "newsletter appeal"},
	{"subscribe to our", "newsletter appeal"},
	{"support our journalism", "donation appeal"},
	{"support independent journalism", "donation appeal"},
	{"if you value our journalism", "donation appeal"},
	{"become a member", "membership appeal"},
	{"this content is blocked", "consent placeholder of an embed"},
	{"to view this content", "consent placeholder of an embed"},
	{"to see this content", "consent placeholder of an embed"},
	{"this video is not available", "video placeholder"},
	{"we may earn a commission", "affiliate note"},
	{"we may earn an affiliate commission", "affiliate note"},
	{"this article contains affiliate links", "affiliate note"},
	{"this post contains affiliate links", "affiliate note"},
	{"as an amazon associate", "affiliate note"},
	{"folgen sie uns", "German social appeal"},
	{"suivez-nous", "French social appeal"},
}

// maxPromoText is the longest block, in bytes, that promoOpenings can drop:
// a story's paragraph may start with the same words and go on.
const maxPromoText = 200

// furnitureHeadings start a section that is about the page, not the story:
// everything under them, down to the next heading of the same or a higher
// level, is left out.
var furnitureHeadings = []struct{ phrase, why string }{
	{"about the author", "author box"},
	{"about the authors", "author box"},
	{"about the reviewer", "reviewer box on health sites"},
	{"about the writer", "author box"},
	{"share this", "share box"},
	{"share this article", "share box"},
	{"share this post", "share box"},
	{"share this story", "share box"},
	{"leave a reply", "comment form"},
	{"leave a comment", "comment form"},
	{"comments", "comment section"},
	{"subscribe to our newsletter", "newsletter box"},
	{"sign up for our newsletter", "newsletter box"},
	{"join our newsletter", "newsletter box"},
	{"follow us", "social box"},
}

// relatedHeadings start a section of links to other stories. The links that
// follow such a heading go to Article.Related.
var relatedHeadings = []struct{ phrase, why string }{
	{"related", "related stories"},
	{"related articles", "related stories"},
	{"related stories", "related stories"},
	{"related posts", "related stories"},
	{"related content", "related stories"},
	{"related coverage", "related stories"},
	{"related links", "related stories"},
	{"read more", "read more box"},
	{"read next", "read next box"},
	{"read also", "read also box"},
	{"also read", "also read box"},
	{"see also", "see also box"},
	{"more stories", "more stories box"},
	{"more from", "more from the section (prefix)"},
	{"more on", "more on the topic (prefix)"},
	{"more in", "more in the section (prefix)"},
	{"recommended", "recommended stories"},
	{"recommended for you", "recommended stories"},
	{"you may also like", "recommendations"},
	{"you might also like", "recommendations"},
	{"most read", "popular list"},
	{"most popular", "popular list"},
	{"trending", "trending list"},
	{"latest news", "latest list"},
	{"top stories", "top list"},
	{"popular posts", "popular list"},
	{"recent posts", "blog recent list"},
}

// discussionTypes are schema.org types that declare a page to be a thread of
// posts. On such a page, replies marked as comments are the content.
var discussionTypes = []struct{ name, why string }{
	{"DiscussionForumPosting", "forum threads"},
	{"QAPage", "question and answer pages"},
	{"SocialMediaPosting", "threads of social posts"},
}

// Pictures that are page furniture, not story: tracking pixels, spacers,
// icons, avatars, logos and social buttons. A word is looked for where it is
// unambiguous: a directory named "icons" holds icons, but a file named
// "fashion-icon-dies.jpg" is a story picture, so file names are read only for
// technical words no photo is named with.

// furnitureImageDirs are directory names (any segment of the path) that hold
// page furniture.
var furnitureImageDirs = []struct{ word, why string }{
	{"icons", "icon sets"},
	{"icon", "icon sets"},
	{"logos", "site and partner logos"},
	{"logo", "site logos"},
	{"avatars", "commenter and author pictures"},
	{"avatar", "commenter and author pictures"},
	{"emoji", "emoji images (WordPress serves them from s.w.org/images/core/emoji)"},
	{"smilies", "WordPress smilies"},
	{"social", "social network buttons"},
	{"sprites", "CSS sprites"},
	{"badges", "app store and award badges"},
	{"buttons", "button images"},
	{"pixel", "tracking pixel endpoints"},
}

// furnitureImageFileWords are words of a file name (split at punctuation and
// case changes) that no story picture is named with.
var furnitureImageFileWords = []struct{ word, why string }{
	{"pixel", "tracking pixels (pixel.gif, tracking-pixel.png)"},
	{"spacer", "spacer gifs of table layouts"},
	{"blank", "blank.gif lazy-load placeholders"},
	{"transparent", "transparent.gif placeholders"},
	{"1x1", "one-pixel images"},
	{"beacon", "tracking beacons"},
	{"tracking", "tracking pixels"},
	{"favicon", "site icons"},
	{"sprite", "CSS sprites"},
	{"spinner", "loading spinners"},
	{"loader", "loading spinners"},
	{"placeholder", "lazy-load placeholders"},
	{"gravatar", "commenter pictures"},
	{"avatar", "author and commenter pictures"},
	{"logo", "site and partner logos (a story about a logo captions it in a figure)"},
	{"icon", "icons (a story about an icon captions it in a figure)"},
}

// furnitureImageHosts serve only tracking pixels, avatars or emoji.
var furnitureImageHosts = []struct{ host, why string }{
	{"doubleclick.net", "ad tracking"},
	{"google-analytics.com", "analytics pixels"},
	{"googletagmanager.com", "analytics pixels"},
	{"scorecardresearch.com", "comScore pixels"},
	{"quantserve.com", "Quantcast pixels"},
	{"pixel.wp.com", "WordPress stats pixel"},
	{"stats.wp.com", "WordPress stats pixel"},
	{"feeds.feedburner.com", "FeedBurner tracking pixels"},
	{"gravatar.com", "commenter pictures"},
	{"s.w.org", "WordPress emoji"},
	{"bat.bing.com", "Bing ads pixel"},
	{"facebook.com", "Facebook pixel (facebook.com/tr); story pictures come from fbcdn.net"},
	{"analytics.twitter.com", "Twitter ads pixel"},
	{"t.co", "Twitter tracking"},
}

// furnitureImageClasses are words of an img's own class or id that say it
// is furniture.
var furnitureImageClasses = []struct{ word, why string }{
	{"avatar", "author and commenter pictures"},
	{"gravatar", "commenter pictures"},
	{"logo", "site and partner logos"},
	{"icon", "icons"},
	{"emoji", "emoji"},
	{"smiley", "WordPress smilies (wp-smiley)"},
	{"smilie", "forum smilies (XenForo, vBulletin)"},
	{"share", "share buttons"},
	{"social", "social network buttons"},
	{"sprite", "CSS sprites"},
	{"badge", "badges"},
	{"pixel", "tracking pixels"},
	{"spacer", "spacers"},
	{"tracking", "tracking pixels"},
}
