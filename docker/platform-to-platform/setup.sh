#!/usr/bin/env bash
# Starts Alice and Barbara (compose.yaml), makes each one's first administrator, then sets up the exchange through both
# REST APIs by running the ```sh blocks of docs/platform-to-platform.md: the same calls the page shows and the test
# suite runs. Meant for fresh instances (the page creates its groups, users and feeds by name; `down -v` starts over).
#   ALICE_ADMIN_PASSWORD='…' BARBARA_ADMIN_PASSWORD='…' docker/platform-to-platform/setup.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
compose=(docker compose -f "$here/compose.yaml")
: "${ALICE_ADMIN_PASSWORD:?set ALICE_ADMIN_PASSWORD}"
: "${BARBARA_ADMIN_PASSWORD:?set BARBARA_ADMIN_PASSWORD}"

export ALICE="http://localhost:${ALICE_PORT:-9001}" BARBARA="http://localhost:${BARBARA_PORT:-9002}"
export ALICE_ADMIN="admin:$ALICE_ADMIN_PASSWORD" BARBARA_ADMIN="admin:$BARBARA_ADMIN_PASSWORD"
# inside the compose network each server reaches the other by its service name
export ALICE_FROM_BARBARA=http://alice:9000 BARBARA_FROM_ALICE=http://barbara:9000

"$here/../make-secrets.sh" "$here/secrets" alice-postgres-password alice-db-password barbara-postgres-password barbara-db-password
"${compose[@]}" up -d --build
for side in alice barbara; do
  url=$ALICE && [ $side = barbara ] && url=$BARBARA
  printf 'waiting for %s at %s ' "$side" "$url"
  # the image has no curl: readiness (migrations done, database reachable) is probed from here
  until curl -fsS -o /dev/null "$url/health/ready"; do printf .; sleep 2; done
  echo
done

# the first administrator of each side: the image's `admin create`, password on stdin (never on a command line)
make_admin() { # SERVICE URL PASSWORD
  if curl -fsS -o /dev/null -u "admin:$3" "$2/api/v1/me"; then
    echo "$1: admin exists"
  else
    printf '%s\n' "$3" | "${compose[@]}" exec -T "$1" dotnet Taxii.Server.dll admin create --name admin --password-stdin
  fi
}
make_admin alice "$ALICE" "$ALICE_ADMIN_PASSWORD"
make_admin barbara "$BARBARA" "$BARBARA_ADMIN_PASSWORD"

awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on' "$root/docs/platform-to-platform.md" | bash
