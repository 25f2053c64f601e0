package dialogs

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/transcripts from their inputs")

// TestTranscripts plays every conversation in testdata/transcripts and
// compares what the resident would read with the file. Each file is its
// own script: lines starting with "> " are the resident's inputs, "# "
// lines are comments and directives, and everything else is the bot's
// answer, regenerated with -update.
//
// Inputs:
//
//	> text              typed text
//	> /cmd args         a command
//	> [label]           press the button with this label from the bot's latest turn
//	> {data}            press a button with this raw data (old or forged)
//	> @lat,lon          share a location
//	> (sticker)         anything else
//	> !repeat N text    text repeated N times
//	> !quote "..."      a Go-quoted string (for invalid UTF-8)
//	> !state JSON       replace the stored session with these bytes
//
// Directives: "# today 2026-08-30" sets the date of the inputs that follow.
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "transcripts", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 12 {
		t.Errorf("%d transcripts; want at least 12", len(files))
	}
	m := New(fixtureCatalog(), fixtureOptions)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := play(t, m, src)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(got, src) {
				t.Errorf("%s differs from what the bot says now (go test ./dialogs -run Transcript -update to accept):\n%s", file, diff(src, got))
			}
		})
	}
}

// play runs a transcript's inputs and returns the transcript with the
// bot's answers written under each input.
func play(t *testing.T, m *Machine, src []byte) []byte {
	var out bytes.Buffer
	var session []byte // what a channel keeps between updates
	today := fixtureToday
	var last []Reply
	kept := &remindersKept{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# "):
			out.WriteString(line + "\n")
			if d, ok := strings.CutPrefix(line, "# today "); ok {
				var err error
				if today, err = data.ParseDate(strings.TrimSpace(d)); err != nil {
					t.Fatalf("%s: %v", line, err)
				}
			}
			continue
		case !strings.HasPrefix(line, "> "):
			continue // the bot's answers: regenerated
		}
		out.WriteString(line + "\n")
		raw := strings.TrimPrefix(line, "> ")
		if j, ok := strings.CutPrefix(raw, "!state "); ok {
			session = []byte(j)
			continue
		}
		in, err := inputOf(raw, last)
		if err != nil {
			t.Errorf("%s: %v", line, err)
			fmt.Fprintf(&out, "! %v\n\n", err)
			continue
		}
		in.Today = today
		var s State
		if err := s.UnmarshalBinary(session); err != nil {
			t.Fatalf("%s: unmarshal: %v", line, err)
		}
		next, replies, effects, bad := playTurn(m, s, in, kept)
		for _, p := range append(bad, checkTurn(next, replies, effects)...) {
			t.Errorf("after %q: %s", line, p)
		}
		if session, err = next.MarshalBinary(); err != nil {
			t.Fatal(err)
		}
		render(&out, replies, effects)
		out.WriteString("\n")
		last = replies
	}
	return out.Bytes()
}

// inputOf turns a transcript input line into an Input.
func inputOf(raw string, last []Reply) (Input, error) {
	switch {
	case strings.HasPrefix(raw, "/"):
		cmd, arg, _ := strings.Cut(raw[1:], " ")
		return Input{Kind: InputCommand, Command: cmd, Text: arg}, nil
	case strings.HasPrefix(raw, "[") && strings.HasSuffix(raw, "]"):
		label := raw[1 : len(raw)-1]
		for _, r := range last {
			for _, row := range r.Buttons {
				for _, b := range row {
					if b.Label == label && b.Data != "" {
						return Input{Kind: InputButton, Text: b.Data}, nil
					}
				}
			}
		}
		return Input{}, fmt.Errorf("no button %q in the last turn", label)
	case strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}"):
		return Input{Kind: InputButton, Text: raw[1 : len(raw)-1]}, nil
	case strings.HasPrefix(raw, "@"):
		lat, lon, _ := strings.Cut(raw[1:], ",")
		a, err1 := strconv.ParseFloat(lat, 64)
		b, err2 := strconv.ParseFloat(lon, 64)
		if err1 != nil || err2 != nil {
			return Input{}, fmt.Errorf("bad location %q", raw)
		}
		return Input{Kind: InputLocation, At: data.LatLon{Lat: a, Lon: b}}, nil
	case raw == "(sticker)":
		return Input{Kind: InputOther}, nil
	case strings.HasPrefix(raw, "!repeat "):
		n, text, _ := strings.Cut(strings.TrimPrefix(raw, "!repeat "), " ")
		k, err := strconv.Atoi(n)
		if err != nil {
			return Input{}, err
		}
		return Input{Kind: InputText, Text: strings.Repeat(text, k)}, nil
	case strings.HasPrefix(raw, "!quote "):
		s, err := strconv.Unquote(strings.TrimPrefix(raw, "!quote "))
		return Input{Kind: InputText, Text: s}, err
	}
	return Input{Kind: InputText, Text: raw}, nil
}

// render writes the effects as a channel applies them, first, then the
// replies as a resident would see them.
func render(w *bytes.Buffer, replies []Reply, effects []Effect) {
	for _, e := range effects {
		switch e.Kind {
		case EffectForget:
			w.WriteString("* forget everything\n")
		case EffectConsent:
			fmt.Fprintf(w, "* consent %s\n", onOff(e.On))
		case EffectNotices:
			fmt.Fprintf(w, "* notices %s\n", onOff(e.On))
		case EffectProfile:
			fmt.Fprintf(w, "* store profile: %s\n", summary(e.Profile))
		case EffectRemind:
			r := e.Reminder
			fmt.Fprintf(w, "* remind: %s of %s %s (%s), at 09:00 on %s\n", r.Kind, r.Item.Kind, r.Item.ID, r.On, r.Due)
		case EffectCancelReminder:
			fmt.Fprintf(w, "* cancel reminder %d\n", e.ReminderID)
		default:
			fmt.Fprintf(w, "* %s\n", e.Kind)
		}
	}
	for _, r := range replies {
		switch r.Kind {
		case ReplyText:
			mark := "<"
			if r.Edit {
				mark = "<~" // replaces the message whose button was pressed
			}
			for _, l := range strings.Split(r.Text, "\n") {
				w.WriteString(strings.TrimRight(mark+" "+l, " ") + "\n")
			}
			// An item's official page, which a channel links from its title.
			for _, it := range r.Items {
				if it.URL != "" {
					fmt.Fprintf(w, "    (%d번 제목 → %s)\n", it.N, it.URL)
				}
			}
			for _, row := range r.Buttons {
				var cells []string
				for _, b := range row {
					if b.URL != "" {
						cells = append(cells, "["+b.Label+" → "+b.URL+"]")
					} else {
						cells = append(cells, "["+b.Label+"]")
					}
				}
				w.WriteString("    " + strings.Join(cells, " ") + "\n")
			}
			if r.AskLocation {
				w.WriteString("    (keyboard) [" + ShareLocationButton() + "]\n")
			}
		case ReplyPlace:
			fmt.Fprintf(w, "📍 %s (%.6f, %.6f)\n", r.Text, r.Place.At.Lat, r.Place.At.Lon)
		}
	}
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// diff shows the first lines where two transcripts part.
func diff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  file: %s\n  now:  %s", i+1, a, b)
		}
	}
	return "(same lines, different bytes)"
}
