package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection enforces DESIGN.md's architecture: imports point one
// way, cmd -> bot -> dialogs -> data; data imports no project package;
// dialogs never imports the Telegram library, go-redis or database/sql; the
// Telegram library is imported by bot alone.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", "github.com/dasi-seoul/dasi/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/dasi-seoul/dasi/"
	const tg = "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
			Deps       []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkg := strings.TrimPrefix(p.ImportPath, mod)
		top, _, _ := strings.Cut(pkg, "/")
		for _, imp := range p.Imports {
			if imp == tg && top != "bot" {
				t.Errorf("%s imports the Telegram library; only bot may", pkg)
			}
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			dep, _, _ := strings.Cut(strings.TrimPrefix(imp, mod), "/")
			if dep != top && !allowed(top, dep) {
				t.Errorf("%s imports %s: imports must point cmd -> bot -> dialogs -> data", pkg, imp)
			}
		}
		if top == "dialogs" {
			// The store and the session stores live beneath data
			// (data/sqlite, data/redis), which dialogs does not import;
			// here it must not import them itself. The Telegram library
			// it must not reach at all.
			for _, d := range p.Deps {
				if d == tg {
					t.Errorf("dialogs depends on %s; it must stay pure", d)
				}
			}
			for _, d := range p.Imports {
				if d == "database/sql" || strings.HasPrefix(d, "github.com/redis/go-redis") {
					t.Errorf("dialogs imports %s; it must stay pure", d)
				}
			}
		}
	}
}

// allowed reports whether a package under the top-level folder from may
// import one under to: each layer imports those below it, and internal/
// (test support) may import data.
func allowed(from, to string) bool {
	order := map[string]int{"cmd": 3, "bot": 2, "dialogs": 1, "data": 0}
	if from == "internal" {
		return to == "data"
	}
	f, ok1 := order[from]
	d, ok2 := order[to]
	return ok1 && ok2 && f > d
}
