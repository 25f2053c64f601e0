package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCPUProfile: with DASI_CPUPROFILE set, a command leaves a CPU profile
// in that file (gzip, as go tool pprof reads it); a file that cannot be
// created is an error naming the variable, and the command does not run.
func TestCPUProfile(t *testing.T) {
	env := chatEnv(t)
	prof := filepath.Join(t.TempDir(), "dasi.prof")
	env["DASI_CPUPROFILE"] = prof
	if _, errOut, err := dasi(t, env, "동의해요\n", "chat"); err != nil {
		t.Fatalf("dasi chat: %v\nstderr: %s", err, errOut)
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatalf("no profile written: %v", err)
	}
	if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Errorf("the profile is not gzip: %q...", b[:min(len(b), 8)])
	}

	env["DASI_CPUPROFILE"] = filepath.Join(t.TempDir(), "missing", "dasi.prof")
	out, _, err := dasi(t, env, "동의해요\n", "chat")
	if err == nil || !strings.Contains(err.Error(), "DASI_CPUPROFILE") {
		t.Errorf("err = %v, want one naming DASI_CPUPROFILE", err)
	}
	if out != "" {
		t.Errorf("the command ran without its profile:\n%s", out)
	}
}
