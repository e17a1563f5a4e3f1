# After rpm -U: the account and the queue manager data are still there.
. /root/lib.sh

step "mqm after the upgrade"
[ "$(id -u mqm)" = "$(cat /root/mqm.uid)" ] || fail "uid of mqm changed to $(id -u mqm)"
[ "$(passwd -S mqm | cut -d' ' -f2)" = P ] || fail "the upgrade changed mqm's password: $(passwd -S mqm)"
want_mode "2775 mqm:mqm" /var/mqm /var/mqm/qmgrs /var/mqm/log
want_mode "2770 mqm:mqm" /var/mqm/qmgrs/QM2 /var/mqm/log/QM2
step "QM2 after the upgrade"
asmqm 'dspmq -m QM2'
asmqm 'strmqm QM2'
asmqm '/opt/mqm/samp/bin/amqsget KEEP.Q QM2'
asmqm 'endmqm -w QM2'
step "upgrade checks done"
