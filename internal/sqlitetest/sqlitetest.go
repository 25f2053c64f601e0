// Package sqlitetest helps tests look into a dasi SQLite file as a whole,
// bypassing the store's API: to prove that nothing in it mentions a
// resident who asked to be forgotten, or a location that must never be
// stored.
package sqlitetest

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/dasi-seoul/dasi/data"
)

// RowsMentioning scans every column of every table of the SQLite file at
// path for value, as text, and describes each cell that holds it
// ("table.column = content", the content cut at 80 characters). A
// data.ResidentID is looked for in its stored form ("telegram:123456") and
// as its key alone ("123456"), which is how a chat id kept as a number
// (a table a migration missed), or a copy in some other form, would hold
// it: pick distinctive keys. It fails the test when the file cannot be
// read.
func RowsMentioning(tb testing.TB, path string, value any) []string {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tables, err := tablesOf(db)
	if err != nil {
		tb.Fatalf("read the tables of %s: %v", path, err)
	}
	// The key is in the id: a cell holding the id holds the key.
	needle := fmt.Sprint(value)
	if id, ok := value.(data.ResidentID); ok && id.Key() != "" {
		needle = id.Key()
	}
	var found []string
	for _, table := range tables {
		cells, err := cellsHolding(db, table, needle)
		if err != nil {
			tb.Fatalf("read table %s of %s: %v", table, path, err)
		}
		found = append(found, cells...)
	}
	return found
}

// tablesOf lists the database's tables, SQLite's own left out.
func tablesOf(db *sql.DB) ([]string, error) {
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		tables = append(tables, n)
	}
	return tables, rows.Err()
}

// cellsHolding describes the cells of table whose text holds needle.
func cellsHolding(db *sql.DB, table, needle string) ([]string, error) {
	rows, err := db.Query(`SELECT * FROM "` + strings.ReplaceAll(table, `"`, `""`) + `"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var found []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, v := range vals {
			s := fmt.Sprint(v)
			if b, ok := v.([]byte); ok {
				s = string(b)
			}
			if strings.Contains(s, needle) {
				found = append(found, fmt.Sprintf("%s.%s = %.80s", table, cols[i], s))
			}
		}
	}
	return found, rows.Err()
}
