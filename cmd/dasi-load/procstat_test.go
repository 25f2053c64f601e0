package main

import (
	"testing"
	"time"
)

// TestParseStat reads utime and stime after a command name holding spaces
// and parentheses, as /proc/<pid>/stat writes it.
func TestParseStat(t *testing.T) {
	line := "4242 (dasi (serve) x) S 1 4242 4242 0 -1 4194560 3075 0 0 0 250 130 0 0 20 0 9 0 123 456 789\n"
	got, err := parseStat(line)
	if err != nil {
		t.Fatal(err)
	}
	if want := 380 * clockTick; got != want {
		t.Errorf("CPU time = %s, want %s (utime 250 + stime 130 ticks)", got, want)
	}
	for _, bad := range []string{"", "4242 dasi S 1", "4242 (dasi) S 1 2 3", "4242 (dasi) S 1 4242 4242 0 -1 4194560 3075 0 0 0 x 130 0"} {
		if _, err := parseStat(bad); err == nil {
			t.Errorf("parseStat(%q) = nil error", bad)
		}
	}
	self, err := cpuTime(0)
	if err != nil || self < 0 || self > time.Hour {
		t.Errorf("this process's CPU time = %s, %v", self, err)
	}
}

// TestModeOf takes -mode out of the arguments in every spelling the flag
// package accepts, and refuses an unknown mode.
func TestModeOf(t *testing.T) {
	for _, args := range [][]string{{"-mode=process", "-residents", "3"}, {"-residents", "3", "--mode", "process"}, {"-mode", "process", "-residents", "3"}} {
		mode, rest, err := modeOf(args)
		if err != nil || mode != "process" || len(rest) != 2 || rest[0] != "-residents" {
			t.Errorf("modeOf(%q) = %q, %q, %v", args, mode, rest, err)
		}
	}
	if mode, _, err := modeOf([]string{"-records=false"}); err != nil || mode != "in-process" {
		t.Errorf("the default mode = %q, %v; want in-process", mode, err)
	}
	for _, args := range [][]string{{"-mode=remote"}, {"-mode"}} {
		if _, _, err := modeOf(args); err == nil {
			t.Errorf("modeOf(%q) accepted", args)
		}
	}
}
