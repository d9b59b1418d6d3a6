package server

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// screenshotDir is where the browser test writes its screenshots, outside
// the repository: $LEDE_SCREENSHOTS, else a folder in the system's temp.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("LEDE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "lede-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts headless Chromium with a fresh profile, or skips the test
// when there is none. Name resolution is switched off for every host but
// loopback, so pages' pictures from other sites are never fetched: a test
// talks only to the server it started.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no chromium on PATH (Debian package chromium): browser test skipped")
	}
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTime()
		cancel()
		cancelAlloc()
	})
	// Start the browser and its tab now, on ctx: the first run binds the
	// browser's life to its context, and the event listeners that follow
	// must find the tab there.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// consoleLog collects the console errors and exceptions of a tab, leaving
// out the failed loads of pictures from other hosts (their names do not
// resolve in the test, by design).
type consoleLog struct {
	mu     sync.Mutex
	errors []string
}

func (c *consoleLog) watch(ctx context.Context, local string) {
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type != chromedp.ConsoleError && !m.IsException() {
				continue
			}
			if m.URL != "" && !strings.HasPrefix(m.URL, local) && strings.Contains(m.Text, "Failed to load resource") {
				continue
			}
			c.mu.Lock()
			c.errors = append(c.errors, m.String()+" at "+m.URL)
			c.mu.Unlock()
		}
	}()
}

func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.errors
	c.errors = nil
	return out
}

// TestBrowser drives Chromium through the reader: search, open an article,
// see its quotes highlighted and their speaker on click and on keyboard
// focus, open the story, paste a page, read on a phone and without script;
// then shows the hostile page and checks nothing of it ran.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	c := newCorpus(t, "")
	s, err := New(Config{Store: c})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	defer stop()
	go s.Serve(sctx, l)
	base := "http://" + l.Addr().String()
	shots := screenshotDir(t)
	t.Logf("screenshots in %s", shots)

	var dialogs []string
	var dmu sync.Mutex
	go func() {
		for ev, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			dmu.Lock()
			dialogs = append(dialogs, ev.Message)
			dmu.Unlock()
			// Dismiss it so the page goes on and the test can report it.
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	var console consoleLog
	console.watch(ctx, base)

	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		})
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		for i, a := range actions {
			if err := chromedp.Do(sctx, a); err != nil {
				t.Fatalf("%s, action %d: %v", name, i+1, err)
			}
		}
		if err := error(nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if errs := console.take(); len(errs) > 0 {
			t.Errorf("%s: console errors: %q", name, errs)
		}
	}
	eval := func(name, js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}

	// Search from the front page.
	step("home", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("home-q")), shot("1-home"))
	step("search",
		chromedp.SendKeys(chromedp.ID("home-q"), "harbour bridge"),
		chromedp.Submit(chromedp.ID("home-q")),
		chromedp.WaitVisible(chromedp.CSS("ol.hits li.hit")),
		shot("2-search"))
	if n := eval("hits", `document.querySelectorAll("ol.hits li.hit").length`); n != float64(2) {
		t.Errorf("%v hits for harbour bridge, want 2", n)
	}

	// Open the wire article and look at its quotes.
	step("open article",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/articles/%d"]`, c.id("harbour-wire.html")))),
		chromedp.WaitVisible(chromedp.CSS("article.story mark.q")),
		shot("3-article"))
	if n := eval("marks", `document.querySelectorAll("article.story mark.q").length`); n.(float64) < 3 {
		t.Errorf("%v quote marks, want at least 3", n)
	}
	if n := eval("colours", `new Set([...document.querySelectorAll("mark.q")].map(m => getComputedStyle(m).backgroundColor)).size`); n.(float64) < 2 {
		t.Errorf("quotes of different speakers share one colour (%v colours)", n)
	}
	step("click quote",
		chromedp.Click(chromedp.CSS(`mark.q[data-speaker^="Elena Marsh"]`)),
		chromedp.WaitVisible(chromedp.ID("quote-popover")),
		shot("4-quote-popover"))
	if txt := eval("popover", `document.getElementById("quote-popover").textContent`); !strings.Contains(txt.(string), "Elena Marsh") {
		t.Errorf("popover says %q, want the speaker", txt)
	}
	step("escape", chromedp.KeyEvent("\x1b"), chromedp.WaitNotVisible(chromedp.ID("quote-popover")))
	// Keyboard: the quote is a tab stop, and focus shows its speaker.
	step("focus quote",
		chromedp.Focus(chromedp.CSS(`mark.q[tabindex="0"][data-speaker^="Tomas Reyes"]`)),
		chromedp.WaitVisible(chromedp.ID("quote-popover")))
	if txt := eval("popover", `document.getElementById("quote-popover").textContent`); !strings.Contains(txt.(string), "Tomas Reyes") {
		t.Errorf("popover on focus says %q", txt)
	}

	// The story, its versions side by side.
	step("open story",
		chromedp.Click(chromedp.CSS(`a[href^="/stories/"]`)),
		chromedp.WaitVisible(chromedp.CSS(".side-by-side .pair")),
		shot("5-story"))
	if n := eval("changes", `document.querySelectorAll(".pair del, .pair ins").length`); n.(float64) < 2 {
		t.Errorf("%v changed words marked, want some", n)
	}

	// Paste a page and read it.
	step("paste",
		chromedp.Navigate(base+"/read"),
		chromedp.SetValue(chromedp.ID("read-html"), postedPage),
		chromedp.Submit(chromedp.ID("read-html")),
		chromedp.WaitVisible(chromedp.CSS("article.story h1")),
		shot("6-pasted"))
	if h := eval("pasted title", `document.querySelector("article.story h1").textContent`); h != "Posted story" {
		t.Errorf("pasted page title %q", h)
	}
	if n := eval("pasted quote", `document.querySelectorAll("mark.q").length`); n.(float64) < 1 {
		t.Errorf("the pasted page's quote is not marked")
	}

	// The hostile page: shown, and nothing of it runs.
	step("hostile",
		chromedp.Navigate(fmt.Sprintf("%s/articles/%d", base, c.id("hostile.html"))),
		chromedp.WaitVisible(chromedp.CSS("article.story h1")),
		chromedp.Sleep(300*time.Millisecond), // time for an onerror or onload to fire, were there one
		shot("7-hostile"))
	if v := eval("pwned", `typeof window.__pwned`); v != "undefined" {
		t.Errorf("the hostile page's script ran: window.__pwned is %v", v)
	}
	if links := eval("links", `[...document.querySelectorAll("a[href]")].map(a => a.protocol).filter(p => !["http:", "https:", "mailto:"].includes(p)).length`); links != float64(0) {
		t.Errorf("%v links with a scheme other than http(s) or mailto", links)
	}
	if n := eval("base", `document.querySelectorAll("base, iframe, svg, object, embed, [onerror], [onload], [onclick]").length`); n != float64(0) {
		t.Errorf("%v hostile elements or attributes in the page", n)
	}
	if n := eval("scripts", `[...document.scripts].filter(s => !s.src.endsWith("/static/reader.js")).length`); n != float64(0) {
		t.Errorf("%v scripts other than lede's own", n)
	}
	// Click every link the hostile page kept: none may run script.
	step("hostile clicks", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("article.story a").forEach(a => {
		a.addEventListener("click", e => e.preventDefault()); a.click(); })`))
	if v := eval("pwned after clicks", `typeof window.__pwned`); v != "undefined" {
		t.Errorf("a hostile link ran script")
	}

	// A phone: no sideways scrolling, the side panel below the story.
	step("phone",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(fmt.Sprintf("%s/articles/%d", base, c.id("harbour-wire.html"))),
		chromedp.WaitVisible(chromedp.CSS("article.story")),
		shot("8-phone-article"))
	if over := eval("overflow", `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over.(float64) > 0 {
		t.Errorf("the article scrolls sideways on a phone by %vpx", over)
	}
	step("phone story",
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", base, mustStory(t, c))),
		chromedp.WaitVisible(chromedp.CSS(".side-by-side")),
		shot("9-phone-story"),
		chromedp.EmulateReset())

	dmu.Lock()
	if len(dialogs) > 0 {
		t.Errorf("dialogs opened: %q", dialogs)
	}
	dmu.Unlock()
}

// TestReadingWithoutScript reads an article with JavaScript off: the text,
// the quote marks and the speakers (in the title attribute) are all there.
func TestReadingWithoutScript(t *testing.T) {
	ctx := browser(t)
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{})
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(fmt.Sprintf("%s/articles/%d", ts.URL, c.id("harbour-wire.html"))),
		chromedp.WaitVisible(chromedp.CSS("article.story mark.q")),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(screenshotDir(t), "10-no-script.png"), png, 0o644)
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`mark.q[data-speaker^="Elena Marsh"]`), "title"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title.Value, "Elena Marsh") {
		t.Errorf("without script the first quote's title is %q, want its speaker", title.Value)
	}
}

func mustStory(t *testing.T, c *testCorpus) int64 {
	sa, err := c.Article(context.Background(), c.id("harbour-wire.html"))
	if err != nil || sa.StoryID == 0 {
		t.Fatalf("the wire article has no story: %v", err)
	}
	return sa.StoryID
}
