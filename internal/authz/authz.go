// Package authz decides who may administer queue managers.
//
// IBM MQ lets root and the members of group mqm run the control commands
// and the MQSC commands; everyone else gets AMQ7077E. gomqm keeps that rule
// and adds one for a private data tree (MQ_OVERRIDE_DATA_PATH): the owner
// of the data root administers it even without an mqm group, so that a
// developer can run queue managers under a directory of their own.
package authz

import (
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// AdminGroup is the group whose members administer queue managers.
const AdminGroup = "mqm"

// IsAdmin reports whether the user with the given uid may administer the
// queue managers under dataRoot.
func IsAdmin(uid int, dataRoot string) bool {
	if uid == 0 {
		return true
	}
	if ownsDir(uid, dataRoot) {
		return true
	}
	return inAdminGroup(uid)
}

// ownsDir reports whether uid owns dir or, while dir does not exist yet,
// its nearest existing ancestor (so that a user may create a data tree
// under their home directory).
func ownsDir(uid int, dir string) bool {
	for {
		fi, err := os.Stat(dir)
		if err == nil {
			st, ok := fi.Sys().(*syscall.Stat_t)
			return ok && int(st.Uid) == uid
		}
		parent := filepath.Dir(dir)
		if !os.IsNotExist(err) || parent == dir {
			return false
		}
		dir = parent
	}
}

func inAdminGroup(uid int) bool {
	g, err := user.LookupGroup(AdminGroup)
	if err != nil {
		return false
	}
	u, err := user.LookupId(strconv.Itoa(uid))
	if err != nil {
		return false
	}
	if u.Gid == g.Gid {
		return true
	}
	ids, err := u.GroupIds()
	if err != nil {
		return false
	}
	for _, id := range ids {
		if id == g.Gid {
			return true
		}
	}
	return false
}

// IsAdminProcess reports whether the running process may administer the
// queue managers under dataRoot. Besides the user's groups it counts the
// process's supplementary groups, which `sg mqm` or setpriv can add.
func IsAdminProcess(dataRoot string) bool {
	if IsAdmin(os.Getuid(), dataRoot) {
		return true
	}
	g, err := user.LookupGroup(AdminGroup)
	if err != nil {
		return false
	}
	gids, _ := os.Getgroups()
	gids = append(gids, os.Getgid())
	for _, id := range gids {
		if strconv.Itoa(id) == g.Gid {
			return true
		}
	}
	return false
}
