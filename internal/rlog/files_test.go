package rlog

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// openDirectFile opens a preallocated file with OpenOSFile and skips the
// test where the file system has no direct I/O.
func openDirectFile(t *testing.T, size int) *osFile {
	t.Helper()
	name := filepath.Join(t.TempDir(), "S0000000.LOG")
	if err := os.WriteFile(name, make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := OpenOSFile(name, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	o := f.(*osFile)
	if o.direct < 0 {
		t.Skip("the temporary directory's file system does not do direct I/O")
	}
	return o
}

func TestOSFileWritesWholeBlocksDirect(t *testing.T) {
	o := openDirectFile(t, 4*PageSize)
	flags, err := unix.FcntlInt(uintptr(o.direct), unix.F_GETFL, 0)
	if err != nil {
		t.Fatal(err)
	}
	if flags&unix.O_DIRECT == 0 {
		t.Fatalf("the second descriptor has flags %#o, want O_DIRECT", flags)
	}

	// A page from memory that is not aligned (a batch buffer grown by
	// append) goes through the bounce buffer; a short write at an odd
	// offset (a control slot) through the page cache. Both read back.
	mem := make([]byte, PageSize+1)
	page := mem[1:]
	for i := range page {
		page[i] = byte(i*7 + 1)
	}
	if n, err := o.WriteAt(page, PageSize); err != nil || n != PageSize {
		t.Fatalf("WriteAt(page from unaligned memory) = %d, %v", n, err)
	}
	small := []byte("control slot")
	if n, err := o.WriteAt(small, 3*PageSize+10); err != nil || n != len(small) {
		t.Fatalf("WriteAt(short) = %d, %v", n, err)
	}
	if err := o.Sync(); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, PageSize)
	if _, err := o.ReadAt(got, PageSize); err != nil || !bytes.Equal(got, page) {
		t.Fatalf("page read back differs (err %v)", err)
	}
	got = got[:len(small)]
	if _, err := o.ReadAt(got, 3*PageSize+10); err != nil || !bytes.Equal(got, small) {
		t.Fatalf("short write read back as %q (err %v)", got, err)
	}
}
