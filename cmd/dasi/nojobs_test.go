package main

import (
	"strings"
	"testing"
)

// TestChatSaysWhenNoJobIsOpen: on a new database (the seed holds no job
// opening) dasi chat tells the operator once, on standard error, how to
// load openings; after an import of open ones it says nothing.
func TestChatSaysWhenNoJobIsOpen(t *testing.T) {
	env := chatEnv(t)
	_, errOut, err := dasi(t, env, "", "chat")
	if err != nil {
		t.Fatalf("dasi chat: %v\n%s", err, errOut)
	}
	if n := strings.Count(errOut, "holds no job opening open on 2026-07-26"); n != 1 || !strings.Contains(errOut, "dasi import jobs") ||
		!strings.Contains(errOut, "SEOUL_API_KEY or WORK24_API_KEY") {
		t.Errorf("stderr says it %d times, want once with how to load openings:\n%s", n, errOut)
	}
	if _, stderr, err := dasi(t, env, "", "import", "jobs", fixture("getjobinfo.json")); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if _, errOut, _ = dasi(t, env, "", "chat"); strings.Contains(errOut, "no job opening") {
		t.Errorf("told of no openings after an import of open ones:\n%s", errOut)
	}
}
