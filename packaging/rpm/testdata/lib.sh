# Helpers for the scripts the install test runs inside the throwaway root.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
step() { echo "== $*"; }
# asmqm runs a command line in a login shell of user mqm, as an admin who
# logged in as mqm would: /etc/profile.d puts the commands on PATH.
asmqm() { su - mqm -c "$1"; }
# mode PATH prints "octal-mode owner:group" of PATH.
mode() { stat -c '%a %U:%G' "$1"; }
want_mode() { # want_mode "2775 mqm:mqm" PATH...
  want=$1; shift
  for p in "$@"; do
    got=$(mode "$p")
    [ "$got" = "$want" ] || fail "$p is $got, want $want"
  done
}
# wait_status QM STATUS waits up to 20 s until dspmq shows the status.
wait_status() {
  i=0
  until /opt/mqm/bin/dspmq -m "$1" | grep -q "STATUS($2)"; do
    i=$((i + 1))
    [ $i -le 80 ] || fail "$1 did not reach status $2: $(/opt/mqm/bin/dspmq -m "$1")"
    sleep 0.25
  done
}
