-- setup: none
-- @@ 1 t1 @@
-- Join order and join methods chosen by cost after ANALYZE: a fact table and small dimension tables.
CREATE TABLE jo_a (id integer PRIMARY KEY, name text);
-- @@ 2 t1 @@
CREATE TABLE jo_b (id integer PRIMARY KEY, label text, grp integer);
-- @@ 3 t1 @@
CREATE TABLE jo_fact (id integer PRIMARY KEY, a_id integer, b_id integer, amount integer);
-- @@ 4 t1 @@
INSERT INTO jo_a SELECT g, 'a' || g FROM generate_series(1, 10) g;
-- @@ 5 t1 @@
INSERT INTO jo_b SELECT g, 'b' || g, g % 5 FROM generate_series(1, 100) g;
-- @@ 6 t1 @@
INSERT INTO jo_fact SELECT g, g % 10 + 1, g % 100 + 1, g % 1000 FROM generate_series(1, 10000) g;
-- @@ 7 t3 @@
ANALYZE jo_a;
-- @@ 8 t3 @@
ANALYZE jo_b;
-- @@ 9 t3 @@
ANALYZE jo_fact;
-- @@ 10 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_fact f, jo_a a WHERE f.a_id = a.id;
-- @@ 11 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a, jo_fact f WHERE f.a_id = a.id;
-- @@ 12 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a JOIN jo_fact f ON a.id = f.a_id;
-- @@ 13 t3 u @@
EXPLAIN (COSTS OFF) SELECT count(*) FROM jo_fact f JOIN jo_a a ON f.a_id = a.id JOIN jo_b b ON f.b_id = b.id WHERE b.grp = 1;
-- @@ 14 t3 u @@
EXPLAIN (COSTS OFF) SELECT count(*) FROM jo_a a, jo_b b, jo_fact f WHERE f.a_id = a.id AND f.b_id = b.id;
-- @@ 15 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_fact f JOIN jo_b b ON f.b_id = b.id WHERE f.id < 10;
-- @@ 16 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a LEFT JOIN jo_fact f ON f.a_id = a.id;
-- @@ 17 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_fact f LEFT JOIN jo_a a ON f.a_id = a.id;
-- @@ 18 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_fact f1 JOIN jo_fact f2 ON f1.id = f2.id WHERE f1.amount = 5;
-- @@ 19 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a, jo_b b WHERE a.id < 3 AND b.id < 3;
-- @@ 20 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_b b, jo_a a;
-- @@ 21 t1 @@
SELECT a.name, count(*), sum(f.amount) FROM jo_b b, jo_fact f, jo_a a
  WHERE f.a_id = a.id AND f.b_id = b.id AND b.grp = 2 GROUP BY a.name ORDER BY a.name;
-- @@ 22 t1 @@
SELECT * FROM jo_a a, jo_fact f WHERE f.a_id = a.id AND f.id <= 3 ORDER BY f.id;
-- @@ 23 t3 @@
SET enable_hashjoin = off;
-- @@ 24 t3 u @@
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a FULL JOIN jo_b b ON a.id = b.id;
-- @@ 25 t3 @@
RESET enable_hashjoin;
-- @@ 26 t3 u @@
SHOW enable_mergejoin;
-- @@ 27 t3 @@
SET enable_nestloop = off;
-- @@ 28 t3 u @@
SHOW enable_nestloop;
-- @@ 29 t3 @@
RESET enable_nestloop;
