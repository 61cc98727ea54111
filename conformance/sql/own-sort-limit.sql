-- setup: none
-- @@ 1 t1 @@
-- ORDER BY ... LIMIT (top-N heapsort: ties come out in PostgreSQL's order) and scans that decode only the
-- columns the query reads.
CREATE TABLE topn (id integer, k integer, v text, n numeric(8,2));
-- @@ 2 t1 @@
INSERT INTO topn SELECT i, i % 7, 'v' || (i * 37 % 101), (i * 13 % 50) / 4.0 FROM generate_series(1, 500) i;
-- @@ 3 t1 @@
INSERT INTO topn VALUES (501, NULL, NULL, NULL), (502, NULL, 'x', 1);
-- @@ 4 t1 @@
SELECT id, k FROM topn ORDER BY k LIMIT 12;
-- @@ 5 t1 @@
SELECT id, k FROM topn ORDER BY k DESC LIMIT 12;
-- @@ 6 t1 @@
SELECT id, k, v FROM topn ORDER BY k, v LIMIT 15 OFFSET 5;
-- @@ 7 t1 @@
SELECT id, n FROM topn ORDER BY n DESC NULLS LAST LIMIT 10;
-- @@ 8 t1 @@
SELECT id, n FROM topn ORDER BY n NULLS FIRST LIMIT 10;
-- @@ 9 t1 @@
SELECT id FROM topn ORDER BY k LIMIT 0;
-- @@ 10 t1 @@
SELECT id, k FROM topn ORDER BY k LIMIT 300 OFFSET 290;
-- @@ 11 t1 @@
SELECT k, count(*) FROM topn GROUP BY k ORDER BY count(*) DESC, k LIMIT 3;
-- @@ 12 t1 @@
SELECT v FROM topn ORDER BY id DESC LIMIT 3;
-- @@ 13 t1 @@
SELECT * FROM (SELECT id, k FROM topn ORDER BY k LIMIT 20) s ORDER BY id LIMIT 4;
-- @@ 14 t1 u @@
SELECT count(*) FROM topn;
-- @@ 15 t1 u @@
SELECT count(*), sum(n), max(v) FROM topn WHERE k = 3;
-- @@ 16 t1 @@
SELECT k, sum(id) FROM topn WHERE n > 5 GROUP BY k ORDER BY k;
-- @@ 17 t1 @@
SELECT id + k AS s FROM topn WHERE v = 'v1' ORDER BY s;
-- @@ 18 t1 u @@
SELECT count(*) FROM topn t WHERE EXISTS (SELECT 1 FROM topn u WHERE u.id = t.id + 1 AND u.k = t.k + 1);
