package fetch

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parapost/parapost/corpus"
)

// StateFile is the name of a channel's state file in its folder. It is
// hidden, so that corpus.ReadPaths skips it.
const StateFile = ".fetch.json"

// pageExt ends the name of a stored page.
const pageExt = ".html.gz"

// stagePrefix starts the (hidden) name of a re-fetched page waiting to
// replace the pages it supersedes.
const stagePrefix = ".stage-"

// State is what a channel's folder holds, kept in StateFile. The pages'
// names are the truth about ids; the state adds what names cannot say.
type State struct {
	Version          int       `json:"version"`
	Channel          string    `json:"channel"`
	BaseURL          string    `json:"base_url"`
	NewestID         int64     `json:"newest_id"`            // largest post id stored
	OldestID         int64     `json:"oldest_id"`            // smallest post id stored
	NewestDate       time.Time `json:"newest_date,omitzero"` // of the newest post stored
	OldestDate       time.Time `json:"oldest_date,omitzero"` // of the oldest post stored
	Pages            int       `json:"pages"`                // pages stored
	Posts            int       `json:"posts"`                // messages on them (service messages included)
	BackfillComplete bool      `json:"backfill_complete"`    // the channel's first post is stored
	Updated          time.Time `json:"updated"`              // end of the last write
	Pending          *Swap     `json:"pending,omitempty"`    // a swap in progress (see Swap)

	files []storedPage // the pages in the folder, by id
}

// Swap replaces the stored pages Remove by the re-fetched pages Add (staged
// as stagePrefix+name). It is written to the state before any rename, and
// replayed by the next run if a crash interrupted it.
type Swap struct {
	Add    []string `json:"add"`
	Remove []string `json:"remove"`
}

// storedPage is a stored page, from its name.
type storedPage struct {
	Name        string
	First, Last int64
}

// pageName names the page holding posts first..last: zero-padded so that
// names sort by id.
func pageName(first, last int64) string {
	return fmt.Sprintf("%010d-%010d%s", first, last, pageExt)
}

// parsePageName is the inverse of pageName.
func parsePageName(name string) (first, last int64, ok bool) {
	base, found := strings.CutSuffix(name, pageExt)
	if !found || strings.HasPrefix(name, ".") {
		return 0, 0, false
	}
	a, b, found := strings.Cut(base, "-")
	if !found {
		return 0, 0, false
	}
	f, err1 := strconv.ParseInt(a, 10, 64)
	l, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil || f <= 0 || l < f {
		return 0, 0, false
	}
	return f, l, true
}

// loadState reads the state of the channel folder dir (a new state when
// there is none), finishes an interrupted swap, removes staged pages of an
// unfinished re-fetch, and accounts for pages stored after the last state
// write (a crash between the two).
func loadState(dir, channel, baseURL string) (*State, error) {
	st := &State{Version: 1, Channel: channel, BaseURL: baseURL}
	path := filepath.Join(dir, StateFile)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", path, err)
	default:
		if err := json.Unmarshal(data, st); err != nil {
			return nil, &corpus.InputError{File: path, Err: fmt.Errorf("bad state file (delete it to start over): %w", err)}
		}
		st.Channel, st.BaseURL = channel, baseURL
	}
	if st.Pending != nil {
		if err := st.finishSwap(dir); err != nil {
			return nil, err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		// Staged pages of an unfinished re-fetch, and temporary files of
		// writes a crash interrupted (one fetch per folder at a time).
		if strings.HasPrefix(name, stagePrefix) || (strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return nil, fmt.Errorf("remove %s: %w", name, err)
			}
			continue
		}
		if first, last, ok := parsePageName(name); ok && e.Type().IsRegular() {
			st.files = append(st.files, storedPage{Name: name, First: first, Last: last})
		}
	}
	slices.SortFunc(st.files, func(a, b storedPage) int { return int(a.First - b.First) })
	// Pages outside the recorded range were stored just before a crash.
	changed := false
	for _, k := range st.files {
		if st.Pages > 0 && k.First >= st.OldestID && k.Last <= st.NewestID {
			continue
		}
		pg, err := readStored(filepath.Join(dir, k.Name), channel)
		if err != nil {
			return nil, err
		}
		st.addPage(pg)
		changed = true
	}
	if changed {
		if err := st.save(dir); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// addPage counts a page newly stored.
func (st *State) addPage(pg *page) {
	first, last := pg.idRange()
	oldest, newest := pg.dateRange()
	if st.Pages == 0 || first < st.OldestID {
		st.OldestID = first
	}
	if last > st.NewestID {
		st.NewestID = last
	}
	if !oldest.IsZero() && (st.OldestDate.IsZero() || oldest.Before(st.OldestDate)) {
		st.OldestDate = oldest
	}
	if newest.After(st.NewestDate) {
		st.NewestDate = newest
	}
	st.Pages++
	st.Posts += len(pg.Posts)
}

// finishSwap completes st.Pending: renames the staged pages into place, then
// removes the superseded ones. Each step is idempotent.
func (st *State) finishSwap(dir string) error {
	sw := st.Pending
	added := make(map[string]bool, len(sw.Add))
	for _, name := range sw.Add {
		added[name] = true
		err := os.Rename(filepath.Join(dir, stagePrefix+name), filepath.Join(dir, name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("rename %s: %w", name, err)
		}
	}
	for _, name := range sw.Remove {
		if added[name] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", name, err)
		}
	}
	st.Pending = nil
	return st.save(dir)
}

// save writes the state atomically.
func (st *State) save(dir string) error {
	st.Updated = time.Now().UTC().Truncate(time.Second)
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, StateFile), append(data, '\n'))
}

// LoadState reads the state of a channel folder as stored, without
// repairing anything: for tools and tests.
func LoadState(dir string) (*State, error) {
	data, err := os.ReadFile(filepath.Join(dir, StateFile))
	if err != nil {
		return nil, err
	}
	st := &State{}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, StateFile), err)
	}
	return st, nil
}

// writePage stores body gzipped at dir/name, atomically.
func writePage(dir, name string, body []byte) error {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Name = strings.TrimSuffix(strings.TrimPrefix(name, stagePrefix), ".gz")
	if _, err := zw.Write(body); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, name), buf.Bytes())
}

// writeAtomic writes data to a hidden temporary file beside path and renames
// it into place.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := corpus.CreateAtomic(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Commit()
}

// readStored parses a stored page.
func readStored(path, channel string) (*page, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, &corpus.InputError{File: path, Err: fmt.Errorf("gzip: %w", err)}
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, &corpus.InputError{File: path, Err: fmt.Errorf("gzip: %w", err)}
	}
	pg, err := parsePage(body, channel)
	if err != nil {
		return nil, &corpus.InputError{File: path, Err: err}
	}
	return pg, nil
}
