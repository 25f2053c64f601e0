package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// goPackage is what the architecture test reads of one package from go list.
type goPackage struct {
	ImportPath string
	Imports    []string // imported directly
	Deps       []string // imported directly or not
}

// listPackages returns every package of the module, as go list sees it
// (test files left out).
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", "github.com/dasi-seoul/dasi/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no package")
	}
	return pkgs
}

const (
	mod = "github.com/dasi-seoul/dasi/"
	tg  = "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestImportDirection enforces DESIGN.md's architecture: imports point one
// way, cmd -> bot -> dialogs -> data, and bot -> data/...; the packages of
// internal/ support tests and no other package imports them; the Telegram
// library is imported by bot/telegram alone.
func TestImportDirection(t *testing.T) {
	for _, p := range listPackages(t) {
		pkg := strings.TrimPrefix(p.ImportPath, mod)
		top, _, _ := strings.Cut(pkg, "/")
		for _, imp := range p.Imports {
			if (imp == tg || strings.HasPrefix(imp, tg+"/")) && !within(pkg, "bot/telegram") && pkg != "cmd/dasi-load/echobot" {
				t.Errorf("%s imports the Telegram library; only bot/telegram (and the load test's echo bot) may", pkg)
			}
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			dep, _, _ := strings.Cut(strings.TrimPrefix(imp, mod), "/")
			if dep != top && !allowed(top, dep) {
				t.Errorf("%s imports %s: imports must point cmd -> bot -> dialogs -> data", pkg, imp)
			}
		}
	}
}

// TestChannels enforces the bot's layers (DESIGN.md, Architecture): the
// core (bot) imports no channel package; a channel (bot/<name>) imports no
// other channel; the production binary (cmd/dasi) holds no fake server of
// a channel's API, which only tests and the load generator use.
func TestChannels(t *testing.T) {
	found := map[string]bool{}
	for _, p := range listPackages(t) {
		pkg := strings.TrimPrefix(p.ImportPath, mod)
		found[pkg] = true
		for _, imp := range p.Imports {
			dep := strings.TrimPrefix(imp, mod)
			if dep == imp || !within(dep, "bot") || dep == "bot" {
				continue
			}
			channel := channelOf(dep)
			switch {
			case pkg == "bot":
				t.Errorf("bot imports %s; the core knows a channel only through its own interfaces", imp)
			case within(pkg, "bot/") && channelOf(pkg) != channel:
				t.Errorf("%s imports %s; a channel imports no other channel", pkg, imp)
			}
		}
		if pkg == "cmd/dasi" {
			for _, d := range p.Deps {
				if strings.HasSuffix(d, "/faketg") || strings.Contains(d, "/faketg/") || strings.HasSuffix(d, "/kakaotest") {
					t.Errorf("cmd/dasi depends on %s; the production binary holds no test-only server or client", d)
				}
			}
		}
		// Not even through another package: the core depends on no
		// channel, and KakaoTalk's on nothing of Telegram's.
		for _, d := range p.Deps {
			dep := strings.TrimPrefix(d, mod)
			switch {
			case pkg == "bot" && within(dep, "bot/"):
				t.Errorf("bot depends on %s; the core knows a channel only through its own interfaces", d)
			case within(pkg, "bot/kakao") && (within(dep, "bot/telegram") || d == tg || strings.HasPrefix(d, tg+"/")):
				t.Errorf("%s depends on %s; the KakaoTalk channel uses nothing of Telegram's", pkg, d)
			}
		}
	}
	for _, want := range []string{"bot", "bot/telegram", "bot/kakao", "cmd/dasi"} {
		if !found[want] {
			t.Errorf("go list does not list %s: the test would check nothing of it", want)
		}
	}
}

// within reports whether pkg is dir or a package beneath it.
func within(pkg, dir string) bool {
	dir = strings.TrimSuffix(dir, "/")
	return pkg == dir || strings.HasPrefix(pkg, dir+"/")
}

// channelOf names the channel a package under bot/ belongs to: "telegram"
// for bot/telegram and bot/telegram/faketg.
func channelOf(pkg string) string {
	rest := strings.TrimPrefix(pkg, "bot/")
	name, _, _ := strings.Cut(rest, "/")
	return name
}

// TestDataLayers enforces how package data and the packages beneath it
// depend (DESIGN.md, Architecture): the domain (data) imports only the
// standard library; no package under data imports bot or dialogs; the
// importers (data/imports) reach neither the store (data/sqlite) nor
// database/sql, since they write through their own Sink.
func TestDataLayers(t *testing.T) {
	found := map[string]bool{}
	for _, p := range listPackages(t) {
		pkg := strings.TrimPrefix(p.ImportPath, mod)
		found[pkg] = true
		if pkg == "data" {
			for _, imp := range p.Imports {
				if !isStandard(imp) {
					t.Errorf("data imports %s; the domain imports only the standard library", imp)
				}
			}
		}
		if pkg == "data" || strings.HasPrefix(pkg, "data/") {
			for _, imp := range p.Imports {
				if imp == mod+"bot" || strings.HasPrefix(imp, mod+"bot/") || imp == mod+"dialogs" || strings.HasPrefix(imp, mod+"dialogs/") {
					t.Errorf("%s imports %s; nothing under data imports bot or dialogs", pkg, imp)
				}
			}
		}
		if pkg == "data/imports" {
			for _, d := range p.Deps {
				if d == mod+"data/sqlite" || d == "database/sql" || isDriver(d) {
					t.Errorf("data/imports depends on %s; the importers write through their Sink, never to the store itself", d)
				}
			}
		}
	}
	for _, want := range []string{"data", "data/imports", "data/sqlite", "dialogs"} {
		if !found[want] {
			t.Errorf("go list does not list %s: the test would check nothing of it", want)
		}
	}
}

// TestDialogsDependOnNoIO enforces that the conversation stays pure:
// nothing dialogs depends on, even through data, is database/sql, a
// SQLite driver, go-redis or the Telegram library.
func TestDialogsDependOnNoIO(t *testing.T) {
	checked := 0
	for _, p := range listPackages(t) {
		pkg := strings.TrimPrefix(p.ImportPath, mod)
		if pkg != "dialogs" && !strings.HasPrefix(pkg, "dialogs/") {
			continue
		}
		checked++
		for _, d := range p.Deps {
			if d == "database/sql" || isDriver(d) || strings.HasPrefix(d, "github.com/redis/go-redis") || d == tg || strings.HasPrefix(d, tg+"/") {
				t.Errorf("%s depends on %s; dialogs must depend on no I/O package", pkg, d)
			}
		}
	}
	if checked == 0 {
		t.Error("go list found no dialogs package")
	}
}

// isStandard reports whether path is a package of the standard library:
// its first element has no dot, as every module path's does.
func isStandard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// isDriver reports whether path is (part of) a database driver: modernc's
// SQLite and its runtime.
func isDriver(path string) bool {
	return strings.HasPrefix(path, "modernc.org/")
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
