package main

import (
	"context"
	"errors"
	"io"
)

// runChat runs "dasi chat". It is not built yet.
func runChat(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("chat: not built yet")
}
