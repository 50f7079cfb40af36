package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromium returns the browser the tests drive: $LINKKI_CHROMIUM, or
// Debian's chromium. The browser tests skip only when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("LINKKI_CHROMIUM"), "/usr/bin/chromium", "chromium"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Skip("chromium not installed (apt-get install chromium, or set LINKKI_CHROMIUM); CI installs it")
	return ""
}

// pageCheck is what a browser saw of a report.
type pageCheck struct {
	console  []string // console messages and uncaught exceptions
	requests []string // every URL the page asked for
	charts   int      // .chart elements
	drawn    int      // of which with a canvas holding painted pixels
	title    string
}

// browse opens the report file in headless chromium with the network cut
// off (every host name fails to resolve and a dead proxy is set) and
// reports what happened.
func browse(t *testing.T, file string) pageCheck {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.WindowSize(1280, 2000),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	var mu sync.Mutex
	var got pageCheck
	err := chromedp.Listen(bctx, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			got.requests = append(got.requests, r.Request.URL)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	messages := chromedp.Console(bctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			got.console = append(got.console, m.String())
			mu.Unlock()
		}
	}()

	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+abs), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("open report: %v", err)
	}
	// Charts draw synchronously in the page's last script (animation is
	// off), so a canvas is painted once the load event has fired.
	painted, err := chromedp.Run(bctx, chromedp.Evaluate[[]bool](`Array.from(document.querySelectorAll(".chart")).map(function (el) {
		var c = el.querySelector("canvas");
		if (!c || c.width === 0 || c.height === 0) { return false; }
		var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { return true; } }
		return false;
	})`))
	if err != nil {
		t.Fatalf("inspect charts: %v", err)
	}
	title, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.title`))
	if err != nil {
		t.Fatal(err)
	}
	cancelBrowser()
	<-done
	mu.Lock()
	defer mu.Unlock()
	got.charts, got.title = len(painted), title
	for _, p := range painted {
		if p {
			got.drawn++
		}
	}
	return got
}

// assertOffline fails unless the page drew every chart, logged nothing and
// asked for nothing but itself.
func assertOffline(t *testing.T, file string, wantCharts int) pageCheck {
	t.Helper()
	got := browse(t, file)
	if len(got.console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(got.console, "\n"))
	}
	self := "file://"
	for _, u := range got.requests {
		if !strings.HasPrefix(u, self) && !strings.HasPrefix(u, "data:") {
			t.Errorf("request left the file: %s", u)
		}
	}
	if got.charts < wantCharts || got.drawn != got.charts {
		t.Errorf("%d of %d charts drawn, want at least %d, all drawn", got.drawn, got.charts, wantCharts)
	}
	return got
}
