# The admin's first day, inside the freshly installed root.
. /root/lib.sh

step "user and group mqm"
getent group mqm || fail "no group mqm"
entry=$(getent passwd mqm) || fail "no user mqm"
echo "$entry"
[ "$(echo "$entry" | cut -d: -f6)" = /var/mqm ] || fail "home of mqm is not /var/mqm"
[ "$(id -gn mqm)" = mqm ] || fail "primary group of mqm is $(id -gn mqm)"
[ "$(id -u mqm)" -lt 1000 ] || fail "mqm is not a system account: uid $(id -u mqm)"
id -u mqm >/root/mqm.uid
[ "$(passwd -S mqm | cut -d' ' -f2)" = L ] || fail "password of mqm is not locked: $(passwd -S mqm)"

step "passwd mqm"
printf 'Mq-admin-2026\nMq-admin-2026\n' | passwd mqm
[ "$(passwd -S mqm | cut -d' ' -f2)" = P ] || fail "passwd did not set a password: $(passwd -S mqm)"

step "owners and modes"
want_mode "2775 mqm:mqm" /var/mqm /var/mqm/qmgrs /var/mqm/log /var/mqm/errors /var/mqm/trace \
  /var/mqm/sockets /var/mqm/exits /var/mqm/exits64 /var/mqm/conv /var/mqm/shared
want_mode "755 root:root" /opt/mqm /opt/mqm/bin /opt/mqm/bin/crtmqm /opt/mqm/bin/runmqsc \
  /opt/mqm/samp/bin/amqsput /opt/mqm/bin/setmqenv
want_mode "644 root:root" /etc/profile.d/gomqm.sh /usr/lib/systemd/system/mq@.service /opt/mqm/man/man1/crtmqm.1
stat -c '%A %U:%G %n' /var/mqm /var/mqm/qmgrs /opt/mqm/bin/crtmqm

step "commands on PATH for mqm"
[ "$(asmqm 'command -v crtmqm')" = /opt/mqm/bin/crtmqm ] || fail "crtmqm is not on mqm's PATH"
asmqm 'echo "MANPATH=$MANPATH MQ_INSTALLATION_PATH=$MQ_INSTALLATION_PATH"'

step "crtmqm QM1"
asmqm 'crtmqm QM1'
want_mode "2770 mqm:mqm" /var/mqm/qmgrs/QM1 /var/mqm/log/QM1
want_mode "664 mqm:mqm" /var/mqm/mqs.ini
step "strmqm QM1"
asmqm 'strmqm QM1'
asmqm 'dspmq'
step "runmqsc QM1"
printf 'DEFINE QLOCAL(APP.Q)\nDISPLAY QLOCAL(APP.Q) CURDEPTH\n' | asmqm 'runmqsc QM1'
step "amqsput and amqsget"
printf 'hello from the admin\n\n' | asmqm '/opt/mqm/samp/bin/amqsput APP.Q QM1'
asmqm '/opt/mqm/samp/bin/amqsget APP.Q QM1'

step "a user outside group mqm"
useradd -m -s /bin/bash app
id app
for c in 'crtmqm QMX' 'endmqm QM1' 'dltmqm QM1' 'strmqm QM1'; do
  if out=$(su - app -c "/opt/mqm/bin/$c" 2>&1); then
    fail "app ran $c: $out"
  fi
  echo "app: $c -> $out"
  echo "$out" | grep -q '^AMQ7077E: You are not authorized to perform the requested operation.$' ||
    fail "$c as app did not answer AMQ7077E"
done

step "setmqenv -s"
[ -z "$(su - app -c 'command -v dspmqver')" ] || fail "dspmqver on app's PATH before setmqenv"
su - app -c '. /opt/mqm/bin/setmqenv -s && command -v dspmqver && echo "MQ_INSTALLATION_PATH=$MQ_INSTALLATION_PATH" && dspmqver' |
  tee /tmp/setmqenv.out
grep -qx /opt/mqm/bin/dspmqver /tmp/setmqenv.out || fail "setmqenv -s did not put /opt/mqm/bin on PATH"
su - app -c 'setmqenv -s' 2>&1 | grep -q 'setmqenv: command not found' || fail "setmqenv found without PATH"
su - app -c '. /opt/mqm/bin/setmqenv -s; . setmqenv -r; command -v dspmqver || echo removed' | grep -qx removed ||
  fail "setmqenv -r left /opt/mqm/bin on PATH"

step "endmqm and dltmqm"
asmqm 'endmqm -w QM1'
asmqm 'dltmqm QM1'
[ ! -e /var/mqm/qmgrs/QM1 ] || fail "dltmqm left /var/mqm/qmgrs/QM1"

step "the systemd unit runs a queue manager as mqm"
unit=/usr/lib/systemd/system/mq@.service
user=$(sed -n 's/^User=//p' $unit)
group=$(sed -n 's/^Group=//p' $unit)
start=$(sed -n 's/^ExecStart=//p' $unit | sed 's/%i/QM2/g')
stop=$(sed -n 's/^ExecStop=//p' $unit | sed 's/%i/QM2/g')
[ "$user:$group" = mqm:mqm ] || fail "unit runs as $user:$group"
asmqm 'crtmqm QM2'
setpriv --reuid="$user" --regid="$group" --init-groups $start >/tmp/qm2.out 2>&1 &
qm=$!
wait_status QM2 Running
[ "$(stat -c %U /proc/$qm)" = mqm ] || fail "the unit's queue manager runs as $(stat -c %U /proc/$qm)"
printf 'DEFINE QLOCAL(KEEP.Q) DEFPSIST(YES)\n' | asmqm 'runmqsc QM2'
printf 'kept across the upgrade\n\n' | asmqm '/opt/mqm/samp/bin/amqsput KEEP.Q QM2'
setpriv --reuid="$user" --regid="$group" --init-groups $stop
wait $qm || fail "ExecStart ended with status $?"
cat /tmp/qm2.out
asmqm 'dspmq -m QM2'
step "admin path done"
