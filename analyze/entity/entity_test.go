package entity

import (
	"reflect"
	"strings"
	"testing"

	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

func find(paragraphs ...string) *Index {
	lx := lexicon.Default()
	var segs []*sentence.Segment
	for i, p := range paragraphs {
		segs = append(segs, sentence.NewSegment(i, p, lx))
	}
	return Find(segs, lx)
}

func entityNamed(x *Index, name string) *Entity {
	for _, e := range x.Entities {
		if e.Name == name {
			return e
		}
	}
	return nil
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name     string
		text     []string
		entity   string
		typ      article.EntityType
		roles    []string
		mentions []string
	}{
		{"title before the name", []string{"Protesters demanded the resignation of Prime Minister Nikol Pashinyan."},
			"Nikol Pashinyan", article.Person, []string{"Prime Minister"}, []string{"Nikol Pashinyan"}},
		{"demonym and title", []string{"Azerbaijani President Ilham Aliyev spoke."},
			"Ilham Aliyev", article.Person, []string{"President of Azerbaijan"}, []string{"Ilham Aliyev"}},
		{"appositive, then the surname alone", []string{"Hikmet Hajiyev, foreign policy adviser to Azerbaijan's president, spoke.", "Hajiyev said more."},
			"Hikmet Hajiyev", article.Person, []string{"foreign policy adviser to Azerbaijan's president"}, []string{"Hikmet Hajiyev", "Hajiyev"}},
		{"description before the name", []string{"Police detained opposition politician Andranik Tevanyan."},
			"Andranik Tevanyan", article.Person, []string{"opposition politician"}, []string{"Andranik Tevanyan"}},
		{"honorific and parenthetical", []string{"Sen. Elizabeth Warren (D-Mass.), a former professor, spoke.", "Ms. Warren left."},
			"Elizabeth Warren", article.Person, []string{"former professor"}, []string{"Elizabeth Warren", "Warren"}},
		{"country with its variants", []string{"The U.S. and the United States are one."},
			"United States", article.Place, nil, []string{"U.S.", "United States"}},
		{"organisation word", []string{"The Commission on Presidential Debates met."},
			"Commission on Presidential Debates", article.Organization, nil, []string{"Commission on Presidential Debates"}},
		{"place by preposition", []string{"Karabakh, a region, is calm.", "Fighting in Karabakh stopped."},
			"Karabakh", article.Place, nil, []string{"Karabakh", "Karabakh"}},
	}
	for _, tt := range tests {
		x := find(tt.text...)
		e := entityNamed(x, tt.entity)
		if e == nil {
			var names []string
			for _, e := range x.Entities {
				names = append(names, e.Name)
			}
			t.Errorf("%s: no entity %q among %q", tt.name, tt.entity, names)
			continue
		}
		var mentions []string
		for _, m := range e.Mentions {
			mentions = append(mentions, m.Text)
		}
		if e.Type != tt.typ || !reflect.DeepEqual(e.Roles, tt.roles) || !reflect.DeepEqual(mentions, tt.mentions) {
			t.Errorf("%s: got %s %q mentions %q, want %s %q %q", tt.name, e.Type, e.Roles, mentions, tt.typ, tt.roles, tt.mentions)
		}
	}
}

// Sentence-initial capitals are not names unless something says so.
func TestNotNames(t *testing.T) {
	x := find("Opposition leaders have announced plans.", "Ethnic groups met in Yerevan.", "Thursday was calm. Turkish-made drones flew.")
	for _, e := range x.Entities {
		if strings.Contains("Opposition Ethnic Thursday Turkish-made", e.Name) {
			t.Errorf("%q taken for a name", e.Name)
		}
	}
	if entityNamed(x, "Yerevan") == nil {
		t.Error("Yerevan not found")
	}
}

func TestMentionSpans(t *testing.T) {
	text := "Mr. Hajiyev met Nikol Pashinyan."
	x := find(text)
	for _, e := range x.Entities {
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q has span %d:%d = %q", m.Text, m.Start, m.End, text[m.Start:m.End])
			}
		}
	}
}

// TestNamesAndRoles guards the cases: titles after modifiers are
// roles, not part of the name; places and organisations are not people;
// no first word dropped; a surname does not join a longer different name.
func TestNamesAndRoles(t *testing.T) {
	tests := []struct {
		name, text, entity string
		typ                article.EntityType
		role               string
	}{
		{"place modifier before a title", "He met Ontario Premier Dalton McGuinty on Monday.", "Dalton McGuinty", article.Person, "Premier of Ontario"},
		{"ministry before a title", "They met Finance Minister Jim Flaherty.", "Jim Flaherty", article.Person, "Finance Minister"},
		{"body before a leader title", "Senate Majority Leader Mitch McConnell spoke.", "Mitch McConnell", article.Person, "Senate Majority Leader"},
		{"city is a place", "The zoo in San Francisco reopened.", "San Francisco", article.Place, ""},
		{"organisation words", "The American Civil Liberties Union sued.", "American Civil Liberties Union", article.Organization, ""},
		{"first word kept", "Virgin Records signed the band.", "Virgin Records", article.Organization, ""},
		{"band by its descriptor", "He covered a song by the band Killing Joke.", "Killing Joke", article.Organization, ""},
		{"town of", "She was born in the town of Grantham.", "Grantham", article.Place, ""},
		{"surname makes a person", "Tomo Milicevic joined in 2003. Milicevic plays guitar.", "Tomo Milicevic", article.Person, ""},
		{"person of a place", "The trophy went to Thomas D. Green of Ottawa.", "Thomas D. Green", article.Person, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := find(tt.text)
			e := entityNamed(x, tt.entity)
			if e == nil {
				var names []string
				for _, e := range x.Entities {
					names = append(names, e.Name+"/"+string(e.Type))
				}
				t.Fatalf("no entity %q in %v", tt.entity, names)
			}
			if e.Type != tt.typ {
				t.Errorf("%s: type %s, want %s", tt.entity, e.Type, tt.typ)
			}
			if tt.role != "" && (len(e.Roles) == 0 || e.Roles[0] != tt.role) {
				t.Errorf("%s: roles %q, want %q", tt.entity, e.Roles, tt.role)
			}
		})
	}
}

// TestNoAdverbsOrContractions guards against sentence-initial adverbs and
// contractions becoming names ("Apparently", "You’ve").
func TestNoAdverbsOrContractions(t *testing.T) {
	x := find("Apparently the deal is off. You’ve been a trailblazer. I’ve seen it.")
	for _, e := range x.Entities {
		t.Errorf("unexpected entity %q (%s)", e.Name, e.Type)
	}
}
