package sqlite

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// checkResident returns an error saying what was being done and wrapping
// data.ErrResidentID when id is not a valid resident id, nil otherwise:
// the store never keeps, nor looks for, an id that names nobody.
func checkResident(what string, id data.ResidentID) error {
	if err := id.Validate(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// inList returns "(?, ?, …)" and its arguments, the ids as text. It returns
// an error wrapping data.ErrResidentID, naming what, for an invalid id.
func inList(what string, ids []data.ResidentID) (string, []any, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		if err := checkResident(what, id); err != nil {
			return "", nil, err
		}
		args[i] = string(id)
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")", args, nil
}

// scanResidentRow reads a row of one resident column.
func scanResidentRow(rows *sql.Rows) (data.ResidentID, error) {
	var s string
	err := rows.Scan(&s)
	return data.ResidentID(s), err
}
