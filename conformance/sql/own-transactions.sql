-- setup: none
-- @@ 1 t1 @@
-- Transaction blocks: commit, rollback, failed blocks and the warnings around them.
CREATE TABLE tx (id integer, v text);
-- @@ 2 t1 @@
BEGIN;
-- @@ 3 t1 @@
INSERT INTO tx VALUES (1, 'committed');
-- @@ 4 t1 @@
COMMIT;
-- @@ 5 t1 @@
BEGIN;
-- @@ 6 t1 @@
INSERT INTO tx VALUES (2, 'rolled back');
-- @@ 7 t1 @@
UPDATE tx SET v = 'changed' WHERE id = 1;
-- @@ 8 t1 @@
SELECT * FROM tx ORDER BY id;
-- @@ 9 t1 @@
ROLLBACK;
-- @@ 10 t1 @@
SELECT * FROM tx ORDER BY id;
-- @@ 11 t1 @@
START TRANSACTION;
-- @@ 12 t1 @@
DELETE FROM tx;
-- @@ 13 t1 @@
ABORT;
-- @@ 14 t1 u @@
SELECT count(*) FROM tx;
-- @@ 15 t1 @@
BEGIN;
-- @@ 16 t1 @@
INSERT INTO tx VALUES (3, 'lost');
-- @@ 17 t1 u @@
SELECT 1 / 0;
-- @@ 18 t1 u @@
SELECT * FROM tx;
-- @@ 19 t1 @@
INSERT INTO tx VALUES (4, 'ignored');
-- @@ 20 t1 @@
COMMIT;
-- @@ 21 t1 @@
SELECT * FROM tx ORDER BY id;
-- @@ 22 t1 @@
BEGIN;
-- @@ 23 t1 u @@
SELECT nosuchcolumn FROM tx;
-- @@ 24 t1 @@
END;
-- @@ 25 t1 @@
BEGIN;
-- @@ 26 t1 @@
INSERT INTO tx VALUES (5, 'kept');
-- @@ 27 t1 @@
END;
-- @@ 28 t1 @@
SELECT * FROM tx ORDER BY id;
-- @@ 29 t1 @@
COMMIT;
-- @@ 30 t1 @@
ROLLBACK;
-- @@ 31 t1 @@
BEGIN;
-- @@ 32 t1 @@
BEGIN;
-- @@ 33 t1 @@
COMMIT;
-- @@ 34 t1 @@
BEGIN; INSERT INTO tx VALUES (6, 'same line'); COMMIT;
-- @@ 35 t1 u @@
SELECT count(*) FROM tx;
-- @@ 36 t1 u @@
INSERT INTO tx VALUES (7, 'implicit'); SELECT 1 / 0;
-- @@ 37 t1 u @@
SELECT count(*) FROM tx WHERE id = 7;
-- @@ 38 t1 @@
BEGIN;
-- @@ 39 t1 @@
CREATE TABLE tx_ddl (a integer);
-- @@ 40 t1 @@
INSERT INTO tx_ddl VALUES (1);
-- @@ 41 t1 @@
ROLLBACK;
-- @@ 42 t1 u @@
SELECT * FROM tx_ddl;
-- @@ 43 t1 @@
DROP TABLE tx;
