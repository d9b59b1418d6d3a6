package textclean

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"lede/article"
)

// Sentences to build test texts from: long enough to read as paragraphs.
const (
	p1 = "The council voted on Tuesday to close the old bridge to traffic after engineers found deep cracks in two of its piers."
	p2 = "Repairs are expected to take at least eighteen months and will cost the city about forty million euros, officials said."
	p3 = "Residents of the eastern districts say the closure will add half an hour to their daily commute into the centre."
	p4 = "The mayor promised a free shuttle bus service across the river until the bridge reopens to cars and lorries."
)

// summary renders an Article compactly for comparison: title, dek, agency,
// blocks as "p:" or "h:", images as "img@position:caption|credit", teasers
// as "rel:".
func summary(a *article.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title=%s\ndek=%s\nagency=%s\n", a.Title, a.Dek, a.Agency)
	for _, bl := range a.Blocks {
		fmt.Fprintf(&b, "%c:%s\n", bl.Kind[0], bl.Text)
	}
	for _, im := range a.Images {
		fmt.Fprintf(&b, "img@%d:%s|%s\n", im.Position, im.Caption, im.Credit)
	}
	for _, r := range a.Related {
		fmt.Fprintf(&b, "rel:%s\n", r.Title)
	}
	return b.String()
}

func lines_(ls ...string) string { return strings.Join(ls, "\n\n") }

func TestFromTextRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // lines of summary()
	}{
		{
			name: "clean text passes through",
			text: lines_("Bridge closed for repairs", p1, p2, p3),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3},
		},
		{
			name: "clean text without a title line keeps its first paragraph",
			text: lines_(p1, p2),
			want: []string{"title=", "dek=", "agency=", "p:" + p1, "p:" + p2},
		},
		{
			name: "wrapped lines of one paragraph stay one block",
			text: "Bridge closed for repairs\n\nThe council voted on Tuesday to close\nthe old bridge to traffic.\n\n" + p2,
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:The council voted on Tuesday to close\nthe old bridge to traffic.", "p:" + p2},
		},
		{
			name: "interface words and repeated labels are dropped",
			text: lines_("Bridge closed for repairs", "Share", p1, "Advertisement", p2, "Newsletter", "Subscribe", p3, "Share"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3},
		},
		{
			name: "caption with its credit on the next line",
			text: lines_("Bridge closed for repairs", p1, p2, "Cracks in the east pier of the bridge.\nPhoto: Jane Doe", "Loading...", p3),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3,
				"img@2:Cracks in the east pier of the bridge.|Jane Doe"},
		},
		{
			name: "caption repeated with a credit suffix",
			text: lines_("Bridge closed for repairs", "Cracks in the east pier of the bridge.  Photo: AFP File",
				"AFP File", "Cracks in the east pier of the bridge.  Photo: AFP File", p1, p2),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2,
				"img@0:Cracks in the east pier of the bridge.|AFP File"},
		},
		{
			name: "teasers after a related cue, heading after the interface line",
			text: lines_("Bridge closed for repairs", p1, "Read more", "City budget faces new strain: Mayor", "Loading...",
				"What comes next", p2, "Related stories", "Ferry service to resume in spring", "Tram line extension approved", "Share", p3),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "h:What comes next", "p:" + p2, "p:" + p3,
				"rel:City budget faces new strain: Mayor", "rel:Ferry service to resume in spring", "rel:Tram line extension approved"},
		},
		{
			name: "teaser with its cue on one line",
			text: lines_("Bridge closed for repairs", p1, "Lire aussi : La ville rouvre le pont nord", p2),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "rel:La ville rouvre le pont nord"},
		},
		{
			name: "headline between interface lines is a teaser",
			text: lines_("Bridge closed for repairs", p1, "Advertisement", "Ferry service to resume in spring", "Share", p2, "Loading...", p3),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3, "rel:Ferry service to resume in spring"},
		},
		{
			name: "heading is a short label before a paragraph",
			text: lines_("Bridge closed for repairs", p1, "Share", p2, "Cost of the works", p3),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "h:Cost of the works", "p:" + p3},
		},
		{
			name: "dek set apart by a caption",
			text: lines_("Bridge closed for repairs", "Engineers found deep cracks in two piers of the old bridge, the council says.",
				"Cracks in the east pier.\nPhoto: Jane Doe", p1, p2, "Share"),
			want: []string{"title=Bridge closed for repairs", "dek=Engineers found deep cracks in two piers of the old bridge, the council says.",
				"agency=", "p:" + p1, "p:" + p2, "img@0:Cracks in the east pier.|Jane Doe"},
		},
		{
			name: "agency sign-off, trailing caption and navigation label",
			text: lines_("Bridge closed for repairs", p1, "Share", p2, p3, "AFP", "Commuters wait for the shuttle bus, in the east district.", "Route 6"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=AFP", "p:" + p1, "p:" + p2, "p:" + p3,
				"img@3:Commuters wait for the shuttle bus, in the east district.|"},
		},
		{
			name: "agency line followed by more story is not a sign-off",
			text: lines_("Bridge closed for repairs", p1, "Reuters", p2+" "+p3, p4),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=Reuters", "p:" + p1, "p:" + p2 + " " + p3, "p:" + p4},
		},
		{
			name: "menus around the story are dropped",
			text: lines_("Home", "News", "Sport", "Weather", "Subscribe", "Sign in", "Local news", "Business",
				"Bridge closed for repairs", "By Jane Doe", "Updated 10:32 am, March 3, 2024",
				p1, p2, p3, p4,
				"Most popular", "Ferry service to resume in spring", "Tram line extension approved",
				"Contact us", "Privacy policy", "Terms of use", "© 2024 City Herald"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3, "p:" + p4},
		},
		{
			name: "comment headers end the story",
			text: lines_("Home", "News", "Bridge closed for repairs", p1, p2, "Share",
				"jdoe says:", "This bridge has been falling apart for years and nobody cared at all.",
				"city_fan says:", "Finally they do something about it, better late than never I suppose.",
				"river_rat says:", "The ferry will be packed every morning, mark my words on that one."),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2},
		},
		{
			name: "one line ending in says and a colon introduces a quote",
			text: lines_("Bridge closed for repairs", p1, "The mayor says:", "\"We will reopen it as soon as it is safe.\"", p2),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:The mayor says:",
				"p:\"We will reopen it as soon as it is safe.\"", "p:" + p2},
		},
		{
			name: "labels after a colon are the items of a list",
			text: lines_("Home", "News", "Sport", "Bridge closed for repairs", p1, p2, "The works come in three stages:",
				"Closing the bridge to cars", "Replacing the east pier", "Resurfacing the deck", "Share", "Contact us"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2,
				"p:The works come in three stages:", "l:Closing the bridge to cars\nReplacing the east pier\nResurfacing the deck"},
		},
		{
			name: "a page that is a list of items, with no story, keeps the list",
			text: lines_("Home", "Jobs", "Sign in", "Sign in", "Jobs at small companies. Updated every day.",
				"Acme is hiring a backend engineer in Berlin", "2 days ago",
				"Bolt Labs is hiring a product designer", "3 days ago",
				"Cobalt seeks a data analyst for its Lisbon office", "3 days ago",
				"Dune Health is hiring nurses for remote care", "4 days ago",
				"Ember Robotics is hiring firmware engineers", "5 days ago",
				"Fjord Maps needs a technical writer", "6 days ago",
				"Grove Energy is hiring site managers in Texas", "7 days ago",
				"Harbor Bank seeks a security engineer", "8 days ago",
				"Terms", "Privacy", "Contact"),
			want: []string{"title=", "dek=", "agency=", "p:Jobs at small companies. Updated every day.",
				"p:Acme is hiring a backend engineer in Berlin", "p:2 days ago",
				"p:Bolt Labs is hiring a product designer", "p:3 days ago",
				"p:Cobalt seeks a data analyst for its Lisbon office", "p:3 days ago",
				"p:Dune Health is hiring nurses for remote care", "p:4 days ago",
				"p:Ember Robotics is hiring firmware engineers", "p:5 days ago",
				"p:Fjord Maps needs a technical writer", "p:6 days ago",
				"p:Grove Energy is hiring site managers in Texas", "p:7 days ago",
				"p:Harbor Bank seeks a security engineer", "p:8 days ago"},
		},
		{
			name: "items in the group of the sentence that announces them are a list",
			text: lines_("Bridge closed for repairs", p1, "The works come in three stages:\nClosing the bridge to cars\nReplacing the east pier", p2),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1,
				"p:The works come in three stages:", "l:Closing the bridge to cars\nReplacing the east pier", "p:" + p2},
		},
		{
			name: "comment headers with a timestamp and a past-tense verb end the story",
			text: lines_("Menu", "Sign in", "Bridge closed for repairs", p1, p2,
				"Milan Griffes on September 12, 2018 at 4:47 pm said:", "Any update on how the closure will affect the night buses across the river?",
				"Catherine (City desk) on September 13, 2018 at 5:23 pm said:", "We have not heard yet, but we will ask the transport office this week.",
				"Alex on September 17, 2018 at 6:34 am said:", "I cross the bridge every day and the cracks have been visible for years now."),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2},
		},
		{
			name: "quotes introduced with a past-tense verb stay in the story",
			text: lines_("Menu", "Sign in", "Bridge closed for repairs", p1, "The mayor said:", p2, "The engineer said:", p3, "A resident said:", p4),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:The mayor said:", "p:" + p2,
				"p:The engineer said:", "p:" + p3, "p:A resident said:", "p:" + p4},
		},
		{
			name: "lines sharing a bullet are one list, without their bullets",
			text: lines_("Bridge closed for repairs", p1, "• Cars take the north bridge", "• Buses keep their routes", "• Cyclists may cross on foot", p2),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1,
				"l:Cars take the north bridge\nBuses keep their routes\nCyclists may cross on foot", "p:" + p2},
		},
		{
			name: "numbered lines are an ordered list; one dash-led line is no list",
			text: lines_("Bridge closed for repairs", p1, "1. Close the bridge", "2. Repair the piers", "3) Reopen in 2027", "- a dash-led remark ends here.", p2),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1,
				"l:Close the bridge\nRepair the piers\nReopen in 2027", "p:- a dash-led remark ends here.", "p:" + p2},
		},
		{
			name: "headline, summary and date records after the story are not the story's",
			text: lines_("Menu", "Sign in", "Bridge closed for repairs", p1, p2, p3, "More news",
				"Ferry service to resume in spring", "The ferry that stopped in 2019 will sail again from April.", "2 hours ago",
				"Tram line extended to the airport", "The new stretch adds four stops and opens next year.", "Nov 18",
				"Contact us"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3},
		},
		{
			name: "teaser summaries cut with an ellipsis are dropped, their headline set aside",
			text: lines_("Bridge closed for repairs", p1, p2, "Share", "Ferry service to resume in spring",
				"The ferry that stopped in 2019 will sail again from April, the port authority…", p3, "Share"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3, "rel:Ferry service to resume in spring"},
		},
		{
			name: "reporting credit is dropped from a noisy page and kept in clean text",
			text: lines_("Bridge closed for repairs", p1, "Share", p2, "Jane Doe contributed to this report.", "Share"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2},
		},
		{
			name: "reporting credit in clean text",
			text: lines_("Bridge closed for repairs", p1, p2, "Jane Doe contributed to this report."),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:Jane Doe contributed to this report."},
		},
		{
			name: "a story cut in two by a table keeps both halves",
			text: lines_("Home", "News", "Bridge closed for repairs", p1, p2,
				"Pier", "Crack", "East", "12 cm", "West", "4 cm", "North", "2 cm", "South", "1 cm", "Centre", "0 cm",
				p3, p4, "Share", "Contact us"),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3, "p:" + p4},
		},
		{
			name: "headline printed twice above the story is the title",
			text: lines_("Home", "News", "City", "Bridge Closed For Repairs After Cracks Found", "Share", "Latest news",
				"Council meeting", "Bridge Closed For Repairs After Cracks Found", "By Jane Doe", p1, p2, p3, "Share", "Contact us"),
			want: []string{"title=Bridge Closed For Repairs After Cracks Found", "dek=", "agency=", "p:" + p1, "p:" + p2, "p:" + p3},
		},
		{
			name: "French page",
			text: lines_("Accueil", "Rechercher", "Le pont fermé pour travaux", "Par Jean Dupont",
				"Le conseil municipal a voté mardi la fermeture du vieux pont après la découverte de fissures profondes.",
				"Publicité",
				"Les travaux doivent durer au moins dix-huit mois et coûter environ quarante millions d'euros.",
				"Lire aussi", "La ville rouvre le pont nord aux cyclistes", "Chargement...",
				"Les habitants des quartiers est craignent une demi-heure de trajet en plus chaque matin.",
				"AFP", "Partager", "Commentaires"),
			want: []string{"title=Le pont fermé pour travaux", "dek=", "agency=AFP",
				"p:Le conseil municipal a voté mardi la fermeture du vieux pont après la découverte de fissures profondes.",
				"p:Les travaux doivent durer au moins dix-huit mois et coûter environ quarante millions d'euros.",
				"p:Les habitants des quartiers est craignent une demi-heure de trajet en plus chaque matin.",
				"rel:La ville rouvre le pont nord aux cyclistes"},
		},
		{
			name: "German page",
			text: lines_("Startseite", "Suche", "Alte Brücke wegen Rissen gesperrt", "Von Jana Schmidt", "Aktualisiert: 12.03.2024",
				"Der Stadtrat hat am Dienstag beschlossen, die alte Brücke nach dem Fund tiefer Risse zu sperren.",
				"Anzeige",
				"Die Arbeiten sollen mindestens achtzehn Monate dauern und rund vierzig Millionen Euro kosten.",
				"Lesen Sie auch", "Fähre nimmt im Frühjahr den Betrieb wieder auf", "Wird geladen...",
				"Anwohner im Osten der Stadt rechnen mit einer halben Stunde mehr Fahrzeit am Morgen.",
				"dpa", "Teilen", "Kommentare"),
			want: []string{"title=Alte Brücke wegen Rissen gesperrt", "dek=", "agency=dpa",
				"p:Der Stadtrat hat am Dienstag beschlossen, die alte Brücke nach dem Fund tiefer Risse zu sperren.",
				"p:Die Arbeiten sollen mindestens achtzehn Monate dauern und rund vierzig Millionen Euro kosten.",
				"p:Anwohner im Osten der Stadt rechnen mit einer halben Stunde mehr Fahrzeit am Morgen.",
				"rel:Fähre nimmt im Frühjahr den Betrieb wieder auf"},
		},
		{
			name: "a later copy of a long paragraph is dropped",
			text: lines_("Bridge closed for repairs", p1+" "+p2+" "+p3, "Share", p4, "Share", p1+" "+p2+" "+p3),
			want: []string{"title=Bridge closed for repairs", "dek=", "agency=", "p:" + p1 + " " + p2 + " " + p3, "p:" + p4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromText(context.Background(), tt.text, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := summary(a)
			want := strings.Join(tt.want, "\n") + "\n"
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestFromTextAuthors(t *testing.T) {
	text := lines_("Home", "News", "Bridge closed for repairs", "By Jane Doe and John Smith", p1, p2, p3, "Share", "Contact us")
	a, err := FromText(context.Background(), text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(a.Authors, ";") != "Jane Doe;John Smith" {
		t.Errorf("authors = %q", a.Authors)
	}
}

func TestFromTextKeepAll(t *testing.T) {
	// A short paragraph far below the story, past a menu: outside the main
	// region by default, kept with KeepAll.
	note := "A note on sources follows here."
	text := lines_("Bridge closed for repairs", p1, p2, p3, "Home", "News", "Weather", "Sport", "Culture", "Share", "Share", note)
	for _, keepAll := range []bool{false, true} {
		a, err := FromText(context.Background(), text, Options{KeepAll: keepAll})
		if err != nil {
			t.Fatal(err)
		}
		kept := strings.Contains(summary(a), note)
		if kept != keepAll {
			t.Errorf("KeepAll %v: note kept = %v\n%s", keepAll, kept, summary(a))
		}
	}
}

func TestFromTextEdgeCases(t *testing.T) {
	for _, text := range []string{"", "\n\n\n", "   ", "\ufeff", "One line only.", "Title only", "\r\n\r\nx\r\n"} {
		a, err := FromText(context.Background(), text, Options{})
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if a.Blocks == nil {
			t.Errorf("%q: Blocks is nil, want empty", text)
		}
	}
	a, _ := FromText(context.Background(), "One line only.", Options{})
	if len(a.Blocks) != 1 || a.Title != "" {
		t.Errorf("single sentence: %s", summary(a))
	}
}

func TestFromTextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FromText(ctx, p1, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestSignedPosts: posts signed with a name and a time end a story that
// stands above them, but are the content of a forum thread.
func TestSignedPosts(t *testing.T) {
	var story []string
	for i := 1; i <= 18; i++ {
		story = append(story, fmt.Sprintf("Paragraph %d of the report says the bridge needs %d new bolts and a fresh coat of paint before winter.", i, 10*i))
	}
	posts := []string{
		"jdoe", "2 days ago at 07:52 am", "I cross this bridge every morning and never saw a crack in it.",
		"Nick A", "2 days ago at 07:47 am", "The city should have closed it years ago, when the first report came out.",
		"river_fan", "2 days ago at 08:12 am", "Will the ferry run more often while the works go on?",
	}
	menu := []string{"Home", "Forum", "Sign in"}
	tests := []struct {
		name      string
		text      string
		keepsPost bool
	}{
		{"comments below a story", lines_(append(append(append(menu, "Bridge closed for repairs"), story...), posts...)...), false},
		{"a forum thread", lines_(append(append(menu, "Is the old bridge safe?"), posts...)...), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromText(context.Background(), tt.text, Options{})
			if err != nil {
				t.Fatal(err)
			}
			body := bodyText(a)
			if got := strings.Contains(body, "Will the ferry run more often"); got != tt.keepsPost {
				t.Errorf("last post kept = %v, want %v; body:\n%s", got, tt.keepsPost, body)
			}
			if len(story) > 0 && strings.Contains(tt.text, story[0]) && !strings.Contains(body, story[len(story)-1]) {
				t.Errorf("story's last paragraph lost; body:\n%s", body)
			}
		})
	}
}

// TestFrontPageKeepsItems: a blog's front page, headlines each with its
// summary and no story, keeps its headlines, even one its "Most read" box
// repeats (a repeated label is otherwise furniture).
func TestFrontPageKeepsItems(t *testing.T) {
	parts := []string{"Home", "Blog", "Podcast", "Sign in"}
	for i := 1; i <= 9; i++ {
		parts = append(parts, fmt.Sprintf("What is new in release number %d of the editor", i),
			fmt.Sprintf("Release %d brings faster search, a new theme and many small fixes that users asked for, "+
				"along with better support for large files and a cleaner settings page for teams.", i))
	}
	parts = append(parts, "Most read", "What is new in release number 5 of the editor", "Terms", "Privacy")
	a, err := FromText(context.Background(), lines_(parts...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := bodyText(a)
	for _, want := range []string{"What is new in release number 5 of the editor", "Release 5 brings faster search"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q; body:\n%s", want, body)
		}
	}
	if strings.Contains(body, "Privacy") {
		t.Errorf("footer kept; body:\n%s", body)
	}
}
