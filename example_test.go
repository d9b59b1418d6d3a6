package lede_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"lede"
	"lede/article"
	"lede/decode"
)

func ExampleExtractFile() {
	a, err := lede.ExtractFile(context.Background(), "testdata/example/panarmenian-iran-protests.html", lede.Options{
		URL: "http://www.panarmenian.net/eng/news/275221/",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(article.RenderMarkdown(a))
}

// Bad input fails with an error that says what it was.
func ExampleExtract_badInput() {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	_, err := lede.Extract(context.Background(), png, lede.Options{})
	fmt.Println(errors.Is(err, decode.ErrBinary))
	fmt.Println(err)

	_, err = lede.Extract(context.Background(), nil, lede.Options{})
	fmt.Println(errors.Is(err, decode.ErrEmpty))
	// Output:
	// true
	// decode: input is a PNG image: binary input, not a web page or text
	// true
}
