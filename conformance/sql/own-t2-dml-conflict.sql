-- setup: none
-- @@ 1 t1 @@
-- INSERT ... ON CONFLICT, UPDATE ... FROM, DELETE ... USING (issue 7)
CREATE TABLE oc (key int PRIMARY KEY, fruit text, n int UNIQUE, note text);
-- @@ 2 t1 @@
CREATE TABLE oc_chk (a int CONSTRAINT oc_chk_a CHECK (a > 0));
-- @@ 3 t1 @@
INSERT INTO oc VALUES (1, 'apple', 10, NULL);
-- @@ 4 t2 @@
INSERT INTO oc VALUES (1, 'pear', 11, NULL), (2, 'fig', 12, NULL), (2, 'kiwi', 13, NULL) ON CONFLICT DO NOTHING;
-- @@ 5 t2 @@
INSERT INTO oc VALUES (3, 'plum', 10, NULL) ON CONFLICT (key) DO NOTHING;
-- @@ 6 t2 u @@
INSERT INTO oc VALUES (3, 'plum', 10, NULL) ON CONFLICT (n) DO NOTHING RETURNING *;
-- @@ 7 t2 u @@
INSERT INTO oc VALUES (3, 'plum', 15, NULL) ON CONFLICT ON CONSTRAINT oc_n_key DO NOTHING RETURNING key, fruit;
-- @@ 8 t1 @@
SELECT * FROM oc ORDER BY key;
-- @@ 9 t2 u @@
INSERT INTO oc AS x VALUES (1, 'pear', 20, 'a'), (4, 'lime', 40, 'b')
  ON CONFLICT (key) DO UPDATE SET fruit = x.fruit || '+' || excluded.fruit, note = excluded.note
  RETURNING key, fruit, n, note;
-- @@ 10 t2 @@
INSERT INTO oc VALUES (1, 'kiwi', 0, NULL) ON CONFLICT (key) DO UPDATE SET fruit = 'kiwi' WHERE oc.n > 100;
-- @@ 11 t2 u @@
INSERT INTO oc VALUES (2, 'kiwi', 0, NULL) ON CONFLICT (key, key) DO UPDATE SET fruit = excluded.fruit
  WHERE oc.fruit <> excluded.fruit RETURNING *;
-- @@ 12 t2 u @@
INSERT INTO oc VALUES (2, 'grape', 0, NULL) ON CONFLICT (key) DO UPDATE SET n = DEFAULT, note = 'reset' RETURNING *;
-- @@ 13 t2 @@
INSERT INTO oc SELECT key + 10, fruit, n + 100, 'copy' FROM oc ON CONFLICT (key) DO NOTHING;
-- @@ 14 t1 @@
SELECT * FROM oc ORDER BY key;
-- @@ 15 t2 @@
-- errors
INSERT INTO oc VALUES (5, 'a', 5, NULL), (5, 'b', 6, NULL) ON CONFLICT (key) DO UPDATE SET n = 0;
-- @@ 16 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT DO UPDATE SET fruit = excluded.fruit;
-- @@ 17 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT (keyy) DO NOTHING;
-- @@ 18 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT (fruit) DO NOTHING;
-- @@ 19 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT (key, n) DO NOTHING;
-- @@ 20 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT (lower(fruit)) DO NOTHING;
-- @@ 21 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT ON CONSTRAINT nope DO NOTHING;
-- @@ 22 t2 @@
INSERT INTO oc_chk VALUES (1) ON CONFLICT ON CONSTRAINT oc_chk_a DO NOTHING;
-- @@ 23 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT (key) DO UPDATE SET fruit = excluded.fruitt;
-- @@ 24 t2 @@
INSERT INTO oc AS x VALUES (1, 'b', 2, NULL) ON CONFLICT (key) DO UPDATE SET fruit = oc.fruit;
-- @@ 25 t2 @@
INSERT INTO oc AS excluded VALUES (1, 'b', 2, NULL) ON CONFLICT (key) DO UPDATE SET fruit = excluded.fruit;
-- @@ 26 t2 @@
INSERT INTO oc VALUES (1, 'b', 2, NULL) ON CONFLICT (key) DO UPDATE SET nope = 1;
-- @@ 27 t2 @@
INSERT INTO oc VALUES (1, 'b', 12, NULL) ON CONFLICT (key) DO UPDATE SET n = excluded.n;
-- @@ 28 t1 @@
SELECT * FROM oc ORDER BY key;
-- @@ 29 t3 u @@
-- EXPLAIN
EXPLAIN (COSTS OFF) INSERT INTO oc AS x VALUES (1, 'z', 9, NULL)
  ON CONFLICT (key) DO UPDATE SET fruit = x.fruit || excluded.fruit WHERE x.key > 0;
-- @@ 30 t3 u @@
EXPLAIN (COSTS OFF) INSERT INTO oc VALUES (1, 'z', 9, NULL) ON CONFLICT DO NOTHING;
-- @@ 31 t3 u @@
EXPLAIN (COSTS OFF) INSERT INTO oc VALUES (1, 'z', 9, NULL) ON CONFLICT (n) DO NOTHING;
-- @@ 32 t1 @@
-- UPDATE ... FROM, DELETE ... USING
CREATE TABLE src (k int, label text);
-- @@ 33 t1 @@
INSERT INTO src VALUES (1, 'one'), (3, 'three'), (3, 'three'), (99, 'none');
-- @@ 34 t1 @@
UPDATE oc SET note = src.label FROM src WHERE oc.key = src.k;
-- @@ 35 t1 @@
SELECT key, note FROM oc ORDER BY key;
-- @@ 36 t2 u @@
UPDATE oc o SET note = s.label || '!' FROM src s WHERE o.key = s.k AND s.k < 2 RETURNING o.key, o.note, s.*;
-- @@ 37 t2 u @@
UPDATE oc SET note = 'x' FROM src s, (VALUES (3)) v(k) WHERE oc.key = s.k AND s.k = v.k RETURNING oc.key, v.k;
-- @@ 38 t1 @@
UPDATE oc SET note = 'y' FROM oc;
-- @@ 39 t1 @@
UPDATE oc o SET note = 'y' FROM src WHERE oc.key = src.k;
-- @@ 40 t2 u @@
DELETE FROM oc USING src WHERE oc.key = src.k AND src.label = 'three' RETURNING oc.key, src.label;
-- @@ 41 t2 u @@
DELETE FROM oc o USING src s WHERE o.key = s.k + 10 RETURNING *;
-- @@ 42 t1 @@
DELETE FROM oc dt WHERE oc.key > 25;
-- @@ 43 t1 @@
SELECT key, fruit, note FROM oc ORDER BY key;
-- @@ 44 t1 @@
CREATE TABLE big (key int PRIMARY KEY, v text);
-- @@ 45 t1 @@
CREATE TABLE small (k int, label text);
-- @@ 46 t1 @@
INSERT INTO big SELECT g, 'x' FROM generate_series(1, 1000) g;
-- @@ 47 t1 @@
INSERT INTO small VALUES (1, 'a'), (2, 'b');
-- @@ 48 t3 @@
ANALYZE big;
-- @@ 49 t3 @@
ANALYZE small;
-- @@ 50 t3 u @@
EXPLAIN (COSTS OFF) UPDATE big SET v = small.label FROM small WHERE big.v = small.label;
-- @@ 51 t3 u @@
EXPLAIN (COSTS OFF) DELETE FROM big USING small WHERE big.v = small.label;
-- @@ 52 t1 @@
-- ON CONFLICT under a data-modifying WITH: decided against the table as the statement reads it, written later
CREATE TABLE oc_w (k int PRIMARY KEY, v text);
-- @@ 53 t1 @@
INSERT INTO oc_w VALUES (1, 'a'), (2, 'b');
-- @@ 54 t2 @@
WITH i AS (INSERT INTO oc_w VALUES (1, 'x'), (3, 'y') ON CONFLICT (k) DO UPDATE SET v = excluded.v RETURNING *)
SELECT (SELECT count(*) FROM oc_w) AS seen, (SELECT v FROM oc_w WHERE k = 1) AS old_v, k, v FROM i ORDER BY k;
-- @@ 55 t1 @@
SELECT * FROM oc_w ORDER BY k;
-- @@ 56 t2 @@
WITH i AS (INSERT INTO oc_w VALUES (2, 'n'), (4, 'm'), (4, 'mm') ON CONFLICT DO NOTHING RETURNING k, v)
SELECT * FROM i ORDER BY k;
-- @@ 57 t1 @@
SELECT * FROM oc_w ORDER BY k;
-- @@ 58 t2 u @@
WITH i AS (INSERT INTO oc_w VALUES (5, 'p'), (5, 'q') ON CONFLICT (k) DO UPDATE SET v = excluded.v RETURNING k)
SELECT * FROM i;
-- @@ 59 t2 u @@
WITH i AS (INSERT INTO oc_w VALUES (1, 'z') ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE oc_w.v = 'nope'
           RETURNING k)
SELECT count(*) FROM i;
-- @@ 60 t1 @@
SELECT * FROM oc_w ORDER BY k;
-- @@ 61 t1 @@
DROP TABLE oc_w;
-- @@ 62 t1 @@
DROP TABLE oc, oc_chk, src, big, small;
