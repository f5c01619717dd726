#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite (team mode).
#
#   eval "$(bash .ci/postgres.sh start DIR)"   # installs the server if missing, starts a cluster in DIR,
#                                              # prints: export COCKPIT_TEST_DB_URL=postgresql://...
#   bash .ci/postgres.sh stop DIR              # stops that cluster and removes DIR
#
# The cluster listens on a unix socket in DIR only (no TCP port), trusts local connections, and runs
# without fsync: it holds test data and nothing else.  As root, the server runs as the `postgres` user.
set -euo pipefail

action="${1:?usage: postgres.sh start|stop DIR}"
dir="${2:?usage: postgres.sh start|stop DIR}"
port="${COCKPIT_PG_PORT:-55432}"

pg_bin() {
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
        return 1
    fi
    echo "$found"
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

install_server() {
    if pg_bin >/dev/null; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "PostgreSQL is not installed and this is not root: install the 'postgresql' package" >&2
        exit 1
    fi
    echo "installing PostgreSQL from the system's packages" >&2
    # No default cluster: this script starts its own, and nothing else should keep running.
    mkdir -p /etc/postgresql-common
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1
    apt-get update -qq >&2
    apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql >&2
}

start() {
    install_server
    local bin
    bin="$(pg_bin)"
    if [ -e "$dir/data" ]; then
        echo "$dir already holds a cluster (stop it first)" >&2
        exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE cockpit LOGIN CREATEDB" -c "CREATE DATABASE cockpit OWNER cockpit" >&2
    echo "export COCKPIT_TEST_DB_URL='postgresql://cockpit@/cockpit?host=$dir&port=$port'"
}

stop() {
    local bin
    if bin="$(pg_bin)" && [ -d "$dir/data" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
}

case "$action" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
