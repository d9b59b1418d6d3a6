package extract

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parsedWithoutUnreadText is the tree the parser builds from src with the
// cuts of unreadText applied, rendered with the text of unread scripts and
// styles the scan left uncut removed.
func parsedWithoutUnreadText(t testing.TB, src string) string {
	t.Helper()
	doc, err := html.Parse(&cutReader{src: src, cuts: unreadText(src)})
	if err != nil {
		t.Fatalf("parse of the cut page: %v", err)
	}
	return emptied(t, doc)
}

// parsedThenEmptied is the tree the parser builds from the whole of src,
// with the text of every unread script and style element removed
// afterwards: what the cut page must parse to.
func parsedThenEmptied(t testing.TB, src string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return emptied(t, doc)
}

// emptied renders doc with the text of its unread scripts and styles removed.
func emptied(t testing.TB, doc *html.Node) string {
	var drawing []*html.Node
	for n := range doc.Descendants() {
		if p := n.Parent; p != nil && p.Namespace == "svg" && !svgTextElements[p.Data] && p.Data != "tspan" &&
			(n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" || n.Type == html.CommentNode ||
				n.Type == html.ElementNode && !svgTextElements[n.Data]) {
			drawing = append(drawing, n)
		}
	}
	for _, n := range drawing {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Namespace != "" || n.FirstChild == nil || n.FirstChild.Type != html.TextNode {
			continue
		}
		switch n.DataAtom {
		case atom.Script:
			var tag strings.Builder
			for _, a := range n.Attr {
				tag.WriteString(a.Key + "=" + a.Val + " ")
			}
			if keptScript(tag.String(), n.FirstChild.Data) {
				continue
			}
		case atom.Style:
		default:
			continue
		}
		n.RemoveChild(n.FirstChild)
	}
	return render(t, doc)
}

func render(t testing.TB, doc *html.Node) string {
	var sb strings.Builder
	if err := html.Render(&sb, doc); err != nil {
		t.Fatalf("render: %v", err)
	}
	return sb.String()
}

func TestUnreadTextKeepsTheTree(t *testing.T) {
	tests := []struct {
		name, src string
		cut       int // how many spans are cut
	}{
		{"script and style text cut", `<html><head><style>p{color:red}</style><script>var a = "<p>";</script></head><body><p>Text</p><script src="x.js"></script></body></html>`, 2},
		{"JSON-LD kept for the metadata", `<script type="application/ld+json">{"headline":"H"}</script><p>Body</p>`, 0},
		{"Next.js data kept", `<script id="__NEXT_DATA__" type="application/json">{"props":{}}</script><p>Body</p>`, 0},
		{"Next.js data without a type kept", `<script id="__NEXT_DATA__">{"props":{}}</script><p>Body</p>`, 0},
		{"Next.js flight chunks kept", `<script>self.__next_f.push([1,"<p>story</p>"])</script><p>Body</p>`, 0},
		{"upper-case tags", `<SCRIPT LANGUAGE="JavaScript">if (a < b) x();</SCRIPT><P>Text`, 1},
		{"end tag needs a delimiter", `<script>var s = "</scripts>"; var t = 1;</script><p>Text</p>`, 1},
		{"a '>' in a quoted attribute", `<script data-x="a>b">var a;</script><p>Text</p>`, 1},
		{"a script tag inside a comment is no tag", `<!-- <script> --><p>Text</p><!-- </script> -->`, 0},
		{"a script tag inside an attribute is no tag", `<div title="<script>x</script>"><p>Text</p></div>`, 0},
		{"a script tag inside a title is text", `<title><script>x</script></title><p>Text</p>`, 0},
		{"a script tag inside a textarea is text", `<textarea><script>x</script></textarea><p>Text</p>`, 0},
		{"old pages hide scripts in a comment", `<script><!-- document.write("x"); //--></script><p>Text</p><script>var b;</script>`, 2},
		{"a doubly escaped script stops the cutting", `<script>var a;</script><script><!--<script>x</script>--></script><p>Text</p><script>var b;</script>`, 1},
		{"an unclosed script is read to the end", `<p>Text</p><script>var a = 1;`, 0},
		{"plaintext ends the cutting", `<script>a</script><plaintext><script>b</script>`, 1},
		{"empty script", `<script></script><p>Text</p>`, 0},
		{"noscript with scripting is raw text", `<noscript><script>a</script></noscript><p>Text</p>`, 0},
		{"self-closing script still holds text", `<script src="x.js"/>var a;</script><p>Text</p>`, 1},
		{"stray less-than signs", `<p>1 < 2 <3 <</p><script>x</script>`, 1},
		{"unclosed tag at the end", `<p>Text</p><script>x</script><div class="a`, 1},
		{"unclosed comment at the end", `<script>x</script><p>Text</p><!-- <script>y</script>`, 1},
		{"an inline picture's drawing cut", `<a href="/"><svg viewBox="0 0 2 2"> <path d="M0 0L2 2"/><g><circle r="1"></circle></g></svg>Home</a>`, 1},
		{"a picture's title is kept: its text counts", `<a href="/"><svg><title>Home</title><path d="M0 0L2 2"/><text x="1">Label <tspan>2</tspan></text> </svg></a>`, 2},
		{"a picture with text outside its labels is kept whole", `<svg><path/>Text</svg>`, 0},
		{"nested pictures cut as one", `<svg><svg><rect/></svg><path/></svg><p>Text</p>`, 1},
		{"a self-closing picture has nothing to cut", `<svg/><p>Text</p><svg a=b/><path/></svg>`, 1},
		{"HTML inside a picture leaves it whole", `<svg><path/><p>Text</p></svg><script>x</script>`, 1},
		{"foreignObject leaves the picture whole", `<svg><foreignObject><div>Text</div></foreignObject></svg>`, 0},
		{"a script inside a picture is markup", `<svg><p>break</p><script>a<b>c</b></script></svg><script>x</script>`, 1},
		{"MathML scripts are markup", `<math><mi>x</mi><style>a<b>c</b></style></math><p>Text</p>`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(unreadText(tt.src)); got != tt.cut {
				t.Errorf("%d spans cut, want %d: %v", got, tt.cut, unreadText(tt.src))
			}
			if got, want := parsedWithoutUnreadText(t, tt.src), parsedThenEmptied(t, tt.src); got != want {
				t.Errorf("the cut page parses to\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestCutReaderReadsInSmallPieces guards the reader against a caller that
// reads a byte at a time across the cuts.
func TestCutReaderReadsInSmallPieces(t *testing.T) {
	src := `<style>a</style>b<script>c</script>d<script>e</script>`
	r := &cutReader{src: src, cuts: unreadText(src)}
	var got []byte
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		got = append(got, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if want := `<style></style>b<script></script>d<script></script>`; string(got) != want {
		t.Errorf("read %q, want %q", got, want)
	}
}

// FuzzUnreadText checks the cuts on any input: in order, inside the page,
// and a tree equal to the whole page's, the text of unread scripts and
// styles and the drawing inside inline SVG pictures aside.
func FuzzUnreadText(f *testing.F) {
	for _, s := range []string{
		`<script>a</script><p>b</p>`,
		`<style>x</style><script type="application/ld+json">{}</script>`,
		`<!-- <script> -->`,
		`<script><!-- <script></script> --></script>`,
		`<div a='<script>'>x</div><script>y</script>`,
		`<title><script></title><script>z</script>`,
		`<svg><g><path d="M0"/></g></svg><svg><p>x</p><script>a<b></script></svg>`,
		`<math><style>x</style></math><style>y</style>`,
		`<svg a=b/><rect/></svg><svg/><script>c</script>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		cuts := unreadText(src)
		last := 0
		for _, c := range cuts {
			if c.from < last || c.to <= c.from || c.to > len(src) {
				t.Fatalf("bad cuts %v for %q", cuts, src)
			}
			last = c.to
		}
		if strings.Contains(src, "\x00") {
			return // the parser replaces NUL in some states and not others
		}
		if got, want := parsedWithoutUnreadText(t, src), parsedThenEmptied(t, src); got != want {
			t.Errorf("cut page of %q parses to\n%s\nwant\n%s", src, got, want)
		}
	})
}
