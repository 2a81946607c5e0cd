#!/bin/sh
set -e
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
mkdir -p "$PGDATA" /run/postgresql
chown -R postgres:postgres "$PGDATA" /run/postgresql
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "$POSTGRES_PASSWORD" > /tmp/pwfile
  chown postgres /tmp/pwfile
  su postgres -c "initdb -D '$PGDATA' -U '$POSTGRES_USER' --pwfile=/tmp/pwfile --auth-host=scram-sha-256 --auth-local=trust" > /dev/null
  rm /tmp/pwfile
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    su postgres -c "postgres -D '$PGDATA' -c listen_addresses='' " &
    until su postgres -c "pg_isready -q -h /run/postgresql"; do sleep 0.2; done
    su postgres -c "psql -h /run/postgresql -U '$POSTGRES_USER' -d postgres -c 'CREATE DATABASE \"$POSTGRES_DB\"'" > /dev/null
    su postgres -c "pg_ctl -D '$PGDATA' -m fast -w stop" > /dev/null
  fi
fi
# Accepts the official image's command form ("postgres -c name=value ..."): later settings win.
[ "${1:-}" = "postgres" ] && shift
exec su postgres -c "exec postgres -D '$PGDATA' -c listen_addresses='${POSTGRES_LISTEN:-*}' -c port=$PGPORT $*"
