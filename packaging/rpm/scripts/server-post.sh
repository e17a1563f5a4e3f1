# %post and %postun of gomqm-server: tell a running systemd about the
# mq@.service template unit.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  systemctl daemon-reload || :
fi
exit 0
