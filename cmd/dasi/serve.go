package main

import (
	"context"
	"errors"
	"io"
)

// runServe runs "dasi serve". It is not built yet.
func runServe(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	return errors.New("serve: not built yet")
}
