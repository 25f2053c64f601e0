//go:build !unix

package telegram

import "net"

// closedByServer cannot peek at a socket here: every idle connection is
// taken as open, and a request on one the server closed fails, for the
// sender to retry.
func closedByServer(net.Conn) bool { return false }
