-- setup: none
-- @@ 1 t1 @@
-- Correlated subqueries at any depth, outer aggregates, ANY/ALL, LATERAL and functions in FROM over earlier items.
CREATE TABLE sa (x integer, y integer);
-- @@ 2 t1 @@
CREATE TABLE sb (x integer, y integer);
-- @@ 3 t1 @@
INSERT INTO sa VALUES (1, 10), (2, 20), (3, NULL), (NULL, 40);
-- @@ 4 t1 @@
INSERT INTO sb VALUES (1, 100), (1, 101), (3, 300), (NULL, 400);
-- @@ 5 t1 @@
SELECT x, (SELECT count(*) FROM sb WHERE sb.x = sa.x) AS n FROM sa ORDER BY x;
-- @@ 6 t1 @@
SELECT x, (SELECT max(sb.y) FROM sb WHERE sb.x = sa.x) FROM sa ORDER BY x;
-- @@ 7 t1 @@
SELECT x FROM sa WHERE EXISTS (SELECT 1 FROM sb WHERE sb.x = sa.x) ORDER BY x;
-- @@ 8 t1 @@
SELECT x FROM sa WHERE NOT EXISTS (SELECT 1 FROM sb WHERE sb.x = sa.x) ORDER BY x;
-- @@ 9 t1 @@
SELECT x, EXISTS (SELECT 1 FROM sb WHERE sb.x = sa.x) AS e FROM sa ORDER BY x;
-- @@ 10 t1 @@
SELECT x FROM sa WHERE x IN (SELECT x FROM sb) ORDER BY x;
-- @@ 11 t1 @@
SELECT x FROM sa WHERE x NOT IN (SELECT x FROM sb WHERE x IS NOT NULL) ORDER BY x;
-- @@ 12 t1 @@
SELECT x, x NOT IN (SELECT x FROM sb) AS ni, x IN (SELECT x FROM sb) AS i FROM sa ORDER BY x;
-- @@ 13 t1 @@
SELECT x, x IN (SELECT sb.x FROM sb WHERE sb.y > sa.y * 10) AS i FROM sa ORDER BY x;
-- @@ 14 t1 @@
SELECT x, x = ANY (SELECT x FROM sb) AS a, x < ALL (SELECT x FROM sb WHERE x IS NOT NULL) AS b, x > SOME (SELECT x FROM sb) AS c FROM sa ORDER BY x;
-- @@ 15 t1 @@
SELECT x, x <> ALL (SELECT sb.x FROM sb WHERE sb.y < 300) AS d FROM sa ORDER BY x;
-- @@ 16 t2 @@
SELECT x, ARRAY(SELECT sb.y FROM sb WHERE sb.x = sa.x ORDER BY 1) AS ys FROM sa ORDER BY x;
-- @@ 17 t1 @@
SELECT x, (SELECT (SELECT sa.y + sb.y) FROM sb WHERE sb.x = sa.x ORDER BY sb.y LIMIT 1) AS deep FROM sa ORDER BY x;
-- @@ 18 t1 @@
SELECT x, (SELECT count(*) FROM sb WHERE sb.x = sa.x AND EXISTS (SELECT 1 FROM sa AS s2 WHERE s2.y = sa.y AND sb.y > s2.y)) FROM sa ORDER BY x;
-- @@ 19 t1 @@
SELECT x, (SELECT sum(t.y) FROM (SELECT sb.y FROM sb WHERE sb.x = sa.x) AS t) FROM sa ORDER BY x;
-- @@ 20 t1 @@
SELECT x, CASE WHEN EXISTS (SELECT 1 FROM sb WHERE sb.x = sa.x) THEN 'yes' ELSE 'no' END FROM sa ORDER BY x;
-- @@ 21 t1 @@
SELECT x FROM sa ORDER BY (SELECT count(*) FROM sb WHERE sb.x = sa.x), x;
-- @@ 22 t1 @@
SELECT sa.x, sb.y FROM sa JOIN sb ON sb.y = (SELECT max(s3.y) FROM sb AS s3 WHERE s3.x = sa.x) ORDER BY 1, 2;
-- @@ 23 t1 u @@
SELECT (SELECT max(sa.x)) FROM sa;
-- @@ 24 t1 @@
SELECT x, (SELECT sum(sa.y) FROM sb) FROM sa GROUP BY x ORDER BY x;
-- @@ 25 t1 @@
SELECT x, (SELECT count(*) FROM sb WHERE sb.x = sa.x) FROM sa GROUP BY x HAVING (SELECT count(*) FROM sb WHERE sb.x = sa.x) > 0 ORDER BY x;
-- @@ 26 t1 u @@
SELECT (SELECT sa.y) FROM sa GROUP BY sa.x;
-- @@ 27 t1 u @@
SELECT * FROM sa WHERE (SELECT max(sa.x)) > 0;
-- @@ 28 t1 u @@
SELECT (SELECT count(*) FROM sb WHERE sb.x = sa.q) FROM sa;
-- @@ 29 t1 u @@
SELECT (SELECT count(*) FROM sb WHERE sb.x = q.x) FROM sa;
-- @@ 30 t1 u @@
SELECT (SELECT count(*) FROM sb WHERE sb.x = qq) FROM sa;
-- @@ 31 t1 u @@
SELECT (SELECT x FROM sb WHERE sb.y > 0) FROM sa;
-- @@ 32 t1 u @@
SELECT * FROM sa, (SELECT * FROM sb WHERE sb.x = sa.x) s;
-- @@ 33 t3 @@
SELECT sa.x, s.y FROM sa, LATERAL (SELECT sb.y FROM sb WHERE sb.x = sa.x) s ORDER BY 1, 2;
-- @@ 34 t3 @@
SELECT sa.x, s.y FROM sa LEFT JOIN LATERAL (SELECT sb.y FROM sb WHERE sb.x = sa.x ORDER BY sb.y DESC LIMIT 1) s ON true ORDER BY 1, 2;
-- @@ 35 t3 @@
SELECT sa.x, s.n FROM sa JOIN LATERAL (SELECT count(*) AS n FROM sb WHERE sb.x = sa.x) s ON s.n > 0 ORDER BY 1;
-- @@ 36 t2 @@
SELECT sa.x, g FROM sa, generate_series(1, sa.x) g ORDER BY 1, 2;
-- @@ 37 t2 @@
SELECT sa.x, u FROM sa, unnest(ARRAY[sa.x, sa.y]) u ORDER BY 1, 2;
-- @@ 38 t3 u @@
SELECT * FROM sa RIGHT JOIN LATERAL (SELECT sa.x) s ON true;
-- @@ 39 t3 u @@
SELECT * FROM sa, LATERAL (SELECT max(sa.x)) s;
-- @@ 40 t1 @@
CREATE TABLE sc (id integer, v integer);
-- @@ 41 t1 @@
INSERT INTO sc VALUES (1, 0), (2, 0), (3, 0);
-- @@ 42 t1 @@
UPDATE sc SET v = (SELECT count(*) FROM sb WHERE sb.x = sc.id);
-- @@ 43 t1 @@
SELECT * FROM sc ORDER BY id;
-- @@ 44 t1 @@
DELETE FROM sc WHERE NOT EXISTS (SELECT 1 FROM sb WHERE sb.x = sc.id);
-- @@ 45 t1 @@
SELECT * FROM sc ORDER BY id;
