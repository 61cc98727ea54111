-- setup: none
-- @@ 1 t1 @@
-- GROUPING SETS, ROLLUP, CUBE, GROUPING(), GROUP BY DISTINCT, IS [NOT] DISTINCT FROM, regr_*/covar/corr.
CREATE TABLE gs (a integer, b text, c integer, x float8, y float8);
-- @@ 2 t1 @@
INSERT INTO gs VALUES (1, 'p', 1, 1, 2), (1, 'q', 2, 2, 3.5), (2, 'p', 3, 3, 1), (2, 'q', 4, 4, 8),
  (NULL, 'p', 5, NULL, 7), (3, NULL, 6, 5.5, NULL);
-- @@ 3 t3 @@
SELECT a, b, sum(c), grouping(a, b) FROM gs GROUP BY ROLLUP (a, b) ORDER BY 1, 2, 4;
-- @@ 4 t3 @@
SELECT a, b, sum(c), grouping(a), grouping(b, a) FROM gs GROUP BY CUBE (a, b) ORDER BY 1, 2, 4, 5;
-- @@ 5 t3 @@
SELECT a, b, count(*) FROM gs GROUP BY GROUPING SETS ((a, b), a, ()) ORDER BY 1, 2, 3;
-- @@ 6 t3 u @@
SELECT a, b, count(*) FROM gs GROUP BY GROUPING SETS (a, b);
-- @@ 7 t3 @@
SELECT a, b, count(*) FROM gs GROUP BY a, ROLLUP (b) ORDER BY 1, 2, 3;
-- @@ 8 t3 @@
SELECT a, b, c, count(*) FROM gs GROUP BY ROLLUP ((a, b), c) ORDER BY 1, 2, 3;
-- @@ 9 t3 @@
SELECT a, b, count(*) FROM gs GROUP BY GROUPING SETS (a, ROLLUP (b), ()) ORDER BY 1, 2, 3;
-- @@ 10 t3 @@
SELECT a, b, count(*) FROM gs GROUP BY DISTINCT ROLLUP (a, b), ROLLUP (a, b) ORDER BY 1, 2, 3;
-- @@ 11 t3 u @@
SELECT count(*) FROM (SELECT count(*) FROM gs GROUP BY ALL ROLLUP (a, b), ROLLUP (a, b)) s;
-- @@ 12 t3 @@
SELECT a, b, count(*) FROM gs GROUP BY CUBE (a, b) HAVING count(*) > 1 ORDER BY 1, 2;
-- @@ 13 t3 @@
SELECT a, rank() OVER (ORDER BY sum(c) DESC), sum(c) FROM gs GROUP BY ROLLUP (a) ORDER BY 2, 1;
-- @@ 14 t1 u @@
SELECT count(*) FROM gs GROUP BY ();
-- @@ 15 t1 u @@
SELECT count(*) FROM gs WHERE false GROUP BY ();
-- @@ 16 t3 u @@
SELECT a, count(*) FROM gs WHERE false GROUP BY ROLLUP (a);
-- @@ 17 t1 @@
SELECT a, count(*), grouping(a) FROM gs GROUP BY a ORDER BY 1;
-- @@ 18 t3 @@
SELECT a + 1 AS a1, sum(c) FROM gs GROUP BY ROLLUP (a + 1) ORDER BY 1;
-- @@ 19 t1 u @@
SELECT grouping(a) FROM gs;
-- @@ 20 t3 u @@
SELECT a FROM gs WHERE grouping(a) = 0 GROUP BY ROLLUP (a);
-- @@ 21 t3 u @@
SELECT sum(grouping(a)) FROM gs GROUP BY ROLLUP (a);
-- @@ 22 t1 u @@
SELECT a FROM gs GROUP BY grouping(a);
-- @@ 23 t3 u @@
SELECT a, grouping(b) FROM gs GROUP BY ROLLUP (a);
-- @@ 24 t3 u @@
SELECT a FROM gs GROUP BY CUBE (a, a, a, a, a, a, a, a, a, a, a, a, a);
-- @@ 25 t1 u @@
SELECT grouping(a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a) FROM gs GROUP BY a;
-- @@ 26 t3 u @@
EXPLAIN (COSTS OFF) SELECT a, b, sum(c) FROM gs GROUP BY ROLLUP (a, b);
-- @@ 27 t3 u @@
EXPLAIN (COSTS OFF) SELECT a, b, sum(c) FROM gs GROUP BY GROUPING SETS (a, b);
-- @@ 28 t3 u @@
EXPLAIN (COSTS OFF) SELECT count(*) FROM gs GROUP BY ();
-- @@ 29 t1 @@
SELECT c FROM gs WHERE a IS DISTINCT FROM 1 ORDER BY c;
-- @@ 30 t1 @@
SELECT c FROM gs WHERE a IS NOT DISTINCT FROM NULL ORDER BY c;
-- @@ 31 t1 @@
SELECT c, a IS DISTINCT FROM 2, b IS NOT DISTINCT FROM 'p', x IS DISTINCT FROM y FROM gs ORDER BY c;
-- @@ 32 t1 u @@
SELECT NULL IS DISTINCT FROM NULL, 1 IS DISTINCT FROM NULL, NOT 1 IS DISTINCT FROM 2, 'a' IS NOT DISTINCT FROM 'a';
-- @@ 33 t1 @@
SELECT g1.c, g2.c FROM gs g1 JOIN gs g2 ON g1.a IS NOT DISTINCT FROM g2.a AND g1.c < g2.c ORDER BY 1, 2;
-- @@ 34 t1 u @@
SELECT 1 IS DISTINCT FROM '1'::text;
-- @@ 35 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM gs WHERE a IS NOT DISTINCT FROM 3 AND b IS DISTINCT FROM 'x';
-- @@ 36 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM gs WHERE b IS DISTINCT FROM NULL;
-- @@ 37 t3 u @@
SELECT regr_count(y, x), regr_sxx(y, x), regr_syy(y, x), regr_sxy(y, x), regr_avgx(y, x), regr_avgy(y, x) FROM gs;
-- @@ 38 t3 u @@
SELECT regr_r2(y, x), regr_slope(y, x), regr_intercept(y, x), covar_pop(y, x), covar_samp(y, x), corr(y, x) FROM gs;
-- @@ 39 t3 @@
SELECT a, corr(y, x), covar_samp(y, x), regr_r2(y, x) FROM gs GROUP BY a ORDER BY a;
-- @@ 40 t3 u @@
SELECT regr_count(y, x), regr_sxx(y, x), corr(y, x) FROM gs WHERE false;
-- @@ 41 t3 u @@
SELECT corr(c, a), regr_slope(c::float4, a::int2) FROM gs;
-- @@ 42 t1 u @@
SELECT var_pop(v), var_samp(v), stddev_pop(v) FROM (VALUES ('inf'::float8), (1)) t(v);
-- @@ 43 t1 u @@
SELECT var_pop(v) FROM (VALUES ('nan'::float8)) t(v);
-- @@ 44 t1 @@
DROP TABLE gs;
