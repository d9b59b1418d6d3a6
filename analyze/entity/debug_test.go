package entity_test
import ("testing";"context";"fmt";"lede/analyze";"lede/article")
func TestDebugEnt(t *testing.T){
 for _, txt := range []string{"He met Ontario Premier Dalton McGuinty and Finance Minister Jim Flaherty.", "Senate Majority Leader Mitch McConnell spoke.", "The Bank of America Chief Executive Brian Moynihan left.", "Manitoba's Gary Doer spoke to Azerbaijani President Ilham Aliyev."} {
 a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: txt}}}
 analyze.Article(context.Background(), a, analyze.Options{})
 for _, e := range a.Entities { fmt.Println(e.Name, "|", e.Type, e.Roles) }
 }
}
