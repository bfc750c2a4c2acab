//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// lockFile creates path exclusively: its existence is the lock. A process
// killed while holding it leaves it behind, and the error says so.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%w%s (remove %s if no parapost is running)", ErrLocked, lockHolder(path), path)
	}
	return f, err
}

func unlockFile(f *os.File) error {
	name := f.Name()
	err := f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	return err
}
