package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestMain lets this test binary be the echo bot's process, as dasi-load's
// own binary is in a real run.
func TestMain(m *testing.M) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	isChild, err := runChild(ctx, os.Getenv)
	stop()
	if isChild {
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestProcessMode runs the separate-process mode briefly: dasi serve built
// from this source and the echo bot as processes of their own, a few
// residents through whole intakes (typed answers included). Both bots must
// have answered, every figure of the report must be there and sane, and
// dasi must have made more Bot API requests per update than the echo's
// one reply.
func TestProcessMode(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "dasi")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/dasi-seoul/dasi/cmd/dasi").CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/dasi: %v\n%s", err, out)
	}
	var out bytes.Buffer
	env := map[string]string{"DASI_NOW": "2026-07-26"}
	err := run(t.Context(), []string{"-mode=process", "-dasi", bin, "-residents", "3", "-duration", "1s", "-rounds", "1"},
		func(k string) string { return env[k] }, &out, io.Discard)
	if err != nil {
		t.Fatalf("dasi-load -mode=process: %v\n%s", err, out.String())
	}
	report := out.String()
	row := regexp.MustCompile(`(?m)^(dasi|echo) +(\d+) +(\d+) +(\S+) +(\S+) +([\d.]+) +(\S+) +(\S+) +(\S+)$`)
	rows := map[string][]string{}
	for _, m := range row.FindAllStringSubmatch(report, -1) {
		rows[m[1]] = m
	}
	for _, name := range []string{"dasi", "echo"} {
		m := rows[name]
		if m == nil {
			t.Fatalf("the report has no row for %s:\n%s", name, report)
		}
		if n, _ := strconv.Atoi(m[2]); n < 10 {
			t.Errorf("%s answered %d updates in a second; want at least 10:\n%s", name, n, report)
		}
		for i, what := range map[int]string{4: "p50", 5: "p99", 7: "bot CPU per update", 8: "this process's CPU per update"} {
			if m[i] == "0s" {
				t.Errorf("%s: %s is 0:\n%s", name, what, report)
			}
		}
	}
	echoReqs, _ := strconv.ParseFloat(rows["echo"][6], 64)
	dasiReqs, _ := strconv.ParseFloat(rows["dasi"][6], 64)
	if echoReqs < 1 || dasiReqs <= echoReqs {
		t.Errorf("Bot API requests per update: dasi %.2f, echo %.2f; want echo at least 1 (its reply) and dasi more:\n%s", dasiReqs, echoReqs, report)
	}
	if !strings.Contains(report, "dasi/echo (median of the rounds' ratios): updates/s ") {
		t.Errorf("the report lacks the ratios:\n%s", report)
	}
}
