-- setup: none
-- @@ 1 t1 @@
-- Views, WITH / WITH RECURSIVE, temporary tables, CREATE TABLE AS and SELECT INTO.
CREATE TABLE vc_items (id integer, cat text, price integer);
-- @@ 2 t1 @@
INSERT INTO vc_items VALUES (1, 'a', 10), (2, 'a', 20), (3, 'b', 5), (4, 'c', NULL);
-- @@ 3 t1 @@
CREATE VIEW vc_cheap AS SELECT id, cat FROM vc_items WHERE price < 15;
-- @@ 4 t1 @@
SELECT * FROM vc_cheap ORDER BY id;
-- @@ 5 t1 @@
CREATE VIEW vc_totals (cat, total) AS SELECT cat, sum(price) FROM vc_items GROUP BY cat;
-- @@ 6 t1 @@
SELECT * FROM vc_totals ORDER BY cat;
-- @@ 7 t1 @@
CREATE VIEW vc_on_view AS SELECT c.id, t.total FROM vc_cheap c JOIN vc_totals t ON c.cat = t.cat;
-- @@ 8 t1 @@
SELECT * FROM vc_on_view ORDER BY id;
-- @@ 9 t1 @@
CREATE VIEW vc_cheap AS SELECT 1;
-- @@ 10 t1 @@
CREATE OR REPLACE VIEW vc_cheap AS SELECT id FROM vc_items;
-- @@ 11 t1 @@
CREATE OR REPLACE VIEW vc_cheap AS SELECT id, price AS cat FROM vc_items;
-- @@ 12 t1 @@
CREATE OR REPLACE VIEW vc_cheap AS SELECT id, cat, price FROM vc_items WHERE price < 15;
-- @@ 13 t1 @@
SELECT * FROM vc_cheap ORDER BY id;
-- @@ 14 t1 @@
DROP TABLE vc_cheap;
-- @@ 15 t1 @@
DROP VIEW vc_items;
-- @@ 16 t1 @@
DROP TABLE vc_items;
-- @@ 17 t1 @@
DROP VIEW vc_cheap;
-- @@ 18 t1 @@
DROP VIEW IF EXISTS vc_nothing, vc_on_view;
-- @@ 19 t1 @@
DROP VIEW vc_nothing;
-- @@ 20 t2 u @@
WITH x AS (SELECT 1 AS a, 'one' AS b) SELECT * FROM x;
-- @@ 21 t2 u @@
WITH s AS (SELECT cat, count(*) AS n FROM vc_items GROUP BY cat), m AS (SELECT max(n) AS mx FROM s) SELECT cat FROM s, m WHERE n = mx;
-- @@ 22 t2 @@
WITH n(k) AS (SELECT id FROM vc_items) SELECT a.k, b.k FROM n a JOIN n b ON b.k = a.k + 2 ORDER BY 1;
-- @@ 23 t2 u @@
WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x;
-- @@ 24 t2 u @@
WITH x(a, b) AS (SELECT 1) SELECT * FROM x;
-- @@ 25 t2 u @@
WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT sum(n), count(*) FROM t;
-- @@ 26 t2 @@
WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n % 4 + 1 FROM t) SELECT n FROM t ORDER BY n;
-- @@ 27 t2 u @@
WITH RECURSIVE fib(a, b) AS (SELECT 0, 1 UNION ALL SELECT b, a + b FROM fib WHERE b < 50) SELECT a FROM fib;
-- @@ 28 t2 u @@
WITH RECURSIVE t(n) AS (SELECT n FROM t) SELECT * FROM t;
-- @@ 29 t2 u @@
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n::bigint + 1 FROM t WHERE n < 3) SELECT * FROM t;
-- @@ 30 t1 @@
CREATE TABLE vc_copy AS SELECT id, price * 2 AS doubled FROM vc_items WHERE price IS NOT NULL;
-- @@ 31 t1 @@
SELECT * FROM vc_copy ORDER BY id;
-- @@ 32 t1 @@
CREATE TABLE IF NOT EXISTS vc_copy AS SELECT 1;
-- @@ 33 t1 @@
CREATE TABLE vc_empty (x, y) AS SELECT id, cat FROM vc_items WITH NO DATA;
-- @@ 34 t1 u @@
SELECT count(*) FROM vc_empty;
-- @@ 35 t1 u @@
SELECT id, cat INTO vc_into FROM vc_items WHERE id < 3;
-- @@ 36 t1 @@
SELECT * FROM vc_into ORDER BY id;
-- @@ 37 t2 @@
CREATE TEMP TABLE vc_temp (n integer);
-- @@ 38 t2 @@
INSERT INTO vc_temp VALUES (1), (2);
-- @@ 39 t2 u @@
SELECT sum(n) FROM vc_temp;
-- @@ 40 t2 @@
CREATE TEMP TABLE vc_items (id integer);
-- @@ 41 t2 u @@
SELECT count(*) FROM vc_items;
-- @@ 42 t2 u @@
SELECT count(*) FROM public.vc_items;
-- @@ 43 t2 @@
DROP TABLE vc_items;
-- @@ 44 t1 u @@
SELECT count(*) FROM vc_items;
-- @@ 45 t2 @@
CREATE TEMP TABLE vc_ctas AS SELECT cat FROM vc_items WHERE id = 1;
-- @@ 46 t2 u @@
SELECT * FROM vc_ctas;
-- @@ 47 t3 @@
CREATE TABLE public.vc_perm (n integer) ON COMMIT DROP;
-- @@ 48 t2 @@
DROP TABLE vc_copy, vc_empty, vc_into, vc_temp, vc_ctas, vc_items;
