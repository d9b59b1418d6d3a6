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
				"p:The works come in three stages:", "p:Closing the bridge to cars", "p:Replacing the east pier", "p:Resurfacing the deck"},
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
