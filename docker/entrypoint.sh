#!/bin/sh
# Starts pgflo with JVM options that suit its command; JAVA_OPTS adds to them (and, coming last, wins).
#
# The replicator runs with the client compiler only (C1). Its work is reading from PostgreSQL and writing to
# NATS, and on a small machine the server compiler's (C2) CPU in the first seconds cost more than its faster
# code gained: measured in bench-copy and bench-replicator (docs/configuration.md, "JVM options"). It also
# runs with the serial collector: its garbage is short-lived, and G1's barriers and concurrent threads cost it
# a seventh of its CPU and twice the memory.
#
# The worker keeps C2, which applied changes about 10% faster there, but gives a method to it only after ten
# times as many calls as by default (the Tier4 thresholds). Per-row code still reaches C2 within the first
# 50,000 rows; per-message code (a message's JSON header, its acknowledgement) stays longer with C1. A fresh
# worker copying 1M rows spent about half as much CPU in C2. It runs with the throughput collector: G1's
# barriers and concurrent work cost it a third more CPU.
set -eu
jar=${PGFLO_JAR:-/opt/pgflo/pgflo.jar}
case "${1:-}" in
  replicator) role_options="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
  worker) role_options="-XX:+UseParallelGC -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000" ;;
  *) role_options="" ;;
esac
# shellcheck disable=SC2086 # the options are meant to be split into words
exec java $role_options ${JAVA_OPTS:-} -jar "$jar" "$@"
