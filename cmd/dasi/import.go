package main

import (
	"context"
	"errors"
	"io"
)

// runImport runs "dasi import". It is not built yet.
func runImport(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("import: not built yet")
}
