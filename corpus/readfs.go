package corpus

import (
	"context"
	"io/fs"
	"path"
	"strings"
)

// ReadFS is ReadPaths over a file system such as an embed.FS: it reads the
// named files and directories of fsys (recursively, in lexical order,
// skipping hidden files), then merges channel names and duplicates as
// ReadPaths does. Errors name files by their path in fsys.
func ReadFS(ctx context.Context, fsys fs.FS, paths []string) ([]*Post, ReadStats, error) {
	var (
		all   []*Post
		stats ReadStats
	)
	for _, root := range paths {
		err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return inputErr(name, "", err)
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
				return inputErr(name, "", err)
			}
			defer f.Close()
			posts, st, err := Read(&ctxReader{ctx, f}, name)
			if reason := unreadableReason(err); reason != "" && name != root {
				stats.Add(ReadStats{Skipped: map[string]int{reason: 1}})
				return nil
			}
			if err != nil {
				return err
			}
			all = append(all, posts...)
			stats.Add(st)
			return nil
		})
		if err != nil {
			return nil, stats, err
		}
	}
	kept := merge(all, &stats)
	return kept, stats, nil
}
