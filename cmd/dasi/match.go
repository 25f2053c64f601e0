package main

import (
	"context"
	"errors"
	"io"
)

// runMatch runs "dasi match". It is not built yet.
func runMatch(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	return errors.New("match: not built yet")
}
