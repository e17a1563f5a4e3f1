# A client-only machine: runtime and client installed, no server.
. /root/lib.sh
step "client-only machine"
[ ! -e /opt/mqm/bin/crtmqm ] || fail "crtmqm is installed without the server package"
[ ! -e /usr/lib/systemd/system/mq@.service ] || fail "the unit is installed without the server package"
getent passwd mqm >/dev/null || fail "no user mqm"
asmqm 'command -v runmqsc && dspmqver'
step "client checks done"
