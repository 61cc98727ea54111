-- setup: none
-- @@ 1 t1 @@
-- Automatically updatable views: renamed and computed columns, views of views, RETURNING, WITH CHECK
-- OPTION, view options and column defaults, information_schema's view of them.
CREATE TABLE uv_base (a int PRIMARY KEY, b text DEFAULT 'dflt', c int);
-- @@ 2 t1 @@
CREATE VIEW uv_v1 AS SELECT b AS bb, a AS aa, c * 2 AS cc FROM uv_base WHERE a > 0;
-- @@ 3 t1 @@
CREATE VIEW uv_v2 AS SELECT aa AS x, bb AS y FROM uv_v1 WHERE aa < 10;
-- @@ 4 t2 u @@
INSERT INTO uv_v1 VALUES ('one', 1) RETURNING *;
-- @@ 5 t2 u @@
INSERT INTO uv_v2 (x) VALUES (2) RETURNING x, y;
-- @@ 6 t1 @@
INSERT INTO uv_v1 VALUES ('x', 3, 4);
-- @@ 7 t1 @@
INSERT INTO uv_v1 (zz) VALUES (1);
-- @@ 8 t2 u @@
UPDATE uv_v2 SET y = upper(y) WHERE x = 2 RETURNING *;
-- @@ 9 t2 u @@
UPDATE uv_v1 SET aa = aa + 10 WHERE bb = 'one' RETURNING aa, bb;
-- @@ 10 t1 @@
UPDATE uv_v1 SET cc = 1;
-- @@ 11 t1 @@
UPDATE uv_v1 SET aa = 1, aa = 2;
-- @@ 12 t1 @@
UPDATE uv_v1 SET aa = 1, bb = 'q', aa = 2;
-- @@ 13 t2 u @@
DELETE FROM uv_v2 WHERE x > 0 RETURNING *;
-- @@ 14 t1 @@
SELECT * FROM uv_base ORDER BY a;
-- @@ 15 t1 @@
CREATE VIEW uv_agg AS SELECT a, count(*) FROM uv_base GROUP BY a;
-- @@ 16 t2 @@
CREATE VIEW uv_win AS SELECT a, rank() OVER () FROM uv_base;
-- @@ 17 t1 @@
DELETE FROM uv_agg;
-- @@ 18 t2 @@
DELETE FROM uv_win;
-- @@ 19 t1 @@
CREATE VIEW uv_const AS SELECT a + 1 AS a1 FROM uv_base;
-- @@ 20 t1 @@
INSERT INTO uv_const VALUES (1);
-- @@ 21 t1 @@
DELETE FROM uv_const WHERE a1 = 12;
-- @@ 22 t1 @@
SELECT * FROM uv_base ORDER BY a;
-- @@ 23 t1 @@

-- check options
CREATE TABLE uv_chk (a int, b int);
-- @@ 24 t1 @@
CREATE VIEW uv_chk1 AS SELECT * FROM uv_chk WHERE a > 0;
-- @@ 25 t1 @@
CREATE VIEW uv_chk2 AS SELECT * FROM uv_chk1 WHERE a < 10 WITH LOCAL CHECK OPTION;
-- @@ 26 t1 @@
INSERT INTO uv_chk2 VALUES (-5, 0);
-- @@ 27 t1 @@
INSERT INTO uv_chk2 VALUES (15, 0);
-- @@ 28 t1 @@
CREATE OR REPLACE VIEW uv_chk2 AS SELECT * FROM uv_chk1 WHERE a < 10 WITH CASCADED CHECK OPTION;
-- @@ 29 t1 @@
INSERT INTO uv_chk2 VALUES (-6, 0);
-- @@ 30 t1 @@
INSERT INTO uv_chk2 VALUES (5, 0);
-- @@ 31 t1 @@
INSERT INTO uv_chk2 VALUES (NULL, 1);
-- @@ 32 t1 @@
UPDATE uv_chk2 SET a = a + 10;
-- @@ 33 t2 u @@
UPDATE uv_chk2 SET b = 7 RETURNING *;
-- @@ 34 t1 @@
SELECT * FROM uv_chk ORDER BY a;
-- @@ 35 t3 @@
SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'uv_chk%' ORDER BY relname;
-- @@ 36 t3 @@
CREATE OR REPLACE VIEW uv_chk2 WITH (check_option=here) AS SELECT * FROM uv_chk1 WHERE a < 10;
-- @@ 37 t3 @@
CREATE OR REPLACE VIEW uv_chk2 WITH (check_option=local, security_barrier) AS SELECT * FROM uv_chk1 WHERE a < 10;
-- @@ 38 t3 u @@
SELECT relname, reloptions FROM pg_class WHERE relname = 'uv_chk2';
-- @@ 39 t1 @@
CREATE OR REPLACE VIEW uv_chk2 AS SELECT * FROM uv_chk1 WHERE a < 10;
-- @@ 40 t1 @@
INSERT INTO uv_chk2 VALUES (50, 0);
-- @@ 41 t3 @@
CREATE OR REPLACE VIEW uv_chk1 WITH (check_option=local) AS SELECT * FROM uv_chk WHERE a > 0;
-- @@ 42 t3 @@
CREATE OR REPLACE VIEW uv_chk2 AS SELECT * FROM uv_chk1 WHERE a < 10 WITH CHECK OPTION;
-- @@ 43 t3 @@
INSERT INTO uv_chk2 VALUES (-50, 0);
-- @@ 44 t3 @@
SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'uv_chk%' ORDER BY relname;
-- @@ 45 t3 @@
CREATE VIEW uv_bad WITH (foo=1) AS SELECT 1;
-- @@ 46 t3 @@
CREATE VIEW uv_bad WITH (security_barrier=maybe) AS SELECT 1;
-- @@ 47 t3 @@
CREATE VIEW uv_bad AS SELECT DISTINCT a FROM uv_chk WITH CHECK OPTION;
-- @@ 48 t3 @@
CREATE VIEW uv_bad WITH (check_option=local) AS SELECT a FROM uv_chk LIMIT 1;
-- @@ 49 t1 @@

-- INSERT without a column list into a view with fewer columns than its table
CREATE TABLE uv_def (a int, b text DEFAULT 'table', c text DEFAULT 'table');
-- @@ 50 t1 @@
CREATE VIEW uv_def_v AS SELECT a, b, c, upper(c) AS u FROM uv_def;
-- @@ 51 t1 @@
INSERT INTO uv_def_v VALUES (1);
-- @@ 52 t1 @@
INSERT INTO uv_def_v VALUES (2), (DEFAULT);
-- @@ 53 t1 @@
INSERT INTO uv_def_v VALUES (3, DEFAULT, 'x');
-- @@ 54 t1 @@
INSERT INTO uv_def_v VALUES (4, DEFAULT, DEFAULT, DEFAULT);
-- @@ 55 t1 @@
INSERT INTO uv_def_v VALUES (5, 'b', 'c', 'u');
-- @@ 56 t1 @@
INSERT INTO uv_def_v VALUES (6, 'b', 'c', 'u', 7);
-- @@ 57 t1 @@
SELECT * FROM uv_def_v ORDER BY a;
-- @@ 58 t3 @@

-- ALTER VIEW: options and column defaults
ALTER VIEW uv_chk2 SET (check_option=here);
-- @@ 59 t3 @@
ALTER VIEW uv_chk2 SET (check_option=cascaded, security_barrier);
-- @@ 60 t3 u @@
SELECT relname, reloptions FROM pg_class WHERE relname = 'uv_chk2';
-- @@ 61 t3 @@
INSERT INTO uv_chk2 VALUES (-60, 0);
-- @@ 62 t3 @@
ALTER VIEW uv_chk2 RESET (check_option, security_barrier);
-- @@ 63 t3 @@
ALTER VIEW uv_chk1 RESET (check_option);
-- @@ 64 t3 @@
INSERT INTO uv_chk2 VALUES (-60, 0);
-- @@ 65 t3 @@
SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'uv_chk%' ORDER BY relname;
-- @@ 66 t3 @@
ALTER VIEW uv_agg SET (check_option=local);
-- @@ 67 t3 @@
ALTER VIEW IF EXISTS uv_nope SET (check_option=local);
-- @@ 68 t3 @@
ALTER VIEW uv_chk ALTER COLUMN a SET DEFAULT 1;
-- @@ 69 t3 @@
ALTER VIEW uv_def_v ALTER COLUMN b SET DEFAULT 'view';
-- @@ 70 t1 @@
INSERT INTO uv_def_v (a) VALUES (10);
-- @@ 71 t1 @@
INSERT INTO uv_def_v VALUES (11), (DEFAULT);
-- @@ 72 t1 @@
INSERT INTO uv_def_v VALUES (12, DEFAULT, DEFAULT);
-- @@ 73 t1 @@
SELECT a, b, c FROM uv_def WHERE a >= 10 OR a IS NULL ORDER BY a;
-- @@ 74 t3 @@
ALTER VIEW uv_def_v ALTER COLUMN u SET DEFAULT 'x';
-- @@ 75 t1 @@
INSERT INTO uv_def_v (a) VALUES (13);
-- @@ 76 t3 @@
ALTER VIEW uv_def_v ALTER u DROP DEFAULT;
-- @@ 77 t1 @@
INSERT INTO uv_def_v (a) VALUES (13);
-- @@ 78 t3 @@
ALTER VIEW uv_def_v ALTER COLUMN nope SET DEFAULT 1;
-- @@ 79 t2 @@

-- information_schema
SELECT table_name, table_type, is_insertable_into FROM information_schema.tables
 WHERE table_name LIKE 'uv\_%' ORDER BY table_name;
-- @@ 80 t2 @@
SELECT table_name, check_option, is_updatable, is_insertable_into, is_trigger_updatable,
       is_trigger_deletable, is_trigger_insertable_into
  FROM information_schema.views WHERE table_name LIKE 'uv\_%' ORDER BY table_name;
-- @@ 81 t2 @@
SELECT table_name, column_name, ordinal_position, is_nullable, data_type, is_updatable
  FROM information_schema.columns WHERE table_name LIKE 'uv\_%' ORDER BY table_name, ordinal_position;
-- @@ 82 t3 @@

-- view options live in pg_class.reloptions (text[]), as PostgreSQL keeps them
CREATE TABLE uv_opt (a int, b int) WITH (fillfactor = 70);
-- @@ 83 t3 @@
CREATE VIEW uv_opt_v WITH (security_barrier, check_option = local) AS SELECT a, b FROM uv_opt WHERE a > 0;
-- @@ 84 t3 @@
CREATE VIEW uv_opt_plain AS SELECT a FROM uv_opt;
-- @@ 85 t3 @@
SELECT relname, reloptions, array_length(reloptions, 1) AS n, reloptions[1] AS first
  FROM pg_class WHERE relname LIKE 'uv\_opt%' ORDER BY relname;
-- @@ 86 t3 @@
SELECT relname, array_to_string(reloptions, ', ') FROM pg_class WHERE reloptions IS NOT NULL AND relname LIKE 'uv\_opt%'
 ORDER BY relname;
-- @@ 87 t3 @@
ALTER VIEW uv_opt_v SET (security_invoker = on, check_option = cascaded);
-- @@ 88 t3 u @@
SELECT reloptions FROM pg_class WHERE relname = 'uv_opt_v';
-- @@ 89 t3 @@
ALTER VIEW uv_opt_v RESET (security_barrier, check_option);
-- @@ 90 t3 u @@
SELECT reloptions FROM pg_class WHERE relname = 'uv_opt_v';
-- @@ 91 t3 @@
ALTER VIEW uv_opt_v RESET (security_invoker);
-- @@ 92 t3 u @@
SELECT reloptions IS NULL AS no_options FROM pg_class WHERE relname = 'uv_opt_v';
-- @@ 93 t3 @@
CREATE OR REPLACE VIEW uv_opt_plain WITH (security_barrier = false) AS SELECT a FROM uv_opt;
-- @@ 94 t3 u @@
SELECT reloptions FROM pg_class WHERE relname = 'uv_opt_plain';
-- @@ 95 t3 @@
CREATE OR REPLACE VIEW uv_opt_plain AS SELECT a FROM uv_opt WHERE a > 5 WITH CHECK OPTION;
-- @@ 96 t3 u @@
SELECT reloptions FROM pg_class WHERE relname = 'uv_opt_plain';
-- @@ 97 t3 @@
INSERT INTO uv_opt_plain VALUES (1);
-- @@ 98 t3 u @@
INSERT INTO uv_opt_plain VALUES (6) RETURNING *;
-- @@ 99 t3 @@
ALTER VIEW IF EXISTS uv_nope SET (security_barrier);
-- @@ 100 t3 @@
ALTER VIEW uv_opt SET (security_barrier);
-- @@ 101 t3 @@
ALTER VIEW uv_opt_v SET (bogus = 1);
-- @@ 102 t3 @@
-- a check option handed down a chain of views, and a WITH query writing another view meanwhile
CREATE VIEW uv_opt_c1 AS SELECT a, b FROM uv_opt WHERE b > 0 WITH CHECK OPTION;
-- @@ 103 t3 @@
CREATE VIEW uv_opt_c2 AS SELECT a, b FROM uv_opt_c1 WHERE a < 100;
-- @@ 104 t3 @@
CREATE VIEW uv_opt_c3 AS SELECT a, b FROM uv_opt_c2 WITH CASCADED CHECK OPTION;
-- @@ 105 t3 @@
INSERT INTO uv_opt_c3 VALUES (150, 1);
-- @@ 106 t3 @@
INSERT INTO uv_opt_c3 VALUES (50, -1);
-- @@ 107 t3 u @@
INSERT INTO uv_opt_c2 VALUES (150, 1) RETURNING a;
-- @@ 108 t3 u @@
WITH w AS (INSERT INTO uv_opt_plain VALUES (7) RETURNING a) INSERT INTO uv_opt_c3 SELECT a, 1 FROM w RETURNING *;
-- @@ 109 t3 u @@
WITH w AS (INSERT INTO uv_opt_plain VALUES (2) RETURNING a) INSERT INTO uv_opt_c3 SELECT a, 1 FROM w;
-- @@ 110 t3 u @@
WITH w AS (INSERT INTO uv_opt_c3 VALUES (8, 1) RETURNING a) INSERT INTO uv_opt_plain SELECT a - 7 FROM w;
-- @@ 111 t3 @@
SELECT a, b FROM uv_opt ORDER BY a, b;
-- @@ 112 t3 @@
DROP TABLE uv_opt CASCADE;
-- @@ 113 t1 @@

DROP TABLE uv_base CASCADE;
-- @@ 114 t1 @@
DROP TABLE uv_chk CASCADE;
-- @@ 115 t1 @@
DROP TABLE uv_def CASCADE;
