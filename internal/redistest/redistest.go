// Package redistest gives tests a real Redis: a redis-server process of their
// own on a free port in a temporary directory, which a test can stop and
// start again on the same port to see what the code under test does while
// Redis is down. When REDIS_URL is set, [Start] uses that server instead.
//
// A missing redis-server fails the test with the command that installs it;
// it never skips.
package redistest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// Server is a Redis server a test uses.
type Server struct {
	url      string
	external bool

	// Fields of a server this package started.
	bin  string
	dir  string
	port int
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
}

// prefixes numbers the key prefixes handed out by Prefix within one process.
var prefixes atomic.Int64

// Start returns a Redis for t: the one at REDIS_URL when that is set, else a
// redis-server of t's own (see [StartOwned]). The server is stopped when t
// ends. Tests sharing an external server keep apart by using [Prefix].
func Start(t testing.TB) *Server {
	t.Helper()
	if u := os.Getenv("REDIS_URL"); u != "" {
		if _, err := redis.ParseURL(u); err != nil {
			t.Fatalf("redistest: REDIS_URL %q: %v", u, err)
		}
		return &Server{url: u, external: true}
	}
	return StartOwned(t)
}

// StartOwned starts a redis-server of t's own, whatever REDIS_URL says, for
// tests that stop and restart it. Its data lives in t.TempDir(); [Server.Stop]
// saves it and [Server.Restart] loads it again, as a production Redis with
// persistence would.
func StartOwned(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redistest: redis-server is not installed; the tests need a real Redis. " +
			"Run `make deps` (or `sudo apt-get install redis-server`), or set REDIS_URL to a Redis the tests may use")
	}
	s := &Server{bin: bin, dir: t.TempDir()}
	var lastErr error
	for range 5 { // a free port can be taken between finding it and binding it
		port, err := freePort()
		if err != nil {
			t.Fatalf("redistest: %v", err)
		}
		s.port = port
		s.url = fmt.Sprintf("redis://127.0.0.1:%d/0", port)
		if lastErr = s.start(t.Context()); lastErr == nil {
			t.Cleanup(func() { s.kill() })
			return s
		}
	}
	t.Fatalf("redistest: %v", lastErr)
	return nil
}

// URL returns the server's address as a redis:// URL.
func (s *Server) URL() string { return s.url }

// Client returns a go-redis client for the server, closed when t ends.
func (s *Server) Client(t testing.TB) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(s.url)
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	opt.DisableIdentity = true
	opt.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	c := redis.NewClient(opt)
	t.Cleanup(func() { c.Close() })
	return c
}

// Prefix returns a key prefix no other test of this process uses, so tests
// can share one external Redis. Keys under it are deleted when t ends.
func (s *Server) Prefix(t testing.TB) string {
	t.Helper()
	p := fmt.Sprintf("test:%d:%d:%s:", os.Getpid(), prefixes.Add(1), strings.ReplaceAll(t.Name(), "/", "."))
	if s.external {
		c := s.Client(t)
		t.Cleanup(func() {
			ctx := context.Background()
			iter := c.Scan(ctx, 0, p+"*", 100).Iterator()
			for iter.Next(ctx) {
				c.Del(ctx, iter.Val())
			}
		})
	}
	return p
}

// Stop shuts the server down, saving its data, and waits until it has
// exited. Clients see connection errors until [Server.Restart].
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	s.mustOwn(t, "Stop")
	if s.cmd == nil {
		return
	}
	// SHUTDOWN SAVE closes the connection instead of answering.
	if err := send(t.Context(), s.port, "SHUTDOWN SAVE"); err != nil {
		t.Fatalf("redistest: SHUTDOWN: %v", err)
	}
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("redistest: redis-server on port %d did not exit after SHUTDOWN", s.port)
	}
	s.cmd = nil
}

// Restart starts the server again on the same port with the data Stop saved.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.mustOwn(t, "Restart")
	if s.cmd != nil {
		t.Fatalf("redistest: Restart of a running server; call Stop first")
	}
	if err := s.start(t.Context()); err != nil {
		t.Fatalf("redistest: restart: %v", err)
	}
}

func (s *Server) mustOwn(t testing.TB, what string) {
	t.Helper()
	if s.external {
		t.Fatalf("redistest: %s needs a server of the test's own: use StartOwned, not Start, in this test", what)
	}
}

// start runs redis-server on s.port and waits until it answers PING.
func (s *Server) start(ctx context.Context) error {
	cmd := exec.Command(s.bin,
		"--port", strconv.Itoa(s.port),
		"--bind", "127.0.0.1",
		"--dir", s.dir,
		"--dbfilename", "dump.rdb",
		"--save", "", // no background saves: Stop saves once
		"--appendonly", "no",
		"--daemonize", "no",
		"--logfile", filepath.Join(s.dir, "redis.log"),
	)
	cmd.Dir = s.dir
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.cmd, s.done = cmd, done

	deadline := time.Now().Add(10 * time.Second)
	for {
		err := ping(ctx, s.port)
		if err == nil {
			return nil
		}
		select {
		case <-done:
			s.cmd = nil
			return fmt.Errorf("redis-server exited at start on port %d: %s", s.port, s.logTail())
		default:
		}
		if time.Now().After(deadline) {
			s.kill()
			return fmt.Errorf("redis-server on port %d did not answer PING within 10s: %w", s.port, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// kill stops the process without saving; it is the cleanup of StartOwned.
func (s *Server) kill() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

func (s *Server) logTail() string {
	b, err := os.ReadFile(filepath.Join(s.dir, "redis.log"))
	if err != nil {
		return "(no log)"
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, " | ")
}

// send writes one inline command over a fresh connection, not waiting for
// an answer.
func send(ctx context.Context, port int, command string) error {
	c, err := dial(ctx, port)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write([]byte(command + "\r\n"))
	return err
}

// ping sends one inline PING over a fresh connection.
func ping(ctx context.Context, port int) error {
	c, err := dial(ctx, port)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return errors.New("unexpected answer to PING: " + strings.TrimSpace(line))
	}
	return nil
}

// dial connects to the server on port, giving up after a second.
func dial(ctx context.Context, port int) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var d net.Dialer
	return d.DialContext(ctx, "tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
}

// freePort asks the kernel for a port nobody listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
