-- Cursors and SQL prepared statements through psql: FETCH_COUNT makes psql itself read a query through
-- DECLARE _psql_cursor NO SCROLL CURSOR / FETCH FORWARD n / CLOSE; then explicit cursors and errors with
-- their LINE/caret, and PREPARE/EXECUTE with parameters.
CREATE TABLE cur (id integer, name text);
INSERT INTO cur SELECT g, 'n' || g FROM generate_series(1, 7) g;
\set FETCH_COUNT 3
SELECT * FROM cur ORDER BY id;
\unset FETCH_COUNT
BEGIN;
DECLARE c SCROLL CURSOR FOR SELECT id, name FROM cur ORDER BY id;
FETCH 2 FROM c;
FETCH PRIOR FROM c;
MOVE LAST IN c;
FETCH BACKWARD 2 FROM c;
FETCH ABSOLUTE 9 FROM c;
FETCH RELATIVE -1 FROM c;
MOVE BACKWARD ALL IN c;
FETCH NEXT FROM c;
CLOSE c;
FETCH c;
ROLLBACK;
DECLARE d CURSOR FOR SELECT 1;
FETCH 3000000000 FROM d;
PREPARE q (integer) AS SELECT name FROM cur WHERE id > $1 ORDER BY id;
EXECUTE q (5);
EXECUTE q ('five');
EXECUTE q (1, 2);
PREPARE ins (integer, text) AS INSERT INTO cur VALUES ($1, $2) RETURNING id * 10 AS ten;
EXECUTE ins (8, 'eight');
DEALLOCATE q;
DEALLOCATE ALL;
DROP TABLE cur;
