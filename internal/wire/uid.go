package wire

import (
	"encoding/binary"
	"fmt"
)

// UserID lengths: the dissector decodes a USERID_DATA body only when it is
// exactly one of these.
const (
	UIDShortLength = 28
	UIDLongLength  = 132
	// MaxSecurityIDLength is the width of the security-id field.
	MaxSecurityIDLength = 40
)

// UserID is the UID structure of a USERID_DATA segment. The password
// travels in clear: offer it only over TLS.
type UserID struct {
	Long           bool   // 132-byte form with LongUserID and security id
	UserIdentifier string // 12, blank-padded
	Password       string // 12, NUL-padded on encode
	LongUserID     string // 64 (long form)
	SecurityIDType uint8  // 0 none, 1 NT SID, 2 WAS (long form)
	SecurityID     []byte // up to 40 bytes; its length is encoded (long form)
}

// String describes u without revealing the password.
func (u UserID) String() string {
	pw := "no password"
	if u.Password != "" {
		pw = "password set"
	}
	if u.Long {
		return fmt.Sprintf("UID{user %q, long user %q, %s}", u.UserIdentifier, u.LongUserID, pw)
	}
	return fmt.Sprintf("UID{user %q, %s}", u.UserIdentifier, pw)
}

// Marshal encodes the short (28-byte) or long (132-byte) form. A security
// id longer than 40 bytes is truncated.
func (u *UserID) Marshal(order binary.ByteOrder) []byte {
	n := UIDShortLength
	if u.Long {
		n = UIDLongLength
	}
	e := newEncoder(n, order)
	e.id(0, "UID ")
	e.str(4, 12, u.UserIdentifier)
	e.strNUL(16, 12, u.Password)
	if !u.Long {
		return e.b
	}
	e.str(28, 64, u.LongUserID)
	sid := u.SecurityID
	if len(sid) > MaxSecurityIDLength {
		sid = sid[:MaxSecurityIDLength]
	}
	e.u8(92, uint8(len(sid)))
	e.u8(93, u.SecurityIDType)
	e.raw(94, sid)
	return e.b
}

// Unmarshal decodes a UID. The form follows the input length: exactly 28
// bytes is the short form, 132 or more the long form; anything else is an
// error, because the UID fills the whole segment body.
func (u *UserID) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("UID", b, order)
	if _, err := d.strucID(0, "UID "); err != nil {
		return 0, err
	}
	if len(b) != UIDShortLength && len(b) < UIDLongLength {
		return 0, d.fail(len(b), ErrTruncated, "length %d is neither %d nor %d",
			len(b), UIDShortLength, UIDLongLength)
	}
	*u = UserID{UserIdentifier: d.str(4, 12), Password: d.str(16, 12)}
	if len(b) == UIDShortLength {
		return UIDShortLength, nil
	}
	sidLen := int(d.u8(92))
	if sidLen > MaxSecurityIDLength {
		return 0, d.fail(92, ErrBadLength, "security id length %d", sidLen)
	}
	u.Long = true
	u.LongUserID = d.str(28, 64)
	u.SecurityIDType = d.u8(93)
	if sidLen > 0 {
		u.SecurityID = make([]byte, sidLen)
		d.raw(u.SecurityID, 94)
	}
	return UIDLongLength, nil
}
