package entity_test
import ("testing";"context";"fmt";"lede/analyze";"lede/article")
func TestDebugEnt(t *testing.T){
 for _, txt := range []string{"Wardanceis cover of a song by UK post punk industrial band Killing Joke.", "The 1893 champion was determined in a tournament in Montreal. The team moved to Munich and New York.", "He visited Athens , Greece."} {
 a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: txt}}}
 analyze.Article(context.Background(), a, analyze.Options{})
 for _, e := range a.Entities { fmt.Println(e.Name, e.Type, e.Roles, e.Mentions) }
 }
}
