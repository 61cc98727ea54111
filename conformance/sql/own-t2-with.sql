-- setup: none
-- @@ 1 t1 @@
-- WITH queries: data-modifying WITH (run once, to completion, on one snapshot), materialization and
-- inlining (EXPLAIN's CTE Scan), volatile functions, recursion errors, SEARCH/CYCLE checks.
CREATE TABLE wy (a int);
-- @@ 2 t1 @@
INSERT INTO wy VALUES (1), (2), (3);
-- @@ 3 t2 @@
WITH t AS (INSERT INTO wy VALUES (10), (11) RETURNING a) SELECT a FROM t ORDER BY a;
-- @@ 4 t2 u @@
WITH t AS (INSERT INTO wy VALUES (20) RETURNING a) SELECT count(*) FROM wy;
-- @@ 5 t1 u @@
SELECT count(*) FROM wy;
-- @@ 6 t2 u @@
WITH t AS (UPDATE wy SET a = a + 100 WHERE a < 3 RETURNING a) SELECT 1;
-- @@ 7 t1 @@
SELECT a FROM wy ORDER BY a;
-- @@ 8 t2 u @@
WITH t AS (DELETE FROM wy WHERE a > 100 RETURNING a) INSERT INTO wy SELECT -a FROM t RETURNING a;
-- @@ 9 t1 @@
SELECT a FROM wy ORDER BY a;
-- @@ 10 t2 u @@
WITH t AS (UPDATE wy SET a = a * 2 WHERE a = 3 RETURNING a) SELECT a FROM t LIMIT 1;
-- @@ 11 t2 u @@
WITH t AS (UPDATE wy SET a = a * 2 WHERE a > 9 RETURNING a) SELECT count(*) FROM (SELECT a FROM t LIMIT 1) s;
-- @@ 12 t1 @@
SELECT a FROM wy ORDER BY a;
-- @@ 13 t2 u @@
WITH d AS (DELETE FROM wy WHERE a < 0 RETURNING a), i AS (INSERT INTO wy SELECT a + 1000 FROM d RETURNING a)
SELECT (SELECT count(*) FROM d) AS deleted, (SELECT sum(a) FROM i) AS inserted;
-- @@ 14 t1 @@
SELECT a FROM wy ORDER BY a;
-- @@ 15 t2 @@
WITH t AS (UPDATE wy SET a = a + 1 RETURNING a) SELECT t.a, w.a FROM t JOIN wy w ON w.a = t.a - 1 ORDER BY 1;
-- @@ 16 t1 @@
SELECT a FROM wy ORDER BY a;
-- @@ 17 t2 u @@
SELECT * FROM (WITH t AS (UPDATE wy SET a = a + 1 RETURNING a) SELECT * FROM t) s;
-- @@ 18 t2 u @@
WITH t AS (INSERT INTO wy VALUES (0)) SELECT * FROM t;
-- @@ 19 t2 u @@
WITH RECURSIVE t AS (INSERT INTO wy SELECT * FROM t) VALUES (false);
-- @@ 20 t2 u @@
WITH t AS (WITH u AS (DELETE FROM wy RETURNING a) SELECT * FROM u) SELECT * FROM t;
-- @@ 21 t1 u @@
SELECT count(*) FROM wy;
-- @@ 22 t2 @@
-- materialization
CREATE SEQUENCE wsq;
-- @@ 23 t2 u @@
WITH s AS (SELECT nextval('wsq') AS v) SELECT a.v = b.v FROM s a, s b;
-- @@ 24 t2 u @@
WITH s AS NOT MATERIALIZED (SELECT nextval('wsq') AS v) SELECT a.v = b.v FROM s a, s b;
-- @@ 25 t2 u @@
WITH s AS (SELECT nextval('wsq') AS v) SELECT v FROM s;
-- @@ 26 t2 u @@
WITH s AS (SELECT a, nextval('wsq') AS v FROM wy) SELECT count(DISTINCT x.v) FROM s x, s y WHERE x.a = y.a;
-- @@ 27 t3 u @@
EXPLAIN (COSTS OFF) WITH x AS MATERIALIZED (SELECT * FROM wy) SELECT * FROM x;
-- @@ 28 t3 u @@
EXPLAIN (COSTS OFF) WITH x AS (SELECT * FROM wy) SELECT * FROM x WHERE a = 1;
-- @@ 29 t3 u @@
EXPLAIN (COSTS OFF) WITH d AS (DELETE FROM wy RETURNING *) SELECT * FROM d;
-- @@ 30 t3 u @@
EXPLAIN (COSTS OFF) WITH d AS (DELETE FROM wy RETURNING *) SELECT 1;
-- @@ 31 t3 u @@
EXPLAIN (COSTS OFF) WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r;
-- @@ 32 t3 u @@
EXPLAIN (COSTS OFF) SELECT (WITH x AS MATERIALIZED (SELECT 1) SELECT * FROM x);
-- @@ 33 t2 u @@
WITH x AS (SELECT a FROM wy) SELECT count(*) FROM x a, x b WHERE a.a = b.a;
-- @@ 34 t2 @@
-- a WITH query reading an outer column
SELECT (WITH c(v) AS (VALUES (a)) SELECT v FROM c) FROM wy ORDER BY 1;
-- @@ 35 t2 @@
SELECT (WITH c(v) AS MATERIALIZED (VALUES (a)) SELECT (SELECT v FROM c) FROM c) FROM wy ORDER BY 1;
-- @@ 36 t2 u @@
-- recursion
WITH RECURSIVE q(n) AS (SELECT 1 UNION ALL (WITH w AS (SELECT n FROM q) SELECT n + 1 FROM w WHERE n < 4))
SELECT n FROM q;
-- @@ 37 t2 u @@
WITH RECURSIVE q(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM q) SELECT n FROM q LIMIT 5;
-- @@ 38 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT x.n + 1 FROM wy LEFT JOIN x ON x.n = wy.a) SELECT * FROM x;
-- @@ 39 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT x.n + 1 FROM x FULL JOIN wy ON x.n = wy.a) SELECT * FROM x;
-- @@ 40 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT count(*) FROM x) SELECT * FROM x;
-- @@ 41 t2 u @@
WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT * FROM a) SELECT * FROM a;
-- @@ 42 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 3 ORDER BY 1) SELECT * FROM x;
-- @@ 43 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 3 LIMIT 2) SELECT * FROM x;
-- @@ 44 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 3 OFFSET 2) SELECT * FROM x;
-- @@ 45 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL (SELECT n + 1 FROM x WHERE n < 3 EXCEPT SELECT n FROM x)) SELECT * FROM x;
-- @@ 46 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL (SELECT n + 1 FROM x UNION ALL SELECT n FROM x)) SELECT * FROM x;
-- @@ 47 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT (SELECT n FROM x) FROM x) SELECT * FROM x;
-- @@ 48 t2 u @@
WITH RECURSIVE x(n) AS (WITH y AS (SELECT n FROM x) SELECT 1 UNION ALL SELECT n FROM y) SELECT * FROM x;
-- @@ 49 t2 u @@
-- SEARCH and CYCLE checks
WITH RECURSIVE g(f, t) AS (SELECT 1, 2 UNION ALL SELECT t, t + 1 FROM g WHERE t < 4)
  SEARCH DEPTH FIRST BY foo SET seq SELECT * FROM g;
-- @@ 50 t2 u @@
WITH RECURSIVE g(f, t) AS (SELECT 1, 2 UNION ALL SELECT t, t + 1 FROM g WHERE t < 4)
  SEARCH BREADTH FIRST BY f, f SET seq SELECT * FROM g;
-- @@ 51 t2 u @@
WITH RECURSIVE g(f, t) AS (SELECT 1, 2 UNION ALL SELECT t, t + 1 FROM g WHERE t < 4)
  SEARCH DEPTH FIRST BY f SET f SELECT * FROM g;
-- @@ 52 t2 u @@
WITH RECURSIVE g(f, t) AS (SELECT 1, 2 UNION ALL SELECT t, t + 1 FROM g WHERE t < 4)
  CYCLE f SET m TO true DEFAULT 55 USING p SELECT * FROM g;
-- @@ 53 t2 u @@
WITH RECURSIVE g(f, t) AS (SELECT 1, 2 UNION ALL SELECT t, t + 1 FROM g WHERE t < 4)
  CYCLE f SET m USING m SELECT * FROM g;
-- @@ 54 t2 u @@
WITH RECURSIVE g(f, t) AS (SELECT 1, 2 UNION ALL SELECT t, t + 1 FROM g WHERE t < 4)
  SEARCH DEPTH FIRST BY f SET s CYCLE f SET s USING p SELECT * FROM g;
-- @@ 55 t2 u @@
WITH g(f) AS (SELECT 1) SEARCH DEPTH FIRST BY f SET s SELECT * FROM g;
-- @@ 56 t1 @@
-- a data-modifying WITH query with a WITH clause of its own
CREATE TABLE wdel (k int, v text);
-- @@ 57 t1 @@
INSERT INTO wdel VALUES (1, 'a'), (2, 'b'), (3, 'c');
-- @@ 58 t2 u @@
WITH d AS (WITH s AS (SELECT 2 AS k) DELETE FROM wdel WHERE k IN (SELECT k FROM s) RETURNING k, v)
SELECT * FROM d;
-- @@ 59 t2 @@
WITH u AS (WITH s(n) AS (VALUES (1)) UPDATE wdel SET v = v || '!' FROM s WHERE k = n RETURNING k, v),
     i AS (WITH s(n) AS (VALUES (9)) INSERT INTO wdel SELECT n, 'z' FROM s RETURNING *)
SELECT * FROM u UNION ALL SELECT * FROM i ORDER BY 1;
-- @@ 60 t1 @@
SELECT * FROM wdel ORDER BY k;
-- @@ 61 t2 u @@
WITH RECURSIVE x(n) AS (WITH sub AS (SELECT * FROM x) DELETE FROM wdel RETURNING k) SELECT * FROM x;
-- @@ 62 t2 u @@
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL (WITH sub AS (SELECT * FROM x) DELETE FROM wdel RETURNING k))
SELECT * FROM x;
-- @@ 63 t2 u @@
SELECT (WITH d AS (WITH s AS (SELECT 1) DELETE FROM wdel RETURNING k) SELECT count(*) FROM d);
-- @@ 64 t2 u @@
PREPARE wdel_p AS WITH s AS (SELECT 3 AS k) DELETE FROM wdel WHERE k IN (SELECT k FROM s) RETURNING v;
-- @@ 65 t1 u @@
EXECUTE wdel_p;
-- @@ 66 t1 @@
SELECT * FROM wdel ORDER BY k;
-- @@ 67 t1 @@
DROP TABLE wdel;
-- @@ 68 t2 @@
DROP SEQUENCE wsq;
-- @@ 69 t1 @@
DROP TABLE wy;
