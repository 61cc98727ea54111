-- setup: none
-- @@ 1 t1 @@
-- Merge joins (enable_hashjoin off): every join kind, duplicate keys on both sides, NULL keys, extra
-- conditions, and FULL JOIN conditions that can be neither merged nor hashed.
CREATE TABLE mj_l (k integer, v text);
-- @@ 2 t1 @@
CREATE TABLE mj_r (k integer, w text);
-- @@ 3 t1 @@
INSERT INTO mj_l VALUES (1, 'l1'), (2, 'l2a'), (2, 'l2b'), (3, 'l3'), (NULL, 'lnull'), (5, 'l5'), (7, 'l7');
-- @@ 4 t1 @@
INSERT INTO mj_r VALUES (2, 'r2a'), (2, 'r2b'), (3, 'r3'), (4, 'r4'), (NULL, 'rnull'), (7, 'r7'), (8, 'r8');
-- @@ 5 t3 @@
SET enable_hashjoin = off;
-- @@ 6 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM mj_l l JOIN mj_r r ON l.k = r.k;
-- @@ 7 t1 @@
SELECT * FROM mj_l l JOIN mj_r r ON l.k = r.k ORDER BY l.v, r.w;
-- @@ 8 t1 @@
SELECT * FROM mj_l l LEFT JOIN mj_r r ON l.k = r.k ORDER BY l.v, r.w;
-- @@ 9 t1 @@
SELECT * FROM mj_l l RIGHT JOIN mj_r r ON l.k = r.k ORDER BY r.w, l.v;
-- @@ 10 t1 @@
SELECT * FROM mj_l l FULL JOIN mj_r r ON l.k = r.k ORDER BY l.v, r.w;
-- @@ 11 t1 @@
SELECT * FROM mj_l l LEFT JOIN mj_r r ON l.k = r.k AND r.w <> 'r2a' ORDER BY l.v, r.w;
-- @@ 12 t1 @@
SELECT * FROM mj_l l JOIN mj_r r ON l.k = r.k AND l.v < r.w ORDER BY l.v, r.w;
-- @@ 13 t1 u @@
SELECT count(*) FROM mj_l l FULL JOIN mj_r r ON l.k = r.k;
-- @@ 14 t1 u @@
SELECT * FROM mj_l l FULL JOIN mj_r r ON l.k > r.k;
-- @@ 15 t1 u @@
SELECT * FROM mj_l l FULL JOIN mj_r r ON l.k = r.k OR l.v = r.w;
-- @@ 16 t1 @@
SELECT * FROM mj_l l FULL JOIN mj_r r ON l.k = r.k AND l.v < r.w ORDER BY l.v, r.w;
-- @@ 17 t1 @@
SELECT * FROM mj_l l FULL JOIN mj_r r ON true ORDER BY l.v, r.w LIMIT 3;
-- @@ 18 t3 @@
SET enable_mergejoin = off;
-- @@ 19 t1 @@
SELECT * FROM mj_l l FULL JOIN mj_r r ON l.k = r.k ORDER BY l.v, r.w;
-- @@ 20 t1 @@
SELECT * FROM mj_l l JOIN mj_r r ON l.k = r.k ORDER BY l.v, r.w;
-- @@ 21 t3 @@
RESET enable_hashjoin;
-- @@ 22 t3 @@
RESET enable_mergejoin;
