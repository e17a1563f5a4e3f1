package qmdir

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
)

// owner is who created files are given to; the zero value means "leave
// ownership as created".
type owner struct {
	uid, gid int
	set      bool
}

// lookupOwner returns mqm:mqm when the process runs as root and both the
// user and the group mqm exist.
func lookupOwner() owner {
	if os.Geteuid() != 0 {
		return owner{}
	}
	u, err := user.Lookup("mqm")
	if err != nil {
		return owner{}
	}
	g, err := user.LookupGroup("mqm")
	if err != nil {
		return owner{}
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(g.Gid)
	if err1 != nil || err2 != nil {
		return owner{}
	}
	return owner{uid: uid, gid: gid, set: true}
}

func (o owner) chown(path string) error {
	if !o.set {
		return nil
	}
	if err := os.Lchown(path, o.uid, o.gid); err != nil {
		return fmt.Errorf("qmdir: %w", err)
	}
	return nil
}
