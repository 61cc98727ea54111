-- setup: none
-- @@ 1 t1 @@
-- JOIN USING's merged columns (first in *, COALESCE for FULL, a common type across the sides), USING (...)
-- AS name, join aliases with column aliases, and INSERT ... ON CONFLICT on an updatable view.
CREATE TABLE sg1 (i int, j int, t text);
-- @@ 2 t1 @@
INSERT INTO sg1 VALUES (1, 4, 'one'), (2, 3, 'two'), (3, 2, 'three'), (NULL, 0, 'null');
-- @@ 3 t1 @@
CREATE TABLE sg2 (i int, k int);
-- @@ 4 t1 @@
INSERT INTO sg2 VALUES (1, -1), (2, 2), (2, 4), (5, -5), (NULL, 0);
-- @@ 5 t1 @@
SELECT * FROM sg1 JOIN sg2 USING (i) ORDER BY 1, 4;
-- @@ 6 t1 @@
SELECT * FROM sg1 LEFT JOIN sg2 USING (i) ORDER BY 1, 4;
-- @@ 7 t1 @@
SELECT * FROM sg1 RIGHT JOIN sg2 USING (i) ORDER BY 1, 4;
-- @@ 8 t1 @@
SELECT * FROM sg1 FULL JOIN sg2 USING (i) ORDER BY 1, 2, 4;
-- @@ 9 t1 @@
SELECT i, sg1.i AS l, sg2.i AS r FROM sg1 FULL JOIN sg2 USING (i) ORDER BY 1, 2, 3;
-- @@ 10 t1 @@
SELECT i, count(*) FROM sg1 FULL JOIN sg2 USING (i) GROUP BY i ORDER BY i;
-- @@ 11 t1 @@
SELECT i FROM sg1 LEFT JOIN sg2 USING (i) GROUP BY sg1.i ORDER BY 1;
-- @@ 12 t1 @@
SELECT * FROM sg1 NATURAL RIGHT JOIN sg2 ORDER BY 1, 4;
-- @@ 13 t1 @@
SELECT * FROM sg1 FULL JOIN sg2 USING (i) FULL JOIN sg2 AS sg3 USING (i) WHERE i < 3 ORDER BY 1, 2, 4, 5;
-- @@ 14 t1 @@
-- USING (...) AS name
SELECT * FROM sg1 JOIN sg2 USING (i) AS x WHERE x.i = 2 ORDER BY k;
-- @@ 15 t1 @@
SELECT x.*, k FROM sg1 RIGHT JOIN sg2 USING (i) AS x ORDER BY 1, 2;
-- @@ 16 t1 @@
SELECT x.i FROM sg1 FULL JOIN sg2 USING (i) AS x ORDER BY 1;
-- @@ 17 t1 u @@
SELECT * FROM sg1 JOIN sg2 USING (i) AS joined WHERE joined.t = 'one';
-- @@ 18 t1 u @@
SELECT * FROM sg1 a1 JOIN sg2 a2 USING (i) AS a1;
-- @@ 19 t1 u @@
SELECT * FROM (sg1 JOIN sg2 USING (i) AS x) AS xx WHERE x.i = 1;
-- @@ 20 t1 u @@
-- join aliases
SELECT * FROM (sg1 JOIN sg2 USING (i)) AS x WHERE sg1.t = 'one';
-- @@ 21 t1 @@
SELECT xx.* FROM (sg1 JOIN sg2 USING (i)) AS xx ORDER BY 1, 4;
-- @@ 22 t1 @@
SELECT xx.* FROM (sg1 CROSS JOIN sg2) AS xx (a, b) WHERE a = 1 ORDER BY 4, 5;
-- @@ 23 t1 u @@
SELECT a, xx.k FROM (sg1 CROSS JOIN sg2) xx (a, b, c, d) WHERE d = 5;
-- @@ 24 t1 u @@
SELECT * FROM (sg1 CROSS JOIN sg2) AS xx (a, b, c, d, e, f);
-- @@ 25 t1 u @@
SELECT * FROM sg1 x JOIN (sg2 x CROSS JOIN sg2 y (p, q)) j ON x.i = p WHERE q = 4;
-- @@ 26 t1 u @@
SELECT * FROM (sg1);
-- @@ 27 t1 @@
-- a common type across the sides: varchar and text merge as text
CREATE TABLE sg3 (t varchar(5), n int);
-- @@ 28 t1 @@
INSERT INTO sg3 VALUES ('one', 10), ('four', 40);
-- @@ 29 t1 @@
SELECT * FROM sg1 FULL JOIN sg3 USING (t) ORDER BY t;
-- @@ 30 t3 u @@
SELECT t, pg_typeof(t) FROM sg1 JOIN sg3 USING (t);
-- @@ 31 t1 @@
SELECT * FROM sg3 NATURAL LEFT JOIN sg1 ORDER BY 1;
-- @@ 32 t1 @@
-- INSERT ... ON CONFLICT on an updatable view goes to its base table
CREATE TABLE sgb (a int PRIMARY KEY, b text);
-- @@ 33 t1 @@
INSERT INTO sgb VALUES (1, 'x');
-- @@ 34 t1 @@
CREATE VIEW sgv AS SELECT b AS bb, a AS aa, upper(b) AS ub, a + 1 AS a1 FROM sgb;
-- @@ 35 t2 @@
INSERT INTO sgv (aa, bb) VALUES (1, 'y') ON CONFLICT DO NOTHING;
-- @@ 36 t2 @@
INSERT INTO sgv (aa, bb) VALUES (1, 'y') ON CONFLICT (aa) DO NOTHING;
-- @@ 37 t2 @@
INSERT INTO sgv (aa, bb) VALUES (1, 'y') ON CONFLICT (aa) DO UPDATE SET bb = excluded.bb || sgv.bb;
-- @@ 38 t1 u @@
SELECT * FROM sgb;
-- @@ 39 t2 u @@
INSERT INTO sgv (aa, bb) VALUES (1, 'z') ON CONFLICT (aa) DO UPDATE SET bb = excluded.ub WHERE excluded.a1 > 1
  RETURNING *;
-- @@ 40 t2 @@
INSERT INTO sgv (aa, bb) VALUES (1, 'z') ON CONFLICT (aa) DO UPDATE SET bb = 'never' WHERE excluded.a1 > 5;
-- @@ 41 t2 @@
INSERT INTO sgv (aa, bb) VALUES (1, 'z') ON CONFLICT (aa) DO UPDATE SET ub = 'q';
-- @@ 42 t2 @@
INSERT INTO sgv (aa, bb) VALUES (1, 'z') ON CONFLICT (bb) DO NOTHING;
-- @@ 43 t2 u @@
INSERT INTO sgv AS v (aa, bb) VALUES (2, 'w'), (1, 'v') ON CONFLICT (aa) DO UPDATE SET bb = v.bb || '+' || excluded.bb
  RETURNING aa, bb;
-- @@ 44 t1 @@
CREATE VIEW sgv2 AS SELECT aa AS id, bb AS val FROM sgv WHERE aa < 10;
-- @@ 45 t2 u @@
INSERT INTO sgv2 VALUES (2, 'u') ON CONFLICT (id) DO UPDATE SET val = excluded.val || sgv2.val RETURNING *;
-- @@ 46 t1 @@
SELECT * FROM sgb ORDER BY a;
-- @@ 47 t3 @@
-- ALTER VIEW's own forms
ALTER VIEW sgv ALTER COLUMN bb SET DEFAULT 'dflt';
-- @@ 48 t1 @@
INSERT INTO sgv (aa) VALUES (7);
-- @@ 49 t3 @@
ALTER VIEW sgv ALTER COLUMN bb DROP DEFAULT;
-- @@ 50 t3 @@
ALTER VIEW sgv SET (security_barrier = true);
-- @@ 51 t3 u @@
SELECT relname, reloptions FROM pg_class WHERE relname = 'sgv';
-- @@ 52 t3 @@
ALTER VIEW sgv RESET (security_barrier);
-- @@ 53 t3 @@
ALTER VIEW IF EXISTS sg_nosuch SET (security_barrier = true);
-- @@ 54 t3 @@
ALTER VIEW sg_nosuch RESET (security_barrier);
-- @@ 55 t1 @@
SELECT * FROM sgb ORDER BY a;
-- @@ 56 t1 @@
DROP VIEW sgv2;
-- @@ 57 t1 @@
DROP VIEW sgv;
-- @@ 58 t1 @@
DROP TABLE sgb;
-- @@ 59 t1 @@
DROP TABLE sg1, sg2, sg3;
