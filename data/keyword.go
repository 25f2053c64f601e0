package data

// Keyword is one word of a dictionary that reads experience fields and
// goals from text: the catalog's tables (match_table.go), and the words
// residents type (package dialogs). A keyword with both a field and a goal
// is ambiguous: at the field question it names the field, elsewhere the
// goal ("디지털" is IT experience when asked about experience, and the
// digital goal otherwise).
type Keyword struct {
	Word   string // folded (Fold)
	Field  Field  // the field it names, if any
	Goal   Goal   // the goal it names, if any
	Weight int    // how surely it names its field, for a reader that weighs words: higher is surer
}

// FieldKeywords returns the keywords of words, each naming field f with
// the given weight.
func FieldKeywords(f Field, weight int, words ...string) []Keyword {
	ks := make([]Keyword, len(words))
	for i, w := range words {
		ks[i] = Keyword{Word: Fold(w), Field: f, Weight: weight}
	}
	return ks
}

// GoalKeywords returns the keywords of words, each naming goal g.
func GoalKeywords(g Goal, words ...string) []Keyword {
	ks := make([]Keyword, len(words))
	for i, w := range words {
		ks[i] = Keyword{Word: Fold(w), Goal: g}
	}
	return ks
}
