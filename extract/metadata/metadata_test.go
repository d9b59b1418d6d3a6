package metadata

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lede/article"
)

func parse(t testing.TB, src string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

// TestRead covers each source with a small page. want lists only the fields
// the case is about; the others are not checked.
func TestRead(t *testing.T) {
	cases := []struct {
		name, page, url string
		want            Result
	}{
		{
			name: "JSON-LD @graph with @id references (Yoast)",
			page: `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
				{"@type":"WebSite","@id":"https://ex.com/#website","name":"Example Times"},
				{"@type":["NewsArticle"],"@id":"https://ex.com/a#article","headline":"Flood waters rise",
				 "author":{"@id":"https://ex.com/#/person/1"},"datePublished":"2024-03-01T10:00:00+01:00",
				 "dateModified":"2024-03-02T08:30:00+01:00","articleSection":["World","Europe"],
				 "keywords":"floods, weather","inLanguage":"en-GB","image":{"@type":"ImageObject","url":"/img/flood.jpg"}},
				{"@type":"Person","@id":"https://ex.com/#/person/1","name":"Jane Doe"}]}</script></head><body></body></html>`,
			url: "https://ex.com/a",
			want: Result{Title: "Flood waters rise", Authors: []string{"Jane Doe"}, Published: "2024-03-01T10:00:00+01:00",
				Modified: "2024-03-02T08:30:00+01:00", Section: "World", Tags: []string{"floods", "weather"},
				Language: "en-GB", LeadImage: "https://ex.com/img/flood.jpg", SiteName: "Example Times"},
		},
		{
			name: "broken JSON-LD: CDATA, raw newline, trailing comma",
			page: `<script type="application/ld+json">//<![CDATA[
				{"@type":"BlogPosting","headline":"Line one
				line two","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chan"},],}
				//]]></script>`,
			want: Result{Title: "Line one line two", Authors: []string{"Ann Lee", "Bo Chan"}},
		},
		{
			name: "JSON-LD agency credit goes to Agency and stays a co-author",
			page: `<script type="application/ld+json">[{"@type":"ReportageNewsArticle","headline":"Talks stall",
				"author":[{"@type":"Person","name":"Max Muster"},{"@type":"Organization","name":"Reuters"}]}]</script>`,
			want: Result{Title: "Talks stall", Authors: []string{"Max Muster", "Reuters"}, Agency: "Reuters"},
		},
		{
			name: "OpenGraph, site suffix stripped from title, profile URL not an author",
			page: `<head><title>Storm hits coast | The Daily Example</title>
				<meta property="og:title" content="Storm hits coast | The Daily Example">
				<meta property="og:site_name" content="The Daily Example">
				<meta property="og:locale" content="pt_BR">
				<meta property="article:author" content="https://www.facebook.com/jdoe">
				<meta name="author" content="Jane Doe">
				<meta property="article:published_time" content="2015-07-24T05:36:09+01:00">
				<meta property="article:tag" content="Weather"><meta property="article:tag" content="Coasts">
				<meta property="og:description" content="  A storm   hit the coast. "></head>`,
			want: Result{Title: "Storm hits coast", SiteName: "The Daily Example", Language: "pt-BR",
				Authors: []string{"Jane Doe"}, Published: "2015-07-24T05:36:09+01:00",
				Tags: []string{"Weather", "Coasts"}, Dek: "A storm hit the coast."},
		},
		{
			name: "Dublin Core and Parse.ly meta names",
			page: `<head><meta name="DC.title" content="Budget passes"><meta name="parsely-author" content="Kim Park">
				<meta name="sailthru.date" content="Tue, 10 Mar 2015 14:00:00 -0400">
				<meta http-equiv="content-language" content="de-de, en">
				<meta name="news_keywords" content="budget; parliament"></head>`,
			want: Result{Title: "Budget passes", Authors: []string{"Kim Park"}, Published: "2015-03-10T14:00:00-04:00",
				Language: "de-DE", Tags: []string{"budget", "parliament"}},
		},
		{
			name: "microdata: story item read, comment item ignored",
			page: `<body><article itemscope itemtype="http://schema.org/NewsArticle">
				<h1 itemprop="headline">Bridge reopens</h1>
				<span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Sam Ortiz</span></span>
				<time itemprop="datePublished" datetime="2020-05-04">May 4</time>
				<div itemscope itemtype="http://schema.org/Comment"><span itemprop="author">Troll</span></div>
				</article></body>`,
			want: Result{Title: "Bridge reopens", Authors: []string{"Sam Ortiz"}, Published: "2020-05-04"},
		},
		{
			name: "visible byline with names, job titles and date; comments skipped",
			page: `<body><h1>Rates rise</h1>
				<div class="article-byline">By <a rel="author" href="/p/1">JANE DOE</a> and <a rel="author" href="/p/2">John Roe</a>, Staff Writers | March 3, 2024</div>
				<p>Text.</p><section class="comments"><div class="byline">By Commenter Person</div></section></body>`,
			want: Result{Title: "Rates rise", Authors: []string{"Jane Doe", "John Roe"}},
		},
		{
			name: "byline found by its words; dateline read for the date",
			page: `<body><h1>Quiet night</h1><p>By Laura Chen</p><p class="dateline">Updated 5 June 2023 14:05 BST</p>
				<p>By 2030 the town will have grown a great deal, the council said in its long report on the matter.</p></body>`,
			want: Result{Title: "Quiet night", Authors: []string{"Laura Chen"}, Published: "2023-06-05T14:05:00+01:00"},
		},
		{
			name: "author link inside a date line",
			page: `<body><h1>Comfort watches, day eighteen</h1><div class="entry-date">Posted on December 18, 2025 Posted by
				<span class="author vcard"><a rel="author" href="/author/js">John Scalzi</a></span> 59 Comments</div><p>Text.</p></body>`,
			want: Result{Authors: []string{"John Scalzi"}},
		},
		{
			name: "a person in the byline over the site credited by default",
			page: `<head><meta property="og:site_name" content="Example Clinic"><script type="application/ld+json">{"@type":"Article",
				"headline":"Sleep better","author":{"@type":"Organization","name":"Example Clinic"}}</script></head>
				<body><h1>Sleep better</h1><p class="byline">By <a rel="author" href="/p/hw">Holly Wilgus</a>, Marketing Director</p><p>Text.</p></body>`,
			want: Result{Authors: []string{"Holly Wilgus"}},
		},
		{
			name: "the site's credit stands over byline text that names no one",
			page: `<head><meta property="og:site_name" content="Example Clinic"><script type="application/ld+json">{"@type":"Article",
				"headline":"Sleep better","author":{"@type":"Organization","name":"Example Clinic"}}</script></head>
				<body><h1>Sleep better</h1><div class="author-box"><a rel="author" href="/team">View more posts</a></div><p>Text.</p></body>`,
			want: Result{Authors: []string{"Example Clinic"}},
		},
		{
			name: "a heading's permalink mark is not part of the headline",
			page: `<body><h1>Logging HOWTO<a class="headerlink" href="#logging-howto">¶</a></h1><p>Text.</p></body>`,
			want: Result{Title: "Logging HOWTO"},
		},
		{
			name: "html lang wins; canonical resolved against <base>",
			page: `<html lang="fr"><head><base href="https://ex.fr/news/"><link rel="canonical" href="story.html">
				<meta property="og:locale" content="en_US"><title>Le titre</title></head></html>`,
			want: Result{Language: "fr", CanonicalURL: "https://ex.fr/news/story.html", Title: "Le titre"},
		},
		{
			name: "JSON-LD headline that no other source confirms loses to its name",
			page: `<head><title>New Zealand - Wikipedia</title><script type="application/ld+json">
				{"@type":"Article","name":"New Zealand","headline":"country in Oceania"}</script></head>`,
			url:  "https://en.wikipedia.org/wiki/New_Zealand",
			want: Result{Title: "New Zealand"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Read(parse(t, c.page), c.url)
			check := func(field string, got, want any) {
				t.Helper()
				if reflect.ValueOf(want).IsZero() {
					return
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", field, got, want)
				}
			}
			check("Title", got.Title, c.want.Title)
			check("Dek", got.Dek, c.want.Dek)
			check("Authors", got.Authors, c.want.Authors)
			check("Agency", got.Agency, c.want.Agency)
			check("Published", got.Published, c.want.Published)
			check("Modified", got.Modified, c.want.Modified)
			check("SiteName", got.SiteName, c.want.SiteName)
			check("Language", got.Language, c.want.Language)
			check("Section", got.Section, c.want.Section)
			check("Tags", got.Tags, c.want.Tags)
			check("LeadImage", got.LeadImage, c.want.LeadImage)
			check("CanonicalURL", got.CanonicalURL, c.want.CanonicalURL)
		})
	}
}

// TestBylineNodes checks that the visible byline and dateline elements are
// handed to content extraction, widened to their line, and that bylines in
// comments are not.
func TestBylineNodes(t *testing.T) {
	doc := parse(t, `<body><article><h1>T</h1>
		<p id="line">By <a rel="author" href="/a/jane">Jane Doe</a></p>
		<div class="post-date">4 May 2021</div>
		<p>Body text <time datetime="2020-01-01">last year</time> goes on.</p>
		<div class="comments"><span class="author">Someone</span></div></article></body>`)
	r := Read(doc, "")
	var got []string
	for _, n := range r.BylineNodes {
		id := n.Data
		for _, a := range n.Attr {
			if a.Key == "id" || a.Key == "class" {
				id += "#" + a.Val
			}
		}
		got = append(got, id)
	}
	want := []string{"p#line", "div#post-date"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("BylineNodes = %v, want %v", got, want)
	}
}

func TestCleanAuthors(t *testing.T) {
	cases := []struct {
		raw        []string
		sites      []string
		want       []string
		wantAgency string
	}{
		{[]string{"By Jane Doe"}, nil, []string{"Jane Doe"}, ""},
		{[]string{"Von Max Mustermann und Erika Musterfrau"}, nil, []string{"Max Mustermann", "Erika Musterfrau"}, ""},
		{[]string{"Par Sébastien Farcis, envoyé spécial"}, nil, []string{"Sébastien Farcis"}, ""},
		{[]string{"Por María José García"}, nil, []string{"María José García"}, ""},
		{[]string{"by Lucas Nolan22 Dec 2016651"}, nil, []string{"Lucas Nolan"}, ""},
		{[]string{"Jane Doe, Senior Correspondent"}, nil, []string{"Jane Doe"}, ""},
		{[]string{"Brenda Goodman, MA"}, nil, []string{"Brenda Goodman"}, ""},
		{[]string{"Jane Doe & John Roe; Ann Lee"}, nil, []string{"Jane Doe", "John Roe", "Ann Lee"}, ""},
		{[]string{"Bradley M. Kuhn (http://ebb.org/bkuhn/)"}, nil, []string{"Bradley M. Kuhn"}, ""},
		{[]string{"Bruno (Henrique Zecchin) Rodrigues"}, nil, []string{"Bruno (Henrique Zecchin) Rodrigues"}, ""},
		{[]string{"https://www.facebook.com/janedoe", "jane@example.com", "@janedoe"}, nil, nil, ""},
		{[]string{"Jane Doe", "jane doe", "JANE DOE"}, nil, []string{"Jane Doe"}, ""},
		{[]string{"BBC News"}, []string{"BBC News"}, []string{"BBC News"}, ""}, // the outlet, when no one else is credited
		{[]string{"Jane Doe", "BBC News"}, []string{"BBC News"}, []string{"Jane Doe"}, ""},
		{[]string{"Jane Doe and Associated Press"}, nil, []string{"Jane Doe", "Associated Press"}, "Associated Press"},
		{[]string{"Written by Rob Ewaschuk Edited by Betsy Beyer"}, nil, []string{"Rob Ewaschuk", "Betsy Beyer"}, ""},
		{[]string{"Follow Author"}, nil, nil, ""},
		{[]string{"CC7567"}, nil, nil, ""},
		{[]string{"Joe Wee Monday, February 3, 2016"}, nil, []string{"Joe Wee"}, ""},
		{[]string{"Supermove Last update"}, nil, []string{"Supermove"}, ""},
		{[]string{"肖春芳"}, nil, []string{"肖春芳"}, ""},
		{[]string{"Ana Lima e Rui Costa"}, nil, []string{"Ana Lima", "Rui Costa"}, ""},
		{[]string{"Jane E Doe"}, nil, []string{"Jane E Doe"}, ""},
		{[]string{"By Theresa May"}, nil, []string{"Theresa May"}, ""},
		// Bylines as templates write them (issue 14).
		{[]string{"Mac & i"}, nil, []string{"Mac & i"}, ""}, // a split may not leave a lone letter
		{[]string{"Post by Galitsyn »"}, nil, []string{"Galitsyn"}, ""},
		{[]string{"Post by galitsyn »"}, nil, []string{"galitsyn"}, ""}, // a poster's user name is the credit
		{[]string{"Posted by ejp55230"}, nil, []string{"ejp55230"}, ""},
		{[]string{"ejp55230"}, nil, nil, ""}, // a handle alone is not
		{[]string{"Outer Armatonisdaristan »"}, nil, []string{"Outer Armatonisdaristan"}, ""},
		{[]string{"Written byAAA Travel"}, nil, []string{"AAA Travel"}, ""},
		{[]string{"CM Craig McCarthy"}, nil, []string{"Craig McCarthy"}, ""},
		{[]string{"Outer Armatonisdaristan\u00a0»"}, nil, []string{"Outer Armatonisdaristan"}, ""},
		{[]string{"Authored by: Dr. Ehsan Jazini"}, nil, []string{"Dr. Ehsan Jazini"}, ""},
		{[]string{"Meghan Neville Content Marketing Coordinator"}, nil, []string{"Meghan Neville"}, ""},
		{[]string{"Matt Check Head Winemaker, Co-Founder"}, nil, []string{"Matt Check Head Winemaker"}, ""}, // the credential after the comma goes
		{[]string{"Richard Head"}, nil, []string{"Richard Head"}, ""},                                       // a job word that is the surname stays
		{[]string{"JD Vance"}, nil, []string{"JD Vance"}, ""},                                               // initials that are the name's own stay
		{[]string{"By İlker Öz and Ali Can"}, nil, []string{"İlker Öz", "Ali Can"}, ""},
	}
	for _, c := range cases {
		got, agency := cleanAuthors(c.raw, c.sites)
		if !reflect.DeepEqual(got, c.want) || agency != c.wantAgency {
			t.Errorf("cleanAuthors(%q) = %q, %q; want %q, %q", c.raw, got, agency, c.want, c.wantAgency)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2015-07-24T05:36:09+01:00", "2015-07-24T05:36:09+01:00"},
		{"2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"},
		{"2015-03-27T13:07:55.096Z", "2015-03-27T13:07:55Z"},
		{"2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"},
		{"2018-04-05T06:00", "2018-04-05T06:00:00"},
		{"2024-06-25", "2024-06-25"},
		{"2015/07/24", "2015-07-24"},
		{"20150724", "2015-07-24"},
		{"20150724T0536", "2015-07-24T05:36:00"},
		{"20150724T053609", "2015-07-24T05:36:09"},
		{"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05-07:00"},
		{"March 11, 2015 3:46 PM EST", "2015-03-11T15:46:00-05:00"},
		// A 12-hour clock after an ISO date: 15:48 used to come out as 03:48.
		{"2023-04-28 03:48:00 PM", "2023-04-28T15:48:00"},
		{"2023-04-28 03:48 p.m.", "2023-04-28T15:48:00"},
		{"2023-04-28 12:05:00 AM", "2023-04-28T00:05:00"},
		{"2023-04-28 12:05:00 PM", "2023-04-28T12:05:00"},
		{"2023/04/28 11:15 am +02:00", "2023-04-28T11:15:00+02:00"},
		{"Sunday, Feb 1, 2015 11:57 AM UTC", "2015-02-01T11:57:00Z"},
		{"Updated 5 June 2023 14:05 BST", "2023-06-05T14:05:00+01:00"},
		{"22 Dec 2016", "2016-12-22"},
		{"24.07.2015", "2015-07-24"},
		{"7. Januar 2025, 10:30 Uhr", "2025-01-07T10:30:00"},
		{"7 janvier 2025 à 10h30", "2025-01-07T10:30:00"},
		{"12 de marzo de 2024", "2024-03-12"},
		{"7/24/2015", "2015-07-24"},
		{"April 28, 2019 at 6:01 am", "2019-04-28T06:01:00"},
		{"12:30 PM", ""},
		{"2015-02-30", ""},
		{"no date here", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := normalizeDate(c.in); got != c.want {
			t.Errorf("normalizeDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLanguageTag(t *testing.T) {
	cases := []struct{ in, want string }{
		{"en", "en"}, {"EN-us", "en-US"}, {"pt_BR", "pt-BR"}, {"zh-hant-TW", "zh-Hant-TW"},
		{"de-de, en", "de-DE"}, {"english", ""}, {"", ""}, {"x", ""},
	}
	for _, c := range cases {
		if got := languageTag(c.in); got != c.want {
			t.Errorf("languageTag(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestChooseTitle(t *testing.T) {
	cases := []struct {
		name     string
		cands    []titleCandidate
		h1       []string
		titleTag string
		sites    []string
		want     string
	}{
		{"site suffix on <title>", nil, nil, "Headline here | Example News", []string{"Example News"}, "Headline here"},
		{"site prefix on <title>", nil, nil, "Example News - Headline here", []string{"Example News"}, "Headline here"},
		{"host as site name", nil, nil, "Talks stall — Breitbart", nil, "Talks stall"},
		{"short title keeps its tail", nil, nil, "Star Wars - Episode I", nil, "Star Wars - Episode I"},
		{"name-like tail on a sentence", nil, nil, "Lorem ipsum dolor sit amet – My website", nil, "Lorem ipsum dolor sit amet"},
		{"h1 confirms the <title> head", nil, []string{"Rates rise again"}, "Rates rise again :: Money", nil, "Rates rise again"},
		{"og:title wins over <title>", []titleCandidate{{"The modern neon", fromOpenGraph}}, []string{"Other"}, "Why neon matters", nil, "The modern neon"},
		{"within JSON-LD the confirmed one wins",
			[]titleCandidate{{"country in Oceania", fromJSONLD}, {"New Zealand", fromJSONLD}, {"New Zealand", fromOpenGraph}},
			nil, "", nil, "New Zealand"},
		// Titles as readers see them (issue 14).
		{"on-page headline over an SEO title around it", []titleCandidate{{"6 Steps to Healthy Weight Loss | HealthFocus SA", fromOpenGraph}},
			[]string{"6 Steps to Healthy Weight Loss"}, "", nil, "6 Steps to Healthy Weight Loss"},
		{"section suffix goes with the headline shown", []titleCandidate{{"Bayern win the title again | Sport", fromOpenGraph}},
			[]string{"Bayern win the title again"}, "", nil, "Bayern win the title again"},
		{"site and date suffix", nil, nil, "Germany debates the budget | DW | 28.04.2023", []string{"DW"}, "Germany debates the budget"},
		{"a site prefix before the headline shown", []titleCandidate{{"Garnix Blog: Hardware-Attested Nix Builds", fromOpenGraph}},
			[]string{"Hardware-Attested Nix Builds"}, "", nil, "Hardware-Attested Nix Builds"},
		{"typographic quotes kept", []titleCandidate{{"‘What is the sea telling us?’: tribes fear strandings", fromOpenGraph}},
			nil, "", nil, "‘What is the sea telling us?’: tribes fear strandings"},
		{"straight quotes around the whole title dropped", []titleCandidate{{`"What is Git?"`, fromOpenGraph}}, nil, "", nil, "What is Git?"},
		{"an unrelated h1 does not replace the title", []titleCandidate{{"Council extends library hours", fromOpenGraph}},
			[]string{"Latest news"}, "", nil, "Council extends library hours"},
		{"the headline is a later h1 after a logo h1", []titleCandidate{{"Defer, Panic, and Recover - The Go Programming Language", fromOpenGraph}},
			[]string{"The Go Blog", "Defer, Panic, and Recover"}, "", nil, "Defer, Panic, and Recover"},
		{"the page's spelling of the same headline", []titleCandidate{{"WEEKEND CODING AGENT", fromOpenGraph}},
			[]string{"Weekend Coding Agent"}, "", nil, "Weekend Coding Agent"},
		{"an h1 in capitals is styling, not the spelling", []titleCandidate{{"Tips for Online Success", fromOpenGraph}},
			[]string{"TIPS FOR ONLINE SUCCESS"}, "", nil, "Tips for Online Success"},
		{"an h1 in capitals keeps the title's spelling when it strips its tail", nil,
			[]string{"WEEKEND CODING AGENT"}, "Weekend Coding Agent | Example Labs", nil, "Weekend Coding Agent"},
		{"a title escaped twice is decoded", []titleCandidate{{"And finally&#8230; trouble brewing", fromOpenGraph}},
			nil, "", nil, "And finally… trouble brewing"},
		// The headline readers see over the title the tags give (issue 14).
		{"the visible headline over an SEO title", []titleCandidate{{"Top 10 IT Security Best Practices for 2025: Protect Your Business", fromOpenGraph}},
			[]string{"IT & Cybersecurity Best Practices to Protect Your Business"}, "", nil, "IT & Cybersecurity Best Practices to Protect Your Business"},
		{"a tag that gives the h1 makes it the headline", []titleCandidate{{"Sample menus", fromJSONLD}, {"7 days of healthy meals on a budget", fromOpenGraph}},
			[]string{"7 days of healthy meals on a budget"}, "", nil, "7 days of healthy meals on a budget"},
		{"the tags cut the headline short", []titleCandidate{{"Best High School Tutors in 2025", fromOpenGraph}},
			[]string{"Best High School Tutors in 2025, Reviewed by a Student"}, "", nil, "Best High School Tutors in 2025, Reviewed by a Student"},
		{"a word before the tags' title is styling", []titleCandidate{{"Best Electric Scooters for Commuting in 2025", fromOpenGraph}},
			[]string{"The Best Electric Scooters for Commuting in 2025"}, "", nil, "Best Electric Scooters for Commuting in 2025"},
		{"an h1 on another subject is not the headline", []titleCandidate{{"Council extends library hours", fromOpenGraph}},
			[]string{"Sign up for our newsletter"}, "", nil, "Council extends library hours"},
		{"an h1 that spells the title as the tags do wins over a later one", []titleCandidate{{"10 DIY Woodworking Projects for Your Home", fromOpenGraph}},
			[]string{"10 DIY Woodworking Projects for Your Home", "10 DIY Woodworking Projects for your Home"}, "", nil, "10 DIY Woodworking Projects for Your Home"},
		{"a comma clause after the headline shown", []titleCandidate{{"Best Camping Hammocks of 2026, Tested & Reviewed", fromOpenGraph}},
			[]string{"Best Camping Hammocks of 2026"}, "", nil, "Best Camping Hammocks of 2026"},
		{"a second sentence after a question shown", []titleCandidate{{"What Is Mesh WiFi? Our 2026 Exclusive Guide", fromOpenGraph}},
			[]string{"What is Mesh WiFi?"}, "", nil, "What is Mesh WiFi?"},
		{"a kicker before a colon is no headline", []titleCandidate{{"Zimbabwe coup: Mugabe under house arrest", fromOpenGraph}},
			[]string{"Zimbabwe coup"}, "", nil, "Zimbabwe coup: Mugabe under house arrest"},
		{"the site's name shown in the h1", []titleCandidate{{"Critics’ Choice: Best UK Art Exhibitions 2025 – Breitbart", fromJSONLD}},
			[]string{"Critics’ Choice: Best UK Art Exhibitions 2025 – Breitbart"}, "", nil, "Critics’ Choice: Best UK Art Exhibitions 2025"},
		{"a spaced colon before the site's name", nil, nil, "Zero waste living guide for beginners : Breitbart", nil, "Zero waste living guide for beginners"},
		// French typography spaces every colon: the part after it is the headline's.
		{"a French kicker h1 does not cut the headline", []titleCandidate{{"Guerre en Ukraine : les combats continuent", fromOpenGraph}},
			[]string{"Guerre en Ukraine"}, "", nil, "Guerre en Ukraine : les combats continuent"},
		{"a French <title> keeps the words after its colon", nil, nil, "Guerre en Ukraine : les combats continuent", nil, "Guerre en Ukraine : les combats continuent"},
		{"a French <title> loses the site after a colon", nil, nil, "Guerre en Ukraine : les combats continuent : Breitbart", nil, "Guerre en Ukraine : les combats continuent"},
		{"an h1 escaped twice still confirms the title", []titleCandidate{{"Data Tools for 2026 | Python, SQL & AI | Splunk", fromOpenGraph}},
			[]string{"Data Tools for 2026 | Python, SQL &#x26; AI"}, "", []string{"Splunk"}, "Data Tools for 2026 | Python, SQL & AI"},
	}
	for _, c := range cases {
		keys := siteKeys(c.sites, "https://www.breitbart.com/x")
		if got := chooseTitle(c.cands, c.h1, c.titleTag, keys); got != c.want {
			t.Errorf("%s: chooseTitle = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSiteNamesInTitles checks which title parts are taken for the site's
// name: its declared names and host by key, and short names that hold its
// registered domain name or sit inside it.
func TestSiteNamesInTitles(t *testing.T) {
	sites := siteKeys([]string{"The Motley Fool"}, "https://www.getdianahr.com/blog/x", "https://tires.bridgestone.com/en-us/", "https://promotions.newegg.com/a")
	cases := []struct {
		part string
		want bool
	}{
		{"The Motley Fool", true}, {"Motley Fool", true},
		{"DianaHR", true},           // inside getdianahr
		{"Bridgestone Tires", true}, // holds bridgestone
		{"Newegg.com", true},        // the registered name with its suffix
		{"com", false},              // too short to match inside a name
		{"Top 19 Companies", false}, // no name of the site
		{"Bridgestone recalls tires after a string of crashes", false}, // a sentence, not a name
	}
	for _, c := range cases {
		if got := sites.is(c.part); got != c.want {
			t.Errorf("is(%q) = %v, want %v", c.part, got, c.want)
		}
	}
	if got, want := stripSiteAffix("Top 5 HR Management Software in 2026 | DianaHR", sites), "Top 5 HR Management Software in 2026"; got != want {
		t.Errorf("stripSiteAffix = %q, want %q", got, want)
	}
	// The folders above the story name its section; its slug is no section.
	sections := siteKeys(nil, "https://www.bssnews.net/district/343604", "https://ex.com/blog/2023/how-many-wine-types-and-styles-are-there/x")
	for part, want := range map[string]bool{"District": true, "Blog": true, "How many wine types and styles are there": false} {
		if got := sections.is(part); got != want {
			t.Errorf("is(%q) = %v, want %v", part, got, want)
		}
	}
}

// TestSiteNamesAtWordBoundaries guards against taking a title part for the
// site's name because the domain's name is somewhere inside it ("A
// Timeline" on time.com), and against years and tag pages' topics in the
// URL's folders taken for sections.
func TestSiteNamesAtWordBoundaries(t *testing.T) {
	sites := siteKeys(nil, "https://time.com/2025/tag/trump/story-slug")
	for part, want := range map[string]bool{
		"TIME": true, "Time Magazine": true, "The Time": true, // the name, alone or as whole words
		"A Timeline": false, "Timeless": false, "Overtime": false, // the name inside a word
		"2025": false, "Trump": false, // a year and a tag page's topic
	} {
		if got := sites.is(part); got != want {
			t.Errorf("time.com: is(%q) = %v, want %v", part, got, want)
		}
	}
	if got, want := stripSiteAffix("The making of the president - A Timeline", sites), "The making of the president - A Timeline"; got != want {
		t.Errorf("stripSiteAffix = %q, want %q", got, want)
	}
}

// TestAuthorTailStays keeps a title's author tail ("Headline | Jane Doe"),
// which is how the page titles the story, when the h1 is the bare headline.
func TestAuthorTailStays(t *testing.T) {
	got := chooseTitle([]titleCandidate{{"Tribes fear whale strandings | Eleanor Ainge Roy", fromOpenGraph}},
		[]string{"Tribes fear whale strandings"}, "", siteNames{}, "Eleanor Ainge Roy")
	if want := "Tribes fear whale strandings | Eleanor Ainge Roy"; got != want {
		t.Errorf("chooseTitle = %q, want %q", got, want)
	}
}

func TestApply(t *testing.T) {
	r := &Result{Title: "T", Dek: "D", Authors: []string{"A"}, Agency: "AP", Published: "2020-01-01", Language: "en", URL: "u", CanonicalURL: "c"}
	var a article.Article
	r.Apply(&a)
	if a.Title != "T" || a.Dek != "D" || len(a.Authors) != 1 || a.Agency != "AP" || a.Published != "2020-01-01" || a.Language != "en" || a.CanonicalURL != "c" {
		t.Errorf("Apply copied %+v", a)
	}
}

func TestReadNilAndEmpty(t *testing.T) {
	if r := Read(nil, "https://ex.com/"); r.URL != "https://ex.com/" {
		t.Errorf("Read(nil) = %+v", r)
	}
	r := Read(parse(t, ""), "")
	if r.Title != "" || len(r.Authors) != 0 || r.Published != "" {
		t.Errorf("Read(empty) = %+v", r)
	}
}

// FuzzRead feeds arbitrary HTML through html.Parse and Read: nothing may
// panic, and a date found must be ISO 8601.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"",
		`<title>A | B</title><meta property="og:title" content="A">`,
		`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"@id":"x"}},{"@id":"x","name":"N"}]}</script>`,
		`<script type="application/ld+json">{"@type":"Article","author":[[[[{"name":["a",{"name":1}]}]]]],}</script>`,
		`<div class="byline">By <a rel="author">X Y</a> and Z, 12/31/1999 11:59 pm EST</div>`,
		`<p>By Jane</p><h1>t</h1><p>By Jane (`,
		`<span itemscope itemprop="author"><span itemscope itemprop="author">x</span></span>`,
		`<meta name="date" content="99999999"><time datetime="2020-13-45T99:99">`,
		`<meta property="og:title" content="Top 10 Picks | Site"><h1>The 10 best picks, tested</h1><p><time>May 3, 2021</time></p><div class="author">Jane DoeProfileFollow</div>`,
		`<h1>What is it? More</h1><div class="date">Published on 1 May 2025 by jdoe</div><p>December 15, 2025</p>`,
		syntheticPage(),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			return
		}
		r := Read(doc, "https://example.com/a/b")
		for _, d := range []string{r.Published, r.Modified} {
			if d != "" && normalizeDate(d) != d {
				t.Errorf("date %q is not in normal form", d)
			}
		}
		for _, a := range r.Authors {
			if a == "" || strings.TrimSpace(a) != a {
				t.Errorf("author %q not trimmed", a)
			}
		}
	})
}

// TestJSONLDDepth checks that lists of lists are followed a few levels but
// not without bound: encoding/json nests up to 10000 levels, and each would
// be a call.
func TestJSONLDDepth(t *testing.T) {
	nest := func(levels int, v any) any {
		for range levels {
			v = []any{v}
		}
		return v
	}
	noRef := func(v any) any { return v }
	tests := []struct {
		levels    int
		wantValue bool
	}{
		{0, true},
		{3, true},
		{maxJSONDepth, true},
		{maxJSONDepth + 2, false},
		{10000, false},
	}
	for _, tt := range tests {
		got := ldString(nest(tt.levels, "Jane Doe"))
		if (got == "Jane Doe") != tt.wantValue {
			t.Errorf("ldString(%d levels) = %q, want value %v", tt.levels, got, tt.wantValue)
		}
		got = ldImage(nest(tt.levels, "https://ex.com/a.jpg"), noRef)
		if (got == "https://ex.com/a.jpg") != tt.wantValue {
			t.Errorf("ldImage(%d levels) = %q, want value %v", tt.levels, got, tt.wantValue)
		}
	}
}

func TestClassWords(t *testing.T) {
	if maxClassWord > maxClassWordBytes {
		t.Fatalf("longest class vocabulary word has %d bytes; classWords keeps %d", maxClassWord, maxClassWordBytes)
	}
	for _, tc := range []struct {
		in   string
		want wordKind
	}{
		{"", 0},
		{"byline", bylineWord},
		{"post-byline", bylineWord},
		{"articleByline", bylineWord},
		{"ArticleBYLINE", bylineWord}, // a lower-to-upper change splits
		{"BYLINEdate", 0},             // upper-to-lower does not: one word "bylinedate"
		{"entry-date published", datelineWord},
		{"sidebar author", asideWord | bylineWord},
		{"bylines2", 0},
		{"x" + strings.Repeat("a", 40) + " byline", bylineWord}, // a word longer than the buffer
		{"authorTime", bylineWord | datelineWord},
		{"AUTHOR", bylineWord},
	} {
		if got := classWords(tc.in); got != tc.want {
			t.Errorf("classWords(%q) = %b, want %b", tc.in, got, tc.want)
		}
	}
}

// TestJunkNamesNeverAuthors is the set of junk author names seen on
// held-out pages: none may come out as a name.
func TestJunkNamesNeverAuthors(t *testing.T) {
	junk := []string{
		"Folgen", "Folgen Sie", "Quelle: sid", "Image: Getty Images", "Photo: Getty Images", "Getty Images",
		"Jane Doe is a reporter covering the courts", "Max Muster schreibt über Politik und Wirtschaft",
	}
	// Neither in page text nor in a metadata tag, where user names are kept.
	for _, clean := range []func([]string, []string) ([]string, string){cleanAuthors, cleanTagAuthors} {
		for _, raw := range junk {
			names, _ := clean([]string{raw}, nil)
			for _, n := range names {
				if strings.EqualFold(n, raw) || strings.Contains(strings.ToLower(raw), strings.ToLower(n)) && !isAgencyName(n) {
					t.Errorf("cleaning %q gave the name %q", raw, n)
				}
			}
		}
	}
	cases := []struct {
		raw        string
		want       []string
		wantAgency string
	}{
		{"MDR THÜRINGEN Stand: 28.04.2023", []string{"MDR Thüringen"}, ""},
		{"Jane Doe (jd)", []string{"Jane Doe"}, ""},
		{"Quelle: sid", []string{"SID"}, "SID"},
		{"Jane Doe, dpa", []string{"Jane Doe", "dpa"}, "dpa"},
		{"AFP", []string{"AFP"}, "AFP"},
	}
	for _, c := range cases {
		names, agency := cleanAuthors([]string{c.raw}, nil)
		if strings.Join(names, "|") != strings.Join(c.want, "|") || agency != c.wantAgency {
			t.Errorf("cleanAuthors(%q) = %q, %q; want %q, %q", c.raw, names, agency, c.want, c.wantAgency)
		}
	}
	// The site's own name is the author when no one else is credited.
	if names, _ := cleanAuthors([]string{"BBC News"}, []string{"BBC News"}); len(names) != 1 || names[0] != "BBC News" {
		t.Errorf("site as the only credit: %q", names)
	}
	if names, _ := cleanAuthors([]string{"Jane Doe", "BBC News"}, []string{"BBC News"}); len(names) != 1 || names[0] != "Jane Doe" {
		t.Errorf("site beside a person: %q", names)
	}
}

// TestShownBylineNames checks the names read from page text: a label glued
// to a name is cut, a bio or a section label is no name, a one-word name
// stands only alone in its element, a date line's "by" names the author.
func TestShownBylineNames(t *testing.T) {
	cases := []struct {
		raw  string
		want []string
	}{
		{"Patrick AllanProfileFollowUnfollow", []string{"Patrick Allan"}},
		{"Mateusz HabernyFounder at Oakywood", []string{"Mateusz Haberny"}},
		{"Danielle DeSiato", []string{"Danielle DeSiato"}},
		{"NB Nicole Burke As founder of Rooted Garden, I've consulted", nil},
		{"March 20, 2023 | Wellness & Prevention", nil},
		{"Personal finance January 27, 2025", nil},
		{"Niko Matsakis on behalf of Vision Doc group", []string{"Niko Matsakis"}},
		{"Newsdesk", []string{"Newsdesk"}},
		{"jsteinhardt", nil}, // a user name in page text; see below for an author link
		{"Bluesky", nil},
		{"Join or log in", nil},
		{"undefined", nil},
		{"Marna van der Merwe", []string{"Marna van der Merwe"}},
		{"The Washington Times https://www.washingtontimes.com", []string{"The Washington Times"}},
		{"BY TMZ STAFF", []string{"TMZ Staff"}},
		{"By Jane Doe, Reuters", []string{"Jane Doe", "Reuters"}}, // an agency stays a co-author
		{"Von Max Muster und dpa", []string{"Max Muster", "dpa"}},
		{"BBC News", []string{"BBC News"}},
		{"By JOE HILDEBRAND", []string{"Joe Hildebrand"}},
		// "of"/"for" after a person's name is an affiliation, and "and"
		// still splits; inside an organisation's name neither splits.
		{"By Jane Doe of Reuters and John Roe", []string{"Jane Doe", "Reuters", "John Roe"}},
		{"Jane Doe for CNN and John Roe", []string{"Jane Doe", "John Roe"}},
		{"Center for Drug Evaluation and Research", []string{"Center for Drug Evaluation and Research"}},
		{"By Department of Health and Human Services", []string{"Department of Health and Human Services"}},
		{"Jane Doe of Reuters", []string{"Jane Doe", "Reuters"}},
		{"By Jane Doe For The Associated Press", []string{"Jane Doe", "The Associated Press"}},
		{"Organization for Transformative Works", []string{"Organization for Transformative Works"}}, // archive-of-our-own
		{"ABC NEWS", []string{"ABC News"}},                                                           // a listed acronym with a vowel keeps its capitals
	}
	for _, c := range cases {
		if names, _ := cleanAuthors([]string{c.raw}, nil); strings.Join(names, "|") != strings.Join(c.want, "|") {
			t.Errorf("cleanAuthors(%q) = %q, want %q", c.raw, names, c.want)
		}
	}
	if names, _ := cleanShownAuthors([]string{"jsteinhardt"}, nil, true); strings.Join(names, "|") != "jsteinhardt" {
		t.Errorf("a user name as an author link's text: %q", names)
	}
	// An employer in a tag is no co-author either ("the Washington Post"
	// would pass there, where lower case is allowed).
	if names, _ := cleanTagAuthors([]string{"Jane Doe of the Washington Post"}, nil); strings.Join(names, "|") != "Jane Doe" {
		t.Errorf("a tag's author with an employer: %q", names)
	}
	for _, v := range []string{"page.head.extra.author", "post.author.name", "story.meta.byline"} {
		if names, _ := cleanTagAuthors([]string{v}, nil); len(names) != 0 {
			t.Errorf("a template variable %q as the author: %q", v, names)
		}
	}
	page := `<html><body><h1>Garden beds</h1><div class="post-date">Published August 7, 2023 by Nicole Burke</div><p>Text.</p></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := Read(doc, "https://example.com/a").Authors; strings.Join(got, "|") != "Nicole Burke" {
		t.Errorf("date line with by: Authors = %q", got)
	}
}

// TestTagAuthorCredits keeps what a metadata tag credits as it credits it:
// user names and names typed in lower case, which page text would not make
// names, and an organisation's name with "and" in it as one credit.
func TestTagAuthorCredits(t *testing.T) {
	cases := []struct {
		raw  string
		want []string
	}{
		{"q_admin", []string{"q_admin"}},
		{"Ejp55230", []string{"Ejp55230"}},
		{"kirstin boatto", []string{"kirstin boatto"}},
		{"Center for Drug Evaluation and Research", []string{"Center for Drug Evaluation and Research"}},
		{"Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"admin", nil},
		{"https://www.facebook.com/janedoe", nil},
	}
	for _, c := range cases {
		names, _ := cleanTagAuthors([]string{c.raw}, nil)
		if strings.Join(names, "|") != strings.Join(c.want, "|") {
			t.Errorf("cleanTagAuthors(%q) = %q, want %q", c.raw, names, c.want)
		}
	}
	// In page text a user name is no byline.
	if names, _ := cleanAuthors([]string{"mcupdate"}, nil); len(names) != 0 {
		t.Errorf("cleanAuthors(mcupdate) = %q", names)
	}
}

// TestPersonOverTagHandle: a user name in a tag gives way to the person the
// visible byline names (wikia's "CC7567" and "James Akinaka").
func TestPersonOverTagHandle(t *testing.T) {
	page := `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"A story","author":{"@type":"Person","name":"CC7567"}}</script></head>
<body><h1>A story</h1><p class="byline">By James Akinaka</p><p>Text.</p></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := Read(doc, "https://example.com/a").Authors; strings.Join(got, "|") != "James Akinaka" {
		t.Errorf("Authors = %q, want [James Akinaka]", got)
	}
	only := strings.Replace(page, `<p class="byline">By James Akinaka</p>`, "", 1)
	if doc, err = html.Parse(strings.NewReader(only)); err != nil {
		t.Fatal(err)
	}
	if got := Read(doc, "https://example.com/a").Authors; strings.Join(got, "|") != "CC7567" {
		t.Errorf("Authors = %q, want [CC7567] when no one else is credited", got)
	}
}

func isAgencyName(n string) bool {
	_, ok := agencies[strings.ToLower(n)]
	return ok
}

// TestUnmarkedDates reads the publication date where a page marks it with
// no <time>, class or JSON-LD: a plain meta name, the byline, a short date
// line after the headline; a date in prose or above the headline is not it.
func TestUnmarkedDates(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"meta published", `<head><meta name="published" content="July 17, 2025"></head><h1>Data tools</h1>`, "2025-07-17"},
		{"the byline's date", `<h1>Why we sleep</h1><div class="byline">By Jane Doe - Mar 27, 2024</div><p>Text.</p>`, "2024-03-27"},
		{"an unmarked date line", `<h1>Mini inference engine</h1><div><p>December 15, 2025</p></div><p>Text.</p>`, "2025-12-15"},
		{"a date with a lead-in", `<h1>Online classes</h1><div><span>Reyan Perumal</span><div>Published on July 18, 2025</div></div>`, "2025-07-18"},
		{"a <time> alone in a paragraph", `<h1>Design awards</h1><p><span><time datetime="2025-12-19T15:55:39-08:00">12/19 — 2025</time></span></p><p>Text.</p>`, "2025-12-19T15:55:39-08:00"},
		{"a <time> in prose is the story's subject", `<h1>Design awards</h1><p>The jury met on <time datetime="2025-11-02">2 November</time> and chose nineteen works from the four hundred sent in this year.</p>`, ""},
		{"a date above the headline is the page's", `<p>March 1, 2025</p><h1>Council votes</h1><p>Text.</p>`, ""},
		{"a date in prose is the story's subject", `<h1>Council votes</h1><p>On March 3, 2020 the council voted to close the library.</p>`, ""},
	}
	for _, c := range cases {
		doc, err := html.Parse(strings.NewReader("<html>" + c.body + "</html>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := Read(doc, "https://example.com/a").Published; got != c.want {
			t.Errorf("%s: Published = %q, want %q", c.name, got, c.want)
		}
	}
	// With no date on the page, the story's address gives the day.
	doc, err := html.Parse(strings.NewReader("<html><h1>Council votes</h1><p>Text.</p></html>"))
	if err != nil {
		t.Fatal(err)
	}
	if got := Read(doc, "https://example.com/2025/12/18/council-votes").Published; got != "2025-12-18" {
		t.Errorf("date from the address: %q", got)
	}
	if got := Read(doc, "https://example.com/2025/13/18/council-votes").Published; got != "" {
		t.Errorf("no month 13: %q", got)
	}
}

// TestVocabularies loads every embedded list through the one loader: each
// has entries, reasons after "#" are not part of them, and the separators'
// kinds are known (readAuthorSeparators panics otherwise).
func TestVocabularies(t *testing.T) {
	entries, err := vocabFiles.ReadDir("vocab")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		for _, w := range wordList(e.Name()) {
			if strings.Contains(w, "#") || w != strings.TrimSpace(w) || w == "" {
				t.Errorf("%s: entry %q keeps a comment or white space", e.Name(), w)
			}
		}
		if len(wordList(e.Name())) == 0 {
			t.Errorf("%s: no entries", e.Name())
		}
	}
	for _, sep := range []string{",", " and ", " - ", " edited by ", " (avec ", " of "} {
		if !slices.Contains(authorSeparators, sep) {
			t.Errorf("separator %q not read from author_separators.txt", sep)
		}
	}
	if !nameJoiners[" and "] || !affiliations[" for "] || affiliations[" and "] {
		t.Errorf("separator kinds misread: joiners %v, affiliations %v", nameJoiners, affiliations)
	}
}

// TestDublinCoreTitleFirst: a Dublin Core title, the catalogue title of the
// work, wins over og:title written for sharing; JSON-LD still comes first.
func TestDublinCoreTitleFirst(t *testing.T) {
	cases := []struct{ head, want string }{
		{`<meta property="og:title" content="Share this: a guide"><meta name="DC.title" content="Spanish Resource Guide">`, "Spanish Resource Guide"},
		{`<meta property="og:title" content="Open Graph title"><meta property="dc:title" content="Dublin Core title">`, "Dublin Core title"},
		{`<script type="application/ld+json">{"@type":"NewsArticle","headline":"JSON-LD headline"}</script><meta name="dc.title" content="Dublin Core title">`, "JSON-LD headline"},
	}
	for _, c := range cases {
		doc, err := html.Parse(strings.NewReader("<html><head>" + c.head + "</head><body><p>Text.</p></body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := Read(doc, "https://example.org/a/b").Title; got != c.want {
			t.Errorf("%s: title %q, want %q", c.head, got, c.want)
		}
	}
}
