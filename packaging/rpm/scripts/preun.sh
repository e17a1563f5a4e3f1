# %preun of every gomqm package: refuses to erase while a queue manager
# is running, as IBM MQ's uninstall asks for every queue manager to be
# ended first. Upgrades ($1 is 1) go ahead: a running queue manager keeps
# the program it started with until it is restarted.
if [ "${1:-0}" = 0 ] && [ -x /opt/mqm/bin/dspmq ]; then
  running=$(/opt/mqm/bin/dspmq 2>/dev/null | grep 'STATUS(' | grep -v 'STATUS(Ended' || :)
  if [ -n "$running" ]; then
    echo "error: queue managers are running; end them with endmqm before erasing gomqm:" >&2
    echo "$running" >&2
    exit 1
  fi
fi
exit 0
