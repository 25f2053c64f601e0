package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// child is a process the separate-process mode started: redis-server,
// dasi serve or the echo bot. Its output goes to a file, shown when it
// fails.
type child struct {
	name string
	cmd  *exec.Cmd
	log  string        // the file holding its output
	done chan struct{} // closed when it has exited
	err  error         // why it exited, once done is closed
}

// startChild starts bin with args and env, its output in dir/name.log.
func startChild(dir, name, bin string, args, env []string) (*child, error) {
	logName := filepath.Join(dir, name+".log")
	out, err := os.Create(logName)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, fmt.Errorf("start %s (%s): %w", name, bin, err)
	}
	c := &child{name: name, cmd: cmd, log: logName, done: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		out.Close()
		close(c.done)
	}()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// exited reports whether the process has ended.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// failure describes a child that ended early, with the end of its output.
func (c *child) failure() error {
	return fmt.Errorf("dasi-load: %s stopped (%v); the end of its output:\n%s", c.name, c.err, c.tail())
}

// tail returns the last lines of the child's output.
func (c *child) tail() string {
	b, _ := os.ReadFile(c.log)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-15):], "\n")
}

// stop asks the process to stop (SIGTERM), as a container runtime does,
// and kills it after timeout.
func (c *child) stop(timeout time.Duration) {
	if c.exited() {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(timeout):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// waitUntil polls ready until it holds, the child exits or timeout passes.
func (c *child) waitUntil(ready func() bool, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for !ready() {
		if c.exited() {
			return c.failure()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("dasi-load: %s not ready after %s; the end of its output:\n%s", c.name, timeout, c.tail())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// startRedis starts a redis-server of the run's own on a free local port,
// without persistence, and returns it with its URL.
func startRedis(ctx context.Context, dir string) (*child, string, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, "", errors.New("dasi-load: redis-server is not installed: the separate-process mode starts one (bash scripts/install-deps.sh, or apt-get install redis-server)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	c, err := startChild(dir, "redis-server", bin, []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir}, os.Environ())
	if err != nil {
		return nil, "", err
	}
	url := fmt.Sprintf("redis://127.0.0.1:%d/0", port)
	opt, _ := goredis.ParseURL(url)
	rdb := goredis.NewClient(opt)
	defer rdb.Close()
	err = c.waitUntil(func() bool {
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		return rdb.Ping(pctx).Err() == nil
	}, 10*time.Second)
	if err != nil {
		c.stop(time.Second)
		return nil, "", err
	}
	return c, url, nil
}

// redisVersion returns redis-server's version line, for the report.
func redisVersion() string {
	out, err := exec.Command("redis-server", "--version").Output()
	if err != nil {
		return "redis-server"
	}
	f := strings.Fields(string(out))
	for _, w := range f {
		if v, ok := strings.CutPrefix(w, "v="); ok {
			return "redis-server " + v
		}
	}
	return strings.TrimSpace(string(out))
}

// buildDasi builds the dasi command from this module's source into dir,
// for a run not given -dasi.
func buildDasi(ctx context.Context, dir string, stderr io.Writer) (string, error) {
	bin := filepath.Join(dir, "dasi")
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/dasi-seoul/dasi/cmd/dasi")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("dasi-load: go build ./cmd/dasi (give a built binary with -dasi): %w\n%s", err, out.String())
	}
	fmt.Fprintf(stderr, "dasi-load: built %s from ./cmd/dasi\n", bin)
	return bin, nil
}

// childEnv is the operator's environment with the variables the run sets
// replaced, and the webhook's removed: both bots long-poll, as dasi serve
// does without DASI_WEBHOOK_URL.
func childEnv(set map[string]string) []string {
	drop := map[string]bool{"DASI_WEBHOOK_URL": true, "DASI_WEBHOOK_SECRET": true, "TELEGRAM_TOKEN_FILE": true}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; ok || drop[k] {
			continue
		}
		env = append(env, kv)
	}
	for k, v := range set {
		env = append(env, k+"="+v)
	}
	return env
}
