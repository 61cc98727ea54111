-- setup: none
-- @@ 1 t1 @@
-- CREATE FUNCTION ... LANGUAGE sql, calls, overloading, DROP / ALTER FUNCTION, pg_proc.
CREATE TABLE sf_items (id int PRIMARY KEY, name text, price numeric);
-- @@ 2 t1 @@
INSERT INTO sf_items VALUES (1, 'apple', 1.50), (2, 'pear', 2.25), (3, 'fig', NULL);
-- @@ 3 t3 @@
CREATE FUNCTION sf_add(a integer, b integer) RETURNS integer AS 'SELECT a + b' LANGUAGE sql IMMUTABLE;
-- @@ 4 t3 u @@
SELECT sf_add(1, 2);
-- @@ 5 t3 @@
SELECT sf_add(id, 10) FROM sf_items ORDER BY id;
-- @@ 6 t3 @@
CREATE FUNCTION sf_double(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 * 2 $$;
-- @@ 7 t3 u @@
SELECT sf_double(21), sf_double(NULL);
-- @@ 8 t3 @@
CREATE FUNCTION sf_strict(integer) RETURNS integer LANGUAGE sql STRICT AS $$ SELECT coalesce($1, -1) $$;
-- @@ 9 t3 u @@
SELECT sf_strict(NULL) IS NULL AS is_null, sf_strict(5);
-- @@ 10 t3 @@
CREATE FUNCTION sf_called(integer) RETURNS integer LANGUAGE sql AS $$ SELECT coalesce($1, -1) $$;
-- @@ 11 t3 u @@
SELECT sf_called(NULL);
-- @@ 12 t3 @@
CREATE FUNCTION sf_price(i integer) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT price FROM sf_items WHERE id = i $$;
-- @@ 13 t3 u @@
SELECT sf_price(2), sf_price(3), sf_price(99);
-- @@ 14 t3 @@
CREATE FUNCTION sf_name(integer) RETURNS text LANGUAGE sql AS 'SELECT name FROM sf_items WHERE id = $1';
-- @@ 15 t3 @@
SELECT id, sf_name(id) FROM sf_items WHERE sf_name(id) LIKE 'p%' ORDER BY id;
-- @@ 16 t3 @@
-- overloading by argument types
CREATE FUNCTION sf_over(integer) RETURNS text LANGUAGE sql AS $$ SELECT 'int' $$;
-- @@ 17 t3 @@
CREATE FUNCTION sf_over(text) RETURNS text LANGUAGE sql AS $$ SELECT 'text' $$;
-- @@ 18 t3 u @@
SELECT sf_over(1), sf_over('x'::text), sf_over(2::smallint);
-- @@ 19 t3 @@
-- defaults
CREATE FUNCTION sf_def(a integer, b integer DEFAULT 100) RETURNS integer LANGUAGE sql AS $$ SELECT a + b $$;
-- @@ 20 t3 u @@
SELECT sf_def(1), sf_def(1, 2);
-- @@ 21 t3 @@
-- SQL-standard bodies
CREATE FUNCTION sf_ret(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x * 3;
-- @@ 22 t3 u @@
SELECT sf_ret(4);
-- @@ 23 t3 @@
CREATE FUNCTION sf_atomic(x integer) RETURNS integer LANGUAGE sql
BEGIN ATOMIC
  SELECT x + 1;
END;
-- @@ 24 t3 u @@
SELECT sf_atomic(41);
-- @@ 25 t3 @@
-- set-returning and table functions in FROM
CREATE FUNCTION sf_cheap(max_price numeric) RETURNS SETOF text LANGUAGE sql AS $$ SELECT name FROM sf_items WHERE price <= max_price ORDER BY name $$;
-- @@ 26 t3 u @@
SELECT * FROM sf_cheap(2);
-- @@ 27 t3 @@
SELECT x FROM sf_cheap(10) AS x ORDER BY x;
-- @@ 28 t3 @@
CREATE FUNCTION sf_tab(lo integer) RETURNS TABLE (id integer, name text) LANGUAGE sql AS $$ SELECT id, name FROM sf_items WHERE id >= lo ORDER BY id $$;
-- @@ 29 t3 u @@
SELECT * FROM sf_tab(2);
-- @@ 30 t3 u @@
SELECT t.name FROM sf_tab(1) t WHERE t.id = 3;
-- @@ 31 t3 @@
CREATE FUNCTION sf_out(a integer, OUT doubled integer, OUT tripled integer) LANGUAGE sql AS $$ SELECT a * 2, a * 3 $$;
-- @@ 32 t3 u @@
SELECT * FROM sf_out(5);
-- @@ 33 t3 u @@
SELECT * FROM sf_add(2, 3);
-- @@ 34 t3 u @@
SELECT * FROM sf_add(2, 3) AS s(total);
-- @@ 35 t3 @@
-- scalar result: first row of the last statement, NULL when none
CREATE FUNCTION sf_first() RETURNS text LANGUAGE sql AS $$ SELECT 'ignored'; SELECT name FROM sf_items ORDER BY id $$;
-- @@ 36 t3 u @@
SELECT sf_first();
-- @@ 37 t3 @@
CREATE FUNCTION sf_none() RETURNS integer LANGUAGE sql AS $$ SELECT 1 WHERE false $$;
-- @@ 38 t3 u @@
SELECT sf_none() IS NULL AS none;
-- @@ 39 t3 @@
-- nested calls and assignment casts of the result
CREATE FUNCTION sf_numeric_to_int() RETURNS integer LANGUAGE sql AS $$ SELECT 2.6 $$;
-- @@ 40 t3 u @@
SELECT sf_numeric_to_int(), sf_add(sf_double(2), sf_numeric_to_int());
-- @@ 41 t3 @@
-- errors
CREATE FUNCTION sf_bad() RETURNS integer LANGUAGE sql AS $$ SELECT 'a'::text $$;
-- @@ 42 t3 @@
CREATE FUNCTION sf_bad2() RETURNS integer LANGUAGE sql AS $$ SELECT 1, 2 $$;
-- @@ 43 t3 @@
CREATE FUNCTION sf_bad3() RETURNS integer LANGUAGE sql AS $$ SELECT nosuchcol FROM sf_items $$;
-- @@ 44 t3 @@
CREATE FUNCTION sf_bad4() RETURNS integer LANGUAGE sql AS $$ SELECT 1 FROM nosuchtable $$;
-- @@ 45 t3 @@
CREATE FUNCTION sf_add(a integer, b integer) RETURNS integer AS 'SELECT a - b' LANGUAGE sql;
-- @@ 46 t3 @@
CREATE OR REPLACE FUNCTION sf_add(a integer, b integer) RETURNS integer AS 'SELECT a - b' LANGUAGE sql;
-- @@ 47 t3 u @@
SELECT sf_add(10, 3);
-- @@ 48 t3 @@
CREATE OR REPLACE FUNCTION sf_add(a integer, b integer) RETURNS text AS 'SELECT ''x''' LANGUAGE sql;
-- @@ 49 t1 u @@
SELECT sf_nosuch(1);
-- @@ 50 t3 u @@
SELECT sf_add('a', 1);
-- @@ 51 t3 @@
CREATE FUNCTION sf_nolang() RETURNS integer AS 'SELECT 1';
-- @@ 52 t3 @@
CREATE FUNCTION sf_defaults(a integer DEFAULT 1, b integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
-- @@ 53 t3 @@
-- pg_proc
SELECT proname, pronargs, prorettype::regtype, proretset, provolatile, proisstrict, prosrc
FROM pg_proc WHERE proname LIKE 'sf\_%' ORDER BY proname, pronargs, prosrc;
-- @@ 54 t3 @@
SELECT proname, proargnames, proargmodes FROM pg_proc WHERE proname IN ('sf_out', 'sf_tab') ORDER BY proname;
-- @@ 55 t3 u @@
SELECT count(*) > 0 AS has_lower FROM pg_proc WHERE proname = 'lower';
-- @@ 56 t3 @@
SELECT pg_get_function_arguments(oid), pg_get_function_result(oid) FROM pg_proc
WHERE proname IN ('sf_def', 'sf_tab', 'sf_out', 'sf_cheap') ORDER BY proname;
-- @@ 57 t3 u @@
SELECT pg_get_function_identity_arguments(oid) FROM pg_proc WHERE proname = 'sf_out';
-- @@ 58 t3 u @@
SELECT pg_get_functiondef(oid) FROM pg_proc WHERE proname = 'sf_double';
-- @@ 59 t3 @@
-- ALTER and DROP
ALTER FUNCTION sf_double(integer) IMMUTABLE;
-- @@ 60 t3 u @@
SELECT provolatile FROM pg_proc WHERE proname = 'sf_double';
-- @@ 61 t3 @@
ALTER FUNCTION sf_double(integer) RENAME TO sf_twice;
-- @@ 62 t3 u @@
SELECT sf_twice(4);
-- @@ 63 t3 u @@
SELECT sf_double(4);
-- @@ 64 t3 @@
DROP FUNCTION sf_over;
-- @@ 65 t3 @@
DROP FUNCTION sf_over(integer);
-- @@ 66 t1 u @@
SELECT sf_over(1);
-- @@ 67 t3 @@
DROP FUNCTION sf_over;
-- @@ 68 t3 @@
DROP FUNCTION sf_over(text);
-- @@ 69 t3 @@
DROP FUNCTION IF EXISTS sf_over(text);
-- @@ 70 t3 @@
DROP FUNCTION IF EXISTS sf_gone, sf_twice;
-- @@ 71 t3 @@
DROP FUNCTION sf_nosuch(integer);
-- @@ 72 t3 u @@
SELECT count(*) FROM pg_proc WHERE proname IN ('sf_over', 'sf_twice');
-- @@ 73 t1 @@
-- rollback undoes CREATE FUNCTION
BEGIN;
-- @@ 74 t3 @@
CREATE FUNCTION sf_tx() RETURNS integer LANGUAGE sql AS 'SELECT 7';
-- @@ 75 t3 u @@
SELECT sf_tx();
-- @@ 76 t1 @@
ROLLBACK;
-- @@ 77 t3 u @@
SELECT sf_tx();
