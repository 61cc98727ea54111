#!/usr/bin/env python3
"""psycopg2 (Debian python3-psycopg2) against LumaDB: parameters of every common type, fetch* with type
conversion, executemany, transactions and autocommit, COPY (copy_expert / copy_from / copy_to), SQLSTATEs of
errors and notices. Every check compares the values that come back, as psycopg2 converts them.

Run through with_server.sh, which sets PGHOST/PGPORT/PGUSER/PGDATABASE. Prints one line per failed check and
closes with "N passed, N failed"; exits non-zero on any failure.
"""
import datetime
import io
import os
import sys
import threading
import time
import traceback
from decimal import Decimal

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import psycopg2.extras

passed = 0
failed = 0


def check(name, got, want):
    global passed, failed
    if got == want and type(got) is type(want):
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: got {got!r} ({type(got).__name__}), want {want!r} ({type(want).__name__})")


def connect(**kwargs):
    return psycopg2.connect("", application_name="psycopg2_test", **kwargs)


def test_connection(conn):
    check("encoding", conn.encoding, "UTF8")
    check("server_version is 15", conn.server_version // 10000, 15)
    check("standard_conforming_strings",
          conn.get_parameter_status("standard_conforming_strings"), "on")
    check("application_name reported", conn.get_parameter_status("application_name"), "psycopg2_test")


def test_parameters(conn):
    cur = conn.cursor()
    when = datetime.datetime(2024, 2, 29, 13, 14, 15, 123456)
    cur.execute("SELECT %s, %s::float8, %s, %s, %s, %s, %s, %s",
                (42, 2.5, Decimal("12345.678"), "O'Reilly \u00e9", True, datetime.date(2020, 2, 29), when, None))
    row = cur.fetchone()
    check("int param", row[0], 42)
    check("float param", row[1], 2.5)
    check("Decimal param", row[2], Decimal("12345.678"))
    check("text param with quote and UTF-8", row[3], "O'Reilly \u00e9")
    check("bool param", row[4], True)
    check("date param", row[5], datetime.date(2020, 2, 29))
    check("timestamp param", row[6], when)
    check("None param", row[7], None)
    check("description type oids", [d.type_code for d in cur.description],
          [23, 701, 1700, 25, 16, 1082, 1114, 25])

    cur.execute("SELECT 9223372036854775807::int8, (-32768)::int2, 1.5::float4, 'abc'::varchar(5), "
                "'\\x00ff'::bytea, TIMESTAMPTZ '2024-01-02 03:04:05+00', 2.50::numeric(5,2), NULL::int")
    row = cur.fetchone()
    check("int8", row[0], 9223372036854775807)
    check("int2", row[1], -32768)
    check("float4", row[2], 1.5)
    check("varchar", row[3], "abc")
    check("bytea", bytes(row[4]), b"\x00\xff")
    check("timestamptz", row[5],
          datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc))
    check("numeric keeps its scale", str(row[6]), "2.50")
    check("NULL int", row[7], None)
    cur.execute("SELECT INTERVAL '1 day 02:03:04.5', TIME '13:14:15', %s::interval, %s::time",
                (datetime.timedelta(days=-2, seconds=7), datetime.time(1, 2, 3, 400000)))
    check("interval, time and their parameters", cur.fetchone(),
          (datetime.timedelta(days=1, seconds=7384, microseconds=500000), datetime.time(13, 14, 15),
           datetime.timedelta(days=-2, seconds=7), datetime.time(1, 2, 3, 400000)))
    cur.execute("SELECT %s::bytea", (psycopg2.Binary(b"a\x00\\'z"),))
    check("bytea round trip", bytes(cur.fetchone()[0]), b"a\x00\\'z")


def test_table_and_fetch(conn):
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS pg2t_items")
    cur.execute("CREATE TABLE pg2t_items (id serial PRIMARY KEY, name text NOT NULL, qty integer, "
                "price numeric(10,2), ok boolean, born date, at timestamp)")
    cur.execute("INSERT INTO pg2t_items (name, qty, price, ok, born, at) VALUES (%s, %s, %s, %s, %s, %s) "
                "RETURNING id",
                ("first", 3, Decimal("9.99"), False, datetime.date(2021, 5, 6),
                 datetime.datetime(2021, 5, 6, 7, 8, 9)))
    check("RETURNING id", cur.fetchone(), (1,))
    check("rowcount of INSERT", cur.rowcount, 1)
    cur.executemany("INSERT INTO pg2t_items (name, qty, price) VALUES (%s, %s, %s)",
                    [(f"m{i}", i, Decimal(i) / 4) for i in range(10)])
    check("executemany rowcount", cur.rowcount, 10)
    psycopg2.extras.execute_values(cur, "INSERT INTO pg2t_items (name, qty) VALUES %s",
                                   [(f"v{i}", -1 - i) for i in range(5)])
    psycopg2.extras.execute_batch(cur, "UPDATE pg2t_items SET price = %s WHERE name = %s",
                                  [(Decimal("1.10"), f"v{i}") for i in range(3)], page_size=2)
    cur.execute("SELECT count(*), sum(qty), sum(price) FROM pg2t_items WHERE name LIKE 'v%%'")
    check("execute_values and execute_batch", cur.fetchone(), (5, -15, Decimal("3.30")))
    conn.commit()

    cur.execute("SELECT name, qty, price, ok, born, at FROM pg2t_items WHERE id = %s", (1,))
    check("fetchone row", cur.fetchone(),
          ("first", 3, Decimal("9.99"), False, datetime.date(2021, 5, 6),
           datetime.datetime(2021, 5, 6, 7, 8, 9)))
    check("fetchone past the end", cur.fetchone(), None)

    cur.execute("SELECT qty, price FROM pg2t_items WHERE name LIKE %s ORDER BY qty", ("m%",))
    check("rowcount of SELECT", cur.rowcount, 10)
    check("fetchmany(3)", cur.fetchmany(3),
          [(0, Decimal("0.00")), (1, Decimal("0.25")), (2, Decimal("0.50"))])
    check("fetchone after fetchmany", cur.fetchone(), (3, Decimal("0.75")))
    rest = cur.fetchall()
    check("fetchall rest", [r[0] for r in rest], [4, 5, 6, 7, 8, 9])
    check("fetchall sum", sum(r[1] for r in rest), Decimal("9.75"))

    cur.execute("UPDATE pg2t_items SET ok = %s WHERE qty >= %s", (True, 5))
    check("UPDATE rowcount", cur.rowcount, 5)
    cur.execute("SELECT count(*), sum(qty), min(qty) FROM pg2t_items WHERE ok")
    check("aggregates", cur.fetchone(), (5, 35, 5))
    cur.execute("SELECT count(*) FROM pg2t_items WHERE qty IN %s", ((1, 2, 99),))
    check("IN tuple param", cur.fetchone(), (2,))
    conn.commit()


def test_named_cursor(conn):
    """A server-side cursor: DECLARE ... CURSOR WITHOUT HOLD FOR, FETCH FORWARD n, scroll(), CLOSE; and a
    WITH HOLD cursor that outlives its commit."""
    cur = conn.cursor(name="pg2t_cursor")
    cur.itersize = 4
    cur.execute("SELECT qty FROM pg2t_items WHERE name LIKE %s ORDER BY qty", ("m%",))
    check("named cursor fetchmany", [r[0] for r in cur.fetchmany(3)], [0, 1, 2])
    check("named cursor iterates in batches of itersize", [r[0] for r in cur], [3, 4, 5, 6, 7, 8, 9])
    cur.close()
    cur = conn.cursor(name="pg2t_scroll", scrollable=True)
    cur.execute("SELECT g FROM generate_series(1, 10) AS g")
    cur.scroll(5, mode="absolute")
    check("scroll absolute", cur.fetchone(), (6,))
    cur.scroll(-3)
    check("scroll relative backward", cur.fetchone(), (4,))
    check("fetchall after scrolling", [r[0] for r in cur.fetchall()], [5, 6, 7, 8, 9, 10])
    cur.close()
    conn.commit()
    held = conn.cursor(name="pg2t_held", withhold=True)
    held.execute("SELECT g FROM generate_series(1, 3) AS g")
    conn.commit()
    check("WITH HOLD cursor after commit", held.fetchall(), [(1,), (2,), (3,)])
    held.close()
    conn.commit()


def test_transactions():
    conn = connect()
    cur = conn.cursor()
    cur.execute("INSERT INTO pg2t_items (name) VALUES ('tx')")
    check("in transaction", conn.get_transaction_status(), psycopg2.extensions.TRANSACTION_STATUS_INTRANS)
    conn.rollback()
    cur.execute("SELECT count(*) FROM pg2t_items WHERE name = 'tx'")
    check("rolled back", cur.fetchone(), (0,))
    cur.execute("INSERT INTO pg2t_items (name) VALUES ('kept')")
    conn.commit()
    with conn:
        with conn.cursor() as c2:
            c2.execute("INSERT INTO pg2t_items (name) VALUES ('ctx')")
    try:
        with conn:
            with conn.cursor() as c2:
                c2.execute("INSERT INTO pg2t_items (name) VALUES ('ctx-dropped')")
                raise KeyError("abort")
    except KeyError:
        pass
    cur.execute("SELECT name FROM pg2t_items WHERE name IN ('kept', 'ctx', 'ctx-dropped') ORDER BY name")
    check("commit, with-block commit and rollback", cur.fetchall(), [("ctx",), ("kept",)])
    conn.rollback()

    conn.autocommit = True
    cur.execute("INSERT INTO pg2t_items (name) VALUES ('auto')")
    check("autocommit idle", conn.get_transaction_status(), psycopg2.extensions.TRANSACTION_STATUS_IDLE)
    other = connect()
    ocur = other.cursor()
    ocur.execute("SELECT count(*) FROM pg2t_items WHERE name = 'auto'")
    check("autocommit visible to another session", ocur.fetchone(), (1,))
    other.close()
    cur.execute("VACUUM pg2t_items")
    check("VACUUM in autocommit", cur.statusmessage, "VACUUM")

    conn.autocommit = False
    conn.set_session(isolation_level="SERIALIZABLE", readonly=True)
    cur.execute("SHOW transaction_isolation")
    check("isolation level", cur.fetchone(), ("serializable",))
    cur.execute("SHOW transaction_read_only")
    check("read only", cur.fetchone(), ("on",))
    e = error_of(cur, "INSERT INTO pg2t_items (name) VALUES ('ro')")
    check("read-only INSERT", (type(e), e and e.pgcode), (psycopg2.errors.ReadOnlySqlTransaction, "25006"))
    conn.rollback()
    conn.close()


def test_copy(conn):
    cur = conn.cursor()
    cur.copy_expert("COPY pg2t_items (name, qty, price) FROM STDIN WITH (FORMAT csv)",
                    io.StringIO('c1,100,1.5\n"c,2",101,\n'))
    check("copy_expert FROM rowcount", cur.rowcount, 2)
    cur.execute("CREATE TABLE pg2t_copy (name text, qty integer)")
    cur.copy_from(io.StringIO("t1\t200\nt2\t\\N\n"), "pg2t_copy", columns=("name", "qty"))
    check("copy_from rowcount", cur.rowcount, 2)
    conn.commit()
    cur.execute("SELECT name, qty, price FROM pg2t_items WHERE name IN ('c1', 'c,2') ORDER BY name")
    check("copied rows", cur.fetchall(), [("c,2", 101, None), ("c1", 100, Decimal("1.50"))])
    cur.execute("SELECT name, qty FROM pg2t_copy ORDER BY name")
    check("copy_from rows", cur.fetchall(), [("t1", 200), ("t2", None)])

    out = io.StringIO()
    cur.copy_expert("COPY (SELECT name, qty, price FROM pg2t_items WHERE qty >= 100 ORDER BY qty) "
                    "TO STDOUT WITH (FORMAT csv, HEADER)", out)
    check("copy_expert TO csv", out.getvalue(), 'name,qty,price\nc1,100,1.50\n"c,2",101,\n')
    out = io.StringIO()
    cur.copy_to(out, "pg2t_copy", sep="|")
    check("copy_to text", sorted(out.getvalue().splitlines()), ["t1|200", "t2|\\N"])
    cur.execute("DROP TABLE pg2t_copy")
    conn.commit()


def error_of(cur, sql, args=None):
    """Runs sql expecting a database error and returns it; None (and a failed check) if it succeeded."""
    try:
        cur.execute(sql, args)
    except psycopg2.Error as e:
        return e
    check(f"error from {sql}", "no error", "error")
    return None


def test_json(conn):
    # psycopg2 decodes json (114) and jsonb (3802) results into Python objects, and Json() sends a dict.
    cur = conn.cursor()
    cur.execute("CREATE TABLE pg2t_docs (id int PRIMARY KEY, j json, b jsonb)")
    cur.execute("INSERT INTO pg2t_docs VALUES (1, %s, %s)",
                (psycopg2.extras.Json({"b": [1, 2.5]}), psycopg2.extras.Json({"z": None, "a": "x"})))
    cur.execute("SELECT j, b, b -> 'a', b ->> 'a' FROM pg2t_docs")
    j, b, field, text = cur.fetchone()
    check("json column as dict", j, {"b": [1, 2.5]})
    check("jsonb column as dict", b, {"a": "x", "z": None})
    check("jsonb -> as str", field, "x")
    check("jsonb ->> as text", text, "x")
    cur.execute("SELECT b::text FROM pg2t_docs")
    check("jsonb text form", cur.fetchone()[0], '{"a": "x", "z": null}')
    cur.execute("DROP TABLE pg2t_docs")
    conn.commit()


def test_errors(conn):
    cur = conn.cursor()
    e = error_of(cur, "INSERT INTO pg2t_items (id, name) VALUES (%s, %s), (%s, %s)", (500, "a", 500, "b"))
    check("unique violation class", type(e), psycopg2.errors.UniqueViolation)
    check("unique violation pgcode", e and e.pgcode, "23505")
    check("unique violation constraint", e and e.diag.constraint_name, "pg2t_items_pkey")
    check("unique violation message", e and e.diag.message_primary,
          'duplicate key value violates unique constraint "pg2t_items_pkey"')
    check("unique violation detail", e and e.diag.message_detail, "Key (id)=(500) already exists.")
    e = error_of(cur, "SELECT 1")
    check("in failed transaction", (type(e), e and e.pgcode), (psycopg2.errors.InFailedSqlTransaction, "25P02"))
    conn.rollback()
    e = error_of(cur, "SELECT * FROM pg2t_missing")
    check("undefined table", (type(e), e and e.pgcode, e and e.diag.statement_position),
          (psycopg2.errors.UndefinedTable, "42P01", "15"))
    conn.rollback()
    e = error_of(cur, "SELECT 1 / %s", (0,))
    check("division by zero", (type(e), e and e.pgcode), (psycopg2.errors.DivisionByZero, "22012"))
    conn.rollback()
    del conn.notices[:]
    cur.execute("DROP TABLE IF EXISTS pg2t_never_existed")
    check("notice", conn.notices, ['NOTICE:  table "pg2t_never_existed" does not exist, skipping\n'])
    conn.rollback()


def test_auth():
    """with_server.sh runs LumaDB with scram-sha-256 authentication: a wrong password is refused (28P01)."""
    if not os.environ.get("LUMADB_CLIENT_AUTH"):
        return
    try:
        psycopg2.connect("", password="wrong")
        check("wrong password refused", "connected", "refused")
    except psycopg2.OperationalError as e:
        check("wrong password message", 'password authentication failed for user "postgres"' in str(e), True)


def test_cancel():
    """conn.cancel() (a CancelRequest on a second connection) and statement_timeout stop a running query."""
    conn = connect()
    cur = conn.cursor()
    threading.Timer(0.3, conn.cancel).start()
    start = time.monotonic()
    try:
        cur.execute("SELECT count(*) FROM generate_series(1, 2000000000)")
        check("cancel stops the query", "no error", "error")
    except psycopg2.errors.QueryCanceled as e:
        check("cancel pgcode", e.pgcode, "57014")
        check("cancel message", e.diag.message_primary, "canceling statement due to user request")
        check("cancel is prompt", time.monotonic() - start < 5, True)
    conn.rollback()
    conn.autocommit = True  # the SETs must outlive the failing statements
    cur.execute("SET lock_timeout = '5s'")  # fail rather than hang if the timeout below does not work
    cur.execute("SET statement_timeout = '200ms'")
    start = time.monotonic()
    try:
        cur.execute("SELECT count(*) FROM generate_series(1, 2000000000)")
        check("statement_timeout stops the query", "no error", "error")
    except psycopg2.errors.QueryCanceled as e:
        check("statement_timeout message", e.diag.message_primary, "canceling statement due to statement timeout")
        check("statement_timeout is prompt", time.monotonic() - start < 5, True)
    cur.execute("SELECT count(*) FROM generate_series(1, 1000)")
    check("short statement under statement_timeout", cur.fetchone(), (1000,))
    # A statement waiting for a row lock is interrupted too.
    holder = connect()
    hcur = holder.cursor()
    hcur.execute("CREATE TABLE pg2t_lock (id int PRIMARY KEY, v int)")
    hcur.execute("INSERT INTO pg2t_lock VALUES (1, 0)")
    holder.commit()
    hcur.execute("UPDATE pg2t_lock SET v = 1 WHERE id = 1")
    e = error_of(cur, "UPDATE pg2t_lock SET v = 2 WHERE id = 1")
    check("lock wait timeout", (type(e), e and e.diag.message_primary),
          (psycopg2.errors.QueryCanceled, "canceling statement due to statement timeout"))
    holder.rollback()
    hcur.execute("DROP TABLE pg2t_lock")
    holder.commit()
    holder.close()
    conn.close()


def main():
    conn = connect()
    for test in (test_connection, test_parameters, test_table_and_fetch, test_named_cursor, test_copy, test_json,
                 test_errors):
        try:
            test(conn)
        except Exception:
            global failed
            failed += 1
            print(f"FAIL {test.__name__} raised:")
            traceback.print_exc(file=sys.stdout)
            conn.rollback()
    for test in (test_auth, test_transactions, test_cancel):  # these open their own connections
        try:
            test()
        except Exception:
            failed += 1
            print(f"FAIL {test.__name__} raised:")
            traceback.print_exc(file=sys.stdout)
    conn.cursor().execute("DROP TABLE pg2t_items")
    conn.commit()
    conn.close()
    print(f"psycopg2: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
