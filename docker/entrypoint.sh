#!/bin/sh
# Starts pgflo with JVM options that suit its command; JAVA_OPTS adds to them (and, coming last, wins).
#
# The replicator runs with the client compiler only (C1). Its work is reading from PostgreSQL and writing to
# NATS, and on a small machine the server compiler's (C2) CPU in the first seconds cost more than its faster
# code gained: measured in bench-copy and bench-replicator (docs/configuration.md, "JVM options"). The worker keeps C2,
# which applied changes about 10% faster there.
set -eu
jar=${PGFLO_JAR:-/opt/pgflo/pgflo.jar}
case "${1:-}" in
  replicator) role_options="-XX:TieredStopAtLevel=1" ;;
  *) role_options="" ;;
esac
# shellcheck disable=SC2086 # the options are meant to be split into words
exec java $role_options ${JAVA_OPTS:-} -jar "$jar" "$@"
