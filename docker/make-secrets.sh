#!/usr/bin/env bash
# make-secrets.sh DIR NAME...: a random password in DIR/NAME for each NAME that does not exist yet (existing ones are
# kept: the database was initialised with them). DIR is private to you; each file is readable by the containers' own
# users (postgres, app), which a bind-mounted secret keeps from the host.
set -euo pipefail
dir=${1:?usage: make-secrets.sh DIR NAME...}
shift
install -d -m 700 "$dir"
for name in "$@"; do
  if [ ! -s "$dir/$name" ]; then
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/$name"
    chmod 644 "$dir/$name"
    echo "made $dir/$name"
  fi
done
