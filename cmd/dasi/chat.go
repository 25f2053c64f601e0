package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// runChat runs "dasi chat": the resident's conversation in this terminal,
// on the catalog of DASI_DB (seeded on first use), with the session kept in
// this process. It starts as if /start had been sent (with -start, as if
// from a deep link), prints each message and then the buttons of the bot's
// latest turn as "[n] label", and reads one line per input: n or a button's
// exact label presses it, "@LAT,LON" shares a location, "/command" sends a
// command, anything else is typed text. It prints no prompt when its input
// is not a terminal and returns nil at the end of its input, so it can be
// scripted. It returns an error when the database cannot be opened or read.
func runChat(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	start := fs.String("start", "", "deep-link payload of the first /start, such as a place id (c50_west)")
	kakaoView := fs.Bool("kakao", false, "print each turn as KakaoTalk's skill answers it (SkillResponse 2.0 JSON), as a KakaoTalk resident")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dasi chat [-start PLACE_ID] [-kakao] < script")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	st, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	defer st.Close()
	cat, err := st.Catalog(ctx)
	if err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	for _, w := range cfg.privacyWarnings() {
		fmt.Fprintln(stderr, "dasi chat: warning: "+w)
	}
	if text, ok := noJobsNotice(cat, cfg); ok {
		fmt.Fprintln(stderr, "dasi chat: "+text)
	}
	c := &chat{m: dialogs.New(cat, cfg.dialogOptions()), out: bufio.NewWriter(stdout), today: cfg.today(), prompt: isTerminal(stdin), kakao: *kakaoView}
	return c.run(ctx, stdin, *start)
}

// chat is one terminal conversation: a channel like the Telegram one, with
// a single resident and the session in memory.
type chat struct {
	m       *dialogs.Machine
	out     *bufio.Writer
	today   data.Date
	prompt  bool
	kakao   bool             // KakaoTalk's view: SkillResponse JSON, quick replies, no notices
	session []byte           // the encoded State, as a session store keeps it
	buttons []dialogs.Button // the buttons of the latest turn, in order
}

// run plays the conversation until the input ends or ctx is cancelled.
func (c *chat) run(ctx context.Context, stdin io.Reader, start string) error {
	if err := c.step(dialogs.Input{Kind: dialogs.InputCommand, Command: "start", Text: start}); err != nil {
		return err
	}
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
	}()
	for {
		if c.prompt {
			c.out.WriteString("> ")
			c.out.Flush()
		}
		select {
		case <-ctx.Done():
			c.out.WriteString("\n")
			return c.out.Flush()
		case err := <-readErr:
			if err != nil {
				return fmt.Errorf("chat: reading input: %w", err)
			}
			return c.out.Flush()
		case line := <-lines:
			in, ok := c.input(strings.TrimRight(line, "\r"))
			if !ok {
				continue
			}
			if err := c.step(in); err != nil {
				return err
			}
		}
	}
}

// input turns a line into an Input. It returns false for a line that is
// not an input: an empty one, or a link button (whose address it prints).
func (c *chat) input(line string) (dialogs.Input, bool) {
	if strings.TrimSpace(line) == "" {
		return dialogs.Input{}, false
	}
	b, ok := c.button(strings.TrimSpace(line))
	switch {
	case ok && b.URL != "":
		fmt.Fprintf(c.out, "%s\n\n", b.URL)
		c.out.Flush()
		return dialogs.Input{}, false
	case ok:
		return dialogs.Input{Kind: dialogs.InputButton, Text: b.Data}, true
	}
	if at, ok := parseAt(line); ok {
		return dialogs.Input{Kind: dialogs.InputLocation, At: at}, true
	}
	if cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "/"); ok && cmd != "" {
		name, arg, _ := strings.Cut(cmd, " ")
		return dialogs.Input{Kind: dialogs.InputCommand, Command: strings.ToLower(name), Text: strings.TrimSpace(arg)}, true
	}
	return dialogs.Input{Kind: dialogs.InputText, Text: line}, true
}

// button finds the button a line presses: its number in the latest turn,
// or its exact label.
func (c *chat) button(line string) (dialogs.Button, bool) {
	if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(c.buttons) {
		return c.buttons[n-1], true
	}
	for _, b := range c.buttons {
		if b.Label == line {
			return b, true
		}
	}
	return dialogs.Button{}, false
}

// parseAt reads "@37.6,126.93".
func parseAt(line string) (data.LatLon, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "@")
	if !ok {
		return data.LatLon{}, false
	}
	lat, lon, ok := strings.Cut(rest, ",")
	a, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	p := data.LatLon{Lat: a, Lon: b}
	return p, ok && err1 == nil && err2 == nil && p.Valid()
}

// step runs one input through the machine, keeping the session encoded
// between steps as a real channel does, applies the effects, and prints
// the replies. The terminal keeps nothing but the session: a forget drops
// it, the other effects have nothing to record, and the reminders /profile
// asks for are none.
func (c *chat) step(in dialogs.Input) error {
	in.Today = c.today
	in.NoPush = c.kakao // KakaoTalk cannot message first
	var s dialogs.State
	if err := s.UnmarshalBinary(c.session); err != nil {
		return fmt.Errorf("chat: session: %w", err)
	}
	next, replies, effects := c.m.Step(s, in)
	if slices.ContainsFunc(effects, func(e dialogs.Effect) bool { return e.Kind == dialogs.EffectListReminders }) {
		var more []dialogs.Reply
		next, more, _ = c.m.Step(next, in.WithResult(dialogs.Result{Of: dialogs.EffectListReminders}))
		replies = append(replies, more...)
	}
	b, err := next.MarshalBinary()
	if err != nil {
		return fmt.Errorf("chat: session: %w", err)
	}
	c.session = b
	if slices.ContainsFunc(effects, func(e dialogs.Effect) bool { return e.Kind == dialogs.EffectForget }) {
		c.session = nil
	}
	c.print(replies)
	return c.out.Flush()
}

// print writes a turn: each message, then the turn's buttons numbered.
func (c *chat) print(replies []dialogs.Reply) {
	c.buttons = c.buttons[:0]
	if c.kakao {
		c.printKakao(replies)
		return
	}
	askLocation := false
	for _, r := range replies {
		switch r.Kind {
		case dialogs.ReplyText:
			if len(r.Items) > 0 {
				if r.Lead != "" {
					c.out.WriteString(r.Lead + "\n\n")
				}
				c.out.WriteString(r.Heading + "\n")
				for _, it := range r.Items {
					line := strconv.Itoa(it.N) + ". " + it.Title
					if it.Detail != "" {
						line += " · " + it.Detail
					}
					c.out.WriteString(line + "\n")
					if it.Reasons != "" {
						c.out.WriteString("   → " + it.Reasons + "\n")
					}
					if it.Notice != "" {
						c.out.WriteString("   " + it.Notice + "\n")
					}
					if it.URL != "" {
						// Telegram links the title; a terminal shows the page.
						c.out.WriteString("   " + it.URL + "\n")
					}
				}
				if r.Foot != "" {
					c.out.WriteString("\n" + r.Foot + "\n")
				}
			} else {
				c.out.WriteString(r.Text + "\n")
			}
			c.out.WriteString("\n")
			for _, row := range r.Buttons {
				c.buttons = append(c.buttons, row...)
			}
			askLocation = askLocation || r.AskLocation
		case dialogs.ReplyPlace:
			fmt.Fprintf(c.out, "📍 %s (%.6f, %.6f)\n\n", r.Text, r.Place.At.Lat, r.Place.At.Lon)
		}
	}
	for i, b := range c.buttons {
		fmt.Fprintf(c.out, "[%d] %s\n", i+1, b.Label)
	}
	if askLocation {
		fmt.Fprintf(c.out, "[@] %s (@위도,경도)\n", dialogs.ShareLocationButton())
	}
	if len(c.buttons) > 0 || askLocation {
		c.out.WriteString("\n")
	}
}

// printKakao writes a turn as the KakaoTalk skill answers it, then its
// quick replies numbered.
func (c *chat) printKakao(replies []dialogs.Reply) {
	resp := kakao.Render(replies)
	b, _ := json.MarshalIndent(resp, "", "  ")
	c.out.Write(b)
	c.out.WriteString("\n\n")
	for i, q := range resp.Template.QuickReplies {
		c.buttons = append(c.buttons, dialogs.Button{Label: q.Label, Data: q.Extra["data"]})
		fmt.Fprintf(c.out, "[%d] %s\n", i+1, q.Label)
	}
	if len(c.buttons) > 0 {
		c.out.WriteString("\n")
	}
}

// isTerminal reports whether r is a terminal, where a prompt helps.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
