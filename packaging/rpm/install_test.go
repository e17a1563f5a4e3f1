package rpm

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// packages are gomqm's RPMs, in the order rpm -i is given them.
var packages = []string{"runtime", "client", "server", "samples", "man"}

// suite is the Debian release the throwaway root is made of.
const suite = "bookworm"

// TestAdminPath builds the RPMs and goes through an admin's install,
// first day, upgrade and erase in a throwaway root. It needs root (rpm
// --root, unshare, chroot); as root it installs rpm and mmdebstrap with
// apt-get when they are missing.
func TestAdminPath(t *testing.T) {
	if testing.Short() {
		t.Skip("the RPM install test takes a minute; skipped with -short")
	}
	requireTools(t)
	start := time.Now()
	repo := repoRoot(t)
	work := t.TempDir()

	v1 := buildRPMs(t, repo, filepath.Join(work, "release1"), "1")
	t.Logf("make rpm: %v", time.Since(start).Round(time.Millisecond))
	checkQueries(t, repo, v1)
	checkReproducible(t, v1, buildRPMs(t, repo, filepath.Join(work, "release1-again"), "1"))
	v2 := buildRPMs(t, repo, filepath.Join(work, "release2"), "2")

	base := baseImage(t)
	root := newRoot(t, base, filepath.Join(work, "root"))

	out := rpm(t, append([]string{"--root", root, "-i", "--nodeps"}, v1.files()...)...)
	for _, want := range []string{"Creating group mqm", "Creating user mqm"} {
		if !strings.Contains(out, want) {
			t.Errorf("rpm -i did not print %q:\n%s", want, out)
		}
	}
	rpm(t, append([]string{"--root", root, "-V", "--nodeps"}, v1.names()...)...)

	out = inRoot(t, root, "admin.sh")
	for _, want := range []string{
		"Setup completed.", // crtmqm
		"IBM MQ queue manager 'QM1' started using V" + v1.version + ".",
		"QMNAME(QM1)",
		"AMQ8006I: IBM MQ queue created.",
		"message <hello from the admin>",
		"no more messages",
		"IBM MQ queue manager 'QM1' deleted.",
		"/opt/mqm/bin/dspmqver",
		"== admin path done",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the admin's path did not show %q", want)
		}
	}

	out = rpm(t, append([]string{"--root", root, "-U", "--nodeps"}, v2.files()...)...)
	if strings.Contains(out, "Creating user") {
		t.Errorf("the upgrade created user mqm again:\n%s", out)
	}
	for _, n := range v2.names() {
		q := rpm(t, "--root", root, "-q", n)
		if !strings.Contains(q, "-"+v2.version+"-2.") {
			t.Errorf("after rpm -U, rpm -q %s says %q", n, q)
		}
	}
	rpm(t, append([]string{"--root", root, "-V", "--nodeps"}, v2.names()...)...)
	out = inRoot(t, root, "upgraded.sh")
	if !strings.Contains(out, "message <kept across the upgrade>") {
		t.Errorf("the message put before the upgrade was not got after it")
	}

	out = onHost(t, root, "erase.sh", "PACKAGES="+strings.Join(v2.names(), " "))
	if !strings.Contains(out, "error: queue managers are running; end them with endmqm before erasing gomqm:") {
		t.Errorf("rpm -e while QM2 ran did not say why it refused")
	}
	checkErased(t, root)

	checkFailingUseradd(t, base, filepath.Join(work, "nouseradd"), v1)

	client := newRoot(t, base, filepath.Join(work, "client"))
	rpm(t, "--root", client, "-i", "--nodeps", v1.file("runtime"), v1.file("client"))
	out = inRoot(t, client, "client.sh")
	for _, want := range []string{"/opt/mqm/bin/runmqsc", "Version:     " + v1.version, "== client checks done"} {
		if !strings.Contains(out, want) {
			t.Errorf("the client-only machine did not show %q", want)
		}
	}
	t.Logf("whole test: %v", time.Since(start).Round(time.Millisecond))
}

// release is one build of the packages.
type release struct {
	dir, version, release string
}

func (r release) file(pkg string) string {
	return filepath.Join(r.dir, fmt.Sprintf("gomqm-%s-%s-%s.%s.rpm", pkg, r.version, r.release, rpmArch()))
}

func (r release) files() []string {
	var fs []string
	for _, p := range packages {
		fs = append(fs, r.file(p))
	}
	return fs
}

func (r release) names() []string {
	var ns []string
	for _, p := range packages {
		ns = append(ns, "gomqm-"+p)
	}
	return ns
}

func rpmArch() string {
	if runtime.GOARCH == "amd64" {
		return "x86_64"
	}
	if runtime.GOARCH == "arm64" {
		return "aarch64"
	}
	return runtime.GOARCH
}

// buildRPMs runs make rpm into dir and returns what it built.
func buildRPMs(t *testing.T, repo, dir, rel string) release {
	t.Helper()
	cmd := exec.Command("make", "-C", repo, "rpm", "RPM_OUT="+dir, "RELEASE="+rel)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make rpm: %v\n%s", err, out)
	}
	for _, name := range readList(t, filepath.Join(repo, "packaging/rpm/client.list")) {
		if _, err := os.Stat(filepath.Join(repo, "cmd", name)); errors.Is(err, fs.ErrNotExist) &&
			!strings.Contains(string(out), name+" is in client.list but cmd/"+name+" does not exist yet: not packaged") {
			t.Errorf("make rpm did not report that client command %s does not exist:\n%s", name, out)
		}
	}
	r := release{dir: dir, release: rel, version: dspmqverVersion(t, repo)}
	for _, f := range r.files() {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("make rpm did not build %s:\n%s", f, out)
		}
	}
	return r
}

// dspmqverVersion is the Version line of the dspmqver being packaged.
func dspmqverVersion(t *testing.T, repo string) string {
	t.Helper()
	cmd := exec.Command("go", "run", "./cmd/dspmqver")
	cmd.Dir = repo
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go run ./cmd/dspmqver: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Version:\s+(\S+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("dspmqver printed no Version line:\n%s", out)
	}
	return string(m[1])
}

// checkQueries checks what rpm -qpi, -qpl, --scripts and --requires show
// of each package against the packaging rule: every cmd/ command except
// the developer tools in server or client, the samples, a man page each.
func checkQueries(t *testing.T, repo string, r release) {
	t.Helper()
	client := readList(t, filepath.Join(repo, "packaging/rpm/client.list"))
	devtools := readList(t, filepath.Join(repo, "packaging/rpm/devtools.list"))
	var commands, samples []string
	for _, d := range subdirs(t, filepath.Join(repo, "cmd")) {
		if !slices.Contains(devtools, d) {
			commands = append(commands, d)
		}
	}
	for _, d := range subdirs(t, filepath.Join(repo, "samples")) {
		if _, err := os.Stat(filepath.Join(repo, "samples", d, "main.go")); err == nil {
			samples = append(samples, d)
		}
	}
	lists := map[string]string{}
	for _, p := range packages {
		info := rpm(t, "-qpi", r.file(p))
		for _, want := range []string{"Name        : gomqm-" + p, "Version     : " + r.version, "Release     : 1", "Architecture: " + rpmArch(), "Vendor      : gomqm"} {
			if !strings.Contains(info, want) {
				t.Errorf("rpm -qpi %s lacks %q:\n%s", p, want, info)
			}
		}
		lists[p] = rpm(t, "-qpl", "-v", r.file(p))
		for _, dev := range devtools {
			if strings.Contains(lists[p], "/"+dev) {
				t.Errorf("gomqm-%s contains the developer tool %s", p, dev)
			}
		}
		checkRequires(t, p, rpm(t, "-qp", "--requires", r.file(p)), r)
		if sc := rpm(t, "-qp", "--scripts", r.file(p)); !strings.Contains(sc, "preuninstall scriptlet (using /bin/sh)") ||
			!strings.Contains(sc, "end them with endmqm before erasing") {
			t.Errorf("gomqm-%s has no %%preun that refuses to erase under running queue managers:\n%s", p, sc)
		}
	}
	for _, c := range commands {
		pkg := "server"
		if slices.Contains(client, c) {
			pkg = "client"
		}
		wantLine(t, lists[pkg], `-rwxr-xr-x .* root +root .* /opt/mqm/bin/`+c)
		wantLine(t, lists["man"], `-rw-r--r-- .* root +root .* /opt/mqm/man/man1/`+c+`\.1`)
	}
	wantLine(t, lists["man"], `-rw-r--r-- .* root +root .* /opt/mqm/man/man1/setmqenv\.1`)
	for _, s := range readList(t, filepath.Join(repo, "packaging/rpm/client-samples.list")) {
		wantLine(t, lists["samples"], `-rwxr-xr-x .* /opt/mqm/samp/bin/`+s+"c")
	}
	for _, s := range samples {
		wantLine(t, lists["samples"], `-rwxr-xr-x .* /opt/mqm/samp/bin/`+s)
		wantLine(t, lists["samples"], `-rw-r--r-- .* /opt/mqm/samp/`+s+`0\.go`)
	}
	for _, d := range []string{"", "/errors", "/qmgrs", "/log", "/trace"} {
		wantLine(t, lists["runtime"], `drwxrwsr-x .* mqm +mqm .* /var/mqm`+d)
	}
	wantLine(t, lists["runtime"], `-rwxr-xr-x .* root +root .* /opt/mqm/bin/setmqenv`)
	wantLine(t, lists["runtime"], `-rw-r--r-- .* root +root .* /etc/profile.d/gomqm.sh`)
	wantLine(t, lists["server"], `-rw-r--r-- .* /usr/lib/systemd/system/mq@\.service`)

	scripts := rpm(t, "-qp", "--scripts", r.file("runtime"))
	for _, want := range []string{"preinstall scriptlet (using /bin/sh)", "groupadd -r mqm", "useradd -r", "-d /var/mqm", "exit 1"} {
		if !strings.Contains(scripts, want) {
			t.Errorf("rpm --scripts of gomqm-runtime lacks %q:\n%s", want, scripts)
		}
	}
}

// checkReproducible checks that two builds of the same sources and
// SOURCE_DATE_EPOCH are byte for byte the same.
func checkReproducible(t *testing.T, a, b release) {
	t.Helper()
	for _, p := range packages {
		x, err := os.ReadFile(a.file(p))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(b.file(p))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("two builds of gomqm-%s differ (%d and %d bytes)", p, len(x), len(y))
		}
	}
}

// checkRequires allows only the shell, shadow-utils (useradd) and the
// other gomqm packages of the same version.
func checkRequires(t *testing.T, pkg, requires string, r release) {
	t.Helper()
	self := r.version + "-" + r.release
	allowed := map[string]bool{"/bin/sh": true, "shadow-utils": true,
		"gomqm-runtime = " + self: true, "gomqm-client = " + self: true}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(requires), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "rpmlib(") {
			continue
		}
		got = append(got, l)
		if !allowed[l] {
			t.Errorf("gomqm-%s requires %q, which is not allowed", pkg, l)
		}
	}
	if !slices.Contains(got, "/bin/sh") {
		t.Errorf("gomqm-%s has scriptlets but does not require /bin/sh: %q", pkg, got)
	}
	switch pkg {
	case "runtime":
		if !slices.Contains(got, "shadow-utils") {
			t.Errorf("gomqm-runtime must require shadow-utils (useradd), requires %q", got)
		}
	default:
		if !slices.Contains(got, "gomqm-runtime = "+self) {
			t.Errorf("gomqm-%s does not require gomqm-runtime = %s: %q", pkg, self, got)
		}
	}
}

// checkErased checks what rpm -e left: no /opt/mqm, no profile script or
// unit, but the queue manager's data, mqs.ini and the mqm account.
func checkErased(t *testing.T, root string) {
	t.Helper()
	for _, gone := range []string{"opt/mqm", "etc/profile.d/gomqm.sh", "usr/lib/systemd/system/mq@.service"} {
		if _, err := os.Lstat(filepath.Join(root, gone)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("rpm -e left /%s (%v)", gone, err)
		}
	}
	for _, kept := range []string{"var/mqm/mqs.ini", "var/mqm/qmgrs/QM2/qm.ini", "var/mqm/qmgrs/QM2/qmgr.db", "var/mqm/log/QM2"} {
		if _, err := os.Stat(filepath.Join(root, kept)); err != nil {
			t.Errorf("rpm -e removed /%s: %v", kept, err)
		}
	}
	passwd, err := os.ReadFile(filepath.Join(root, "etc/passwd"))
	if err != nil || !regexp.MustCompile(`(?m)^mqm:`).Match(passwd) {
		t.Errorf("rpm -e removed user mqm (%v)", err)
	}
}

// checkFailingUseradd installs the runtime into a root without useradd:
// the install must fail, say why, and leave nothing installed.
func checkFailingUseradd(t *testing.T, base, dir string, r release) {
	t.Helper()
	root := newRoot(t, base, dir)
	if err := os.Remove(filepath.Join(root, "usr/sbin/useradd")); err != nil {
		t.Fatal(err)
	}
	out, err := rpmCmd("--root", root, "-i", "--nodeps", r.file("runtime"))
	if err == nil {
		t.Errorf("rpm -i succeeded although useradd is missing:\n%s", out)
	}
	if !strings.Contains(out, "error: cannot create user mqm; the install stops") {
		t.Errorf("rpm -i without useradd did not say why it failed:\n%s", out)
	}
	if q, err := rpmCmd("--root", root, "-q", "gomqm-runtime"); err == nil {
		t.Errorf("gomqm-runtime is installed after the failed install: %s", q)
	}
	if _, err := os.Stat(filepath.Join(root, "var/mqm")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the failed install left /var/mqm (%v)", err)
	}
}

// inRoot runs testdata/script inside root, in new mount, PID, network,
// UTS and IPC namespaces, and returns its output. Everything the script
// started ends with it (the PID namespace goes away).
func inRoot(t *testing.T, root, script string) string {
	t.Helper()
	for _, f := range []string{"lib.sh", script} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "root", f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	inner := fmt.Sprintf("mount -t proc proc %q/proc && exec chroot %q /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 /bin/bash /root/%s", root, root, script)
	cmd := exec.CommandContext(ctx, "unshare", "--mount", "--pid", "--net", "--uts", "--ipc", "--fork", "--kill-child", "/bin/sh", "-c", inner)
	out, err := cmd.CombinedOutput()
	t.Logf("%s:\n%s", script, out)
	if err != nil {
		t.Fatalf("%s in the throwaway root: %v", script, err)
	}
	return string(out)
}

// onHost runs testdata/script with the host's tools (rpm) in new mount,
// PID, network, UTS and IPC namespaces, with /proc mounted in root and
// ROOT set to it, and returns its output.
func onHost(t *testing.T, root, script string, env ...string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", script))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	inner := fmt.Sprintf("mount -t proc proc %q/proc && exec /bin/bash %q", root, path)
	cmd := exec.CommandContext(ctx, "unshare", "--mount", "--pid", "--net", "--uts", "--ipc", "--fork", "--kill-child", "/bin/sh", "-c", inner)
	cmd.Env = append(os.Environ(), append(env, "ROOT="+root)...)
	out, err := cmd.CombinedOutput()
	t.Logf("%s:\n%s", script, out)
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return string(out)
}

// rpm runs the host's rpm (only ever with --root or on package files)
// and returns its output without Debian's notice about alien; it fails
// the test when rpm fails.
func rpm(t *testing.T, args ...string) string {
	t.Helper()
	out, err := rpmCmd(args...)
	if err != nil {
		t.Fatalf("rpm %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func rpmCmd(args ...string) (string, error) {
	cmd := exec.Command("rpm", args...)
	out, err := cmd.CombinedOutput()
	var keep []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "rpm: RPM should not be used directly") || strings.HasPrefix(l, "rpm: However assuming you know") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n"), err
}

// newRoot unpacks the base image into dir and gives it an rpm database.
func newRoot(t *testing.T, base, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("tar", "--numeric-owner", "-xpf", base, "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("unpacking the base image: %v\n%s", err, out)
	}
	rpm(t, "--root", dir, "--initdb")
	return dir
}

// baseImage returns a tar of a minimal Debian root, made with mmdebstrap
// once and kept in the user's cache directory (outside the repository):
// delete the file to make it anew.
func baseImage(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "gomqm", "rpm-test")
	tarball := filepath.Join(dir, suite+"-minbase.tar")
	if _, err := os.Stat(tarball); err == nil {
		return tarball
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// mmdebstrap picks the output format by the name's ending; the pid
	// keeps two test runs from writing the same file.
	tmp := filepath.Join(dir, fmt.Sprintf("%s-minbase.%d.tar", suite, os.Getpid()))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := exec.CommandContext(ctx, "mmdebstrap", "--quiet", "--variant=minbase", suite, tmp).CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		t.Fatalf("mmdebstrap %s: %v\n%s", suite, err, out)
	}
	if err := os.Rename(tmp, tarball); err != nil {
		t.Fatal(err)
	}
	t.Logf("made the base image %s in %v", tarball, time.Since(start).Round(time.Millisecond))
	return tarball
}

// requireTools skips the test for a user who is not root, and as root
// installs what is missing with apt-get.
func requireTools(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the RPM install test runs on Linux only")
	}
	if os.Geteuid() != 0 {
		t.Skip("the RPM install test needs root (rpm --root, unshare, chroot); run it as root or in CI")
	}
	var missing []string
	for tool, pkg := range map[string]string{"rpm": "rpm", "mmdebstrap": "mmdebstrap", "make": "make", "unshare": "util-linux", "chroot": "coreutils", "tar": "tar"} {
		if _, err := exec.LookPath(tool); err != nil && !slices.Contains(missing, pkg) {
			missing = append(missing, pkg)
		}
	}
	if len(missing) == 0 {
		return
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		t.Skipf("the RPM install test needs %v and there is no apt-get to install them", missing)
	}
	slices.Sort(missing)
	t.Logf("installing %v with apt-get", missing)
	env := append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	// Wait for the dpkg lock if another test is installing something too.
	lock := []string{"-o", "DPkg::Lock::Timeout=300"}
	for _, args := range [][]string{{"update", "-qq"}, append([]string{"install", "-y", "-qq", "--no-install-recommends"}, missing...)} {
		cmd := exec.Command("apt-get", append(lock, args...)...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("apt-get %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// repoRoot is the repository's top directory (this package is two below).
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Makefile")); err != nil {
		t.Fatalf("no Makefile in %s: %v", dir, err)
	}
	return dir
}

// readList reads a packaging list file: one name a line, # comments.
func readList(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range strings.Split(string(data), "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, l)
		}
	}
	return names
}

func subdirs(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// wantLine fails the test unless some line of text matches the pattern.
func wantLine(t *testing.T, text, pattern string) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + pattern + `$`)
	if !re.MatchString(text) {
		t.Errorf("no line matches %q in:\n%s", pattern, text)
	}
}
