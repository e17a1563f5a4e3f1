# Runs on the host, in the test's namespaces, with ROOT the throwaway
# root: rpm -e must refuse while a queue manager runs, then erase.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
inroot() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 "$@"; }
rpm_root() { rpm --root "$ROOT" "$@" 2>&1 | grep -v -e '^rpm: RPM should not be used directly' -e '^rpm: However assuming' || :; }

echo "== rpm -e while QM2 runs"
inroot su - mqm -c 'strmqm QM2'
if rpm --root "$ROOT" -e --nodeps $PACKAGES >/tmp/erase.out 2>&1; then
  cat /tmp/erase.out
  fail "rpm -e succeeded while QM2 was running"
fi
grep -v -e '^rpm: RPM should not' -e '^rpm: However' /tmp/erase.out
for p in $PACKAGES; do
  rpm --root "$ROOT" -q "$p" >/dev/null 2>&1 || fail "$p was erased while QM2 was running"
done
echo "every package is still installed"
inroot su - mqm -c 'endmqm -w QM2'
echo "== rpm -e"
rpm_root -e --nodeps $PACKAGES
for p in $PACKAGES; do
  if rpm --root "$ROOT" -q "$p" >/dev/null 2>&1; then fail "$p is still installed"; fi
done
echo "== erased"
