//go:build unix

package telegram

import (
	"crypto/tls"
	"errors"
	"net"
	"syscall"
)

// closedByServer reports whether the server has closed an idle connection
// (or sent on it unasked, which no request can follow): a peek at the
// socket that does not wait. A connection that cannot be peeked at is
// taken as open; a request on one the server closed fails, and the sender
// retries it.
func closedByServer(nc net.Conn) bool {
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return false
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	closed := false
	var buf [1]byte
	err = rc.Read(func(fd uintptr) bool {
		n, _, err := syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		switch {
		case n > 0: // bytes nobody asked for
			closed = true
		case n == 0 && err == nil: // the server's FIN
			closed = true
		case err != nil && !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EWOULDBLOCK):
			closed = true // reset
		}
		return true // never wait for the socket to be readable
	})
	return closed || err != nil
}
