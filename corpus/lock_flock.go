//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package corpus

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile opens path and takes an exclusive flock(2) on it without
// waiting. Unlock removes the file, so that a finished run leaves nothing
// behind; a process that locked a file just removed by the holder finds
// that the path no longer names it and tries again.
func lockFile(path string) (*os.File, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%w%s", ErrLocked, lockHolder(path))
			}
			return nil, err
		}
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close() // removed by its holder meanwhile: lock the new one
	}
}

// unlockFile removes the lock file while still holding the lock, then
// releases it.
func unlockFile(f *os.File) error {
	err := os.Remove(f.Name())
	if uerr := syscall.Flock(int(f.Fd()), syscall.LOCK_UN); err == nil {
		err = uerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
