#!/usr/bin/env bash
# Installs the Debian 12 packages LumaDB needs to build, test and run. Idempotent and quick: when every
# package is already installed it only runs dpkg-query. Uses apt-get as root, else through sudo;
# non-interactive (CI has no stdin).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache mold lld pkg-config
  libboost-dev libssl-dev tao-pegtl-dev libspdlog-dev libfmt-dev doctest-dev libpqxx-dev libpq-dev libcli11-dev
  libisal-dev libpcre2-dev libcctz-dev libicu-dev tzdata
  postgresql-15 postgresql-client-15 python3
  # tests/integration/explain_test.cpp parses EXPLAIN (FORMAT JSON)
  nlohmann-json3-dev
  # tests/integration/tls_test.cpp makes its CA and client certificates with the openssl command
  openssl
  # tests/clients: the drivers the client tests run (pg, pg-cursor, pg-copy-streams come from npm there)
  python3-psycopg2 libpostgresql-jdbc-java default-jdk-headless
)
# node and npm may come from elsewhere than Debian (a nodejs package that bundles npm conflicts with Debian's
# npm), so they are only installed when the commands are missing.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo -n)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
