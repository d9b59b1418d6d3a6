package lexicon

import "testing"

// TestLoad parses every embedded list; a malformed line fails here.
func TestLoad(t *testing.T) {
	lx, err := load()
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"title prime minister", lx.Title("prime minister")},
		{"role adviser (PETRARCH2 agent head)", lx.Role("adviser")},
		{"plural role organisers", lx.Role("organisers")},
		{"closed word is no role", !lx.Role("for")},
		{"cue said (PolNeAR train)", lx.Cue("said")},
		{"cue warned", lx.Cue("warned")},
		{"cue phrase referring to (PolNeAR train)", lx.CuePhrase("referring", "to")},
		{"no cue phrase said to", !lx.CuePhrase("said", "to")},
		{"made is no cue: its statements rarely match (PolNeAR train)", !lx.Cue("made")},
		{"reporting verb told", lx.Reporting["told"]},
		{"honorific mr", lx.Honorific("mr")},
		{"abbreviation jan", lx.Abbreviation("jan")},
		{"given name Hillary is female", lx.GivenNames["hillary"] == 'f'},
		{"country Armenia", lx.Places["Armenia"].Kind == "country"},
		{"demonym Azerbaijani", lx.Places["Azerbaijani"] == Place{"demonym", "Azerbaijan"}},
		{"capital Baku", lx.Places["Baku"].Country == "Azerbaijan"},
		{"organisation head ministry", lx.OrgHeads["ministry"]},
		{"organisation Reuters", lx.OrgNames["Reuters"]},
		{"pronoun she", lx.Closed["she"] == Closed{"pron", 'f', false}},
		{"pronoun they", lx.Closed["they"] == Closed{"pron", 'p', true}},
		{"speaking noun poll", lx.Speaking["poll"]},
		{"alleges, a form train lacks, is a reporting cue (morecues.tsv)", lx.Cue("alleges") && lx.Reporting["alleges"]},
		{"wants needs a clause (clausecues.tsv)", lx.ClauseCues["wants"]},
		{"vowed takes an infinitive (infinitivecues.txt)", lx.Infinitive["vowed"]},
		{"correction is a label (labels.txt)", lx.Labels["correction"]},
		{"clitic 've is an auxiliary", lx.Class("'ve") == "aux"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: missing or wrong", c.name)
		}
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"advisers": "adviser", "policies": "policy", "spokesmen": "spokesman", "press": "press", "churches": "church"} {
		if got := Singular(in); got != want {
			t.Errorf("Singular(%q) = %q, want %q", in, got, want)
		}
	}
}
