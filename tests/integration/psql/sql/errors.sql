-- Errors as psql prints them (ERROR, LINE, caret), and the session going on after each.
CREATE TABLE t (id integer NOT NULL, code varchar(3));
INSERT INTO t VALUES (1, 'abc');
SELEC * FROM t;
SELECT id,
       code
  FROM t
 WHERE id = = 1;
SELECT * FROM missing_table;
SELECT nonexistent_column FROM t;
SELECT 1 / 0;
SELECT 'x1'::integer;
INSERT INTO t VALUES (NULL, 'a');
INSERT INTO t VALUES (2, 'abcd');
CREATE TABLE t (x integer);
SELECT * FROM t;
BEGIN;
INSERT INTO t VALUES (2, 'b');
SELECT 1 / 0;
SELECT * FROM t;
COMMIT;
SELECT * FROM t;
BEGIN;
INSERT INTO t VALUES (3, 'c');
ROLLBACK;
SELECT count(*) FROM t;
DROP TABLE t;
