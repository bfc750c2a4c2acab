package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parapost/parapost/corpus"
)

// ErrNoPreview reports a channel that has no public web preview: it does
// not exist, is private, or has its preview turned off.
var ErrNoPreview = errors.New("no public web preview (the channel does not exist, is private or hides its preview)")

// Options controls fetching. The zero value fetches all of history from
// https://t.me at one request a second.
type Options struct {
	BaseURL  string        // default "https://t.me"
	Rate     float64       // requests per second per host; default 1
	Since    time.Time     // stop going back once a post older than this is stored; zero: no limit
	MaxPosts int           // stop going back once the channel's folder holds this many posts; 0: no limit
	Recheck  time.Duration // re-fetch stored posts younger than this (edits); 0: none
	Timeout  time.Duration // per request, body included; default 30s
	Retries  int           // attempts after the first on 429, 5xx and network errors; default 6
	// Backoff is the first wait before a retry (default 2s), doubled per
	// attempt with jitter; MaxBackoff caps it and the Retry-After honoured
	// (default 5m: a longer Retry-After fails the channel).
	Backoff, MaxBackoff time.Duration
	UserAgent           string       // default UserAgent()
	HTTPClient          *http.Client // default: a client of its own; redirects are never followed
	Progress            io.Writer    // a line per channel and per retry; nil: silent
	Now                 func() time.Time
}

// Fetcher fetches channels; its requests to one host go one at a time.
type Fetcher struct {
	opt  Options
	base *url.URL
	c    *client
}

// New checks opt and returns a Fetcher.
func New(opt Options) (*Fetcher, error) {
	if opt.BaseURL == "" {
		opt.BaseURL = "https://t.me"
	}
	base, err := url.Parse(strings.TrimRight(opt.BaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("base URL %q: want http(s)://HOST[/PATH]", opt.BaseURL)
	}
	if opt.Rate < 0 || opt.MaxPosts < 0 || opt.Recheck < 0 || opt.Retries < 0 {
		return nil, errors.New("rate, max posts, recheck and retries must not be negative")
	}
	if opt.Rate == 0 {
		opt.Rate = 1
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.Retries == 0 {
		opt.Retries = 6
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 2 * time.Second
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 5 * time.Minute
	}
	if opt.UserAgent == "" {
		opt.UserAgent = UserAgent()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	hc := &http.Client{}
	if opt.HTTPClient != nil {
		*hc = *opt.HTTPClient
	}
	// A redirect is t.me's answer for a channel without preview: see it.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	f := &Fetcher{opt: opt, base: base, c: &client{
		http:       hc,
		userAgent:  opt.UserAgent,
		interval:   time.Duration(float64(time.Second) / opt.Rate),
		timeout:    opt.Timeout,
		retries:    opt.Retries,
		backoff:    opt.Backoff,
		maxBackoff: opt.MaxBackoff,
	}}
	if opt.Progress != nil {
		f.c.log = func(format string, args ...any) {
			fmt.Fprintf(opt.Progress, "parapost: "+format+"\n", args...)
		}
	}
	return f, nil
}

// Result says what fetching one channel did.
type Result struct {
	Channel  string
	Dir      string // the channel's folder
	Requests int    // HTTP requests that got an answer or failed for good (retries included)
	NewPages int    // pages written by this run (re-fetched ones included)
	NewPosts int    // posts on them
	State    State  // after the run
	Stopped  string // why going back stopped: "history complete", "--since", "--max-posts"
}

// String is the progress line of a channel.
func (r *Result) String() string {
	oldest := "unknown"
	if !r.State.OldestDate.IsZero() {
		oldest = r.State.OldestDate.Format("2006-01-02")
	}
	return fmt.Sprintf("%s: %d requests, %d pages (%d posts) new; %d pages, %d posts stored, ids %d–%d, oldest %s (%s)",
		r.Channel, r.Requests, r.NewPages, r.NewPosts, r.State.Pages, r.State.Posts,
		r.State.OldestID, r.State.NewestID, oldest, r.Stopped)
}

// Channel brings dir/CHANNEL up to date with channel's public preview:
// newer posts, re-checked recent posts, then older ones (see package doc).
// channel is a username (see ParseChannel).
func (f *Fetcher) Channel(ctx context.Context, dir, channel string) (*Result, error) {
	cdir := filepath.Join(dir, channel)
	st, err := loadState(cdir, channel, f.opt.BaseURL)
	if err != nil {
		return nil, err
	}
	start := f.c.requests.Load()
	run := &channelRun{f: f, ctx: ctx, dir: cdir, channel: channel, st: st, res: &Result{Channel: channel, Dir: cdir}}
	err = run.fetch()
	run.res.State = *st
	run.res.Requests = int(f.c.requests.Load() - start)
	if err == nil && f.opt.Progress != nil {
		fmt.Fprintf(f.opt.Progress, "parapost: fetch %s\n", run.res)
	}
	return run.res, err
}

// channelRun is the work on one channel.
type channelRun struct {
	f       *Fetcher
	ctx     context.Context
	dir     string
	channel string
	st      *State
	res     *Result

	lastProgress time.Time
}

func (r *channelRun) fetch() error {
	if len(r.st.files) == 0 {
		if err := r.newest(); err != nil {
			return err
		}
	} else if err := r.forward(); err != nil {
		return err
	}
	return r.backfill()
}

// newest stores the channel's newest page: the first request of a channel.
func (r *channelRun) newest() error {
	pg, body, err := r.get(url.Values{})
	if err != nil {
		return err
	}
	if len(pg.Posts) == 0 {
		r.st.BackfillComplete = true
		return r.st.save(r.dir)
	}
	return r.store(pg, body)
}

// forward fetches what is newer than the stored posts, re-fetching the
// stored pages that hold posts younger than Options.Recheck: those are
// staged and swapped in for the old pages once the re-fetch has passed them.
func (r *channelRun) forward() error {
	st := r.st
	oldNewest := st.NewestID
	after := oldNewest
	var redo []storedPage // the pages re-fetched, newest last
	if r.f.opt.Recheck > 0 {
		cutoff := r.f.opt.Now().Add(-r.f.opt.Recheck)
		for i := len(st.files) - 1; i >= 0; i-- {
			k := st.files[i]
			pg, err := readStored(filepath.Join(r.dir, k.Name), r.channel)
			if err != nil {
				return err
			}
			if _, newest := pg.dateRange(); newest.IsZero() || newest.Before(cutoff) {
				break
			}
			redo = append([]storedPage{k}, redo...)
		}
		if len(redo) > 0 {
			after = redo[0].First - 1
		}
	}
	var staged []*page
	var stagedNames []string
	for {
		pg, body, err := r.get(url.Values{"after": {strconv.FormatInt(after, 10)}})
		if err != nil {
			return err
		}
		// Past the newest post t.me may answer with the newest page: nothing newer.
		if _, last := pg.idRange(); last <= after {
			break
		}
		if err := outside(pg, after+1, 0); err != nil {
			return err
		}
		first, last := pg.idRange()
		if len(redo) > 0 && first <= oldNewest {
			name := pageName(first, last)
			if err := writePage(r.dir, stagePrefix+name, body); err != nil {
				return err
			}
			staged, stagedNames = append(staged, pg), append(stagedNames, name)
			r.res.NewPages++
			r.res.NewPosts += len(pg.Posts)
			if last >= oldNewest {
				if err := r.swap(redo, staged, stagedNames); err != nil {
					return err
				}
				redo = nil
			}
		} else if err := r.store(pg, body); err != nil {
			return err
		}
		after = last
		if pg.After == 0 {
			break
		}
	}
	if len(redo) > 0 { // the newest stored posts are gone from the channel
		return r.swap(redo, staged, stagedNames)
	}
	return nil
}

// swap replaces the pages redo by the staged re-fetched pages, through the
// state's journal (see Swap).
func (r *channelRun) swap(redo []storedPage, staged []*page, names []string) error {
	st := r.st
	sw := &Swap{Add: names}
	gone := make(map[string]bool)
	for _, k := range redo {
		sw.Remove = append(sw.Remove, k.Name)
		gone[k.Name] = true
	}
	// Recount from what stays and what comes.
	keep := st.files[:0:0]
	for _, k := range st.files {
		if !gone[k.Name] {
			keep = append(keep, k)
		}
	}
	oldestDate, newestDate, complete := st.OldestDate, st.NewestDate, st.BackfillComplete
	removed := 0
	for _, k := range redo {
		pg, err := readStored(filepath.Join(r.dir, k.Name), r.channel)
		if err != nil {
			return err
		}
		removed += len(pg.Posts)
	}
	posts, pages := st.Posts-removed, st.Pages-len(redo)
	*st = State{Version: st.Version, Channel: st.Channel, BaseURL: st.BaseURL, BackfillComplete: complete}
	for _, k := range keep {
		if st.OldestID == 0 || k.First < st.OldestID {
			st.OldestID = k.First
		}
		st.NewestID = max(st.NewestID, k.Last)
	}
	st.Pages, st.Posts = pages, posts
	if len(keep) > 0 { // else the staged pages set them
		st.OldestDate, st.NewestDate = oldestDate, newestDate
	}
	for i, pg := range staged {
		st.addPage(pg)
		first, last := pg.idRange()
		keep = append(keep, storedPage{Name: names[i], First: first, Last: last})
	}
	st.files = keep
	st.Pending = sw
	if err := st.save(r.dir); err != nil {
		return err
	}
	return st.finishSwap(r.dir)
}

// backfill goes back through history from the oldest stored post.
func (r *channelRun) backfill() error {
	st := r.st
	for {
		switch {
		case st.BackfillComplete:
			r.res.Stopped = "history complete"
			return nil
		case r.f.opt.MaxPosts > 0 && st.Posts >= r.f.opt.MaxPosts:
			r.res.Stopped = "--max-posts"
			return nil
		case !r.f.opt.Since.IsZero() && !st.OldestDate.IsZero() && st.OldestDate.Before(r.f.opt.Since):
			r.res.Stopped = "--since"
			return nil
		}
		before := st.OldestID
		pg, body, err := r.get(url.Values{"before": {strconv.FormatInt(before, 10)}})
		if err != nil {
			return err
		}
		// Past the first post t.me may answer with the newest page: nothing older.
		if first, _ := pg.idRange(); first == 0 || first >= before {
			st.BackfillComplete = true
			if err := st.save(r.dir); err != nil {
				return err
			}
			continue
		}
		if err := outside(pg, 0, before-1); err != nil {
			return err
		}
		// A page without a link to older posts is not trusted to be the
		// first: the next request, answered empty, says so.
		if err := r.store(pg, body); err != nil {
			return err
		}
	}
}

// outside reports posts of pg outside lo..hi (0: unbounded): a page is
// stored whole, so it must not repeat posts stored elsewhere.
func outside(pg *page, lo, hi int64) error {
	for _, p := range pg.Posts {
		if (lo > 0 && p.ID < lo) || (hi > 0 && p.ID > hi) {
			return fmt.Errorf("page holds post %d, outside the ids %d–%d asked for", p.ID, lo, hi)
		}
	}
	return nil
}

// store writes a page that overlaps no stored page, then the state.
func (r *channelRun) store(pg *page, body []byte) error {
	first, last := pg.idRange()
	name := pageName(first, last)
	if err := writePage(r.dir, name, body); err != nil {
		return err
	}
	r.st.addPage(pg)
	r.st.files = append(r.st.files, storedPage{Name: name, First: first, Last: last})
	r.res.NewPages++
	r.res.NewPosts += len(pg.Posts)
	if err := r.st.save(r.dir); err != nil {
		return err
	}
	r.progress()
	return nil
}

// progressEvery spaces the progress lines of a long fetch.
const progressEvery = 30 * time.Second

// progress prints where a long fetch is, every progressEvery.
func (r *channelRun) progress() {
	if r.f.opt.Progress == nil || time.Since(r.lastProgress) < progressEvery {
		return
	}
	if !r.lastProgress.IsZero() {
		oldest := "unknown"
		if !r.st.OldestDate.IsZero() {
			oldest = r.st.OldestDate.Format("2006-01-02")
		}
		fmt.Fprintf(r.f.opt.Progress, "parapost: fetch %s: %d pages (%d posts) so far, back to %s\n",
			r.channel, r.res.NewPages, r.res.NewPosts, oldest)
	}
	r.lastProgress = time.Now()
}

// get fetches /s/CHANNEL?query and parses it.
func (r *channelRun) get(query url.Values) (*page, []byte, error) {
	u := *r.f.base
	u.Path += "/s/" + r.channel
	u.RawQuery = query.Encode()
	var pg *page
	check := func(body []byte) error {
		var err error
		pg, err = parsePage(body, r.channel)
		return err
	}
	resp, err := r.f.c.get(r.ctx, u.String(), check)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: %w", r.channel, err)
	}
	switch {
	case resp.Status >= 300 && resp.Status < 400:
		return nil, nil, &corpus.InputError{File: u.String(), Err: fmt.Errorf("%w: redirected to %s", ErrNoPreview, resp.Location)}
	case resp.Status == http.StatusNotFound:
		return nil, nil, &corpus.InputError{File: u.String(), Err: fmt.Errorf("%w: 404 Not Found", ErrNoPreview)}
	case !pg.History:
		return nil, nil, &corpus.InputError{File: u.String(), Err: fmt.Errorf("%w: the answer has no channel history", ErrNoPreview)}
	}
	return pg, resp.Body, nil
}
