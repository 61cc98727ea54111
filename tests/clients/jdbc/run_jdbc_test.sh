#!/usr/bin/env bash
# Compiles JdbcClientTest.java against Debian's pgjdbc (libpostgresql-jdbc-java) and runs it; meant to run
# under with_server.sh, which provides the server and LUMADB_CLIENT_WORK (a scratch directory).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=/usr/share/java/postgresql.jar
[[ -f $jar ]] || { echo "FAIL: $jar missing (scripts/install-deps.sh installs libpostgresql-jdbc-java)" >&2; exit 1; }
classes=${LUMADB_CLIENT_WORK:?}/jdbc-classes
mkdir -p "$classes"
javac -nowarn -cp "$jar" -d "$classes" "$here/JdbcClientTest.java"
# A short-lived client: C1 only and the serial collector start the JVM fastest.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Duser.timezone=UTC -cp "$classes:$jar" JdbcClientTest
