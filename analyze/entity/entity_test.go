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
