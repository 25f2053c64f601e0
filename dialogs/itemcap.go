package dialogs

import "unicode/utf16"

// The most of an item's catalog text a message shows. The catalog holds
// what the sources wrote (an import admits titles of up to 300 characters
// and other fields of up to 4,000): cut here, every results message stays
// one message on the resident's phone, whatever an import let in.
const (
	maxItemTitle  = 150  // characters of a title or a place's name
	maxItemDetail = 200  // characters of the line of details (fitDetail keeps it to maxDetail, 60, for reading)
	maxItemURL    = 1000 // bytes of a link; a longer one is left out, not cut
)

// maxDigestText is the most a personal alert may hold, in UTF-16 code
// units: Telegram's limit on one message, which a digest must fit whole
// (it is sent as one message, with its "알림 끄기" button).
const maxDigestText = 4096

// capItem cuts an item's title and details to their limits, marking each
// cut with "…", and leaves out a link too long to be one.
func capItem(it Item) Item {
	it.Title = clip(it.Title, maxItemTitle)
	it.Detail = clip(it.Detail, maxItemDetail)
	if len(it.URL) > maxItemURL {
		it.URL = ""
	}
	return it
}

// textUnits is the length of s in UTF-16 code units, as Telegram counts.
func textUnits(s string) int {
	n := 0
	for _, r := range s {
		n += max(1, utf16.RuneLen(r))
	}
	return n
}
