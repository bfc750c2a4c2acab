package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Exit statuses of a run stopped by a signal: 128 + the signal's number, as
// shells report them.
const (
	exitInterrupt = 130 // SIGINT, Ctrl-C
	exitTerminate = 143 // SIGTERM
)

// stopGrace is how long a stopped run may take to clean up before the
// process exits anyway (a read blocked in open(2) on a FIFO cannot be
// interrupted from Go).
const stopGrace = 800 * time.Millisecond

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return "interrupted by " + signalName(e.sig) }

func signalName(s os.Signal) string {
	if s == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

func (e *signalError) exitCode() int {
	if e.sig == syscall.SIGTERM {
		return exitTerminate
	}
	return exitInterrupt
}

// runWithSignals runs the command line and stops it on SIGINT or SIGTERM:
// the context is cancelled, every stage returns within a fraction of a
// second, outputs in progress are removed, and the exit status is 130 or
// 143. Should the run not return in stopGrace (or on a second signal), the
// cleanups registered with onInterrupt run and the process exits.
func runWithSignals(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, stdin, stdout, stderr) }()
	select {
	case code := <-done:
		return code
	case s := <-sigs:
		se := &signalError{s}
		cancel(se)
		select {
		case code := <-done:
			return code
		case <-sigs:
		case <-time.After(stopGrace):
		}
		// A set being published is finished first: exiting between its
		// renames would leave a mixed set.
		publishing.Lock()
		runInterruptHooks()
		if isTerminal(stderr) {
			fmt.Fprint(stderr, "\r\x1b[K") // the progress line
		}
		fmt.Fprintf(stderr, "parapost: %v\n", se)
		return se.exitCode()
	}
}

// publishing is held while a build renames its outputs into place; a
// process stopped by a signal waits for it before exiting.
var publishing sync.Mutex

// The cleanups to run when the process exits on a signal without the run
// returning, last registered first (as defers).
var interruptHooks struct {
	sync.Mutex
	next  int
	hooks []hook
}

type hook struct {
	id int
	fn func()
}

// onInterrupt registers fn to run if the process is stopped by a signal
// before unregister is called.
func onInterrupt(fn func()) (unregister func()) {
	h := &interruptHooks
	h.Lock()
	defer h.Unlock()
	id := h.next
	h.next++
	h.hooks = append(h.hooks, hook{id, fn})
	return func() {
		h.Lock()
		defer h.Unlock()
		for i, k := range h.hooks {
			if k.id == id {
				h.hooks = append(h.hooks[:i], h.hooks[i+1:]...)
				return
			}
		}
	}
}

func runInterruptHooks() {
	h := &interruptHooks
	h.Lock()
	hooks := h.hooks
	h.hooks = nil
	h.Unlock()
	for i := len(hooks) - 1; i >= 0; i-- {
		hooks[i].fn()
	}
}

// cancelReader is a reader whose Read returns as soon as ctx is done, even
// while the underlying Read blocks (a terminal, a FIFO): the blocked read is
// left to finish in the background, and the process is exiting anyway.
type cancelReader struct {
	ctx     context.Context
	r       io.Reader
	res     chan readResult
	buf     []byte
	pending bool
}

type readResult struct {
	n   int
	err error
}

func newCancelReader(ctx context.Context, r io.Reader) *cancelReader {
	return &cancelReader{ctx: ctx, r: r, res: make(chan readResult, 1)}
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if !c.pending {
		if cap(c.buf) < len(p) {
			c.buf = make([]byte, len(p))
		}
		buf := c.buf[:len(p)]
		c.pending = true
		go func() {
			n, err := c.r.Read(buf)
			c.res <- readResult{n, err}
		}()
	}
	select {
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	case r := <-c.res:
		c.pending = false
		return copy(p, c.buf[:r.n]), r.err
	}
}
