package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold returns s folded for comparing one text with another: letters and
// digits only, in lower case. Spacing, punctuation and symbols fold away,
// and so does 'ㆍ' (U+318D), which Korean text uses as a middle dot
// ("회계ㆍ금융") although Unicode files it as a letter: "인생설계 교육사업"
// folds to "인생설계교육사업", "일·활동" to "일활동", "AI(기초)" to
// "ai기초". Compare a folded text only with another folded text.
func Fold(s string) string { return string(AppendFold(nil, s)) }

// AppendFold appends s folded (see Fold) to dst and returns the extended
// slice; matching folds many texts into one buffer with it.
func AppendFold(dst []byte, s string) []byte {
	for _, r := range s {
		if f, ok := FoldRune(r); ok {
			dst = utf8.AppendRune(dst, f)
		}
	}
	return dst
}

// FoldRune is Fold for one rune: the rune it folds to, and false when it
// folds away. A comparison that walks a text rune by rune (a button label
// against typed text) folds with it, exactly as Fold does.
func FoldRune(r rune) (rune, bool) {
	switch {
	case r >= 'A' && r <= 'Z':
		return r - 'A' + 'a', true
	case r < utf8.RuneSelf:
		return r, r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
	case r == 'ㆍ':
		return 0, false
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return unicode.ToLower(r), true
	}
	return 0, false
}

// CleanText trims s and turns every run of white space in it (the sources
// write no-break spaces, tabs and doubled spaces) into one space. Unlike
// Fold it keeps the text readable: it is how catalog text is stored.
func CleanText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) &&
		!strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// latinWords returns the words of Latin letters in s, in lower case: the
// runs of ASCII letters, whatever stands between them ("ChatGPT·AI 활용"
// holds "chatgpt" and "ai"; "AI디지털교육" holds "ai"; "Training" holds
// "training" alone). A Latin word of a table must be one of them whole,
// which Fold cannot tell, since it drops what stands between words.
func latinWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if !isLatinLetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isLatinLetter(s[j]) {
			j++
		}
		out = append(out, strings.ToLower(s[i:j]))
		i = j
	}
	return out
}

// isLatinLetter reports whether c is an ASCII letter.
func isLatinLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isLatinWord reports whether w is made of lower-case ASCII letters only,
// as a folded Latin word is.
func isLatinWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// isLatinAt reports whether text[i] is a lower-case ASCII letter.
func isLatinAt(text []byte, i int) bool {
	return i >= 0 && i < len(text) && text[i] >= 'a' && text[i] <= 'z'
}
