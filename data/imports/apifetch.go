package imports

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxAPIPage is the most bytes one page of a source's API may hold: a
// page of 100 postings is well under 1 MB.
const maxAPIPage = 16 << 20

// APIOptions tune an API fetcher. Every zero field means its default.
type APIOptions struct {
	// Client makes the calls. Default http.DefaultClient.
	Client *http.Client
	// Pace is the pause between two calls, so that a listing of many
	// pages does not hammer the source. Default 1 second; negative: none.
	Pace time.Duration
}

// client returns the options' client.
func (o APIOptions) client() *http.Client {
	if o.Client == nil {
		return http.DefaultClient
	}
	return o.Client
}

// pause waits o.Pace before the next call, or until ctx ends.
func (o APIOptions) pause(ctx context.Context) error {
	d := o.Pace
	if d == 0 {
		d = time.Second
	}
	if d < 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// getPage fetches one page of a source's API at u and returns its body,
// at most maxAPIPage bytes. what names the source in errors ("the 고용24
// API"); the URL, which holds the key, never shows in them.
func getPage(ctx context.Context, client *http.Client, u, what string) (*bufio.Reader, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: not a usable URL", what)
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL holds the key: never show it
		}
		return nil, fmt.Errorf("calling %s: %w", what, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered HTTP %s", what, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIPage+1))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("reading %s's answer: %w", what, err)
	}
	if len(b) > maxAPIPage {
		return nil, fmt.Errorf("%s answered a page over %s", what, SizeText(maxAPIPage))
	}
	return bufio.NewReaderSize(strings.NewReader(string(b)), 64<<10), nil
}

// hideKey returns err with key replaced by <name> wherever it shows, as
// written and as URLs escape it, keeping the error chain; and rep's
// rejects likewise.
func hideKey(rep *Report, err error, key, name string) error {
	if key == "" {
		return err
	}
	hide := func(s string) string {
		for _, k := range []string{key, url.PathEscape(key), url.QueryEscape(key)} {
			s = strings.ReplaceAll(s, k, "<"+name+">")
		}
		return s
	}
	for i := range rep.Rejects {
		rep.Rejects[i].Reason = hide(rep.Rejects[i].Reason)
	}
	var ae *APIError
	if errors.As(err, &ae) {
		ae.Code, ae.Message = hide(ae.Code), hide(ae.Message)
	}
	if err != nil && hide(err.Error()) != err.Error() {
		return hiddenKey{err, hide}
	}
	return err
}

// hiddenKey hides an API key in an error's message, keeping the chain.
type hiddenKey struct {
	err  error
	hide func(string) string
}

func (h hiddenKey) Error() string { return h.hide(h.err.Error()) }
func (h hiddenKey) Unwrap() error { return h.err }
