# Puts the gomqm commands on PATH (and their manual pages on MANPATH) in
# login shells of user mqm, as `. /opt/mqm/bin/setmqenv -s` does.
if [ "$(id -un 2>/dev/null)" = mqm ] && [ -r /opt/mqm/bin/setmqenv ]; then
  set -- -s
  . /opt/mqm/bin/setmqenv
  set --
fi
