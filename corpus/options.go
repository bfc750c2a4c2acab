package corpus

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // --tz Europe/Moscow must work on machines without a zoneinfo database
)

// ReadOptions tune the readers. The zero value reads as Read and ReadPaths
// always did: dates without an offset as UTC (with a warning), and the first
// file with bad data stops reading.
type ReadOptions struct {
	// Zone is the time zone of dates written without a UTC offset: the
	// "date" of Telegram Desktop JSON exports without date_unixtime
	// (exporters before 2022), and the date titles of HTML exports older
	// than the UTC offset. nil means UTC, with a warning naming each file
	// that needed it.
	Zone *time.Location
	// SkipBad reads on past a file with bad data (an InputError): the file
	// is left out and listed with its error in ReadStats.BadFiles. I/O
	// errors and cancellation still stop reading.
	SkipBad bool
	// Now is the clock for the sanity check of Unix dates (no later than a
	// day after Now); nil is time.Now.
	Now func() time.Time
}

// earliestDate is the first day a Telegram post can carry (Telegram
// launched in August 2013).
var earliestDate = time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC)

// latestDate is the latest plausible post date: a day after now.
func (o *ReadOptions) latestDate() time.Time {
	now := time.Now
	if o != nil && o.Now != nil {
		now = o.Now
	}
	return now().UTC().Add(24 * time.Hour)
}

// zone returns the zone of offset-less dates and whether the user chose it.
func (o *ReadOptions) zone() (*time.Location, bool) {
	if o == nil || o.Zone == nil {
		return time.UTC, false
	}
	return o.Zone, true
}

// offsetZone matches "+03:00", "-0530", "UTC+3", "GMT-05:30", "+3".
var offsetZone = regexp.MustCompile(`^(?i:UTC|GMT)?\s*([+-−])(\d{1,2})(?::?(\d{2}))?$`)

// ParseZone parses a time zone as users write it: an IANA name
// ("Europe/Moscow"), "UTC", "Local", or a fixed UTC offset ("+03:00",
// "UTC+3", "-0530").
func ParseZone(s string) (*time.Location, error) {
	s = strings.TrimSpace(s)
	switch strings.ToUpper(s) {
	case "":
		return nil, errors.New("empty time zone")
	case "UTC", "GMT", "Z":
		return time.UTC, nil
	}
	if m := offsetZone.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins := 0
		if m[3] != "" {
			mins, _ = strconv.Atoi(m[3])
		}
		if h > 14 || mins > 59 {
			return nil, fmt.Errorf("UTC offset %q out of range", s)
		}
		off := h*3600 + mins*60
		if m[1] != "+" {
			off = -off
		}
		return time.FixedZone(formatOffset(off), off), nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: want an IANA name such as Europe/Moscow or an offset such as +03:00", s)
	}
	return loc, nil
}

// zoneName names a zone for messages: its name, or its offset when it has
// none.
func zoneName(loc *time.Location) string {
	if name := loc.String(); name != "" {
		return name
	}
	_, off := time.Date(2020, 1, 1, 0, 0, 0, 0, loc).Zone()
	return formatOffset(off)
}

// formatOffset writes a UTC offset in seconds as "UTC+03:00".
func formatOffset(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, off/3600, off%3600/60)
}

// FileNote is a file that reading left out, and why.
type FileNote struct {
	File   string
	Reason string
}

// IDConflict is a channel and post id given to posts with different texts.
// Both are kept: they may be an edited post read twice, or two chats that
// nothing tells apart.
type IDConflict struct {
	Channel string
	ID      int64
	Sources []string // the files of the differing posts
}

// Signals at which page copies are split into posts (ReadStats.PageSplits).
const (
	splitName      = "channel-name line"
	splitFooter    = "footer (views, time)"
	splitForwarded = `"Forwarded from"`
	splitReadMore  = `"Read in full"`
)

// maxListed is how many files of one kind SummaryLines names.
const maxListed = 20

// SummaryLines describes in plain lines what reading left out, repaired
// or had to guess, for the summary of a run: how page copies were split
// into posts, the files skipped or left out and why, ids given to different
// texts. Warnings are not repeated here.
func (s *ReadStats) SummaryLines() []string {
	var lines []string
	if len(s.PageSplits) > 0 {
		parts := make([]string, 0, len(s.PageSplits))
		for k, v := range s.PageSplits {
			parts = append(parts, fmt.Sprintf("%d× %s", v, k))
		}
		sort.Strings(parts)
		lines = append(lines, "page copies split into posts at "+strings.Join(parts, ", "))
	}
	if s.NULBytes > 0 {
		lines = append(lines, "dropped "+plural(s.NULBytes, "NUL byte"))
	}
	list := func(head string, notes []FileNote) {
		if len(notes) == 0 {
			return
		}
		lines = append(lines, head)
		for i, n := range notes {
			if i == maxListed {
				lines = append(lines, fmt.Sprintf("  … and %d more", len(notes)-maxListed))
				break
			}
			lines = append(lines, "  "+n.File+": "+n.Reason)
		}
	}
	list("skipped "+plural(len(s.SkippedFiles), "file")+" without posts:", s.SkippedFiles)
	list("left out "+plural(len(s.BadFiles), "file")+" with bad data (--skip-bad):", s.BadFiles)
	if len(s.IDConflicts) > 0 {
		notes := make([]FileNote, len(s.IDConflicts))
		for i, c := range s.IDConflicts {
			notes[i] = FileNote{File: c.Channel + "/" + strconv.FormatInt(c.ID, 10), Reason: "different texts in " + strings.Join(c.Sources, ", ")}
		}
		list(plural(len(notes), "post id")+" read with different texts (all kept):", notes)
	}
	return lines
}

// plural writes "1 file", "2 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
