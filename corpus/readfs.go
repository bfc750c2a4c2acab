package corpus

import (
	"context"
	"io"
	"io/fs"
	"path"
	"strings"
)

// ReadFS is ReadOptions.ReadFS with the default options.
func ReadFS(ctx context.Context, fsys fs.FS, paths []string) ([]*Post, ReadStats, error) {
	return ReadOptions{}.ReadFS(ctx, fsys, paths)
}

// ReadFS is ReadPaths over a file system such as an embed.FS: it reads the
// named files and directories of fsys (recursively, in lexical order,
// skipping hidden files), then merges channel names and duplicates as
// ReadPaths does. Errors name files by their path in fsys.
func (o ReadOptions) ReadFS(ctx context.Context, fsys fs.FS, paths []string) ([]*Post, ReadStats, error) {
	var all []*Post
	stats, err := o.walkFS(ctx, fsys, paths, func(name string, r io.Reader) (ReadStats, error) {
		posts, st, err := o.Read(r, name)
		all = append(all, posts...)
		return st, err
	})
	if err != nil {
		return nil, stats, err
	}
	kept := merge(all, &stats)
	return kept, stats, nil
}

// walkFS calls read for each file of paths in fsys, in order, as ReadFS
// reads them, and adds up the stats of the files read without error. read
// must take nothing of a file it fails on: the file is left out (SkipBad,
// a file in no supported format inside a directory) or reading stops.
func (o ReadOptions) walkFS(ctx context.Context, fsys fs.FS, paths []string, read func(name string, r io.Reader) (ReadStats, error)) (ReadStats, error) {
	var stats ReadStats
	for _, root := range paths {
		err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return o.badFile(inputErr(name, "", err), &stats)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if name != root && strings.HasPrefix(path.Base(name), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			f, err := fsys.Open(name)
			if err != nil {
				return o.badFile(inputErr(name, "", err), &stats)
			}
			defer f.Close()
			st, err := read(name, &ctxReader{ctx, f})
			if reason := unreadableReason(err); reason != "" && name != root {
				stats.Add(ReadStats{Skipped: map[string]int{reason: 1}, SkippedFiles: []FileNote{{File: name, Reason: reason}}})
				return nil
			}
			if err != nil {
				return o.badFile(err, &stats)
			}
			stats.Add(st)
			return nil
		})
		if err != nil {
			return stats, err
		}
	}
	return stats, nil
}
