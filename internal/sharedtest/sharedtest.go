// Package sharedtest finds the shared reference folder for tests: the
// real Seoul data that tests import beside their own small fixtures.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Data returns the path of name (such as "50plus/lectures.json") in the
// shared reference data: ../shared/data beside the directory holding
// go.mod, found by walking up from the test's working directory. The
// folder is reference data, not a dependency: when the file is absent the
// test is skipped, unless CI is set, where it must be there and its
// absence fails the test.
func Data(tb testing.TB, name string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			tb.Fatal("no go.mod above the test's directory")
		}
		dir = filepath.Dir(dir)
	}
	path := filepath.Join(dir, "..", "shared", "data", name)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("CI is set but the shared reference data %s is missing: %v", path, err)
		}
		tb.Skipf("no shared reference data at %s: %v", path, err)
	}
	return path
}
