// Constraint errors of INSERT/UPDATE/DELETE with PostgreSQL 15's SQLSTATE, message and DETAIL: NOT NULL,
// CHECK, PRIMARY KEY / UNIQUE through unique indexes, and foreign keys with every ON DELETE / ON UPDATE
// action (expected texts taken from PostgreSQL 15 runs of the same statements).
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::DbError;
using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

namespace {

/// "SQLSTATE message | DETAIL" of the error sql raises.
std::string Failure(TestSession& s, const std::string& sql) {
  DbError e = s.Error(sql);
  return std::string(e.code().View()) + " " + e.message() + " | " + e.detail().value_or("");
}

}  // namespace

TEST_CASE("NOT NULL and CHECK violations") {
  TestSession s;
  s.Run("CREATE TABLE t (a int NOT NULL, r int, b text CHECK (length(b) < 3), CONSTRAINT t_pos CHECK (a > 0))");
  CHECK(Failure(s, "INSERT INTO t VALUES (NULL, 1, 'a')") ==
        "23502 null value in column \"a\" of relation \"t\" violates not-null constraint | "
        "Failing row contains (null, 1, a).");
  CHECK(Failure(s, "INSERT INTO t VALUES (1, 1, 'abcd')") ==
        "23514 new row for relation \"t\" violates check constraint \"t_b_check\" | "
        "Failing row contains (1, 1, abcd).");
  CHECK(Failure(s, "INSERT INTO t VALUES (-1, 1, 'ab')") ==
        "23514 new row for relation \"t\" violates check constraint \"t_pos\" | Failing row contains (-1, 1, ab).");
  // A NULL check result passes, as in PostgreSQL.
  CHECK(s.Run("INSERT INTO t VALUES (1, NULL, NULL)") == "INSERT 0 1");
  CHECK(Failure(s, "UPDATE t SET a = -a") ==
        "23514 new row for relation \"t\" violates check constraint \"t_pos\" | "
        "Failing row contains (-1, null, null).");
  CHECK(Failure(s, "UPDATE t SET a = NULL") ==
        "23502 null value in column \"a\" of relation \"t\" violates not-null constraint | "
        "Failing row contains (null, null, null).");
  CHECK(s.Rows("SELECT a FROM t") == Rows{"1"});
}

TEST_CASE("PRIMARY KEY and UNIQUE: 23505 with the key in the DETAIL, NULLs distinct") {
  TestSession s;
  s.Run("CREATE TABLE r (id int PRIMARY KEY, name text UNIQUE)");
  s.Run("INSERT INTO r VALUES (1, 'x')");
  CHECK(Failure(s, "INSERT INTO r VALUES (1, 'y')") ==
        "23505 duplicate key value violates unique constraint \"r_pkey\" | Key (id)=(1) already exists.");
  CHECK(Failure(s, "INSERT INTO r VALUES (2, 'x')") ==
        "23505 duplicate key value violates unique constraint \"r_name_key\" | Key (name)=(x) already exists.");
  CHECK(s.Error("INSERT INTO r VALUES (1, 'y')").constraint() == "r_pkey");
  // Two equal keys in one statement conflict with each other.
  CHECK(Failure(s, "INSERT INTO r VALUES (5, 'a'), (5, 'b')") ==
        "23505 duplicate key value violates unique constraint \"r_pkey\" | Key (id)=(5) already exists.");
  s.Run("CREATE TABLE m (a int, b text, UNIQUE (a, b))");
  CHECK(Failure(s, "INSERT INTO m VALUES (1, 'foo'), (1, 'foo')") ==
        "23505 duplicate key value violates unique constraint \"m_a_b_key\" | Key (a, b)=(1, foo) already exists.");
  CHECK(s.Run("INSERT INTO m VALUES (1, NULL), (1, NULL)") == "INSERT 0 2");
  CHECK(s.Rows("SELECT count(*) FROM m") == Rows{"2"});
  // UPDATE onto an existing key fails; a key that does not change is no conflict with itself.
  s.Run("INSERT INTO r VALUES (2, 'y'), (3, 'z')");
  CHECK(Failure(s, "UPDATE r SET id = 2 WHERE id = 3") ==
        "23505 duplicate key value violates unique constraint \"r_pkey\" | Key (id)=(2) already exists.");
  CHECK(s.Run("UPDATE r SET id = id, name = name || '!'") == "UPDATE 3");
  CHECK(s.Run("UPDATE r SET id = id + 10") == "UPDATE 3");
  CHECK(s.Rows("SELECT id, name FROM r WHERE id = 12") == Rows{"12|y!"});
  CHECK(s.Rows("SELECT id FROM r WHERE id = 2").empty());
}

TEST_CASE("a key deleted earlier in the transaction can be inserted again; rollback restores the index") {
  TestSession s;
  s.Run("CREATE TABLE u (id int PRIMARY KEY, v text)");
  s.Run("INSERT INTO u VALUES (1, 'a'), (2, 'b')");
  s.Begin();
  s.Run("DELETE FROM u WHERE id = 1");
  CHECK(s.Run("INSERT INTO u VALUES (1, 'again')") == "INSERT 0 1");
  CHECK(s.Rows("SELECT v FROM u WHERE id = 1") == Rows{"again"});
  s.Commit();
  CHECK(s.Rows("SELECT v FROM u WHERE id = 1") == Rows{"again"});
  s.Begin();
  s.Run("UPDATE u SET id = 3 WHERE id = 2");
  s.Run("INSERT INTO u VALUES (2, 'new')");
  CHECK(s.Rows("SELECT id, v FROM u WHERE id >= 2 ORDER BY id") == Rows{"2|new", "3|b"});
  s.Rollback();
  CHECK(s.Rows("SELECT id, v FROM u WHERE id >= 2 ORDER BY id") == Rows{"2|b"});
  CHECK(Failure(s, "INSERT INTO u VALUES (2, 'dup')") ==
        "23505 duplicate key value violates unique constraint \"u_pkey\" | Key (id)=(2) already exists.");
}

TEST_CASE("foreign keys: the referenced key must exist; NO ACTION and RESTRICT refuse to orphan rows") {
  TestSession s;
  s.Run("CREATE TABLE p (id int PRIMARY KEY, v text)");
  s.Run("CREATE TABLE c_restrict (id int PRIMARY KEY, pid int REFERENCES p ON DELETE RESTRICT ON UPDATE RESTRICT)");
  s.Run("CREATE TABLE c_noaction (id int PRIMARY KEY, pid int REFERENCES p)");
  s.Run("INSERT INTO p VALUES (3, 'three'), (4, 'four')");
  s.Run("INSERT INTO c_restrict VALUES (40, 3)");
  s.Run("INSERT INTO c_noaction VALUES (50, 4)");
  CHECK(Failure(s, "INSERT INTO c_noaction VALUES (51, 99)") ==
        "23503 insert or update on table \"c_noaction\" violates foreign key constraint \"c_noaction_pid_fkey\" | "
        "Key (pid)=(99) is not present in table \"p\".");
  CHECK(Failure(s, "UPDATE c_noaction SET pid = 98 WHERE id = 50") ==
        "23503 insert or update on table \"c_noaction\" violates foreign key constraint \"c_noaction_pid_fkey\" | "
        "Key (pid)=(98) is not present in table \"p\".");
  CHECK(Failure(s, "DELETE FROM p WHERE id = 3") ==
        "23503 update or delete on table \"p\" violates foreign key constraint \"c_restrict_pid_fkey\" on table "
        "\"c_restrict\" | Key (id)=(3) is still referenced from table \"c_restrict\".");
  CHECK(Failure(s, "UPDATE p SET id = 6 WHERE id = 3") ==
        "23503 update or delete on table \"p\" violates foreign key constraint \"c_restrict_pid_fkey\" on table "
        "\"c_restrict\" | Key (id)=(3) is still referenced from table \"c_restrict\".");
  CHECK(Failure(s, "DELETE FROM p WHERE id = 4") ==
        "23503 update or delete on table \"p\" violates foreign key constraint \"c_noaction_pid_fkey\" on table "
        "\"c_noaction\" | Key (id)=(4) is still referenced from table \"c_noaction\".");
  // NULL references nothing (MATCH SIMPLE); a non-key update of the parent needs no check.
  CHECK(s.Run("INSERT INTO c_noaction VALUES (52, NULL)") == "INSERT 0 1");
  CHECK(s.Run("UPDATE p SET v = 'FOUR' WHERE id = 4") == "UPDATE 1");
  CHECK(s.Run("UPDATE c_noaction SET pid = NULL WHERE id = 50") == "UPDATE 1");
  CHECK(s.Run("DELETE FROM p WHERE id = 4") == "DELETE 1");
  // Multi-column keys in another column order than the referenced index.
  s.Run("CREATE TABLE m2 (a int, b int, PRIMARY KEY (a, b))");
  s.Run("CREATE TABLE m2c (x int, y int, FOREIGN KEY (y, x) REFERENCES m2 (b, a))");
  s.Run("INSERT INTO m2 VALUES (1, 2)");
  CHECK(s.Run("INSERT INTO m2c VALUES (1, 2)") == "INSERT 0 1");
  CHECK(Failure(s, "INSERT INTO m2c VALUES (2, 1)") ==
        "23503 insert or update on table \"m2c\" violates foreign key constraint \"m2c_y_x_fkey\" | "
        "Key (y, x)=(1, 2) is not present in table \"m2\".");
}

TEST_CASE("foreign keys: CASCADE, SET NULL and SET DEFAULT on delete and on update") {
  TestSession s;
  s.Run("CREATE TABLE p (id int PRIMARY KEY, v text)");
  s.Run("CREATE TABLE c_cascade (id int PRIMARY KEY, pid int REFERENCES p ON DELETE CASCADE ON UPDATE CASCADE)");
  s.Run("CREATE TABLE c_setnull (id int PRIMARY KEY, pid int REFERENCES p ON DELETE SET NULL ON UPDATE SET NULL)");
  s.Run(
      "CREATE TABLE c_setdef (id int PRIMARY KEY, pid int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT "
      "ON UPDATE SET DEFAULT)");
  s.Run("INSERT INTO p VALUES (0, 'zero'), (1, 'one'), (2, 'two')");
  s.Run("INSERT INTO c_cascade VALUES (10, 1), (11, 1), (12, 2)");
  s.Run("INSERT INTO c_setnull VALUES (20, 1), (21, 2)");
  s.Run("INSERT INTO c_setdef VALUES (30, 1), (31, 2)");
  CHECK(s.Run("DELETE FROM p WHERE id = 1") == "DELETE 1");
  CHECK(s.Rows("SELECT * FROM c_cascade ORDER BY id") == Rows{"12|2"});
  CHECK(s.Rows("SELECT * FROM c_setnull ORDER BY id") == Rows{"20|NULL", "21|2"});
  CHECK(s.Rows("SELECT * FROM c_setdef ORDER BY id") == Rows{"30|0", "31|2"});
  CHECK(s.Run("UPDATE p SET id = 5 WHERE id = 2") == "UPDATE 1");
  CHECK(s.Rows("SELECT * FROM c_cascade ORDER BY id") == Rows{"12|5"});
  CHECK(s.Rows("SELECT * FROM c_setnull ORDER BY id") == Rows{"20|NULL", "21|NULL"});
  CHECK(s.Rows("SELECT * FROM c_setdef ORDER BY id") == Rows{"30|0", "31|0"});
  // The default is the deleted key itself: the rows would still reference it.
  CHECK(Failure(s, "DELETE FROM p WHERE id = 0") ==
        "23503 update or delete on table \"p\" violates foreign key constraint \"c_setdef_pid_fkey\" on table "
        "\"c_setdef\" | Key (id)=(0) is still referenced from table \"c_setdef\".");
  // The changed rows' own constraints apply.
  s.Run("CREATE TABLE cn (id int PRIMARY KEY, pid int NOT NULL REFERENCES p ON DELETE SET NULL)");
  s.Run("INSERT INTO cn VALUES (1, 5)");
  CHECK(Failure(s, "DELETE FROM p WHERE id = 5") ==
        "23502 null value in column \"pid\" of relation \"cn\" violates not-null constraint | "
        "Failing row contains (1, null).");
  s.Run("CREATE TABLE ck (id int PRIMARY KEY, pid int REFERENCES p ON UPDATE CASCADE, CHECK (pid < 100))");
  s.Run("INSERT INTO p VALUES (6, 'six')");
  s.Run("INSERT INTO ck VALUES (1, 6)");
  CHECK(
      Failure(s, "UPDATE p SET id = 200 WHERE id = 6") ==
      "23514 new row for relation \"ck\" violates check constraint \"ck_pid_check\" | Failing row contains (1, 200).");
  CHECK(s.Run("UPDATE p SET id = 60 WHERE id = 6") == "UPDATE 1");
  CHECK(s.Rows("SELECT pid FROM ck") == Rows{"60"});
  CHECK(s.Rows("SELECT pid FROM ck WHERE pid = 60") == Rows{"60"});
}

TEST_CASE("self-referencing foreign key: checks run at the end of the statement, cascades recurse") {
  TestSession s;
  s.Run("CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree ON DELETE CASCADE)");
  CHECK(s.Run("INSERT INTO tree VALUES (2, 1), (1, NULL), (3, 2), (4, 3), (5, 1)") == "INSERT 0 5");
  CHECK(s.Run("DELETE FROM tree WHERE id = 2") == "DELETE 1");
  CHECK(s.Rows("SELECT * FROM tree ORDER BY id") == Rows{"1|NULL", "5|1"});
  s.Begin();
  CHECK(s.Run("DELETE FROM tree WHERE id = 1") == "DELETE 1");
  CHECK(s.Rows("SELECT count(*) FROM tree") == Rows{"0"});
  s.Rollback();
  CHECK(s.Rows("SELECT * FROM tree ORDER BY id") == Rows{"1|NULL", "5|1"});
}
