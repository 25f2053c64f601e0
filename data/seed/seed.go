package seed

import (
	"embed"
	"io/fs"
)

// The files of the seed, in the order they are applied: places first,
// since programs name them.
const (
	Places   = "places.csv"
	Programs = "programs.csv"
)

//go:embed places.csv programs.csv
var files embed.FS

// Files returns the embedded seed: Places and Programs at its root.
func Files() fs.FS { return files }
