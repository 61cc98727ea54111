-- psql end to end: DDL, DML with command tags, aligned output, NULLs and types.
CREATE TABLE items (id integer PRIMARY KEY, name varchar(20) NOT NULL, price numeric(8,2), added date);
INSERT INTO items VALUES (1, 'apple', 0.5, '2024-01-02'), (2, 'pear', 1.25, '2024-01-03');
INSERT INTO items (id, name) VALUES (3, 'fig');
SELECT * FROM items ORDER BY id;
SELECT name, price * 2 AS double_price, price IS NULL AS missing FROM items ORDER BY name DESC;
UPDATE items SET price = 2 WHERE price IS NULL;
SELECT count(*), sum(price), min(name), max(added) FROM items;
DELETE FROM items WHERE id = 2;
SELECT id, upper(name), length(name) FROM items WHERE id IN (1, 3) ORDER BY 1;
SELECT 1 AS a, 'x' || 'y' AS b, CAST('42' AS integer) + 1 AS c, 7 / 2 AS d, 7.0 / 2 AS e;
SELECT CASE WHEN 1 > 2 THEN 'no' ELSE 'yes' END, COALESCE(NULL, 'fallback'), 5 BETWEEN 1 AND 10;
;
DROP TABLE items;
DROP TABLE IF EXISTS items;
