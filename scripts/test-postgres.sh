#!/usr/bin/env bash
# Starts a local PostgreSQL for the PostgreSQL integration test and prints the variables it reads.
# Installs Debian's postgresql package when it is missing (needs root). Usage: eval "$(scripts/test-postgres.sh)"
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
pg_ctlcluster "$version" main start >&2 2>/dev/null || pg_ctlcluster "$version" main status >&2
for _ in $(seq 1 30); do su postgres -c "pg_isready -q" && break; sleep 1; done
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
su postgres -c "dropdb --if-exists stemirac_test && createdb stemirac_test" >&2
echo "export STEMIRAC_TEST_POSTGRES_URL=jdbc:postgresql://localhost:5432/stemirac_test"
echo "export STEMIRAC_TEST_POSTGRES_USER=postgres"
echo "export STEMIRAC_TEST_POSTGRES_PASSWORD=postgres"
