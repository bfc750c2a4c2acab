package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// How progress is shown.
type progressMode int

const (
	progressQuiet progressMode = iota // --quiet: nothing
	progressLog                       // stderr is a file or pipe: a line per stage when it ends
	progressTTY                       // stderr is a terminal: a live line per stage, then the same line
)

// progressTick is how often the live line is redrawn.
const progressTick = 150 * time.Millisecond

// progress shows the stages of a run on stderr. On a terminal the current
// stage is one line redrawn in place (count, share, rate, ETA); in a log
// each stage adds one line when it ends, and nothing else: CI logs stay
// short and free of carriage returns.
type progress struct {
	w     io.Writer
	mode  progressMode
	width func() int // terminal columns
	mu    sync.Mutex // serialises writes to w
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, mode: progressLog, width: func() int { return 80 }}
	switch {
	case quiet:
		p.mode = progressQuiet
	case isTerminal(w):
		p.mode = progressTTY
		fd := int(w.(*os.File).Fd())
		p.width = func() int { return terminalWidth(fd) }
	}
	return p
}

// notef prints a notice, unless --quiet.
func (p *progress) notef(format string, args ...any) {
	if p.mode == progressQuiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "parapost: "+format+"\n", args...)
}

// Units of a stage's count.
const (
	unitBytes = "bytes"
)

// stage is one stage of a run: reading, detecting, pairing, aligning,
// writing. Its count is updated from any goroutine.
type stage struct {
	p        *progress
	verb     string // "detecting"
	past     string // "detected"
	unit     string // "posts", or unitBytes
	total    int64  // 0: unknown (a spinner)
	count    atomic.Int64
	item     atomic.Pointer[string] // the file being read
	phase    atomic.Pointer[string] // the last step of a stage without a count ("merging …")
	started  time.Time
	stop     chan struct{}
	stopped  sync.WaitGroup
	finished bool
}

// start begins a stage; total 0 shows a spinner instead of a share.
func (p *progress) start(verb, past, unit string, total int64) *stage {
	s := &stage{p: p, verb: verb, past: past, unit: unit, total: total, started: time.Now(), stop: make(chan struct{})}
	if p.mode == progressTTY {
		s.stopped.Add(1)
		go s.draw()
	}
	return s
}

func (s *stage) add(n int64)         { s.count.Add(n) }
func (s *stage) done() int64         { return s.count.Load() }
func (s *stage) setItem(name string) { s.item.Store(&name) }

// setPhase says the stage is in a last step that reports no progress: the
// line then shows a spinner and the step.
func (s *stage) setPhase(what string)   { s.phase.Store(&what) }
func (s *stage) elapsed() time.Duration { return time.Since(s.started) }

// draw redraws the live line until the stage ends.
func (s *stage) draw() {
	defer s.stopped.Done()
	t := time.NewTicker(progressTick)
	defer t.Stop()
	for frame := 0; ; frame++ {
		s.p.mu.Lock()
		fmt.Fprint(s.p.w, "\r"+s.line(frame, s.p.width()-1)+"\x1b[K")
		s.p.mu.Unlock()
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
	}
}

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// line is the live line: "detecting  120,512 of 300,000 posts  40% [====>    ]  25,310 posts/s  ETA 7s",
// at most width columns.
func (s *stage) line(frame, width int) string {
	n, el := s.done(), s.elapsed()
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s", s.verb)
	rate := float64(n) / max(el.Seconds(), 1e-3)
	// The rate, and the ETA from it, mean something after a moment only.
	steady := el >= 500*time.Millisecond && n > 0
	switch {
	case s.phase.Load() != nil:
		fmt.Fprintf(&b, " %s %s: %s", spinner[frame%len(spinner)], s.amount(n), *s.phase.Load())
		return fit(b.String(), width)
	case s.total > 0:
		frac := min(float64(n)/float64(s.total), 1)
		fmt.Fprintf(&b, " %s of %s  %3.0f%% %s", s.number(n), s.amount(s.total), 100*frac, bar(frac, 20))
		if steady {
			fmt.Fprintf(&b, "  %s/s", s.amount(int64(rate)))
			if n < s.total {
				eta := time.Duration(float64(s.total-n) / rate * float64(time.Second))
				fmt.Fprintf(&b, "  ETA %s", roundDuration(eta.Round(time.Second)))
			}
		}
	case n > 0:
		fmt.Fprintf(&b, " %s %s", spinner[frame%len(spinner)], s.amount(n))
		if steady {
			fmt.Fprintf(&b, "  %s/s", s.amount(int64(rate)))
		}
	default:
		fmt.Fprintf(&b, " %s %s", spinner[frame%len(spinner)], roundDuration(el.Round(time.Second)))
	}
	if it := s.item.Load(); it != nil {
		// The file's name, cut from the left: its end says most.
		room := width - utf8.RuneCountInString(b.String()) - 2
		if name := []rune(*it); room >= 8 {
			if len(name) > room {
				name = append([]rune("…"), name[len(name)-room+1:]...)
			}
			b.WriteString("  " + string(name))
		}
	}
	return fit(b.String(), width)
}

// number formats n in the stage's unit, without the unit's name.
func (s *stage) number(n int64) string {
	if s.unit == unitBytes {
		return formatBytes(n)
	}
	return count(int(n))
}

// amount formats n in the stage's unit.
func (s *stage) amount(n int64) string {
	if s.unit == unitBytes {
		return formatBytes(n)
	}
	return count(int(n)) + " " + s.unit
}

// finish ends the stage with a line saying what it did, followed by the
// time it took: kept on a terminal, the one line of the stage in a log.
func (s *stage) finish(format string, args ...any) {
	s.end()
	if s.p.mode == progressQuiet {
		return
	}
	msg := fmt.Sprintf(format, args...) + " in " + roundDuration(s.elapsed())
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if s.p.mode == progressTTY {
		fmt.Fprint(s.p.w, "\r\x1b[K"+msg+"\n")
		return
	}
	fmt.Fprintln(s.p.w, "parapost: "+msg)
}

// abort ends the stage without a line (an error follows).
func (s *stage) abort() {
	s.end()
	if s.p.mode == progressTTY {
		s.p.mu.Lock()
		fmt.Fprint(s.p.w, "\r\x1b[K")
		s.p.mu.Unlock()
	}
}

func (s *stage) end() {
	if s.finished {
		return
	}
	s.finished = true
	close(s.stop)
	s.stopped.Wait()
}

// bar draws frac as a bar of width cells.
func bar(frac float64, width int) string {
	full := int(frac * float64(width))
	if full >= width {
		return "[" + strings.Repeat("=", width) + "]"
	}
	return "[" + strings.Repeat("=", full) + ">" + strings.Repeat(" ", width-full-1) + "]"
}

// fit cuts a line to the terminal's width, so that it never wraps (a
// wrapped line cannot be redrawn with a carriage return).
func fit(s string, width int) string {
	if width < 10 || utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}

// count formats n with thousands separators: 300,000.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + count(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return count(n) + " " + word + "s"
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// roundDuration prints d as people read it: 850ms, 4.2s, 1m05s.
func roundDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "0s"
	case d < time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
