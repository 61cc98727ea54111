-- setup: none
-- @@ 1 t1 @@
-- Error SQLSTATE paths with PostgreSQL's message wording, LINE and caret, and continuation after each.
CREATE TABLE e1 (id integer NOT NULL, name varchar(4), n smallint);
-- @@ 2 t1 @@
CREATE TABLE e2 (id integer, other text);
-- @@ 3 t1 @@
INSERT INTO e1 VALUES (1, 'ab', 1);
-- @@ 4 t1 @@
INSERT INTO e2 VALUES (1, 'x');
-- @@ 5 t3 @@
SELEC 1;
-- @@ 6 t1 u @@
SELECT 1 FROM;
-- @@ 7 t1 u @@
SELECT * FROM e1 WHERE;
-- @@ 8 t1 u @@
SELECT * FROM nosuchtable;
-- @@ 9 t1 u @@
SELECT nosuchcolumn FROM e1;
-- @@ 10 t1 u @@
SELECT e1.nosuchcolumn FROM e1;
-- @@ 11 t1 u @@
SELECT id FROM e1, e2;
-- @@ 12 t1 u @@
SELECT 1 FROM e1 WHERE 1;
-- @@ 13 t1 u @@
SELECT 'a'::text + 1;
-- @@ 14 t1 u @@
SELECT nosuchfunction(1);
-- @@ 15 t1 u @@
SELECT length(1, 2);
-- @@ 16 t1 u @@
SELECT 1 / 0;
-- @@ 17 t1 u @@
SELECT 1.5 / 0;
-- @@ 18 t1 u @@
SELECT 5 % 0;
-- @@ 19 t1 u @@
SELECT 2147483647 + 1;
-- @@ 20 t1 u @@
SELECT 32767::smallint + 1::smallint;
-- @@ 21 t1 u @@
SELECT 'abc'::integer;
-- @@ 22 t1 u @@
SELECT ''::integer;
-- @@ 23 t1 @@
INSERT INTO e1 VALUES (NULL, 'a', 1);
-- @@ 24 t1 @@
INSERT INTO e1 (name) VALUES ('a');
-- @@ 25 t1 @@
UPDATE e1 SET id = NULL;
-- @@ 26 t1 @@
INSERT INTO e1 VALUES (2, 'abcde', 1);
-- @@ 27 t1 @@
INSERT INTO e1 VALUES (2, 'ab', 32768);
-- @@ 28 t1 @@
CREATE TABLE e1 (x integer);
-- @@ 29 t1 @@
INSERT INTO e1 VALUES (1, 'a', 1, 4);
-- @@ 30 t1 @@
INSERT INTO e1 (id, nosuch) VALUES (1, 2);
-- @@ 31 t1 @@
INSERT INTO nosuchtable VALUES (1);
-- @@ 32 t1 @@
DROP TABLE nosuchtable;
-- @@ 33 t1 @@
SELECT * FROM e1 ORDER BY id;
-- @@ 34 t1 @@
DROP TABLE e1, e2;
