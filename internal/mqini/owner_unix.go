//go:build unix

package mqini

import (
	"os"
	"syscall"
)

// keepOwner gives tmp the owner and group of the file at path, if it exists.
// Failure is ignored: an unprivileged process can only keep its own
// ownership, which the new file already has.
func keepOwner(tmp *os.File, path string) {
	fi, err := os.Stat(path)
	if err != nil {
		return
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	_ = tmp.Chown(int(st.Uid), int(st.Gid))
}
