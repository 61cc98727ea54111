#!/usr/bin/env bash
# pgbench 15 against the server with_server.sh provides: `pgbench -i` (COPY ... WITH (FREEZE ON), VACUUM, primary
# keys), then every built-in script (tpcb-like, simple-update, select-only) in -M simple, extended and
# prepared, each run checked for all its transactions and the balances checked after each script:
# sum(abalance) = sum(tbalance) = sum(bbalance) = sum(history.delta) for tpcb-like, only accounts and history
# move under simple-update, nothing under select-only. Closes with "N passed, N failed".
set -euo pipefail

bin=${PG_BIN_DIR:-/usr/lib/postgresql/15/bin}
clients=2
transactions=25
passed=0
failed=0

check() {
  if [[ $2 == "$3" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: got '$2', want '$3'"
  fi
}

query() { "$bin/psql" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }

# balances prints "accounts tellers branches history-delta history-rows".
balances() {
  query "SELECT (SELECT sum(abalance) FROM pgbench_accounts), (SELECT sum(tbalance) FROM pgbench_tellers),
    (SELECT sum(bbalance) FROM pgbench_branches), (SELECT coalesce(sum(delta), 0) FROM pgbench_history),
    (SELECT count(*) FROM pgbench_history)" | tr '|' ' '
}

"$bin/pgbench" -i -s 1 -q >"$LUMADB_CLIENT_WORK/init.log" 2>&1 || { cat "$LUMADB_CLIENT_WORK/init.log"; exit 1; }
check "accounts loaded" "$(query 'SELECT count(*), sum(bid), sum(abalance) FROM pgbench_accounts')" "100000|100000|0"
check "tellers and branches" "$(query 'SELECT (SELECT count(*) FROM pgbench_tellers), (SELECT count(*) FROM
  pgbench_branches)')" "10|1"
check "primary keys" "$(query "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conname LIKE 'pgbench%'
  ORDER BY conname" | tr '\n' ' ')" "pgbench_accounts_pkey pgbench_branches_pkey pgbench_tellers_pkey "

history_rows=0
for script in tpcb-like simple-update select-only; do
  before=$(balances)
  read -r _ tellers_before branches_before _ _ <<<"$before"
  for mode in simple extended prepared; do
    # -n: no vacuum before the run, which would also truncate pgbench_history and lose the deltas.
    out=$("$bin/pgbench" -n -b "$script" -M "$mode" -c "$clients" -t "$transactions" 2>&1) || true
    check "$script -M $mode processed" "$(sed -n 's/^number of transactions actually processed: //p' <<<"$out")" \
      "$((clients * transactions))/$((clients * transactions))"
    check "$script -M $mode failed" "$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")" "0"
  done
  [[ $script == select-only ]] || history_rows=$((history_rows + 3 * clients * transactions))
  read -r accounts tellers branches delta rows <<<"$(balances)"
  check "$script: history rows" "$rows" "$history_rows"
  check "$script: sum(abalance) = sum(delta)" "$accounts" "$delta"
  case $script in
    tpcb-like)
      check "tpcb-like: sum(tbalance) = sum(delta)" "$tellers" "$delta"
      check "tpcb-like: sum(bbalance) = sum(delta)" "$branches" "$delta" ;;
    simple-update)
      check "simple-update: tellers unchanged" "$tellers" "$tellers_before"
      check "simple-update: branches unchanged" "$branches" "$branches_before" ;;
    select-only)
      check "select-only: nothing changed" "$(balances)" "$before" ;;
  esac
done

echo "pgbench: $passed passed, $failed failed"
((failed == 0))
