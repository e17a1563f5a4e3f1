# %pre of gomqm-runtime: creates group and user mqm as system accounts,
# as IBM MQ's MQSeriesRuntime does. The user's home is /var/mqm and its
# password stays locked until the administrator sets one (passwd mqm).
# An account that cannot be created fails the install: files owned by
# mqm would otherwise be given to root.
if ! getent group mqm >/dev/null; then
  echo "Creating group mqm"
  if ! groupadd -r mqm; then
    echo "error: cannot create group mqm; the install stops" >&2
    exit 1
  fi
fi
if ! getent passwd mqm >/dev/null; then
  echo "Creating user mqm"
  if ! useradd -r -M -g mqm -d /var/mqm -s /bin/bash -c "gomqm administrator" mqm; then
    echo "error: cannot create user mqm; the install stops" >&2
    exit 1
  fi
fi
exit 0
