// Roles and privileges: CREATE/ALTER/DROP ROLE, GRANT/REVOKE on tables, membership and INHERIT, SET ROLE,
// ownership, and the privilege checks every statement (prepared ones too) goes through, connecting as the
// roles themselves. Role names are cluster-wide, so every test uses its own "priv_" names and drops them.
#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

std::string As(const std::string& role) {
  return SharedTarget::Get().ConnString(role);
}

// Drops the roles (after what they own or hold in the scratch database), ignoring those that do not exist.
void DropRoles(pqxx::connection& admin, const std::vector<std::string>& roles, const std::vector<std::string>& tables) {
  for (const std::string& t : tables) Exec(admin, "DROP TABLE IF EXISTS " + t);
  for (const std::string& r : roles) Exec(admin, "DROP ROLE IF EXISTS " + r);
}

TEST_CASE("CREATE, ALTER and DROP ROLE") {
  pqxx::connection admin(As("postgres"));
  PqConnection raw(As("postgres"));
  DropRoles(admin, {"priv_r1", "priv_u1", "priv_r9"}, {});
  CHECK(raw.Run("CREATE ROLE priv_r1") == "");
  CHECK(raw.tag() == "CREATE ROLE");
  CHECK(raw.Run("CREATE ROLE priv_r1") == "42710");
  CHECK(raw.error_message() == "role \"priv_r1\" already exists");
  CHECK(raw.Run("CREATE USER priv_u1 WITH PASSWORD 'secret' CREATEDB CONNECTION LIMIT 3") == "");
  CHECK(raw.tag() == "CREATE ROLE");
  const pqxx::result rows = Exec(admin,
                                 "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, "
                                 "rolconnlimit, left(rolpassword, 14) FROM pg_authid "
                                 "WHERE rolname IN ('priv_r1', 'priv_u1') ORDER BY rolname");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][5].as<std::string>() == "f");  // CREATE ROLE: NOLOGIN
  CHECK(rows[0][7].is_null());
  CHECK(rows[1][4].as<std::string>() == "t");
  CHECK(rows[1][5].as<std::string>() == "t");  // CREATE USER: LOGIN
  CHECK(rows[1][6].as<std::string>() == "3");
  CHECK(rows[1][7].as<std::string>() == "SCRAM-SHA-256$");
  CHECK(Scalar(admin,
               "SELECT rolpassword || ' ' || rolconnlimit || ' ' || (oid = (SELECT oid FROM pg_authid WHERE "
               "rolname = 'priv_u1'))::text FROM pg_roles WHERE rolname = 'priv_u1'") == "******** 3 true");
  CHECK(raw.Run("CREATE ROLE pg_priv") == "42939");
  CHECK(raw.error_message() == "role name \"pg_priv\" is reserved");
  CHECK(raw.error_detail() == "Role names starting with \"pg_\" are reserved.");
  CHECK(raw.Run("CREATE ROLE priv_x FOO") == "42601");
  CHECK(raw.error_message() == "unrecognized role option \"foo\"");
  CHECK(raw.Run("CREATE ROLE priv_x CONNECTION LIMIT -2") == "22023");
  CHECK(raw.Run("CREATE ROLE priv_x LOGIN NOLOGIN") == "42601");
  CHECK(raw.error_message() == "conflicting or redundant options");
  CHECK(raw.Run("ALTER ROLE priv_r1 WITH LOGIN NOINHERIT") == "");
  CHECK(raw.tag() == "ALTER ROLE");
  CHECK(Scalar(admin, "SELECT rolcanlogin::text || rolinherit::text FROM pg_authid WHERE rolname = 'priv_r1'") ==
        "truefalse");
  CHECK(raw.Run("ALTER ROLE priv_nobody LOGIN") == "42704");
  CHECK(raw.error_message() == "role \"priv_nobody\" does not exist");
  const std::string t = TableName("priv_rename");
  Exec(admin, "DROP TABLE IF EXISTS " + t);
  Exec(admin, "CREATE TABLE " + t + " (a int); GRANT SELECT ON " + t + " TO priv_r1");
  CHECK(raw.Run("ALTER ROLE priv_r1 RENAME TO priv_r9") == "");
  CHECK(Scalar(admin, "SELECT relacl::text FROM pg_class WHERE relname = '" + t + "'") ==
        "{postgres=arwdDxt/postgres,priv_r9=r/postgres}");
  Exec(admin, "DROP TABLE " + t);
  CHECK(raw.Run("DROP ROLE priv_r1") == "42704");
  // Without CREATEROLE a role can change only its own password.
  PqConnection user(As("priv_u1"));
  CHECK(user.Run("CREATE ROLE priv_x") == "42501");
  CHECK(user.error_message() == "permission denied to create role");
  CHECK(user.Run("ALTER ROLE priv_u1 PASSWORD 'other'") == "");
  CHECK(user.Run("ALTER ROLE priv_u1 CREATEROLE") == "42501");
  CHECK(user.error_message() == "permission denied");
  CHECK(user.Run("ALTER ROLE postgres NOSUPERUSER") == "42501");
  CHECK(user.error_message() == "must be superuser to alter superuser roles or change superuser attribute");
  CHECK(user.Run("DROP ROLE priv_r9") == "42501");
  CHECK(user.error_message() == "permission denied to drop role");
  CHECK(raw.Run("DROP ROLE postgres") == "55006");
  CHECK(raw.error_message() == "current user cannot be dropped");
  CHECK(raw.Run("DROP ROLE IF EXISTS priv_r9, priv_nobody") == "");
  CHECK(raw.tag() == "DROP ROLE");
  CHECK(raw.notice_messages() == std::vector<std::string>{"role \"priv_nobody\" does not exist, skipping"});
  DropRoles(admin, {"priv_u1"}, {});
}

TEST_CASE("table privileges: GRANT and REVOKE take effect at once, prepared statements included") {
  pqxx::connection admin(As("postgres"));
  const std::string t = TableName("priv_t");
  DropRoles(admin, {"priv_alice"}, {t});
  Exec(admin, "CREATE USER priv_alice PASSWORD 'pw'");
  Exec(admin, "CREATE TABLE " + t + " (a int, b text)");
  Exec(admin, "INSERT INTO " + t + " VALUES (1, 'x')");
  PqConnection alice(As("priv_alice"));
  CHECK(alice.Run("SELECT * FROM " + t) == "42501");
  CHECK(alice.error_message() == "permission denied for table " + t);
  PqConnection raw(As("postgres"));
  CHECK(raw.Run("GRANT SELECT ON " + t + " TO priv_alice") == "");
  CHECK(raw.tag() == "GRANT");
  CHECK(Scalar(admin, "SELECT relacl::text FROM pg_class WHERE relname = '" + t + "'") ==
        "{postgres=arwdDxt/postgres,priv_alice=r/postgres}");
  CHECK(alice.Run("SELECT count(*) FROM " + t) == "");
  CHECK(alice.Run("INSERT INTO " + t + " VALUES (2, 'y')") == "42501");
  CHECK(alice.Run("UPDATE " + t + " SET b = 'z'") == "42501");
  CHECK(alice.Run("DELETE FROM " + t) == "42501");
  CHECK(alice.Run("TRUNCATE " + t) == "42501");
  CHECK(raw.Run("GRANT INSERT, UPDATE ON TABLE " + t + " TO priv_alice") == "");
  CHECK(alice.Run("INSERT INTO " + t + " VALUES (2, 'y')") == "");
  CHECK(alice.Run("UPDATE " + t + " SET b = 'z' WHERE a = 2") == "");
  CHECK(alice.tag() == "UPDATE 1");
  // A statement prepared while SELECT was granted is checked again at each execution.
  CHECK(alice.Run("PREPARE priv_q AS SELECT a FROM " + t + " ORDER BY a") == "");
  CHECK(alice.Run("EXECUTE priv_q") == "");
  pqxx::connection alice_pqxx(As("priv_alice"));
  alice_pqxx.prepare("q", "SELECT b FROM " + t + " WHERE a = $1");
  {
    pqxx::nontransaction tx(alice_pqxx);
    CHECK(tx.exec_prepared("q", 1).size() == 1);
  }
  CHECK(raw.Run("REVOKE SELECT ON " + t + " FROM priv_alice") == "");
  CHECK(raw.tag() == "REVOKE");
  CHECK(alice.Run("EXECUTE priv_q") == "42501");
  CHECK(alice.error_message() == "permission denied for table " + t);
  {
    pqxx::nontransaction tx(alice_pqxx);
    CHECK_THROWS_AS(tx.exec_prepared("q", 1), pqxx::insufficient_privilege);
  }
  // UPDATE reading a column in WHERE needs SELECT too; INSERT without RETURNING does not.
  CHECK(alice.Run("UPDATE " + t + " SET b = 'w' WHERE a = 2") == "42501");
  CHECK(alice.Run("UPDATE " + t + " SET b = 'w'") == "");
  CHECK(alice.Run("INSERT INTO " + t + " VALUES (3, 'v') RETURNING a") == "42501");
  CHECK(alice.Run("INSERT INTO " + t + " VALUES (3, 'v')") == "");
  CHECK(raw.Run("REVOKE ALL ON " + t + " FROM priv_alice") == "");
  CHECK(Scalar(admin, "SELECT relacl::text FROM pg_class WHERE relname = '" + t + "'") ==
        "{postgres=arwdDxt/postgres}");
  CHECK(raw.Run("GRANT USAGE ON " + t + " TO priv_alice") == "0LP01");
  CHECK(raw.error_message() == "invalid privilege type USAGE for table");
  CHECK(raw.Run("GRANT SELECT ON " + t + " TO priv_nobody") == "42704");
  // PUBLIC.
  CHECK(raw.Run("GRANT SELECT ON " + t + " TO PUBLIC") == "");
  CHECK(Scalar(admin, "SELECT relacl::text FROM pg_class WHERE relname = '" + t + "'") ==
        "{postgres=arwdDxt/postgres,=r/postgres}");
  CHECK(alice.Run("SELECT * FROM " + t) == "");
  CHECK(raw.Run("GRANT SELECT ON " + t + " TO PUBLIC WITH GRANT OPTION") == "0LP01");
  CHECK(raw.error_message() == "grant options can only be granted to roles");
  CHECK(raw.Run("REVOKE SELECT ON " + t + " FROM PUBLIC") == "");
  CHECK(alice.Run("SELECT * FROM " + t) == "42501");
  DropRoles(admin, {"priv_alice"}, {t});
}

TEST_CASE("a superuser's prepared statement is checked again once the role loses SUPERUSER") {
  // Superusers skip the role catalog at execution; the flag they skip it on is read per statement.
  pqxx::connection admin(As("postgres"));
  const std::string t = TableName("priv_su");
  DropRoles(admin, {"priv_boss"}, {t});
  Exec(admin, "CREATE ROLE priv_boss LOGIN SUPERUSER PASSWORD 'pw'");
  Exec(admin, "CREATE TABLE " + t + " (a int); INSERT INTO " + t + " VALUES (1)");
  pqxx::connection boss(As("priv_boss"));
  boss.prepare("q", "SELECT a FROM " + t + " WHERE a = $1");
  {
    pqxx::nontransaction tx(boss);
    CHECK(tx.exec_prepared("q", 1).size() == 1);
  }
  Exec(admin, "ALTER ROLE priv_boss NOSUPERUSER");
  {
    pqxx::nontransaction tx(boss);
    CHECK_THROWS_AS(tx.exec_prepared("q", 1), pqxx::insufficient_privilege);
  }
  Exec(admin, "GRANT SELECT ON " + t + " TO priv_boss");
  {
    pqxx::nontransaction tx(boss);
    CHECK(tx.exec_prepared("q", 1).size() == 1);
  }
  boss.disconnect();
  DropRoles(admin, {"priv_boss"}, {t});
}

TEST_CASE("WITH GRANT OPTION and REVOKE CASCADE") {
  pqxx::connection admin(As("postgres"));
  const std::string t = TableName("priv_go");
  DropRoles(admin, {"priv_ga", "priv_gb"}, {t});
  Exec(admin, "CREATE USER priv_ga; CREATE USER priv_gb; CREATE TABLE " + t + " (a int)");
  PqConnection raw(As("postgres"));
  PqConnection ga(As("priv_ga"));
  PqConnection gb(As("priv_gb"));
  CHECK(ga.Run("GRANT SELECT ON " + t + " TO priv_gb") == "42501");
  CHECK(ga.error_message() == "permission denied for table " + t);
  CHECK(raw.Run("GRANT SELECT ON " + t + " TO priv_ga") == "");
  // Holding the privilege but not its grant option: a warning, nothing granted.
  CHECK(ga.Run("GRANT SELECT ON " + t + " TO priv_gb") == "");
  CHECK(ga.notices() == std::vector<std::string>{"WARNING 01007"});
  CHECK(ga.notice_messages() == std::vector<std::string>{"no privileges were granted for \"" + t + "\""});
  CHECK(raw.Run("GRANT SELECT ON " + t + " TO priv_ga WITH GRANT OPTION") == "");
  CHECK(ga.Run("GRANT SELECT, INSERT ON " + t + " TO priv_gb") == "");
  CHECK(ga.notice_messages() == std::vector<std::string>{"not all privileges were granted for \"" + t + "\""});
  CHECK(Scalar(admin, "SELECT relacl::text FROM pg_class WHERE relname = '" + t + "'") ==
        "{postgres=arwdDxt/postgres,priv_ga=r*/postgres,priv_gb=r/priv_ga}");
  CHECK(gb.Run("SELECT * FROM " + t) == "");
  CHECK(raw.Run("REVOKE GRANT OPTION FOR SELECT ON " + t + " FROM priv_ga") == "2BP01");
  CHECK(raw.error_message() == "dependent privileges exist");
  CHECK(raw.error_hint() == "Use CASCADE to revoke them too.");
  CHECK(raw.Run("REVOKE GRANT OPTION FOR SELECT ON " + t + " FROM priv_ga CASCADE") == "");
  CHECK(Scalar(admin, "SELECT relacl::text FROM pg_class WHERE relname = '" + t + "'") ==
        "{postgres=arwdDxt/postgres,priv_ga=r/postgres}");
  CHECK(gb.Run("SELECT * FROM " + t) == "42501");
  CHECK(ga.Run("SELECT * FROM " + t) == "");
  DropRoles(admin, {"priv_ga", "priv_gb"}, {t});
}

TEST_CASE("membership, INHERIT, SET ROLE and the privilege functions") {
  pqxx::connection admin(As("postgres"));
  const std::string t = TableName("priv_m");
  DropRoles(admin, {"priv_readers", "priv_carol", "priv_dave"}, {t});
  Exec(admin, "CREATE ROLE priv_readers; CREATE USER priv_carol; CREATE USER priv_dave NOINHERIT");
  Exec(admin, "CREATE TABLE " + t + " (a int); GRANT SELECT ON " + t + " TO priv_readers");
  PqConnection raw(As("postgres"));
  CHECK(raw.Run("GRANT priv_readers TO priv_carol, priv_dave") == "");
  CHECK(raw.tag() == "GRANT ROLE");
  CHECK(raw.Run("GRANT priv_readers TO priv_carol") == "");
  CHECK(raw.notice_messages() ==
        std::vector<std::string>{"role \"priv_carol\" is already a member of role \"priv_readers\""});
  CHECK(raw.Run("GRANT priv_carol TO priv_readers") == "0LP01");
  CHECK(raw.error_message() == "role \"priv_carol\" is a member of role \"priv_readers\"");
  CHECK(Scalar(admin,
               "SELECT count(*) FROM pg_auth_members m JOIN pg_authid r ON r.oid = m.roleid "
               "WHERE r.rolname = 'priv_readers'") == "2");
  PqConnection carol(As("priv_carol"));
  CHECK(carol.Run("SELECT * FROM " + t) == "");  // inherited from priv_readers
  PqConnection dave(As("priv_dave"));
  CHECK(dave.Run("SELECT * FROM " + t) == "42501");  // NOINHERIT: only after SET ROLE
  CHECK(dave.Run("SET ROLE priv_readers") == "");
  CHECK(dave.Run("SELECT * FROM " + t) == "");
  pqxx::connection dave_pqxx(As("priv_dave"));
  Exec(dave_pqxx, "SET ROLE priv_readers");
  CHECK(Scalar(dave_pqxx, "SELECT current_user || ' ' || session_user || ' ' || current_role || ' ' || user") ==
        "priv_readers priv_dave priv_readers priv_readers");
  CHECK(Scalar(dave_pqxx, "SHOW role") == "priv_readers");
  Exec(dave_pqxx, "RESET ROLE");
  CHECK(Scalar(dave_pqxx, "SELECT current_user") == "priv_dave");
  CHECK(dave.Run("SET ROLE priv_carol") == "42501");
  CHECK(dave.error_message() == "permission denied to set role \"priv_carol\"");
  CHECK(dave.Run("SET ROLE priv_nobody") == "22023");
  CHECK(dave.Run("SET SESSION AUTHORIZATION priv_carol") == "42501");
  CHECK(dave.error_message() == "permission denied to set session authorization \"priv_carol\"");
  CHECK(raw.Run("SET SESSION AUTHORIZATION priv_carol") == "");
  CHECK(raw.Run("SELECT 1") == "");
  pqxx::connection admin2(As("postgres"));
  Exec(admin2, "SET SESSION AUTHORIZATION priv_carol");
  CHECK(Scalar(admin2, "SELECT session_user || ' ' || current_user") == "priv_carol priv_carol");
  CHECK(Scalar(admin2, "SHOW is_superuser") == "off");
  Exec(admin2, "RESET SESSION AUTHORIZATION");
  CHECK(Scalar(admin2, "SELECT session_user") == "postgres");
  // The inquiry functions, for the current user and for a role given by name.
  CHECK(Scalar(admin, "SELECT has_table_privilege('priv_carol', '" + t + "', 'select')") == "t");
  CHECK(Scalar(admin, "SELECT has_table_privilege('priv_dave', '" + t + "', 'SELECT')") == "f");
  CHECK(Scalar(admin, "SELECT has_table_privilege('priv_carol', '" + t + "', 'INSERT, SELECT')") == "t");
  CHECK(Scalar(admin, "SELECT has_table_privilege('priv_carol', '" + t + "', 'SELECT WITH GRANT OPTION')") == "f");
  CHECK(Scalar(admin, "SELECT has_table_privilege('" + t + "', 'DELETE')") == "t");
  CHECK(Scalar(admin, "SELECT has_column_privilege('priv_carol', '" + t + "', 'a', 'SELECT')") == "t");
  CHECK(Scalar(admin, "SELECT pg_has_role('priv_dave', 'priv_readers', 'MEMBER')") == "t");
  CHECK(Scalar(admin, "SELECT pg_has_role('priv_dave', 'priv_readers', 'USAGE')") == "f");
  CHECK(Scalar(admin, "SELECT has_database_privilege('priv_dave', current_database(), 'CONNECT')") == "t");
  CHECK(Scalar(admin, "SELECT has_schema_privilege('priv_dave', 'public', 'USAGE')") == "t");
  CHECK(SqlStateOf(admin, "SELECT has_table_privilege('" + t + "', 'foo')") == "22023");
  CHECK(SqlStateOf(admin, "SELECT has_table_privilege('priv_nobody', '" + t + "', 'select')") == "42704");
  CHECK(raw.Run("RESET SESSION AUTHORIZATION") == "");
  CHECK(raw.Run("REVOKE priv_readers FROM priv_carol") == "");
  CHECK(raw.tag() == "REVOKE ROLE");
  CHECK(raw.Run("REVOKE priv_readers FROM priv_carol") == "");
  CHECK(raw.notices() == std::vector<std::string>{"WARNING 01000"});
  CHECK(carol.Run("SELECT * FROM " + t) == "42501");
  DropRoles(admin, {"priv_readers", "priv_carol", "priv_dave"}, {t});
}

TEST_CASE("ownership: ALTER ... OWNER TO, DROP needs the owner, DROP ROLE dependencies") {
  pqxx::connection admin(As("postgres"));
  const std::string t = TableName("priv_own");
  DropRoles(admin, {"priv_owner", "priv_other"}, {t});
  Exec(admin, "CREATE USER priv_owner; CREATE USER priv_other; CREATE TABLE " + t + " (a int)");
  PqConnection raw(As("postgres"));
  PqConnection owner(As("priv_owner"));
  PqConnection other(As("priv_other"));
  CHECK(owner.Run("ALTER TABLE " + t + " OWNER TO priv_owner") == "42501");
  CHECK(owner.error_message() == "must be owner of table " + t);
  CHECK(raw.Run("ALTER TABLE " + t + " OWNER TO priv_owner") == "");
  CHECK(raw.tag() == "ALTER TABLE");
  CHECK(Scalar(admin, "SELECT r.rolname FROM pg_class c JOIN pg_authid r ON r.oid = c.relowner WHERE c.relname = '" +
                          t + "'") == "priv_owner");
  CHECK(owner.Run("INSERT INTO " + t + " VALUES (1)") == "");  // the owner holds every privilege
  CHECK(other.Run("DROP TABLE " + t) == "42501");
  CHECK(other.error_message() == "must be owner of table " + t);
  CHECK(other.Run("ALTER TABLE " + t + " ADD COLUMN b int") == "42501");
  CHECK(owner.Run("ALTER TABLE " + t + " OWNER TO priv_other") == "42501");
  CHECK(owner.error_message() == "must be member of role \"priv_other\"");
  CHECK(owner.Run("GRANT SELECT ON " + t + " TO priv_other") == "");
  CHECK(Scalar(admin, "SELECT relacl::text FROM pg_class WHERE relname = '" + t + "'") ==
        "{priv_owner=arwdDxt/priv_owner,priv_other=r/priv_owner}");
  CHECK(raw.Run("DROP ROLE priv_owner") == "2BP01");
  CHECK(raw.error_message() == "role \"priv_owner\" cannot be dropped because some objects depend on it");
  CHECK(raw.error_detail() == "owner of table " + t);  // its own ACL entries go with the ownership
  CHECK(raw.Run("DROP ROLE priv_other") == "2BP01");
  CHECK(raw.error_detail() == "privileges for table " + t);
  CHECK(owner.Run("DROP TABLE " + t) == "");
  CHECK(raw.Run("DROP ROLE priv_owner, priv_other") == "");
}

TEST_CASE("DROP ROLE counts objects in other databases; ALTER ROLE RENAME follows into their ACLs") {
  pqxx::connection admin(As("postgres"));
  const std::string db = "priv_db_" + TableName("priv_xdb");
  DropRoles(admin, {"priv_xdb", "priv_xdb2"}, {});
  Exec(admin, "DROP DATABASE IF EXISTS " + db);
  Exec(admin, "CREATE USER priv_xdb");
  Exec(admin, "CREATE DATABASE " + db);
  {
    pqxx::connection other(SharedTarget::Get().ConnString("postgres", db));
    Exec(other,
         "CREATE TABLE t1 (a int, b int); CREATE TABLE t2 (a int); GRANT SELECT ON t1 TO priv_xdb; "
         "GRANT UPDATE (b) ON t1 TO priv_xdb; ALTER TABLE t2 OWNER TO priv_xdb");
  }
  PqConnection raw(As("postgres"));
  CHECK(raw.Run("DROP ROLE priv_xdb") == "2BP01");
  CHECK(raw.error_detail() == "3 objects in database " + db);
  CHECK(raw.Run("ALTER ROLE priv_xdb RENAME TO priv_xdb2") == "");
  {
    pqxx::connection other(SharedTarget::Get().ConnString("postgres", db));
    CHECK(Scalar(other, "SELECT relacl::text FROM pg_class WHERE relname = 't1'") ==
          "{postgres=arwdDxt/postgres,priv_xdb2=r/postgres}");
    CHECK(Scalar(other, "SELECT attacl::text FROM pg_attribute WHERE attrelid = 't1'::regclass AND attname = 'b'") ==
          "{priv_xdb2=w/postgres}");
    Exec(other, "DROP TABLE t1, t2");
  }
  CHECK(raw.Run("DROP ROLE priv_xdb2") == "");
  for (int attempt = 0; attempt < 100 && raw.Run("DROP DATABASE " + db) == "55006"; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

TEST_CASE("column privileges") {
  pqxx::connection admin(As("postgres"));
  const std::string t = TableName("priv_col");
  DropRoles(admin, {"priv_cu"}, {t});
  Exec(admin,
       "CREATE USER priv_cu; CREATE TABLE " + t + " (a int, b int, c int); INSERT INTO " + t + " VALUES (1, 2, 3)");
  PqConnection raw(As("postgres"));
  CHECK(raw.Run("GRANT SELECT (a, b), UPDATE (c) ON " + t + " TO priv_cu") == "");
  CHECK(Column(admin, "SELECT coalesce(attacl::text, '-') FROM pg_attribute WHERE attrelid = '" + t +
                          "'::regclass AND attnum > 0 ORDER BY attnum") ==
        std::vector<std::string>{"{priv_cu=r/postgres}", "{priv_cu=r/postgres}", "{priv_cu=w/postgres}"});
  CHECK(raw.Run("GRANT DELETE (a) ON " + t + " TO priv_cu") == "0LP01");
  CHECK(raw.error_message() == "invalid privilege type DELETE for column");
  CHECK(raw.Run("GRANT SELECT (zz) ON " + t + " TO priv_cu") == "42703");
  CHECK(raw.error_message() == "column \"zz\" of relation \"" + t + "\" does not exist");
  PqConnection cu(As("priv_cu"));
  CHECK(cu.Run("SELECT a, b FROM " + t) == "");
  CHECK(cu.Run("SELECT * FROM " + t) == "42501");
  CHECK(cu.error_message() == "permission denied for table " + t);
  CHECK(cu.Run("SELECT count(*) FROM " + t) == "");
  CHECK(cu.Run("UPDATE " + t + " SET c = 5") == "");
  CHECK(cu.Run("UPDATE " + t + " SET c = 5 WHERE a = 1") == "");
  CHECK(cu.tag() == "UPDATE 1");
  CHECK(cu.Run("UPDATE " + t + " SET c = 5 WHERE c = 1") == "42501");
  CHECK(cu.Run("UPDATE " + t + " SET b = 5") == "42501");
  pqxx::connection cu_pqxx(As("priv_cu"));
  CHECK(Scalar(cu_pqxx, "SELECT has_column_privilege('" + t + "', 'a', 'SELECT')::text || has_column_privilege('" + t +
                            "', 'c', 'SELECT')::text || has_table_privilege('" + t + "', 'SELECT')::text") ==
        "truefalsefalse");
  CHECK(raw.Run("DROP ROLE priv_cu") == "2BP01");
  CHECK(raw.error_detail() == "privileges for column a of table " + t + "\nprivileges for column b of table " + t +
                                  "\nprivileges for column c of table " + t);
  CHECK(raw.Run("REVOKE SELECT ON " + t + " FROM priv_cu") == "");  // the table-level REVOKE reaches the columns
  CHECK(raw.Run("DROP ROLE priv_cu") == "2BP01");
  CHECK(raw.error_detail() == "privileges for column c of table " + t);
  CHECK(raw.Run("REVOKE ALL ON " + t + " FROM priv_cu") == "");
  CHECK(raw.Run("DROP ROLE priv_cu") == "");
  Exec(admin, "DROP TABLE " + t);
}

TEST_CASE("schema and database privileges: USAGE, CREATE, CONNECT") {
  pqxx::connection admin(As("postgres"));
  const std::string t = TableName("priv_st");
  const std::string db = "priv_db_" + t;
  Exec(admin, "DROP SCHEMA IF EXISTS priv_s CASCADE");
  DropRoles(admin, {"priv_su"}, {t});
  Exec(admin, "DROP DATABASE IF EXISTS " + db);
  Exec(admin,
       "CREATE USER priv_su; CREATE SCHEMA priv_s; CREATE TABLE priv_s.t (a int); GRANT SELECT ON priv_s.t TO "
       "priv_su");
  Exec(admin, "CREATE DATABASE " + db);
  PqConnection raw(As("postgres"));
  CHECK(raw.Run("REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC") == "");
  CHECK(Scalar(admin, "SELECT datacl::text FROM pg_database WHERE datname = '" + db + "'") ==
        "{=T/postgres,postgres=CTc/postgres}");
  try {
    pqxx::connection denied(SharedTarget::Get().ConnString("priv_su", db));
    FAIL("connected without CONNECT");
  } catch (const pqxx::broken_connection& e) {
    CHECK(std::string(e.what()).find("permission denied for database \"" + db + "\"") != std::string::npos);
    CHECK(std::string(e.what()).find("User does not have CONNECT privilege.") != std::string::npos);
  }
  CHECK(raw.Run("GRANT CONNECT ON DATABASE " + db + " TO priv_su") == "");
  { pqxx::connection allowed(SharedTarget::Get().ConnString("priv_su", db)); }
  PqConnection su(As("priv_su"));
  CHECK(su.Run("CREATE TABLE " + t + " (a int)") == "42501");
  CHECK(su.error_message() == "permission denied for schema public");
  CHECK(su.Run("CREATE SCHEMA priv_s2") == "42501");
  CHECK(su.error_message() == "permission denied for database " + SharedTarget::Get().database());
  CHECK(su.Run("SELECT * FROM priv_s.t") == "42501");
  CHECK(su.error_message() == "permission denied for schema priv_s");
  CHECK(raw.Run("GRANT USAGE ON SCHEMA priv_s TO priv_su") == "");
  CHECK(Scalar(admin, "SELECT nspacl::text FROM pg_namespace WHERE nspname = 'priv_s'") ==
        "{postgres=UC/postgres,priv_su=U/postgres}");
  CHECK(su.Run("SELECT * FROM priv_s.t") == "");
  pqxx::connection su_pqxx(As("priv_su"));
  CHECK(Scalar(su_pqxx,
               "SELECT has_schema_privilege('priv_s', 'USAGE')::text || has_schema_privilege('public', "
               "'CREATE')::text || has_database_privilege('" +
                   db + "', 'CONNECT')::text") == "truefalsetrue");
  CHECK(raw.Run("GRANT CREATE ON SCHEMA public TO priv_su") == "");
  CHECK(su.Run("CREATE TABLE " + t + " (a int)") == "");
  CHECK(su.Run("DROP TABLE " + t) == "");
  // A foreign key needs REFERENCES on the referenced table.
  Exec(admin, "ALTER TABLE priv_s.t ADD PRIMARY KEY (a)");
  CHECK(su.Run("CREATE TABLE " + t + " (a int REFERENCES priv_s.t)") == "42501");
  CHECK(su.error_message() == "permission denied for table t");
  CHECK(raw.Run("GRANT REFERENCES ON priv_s.t TO priv_su") == "");
  CHECK(su.Run("CREATE TABLE " + t + " (a int REFERENCES priv_s.t)") == "");
  CHECK(su.Run("DROP TABLE " + t) == "");
  CHECK(raw.Run("REVOKE CREATE ON SCHEMA public FROM priv_su") == "");
  CHECK(raw.Run("DROP ROLE priv_su") == "2BP01");
  CHECK(raw.error_detail() ==
        "privileges for schema priv_s\nprivileges for table priv_s.t\nprivileges for database " + db);
  CHECK(raw.Run("ALTER SCHEMA priv_s OWNER TO priv_su") == "");
  CHECK(raw.tag() == "ALTER SCHEMA");
  CHECK(raw.Run("DROP SCHEMA priv_s CASCADE") == "");
  CHECK(raw.Run("REVOKE ALL ON DATABASE " + db + " FROM priv_su") == "");
  CHECK(raw.Run("DROP ROLE priv_su") == "");
  // The sessions that connected to db may still be ending (55006 until they are gone).
  for (int attempt = 0; attempt < 100 && raw.Run("DROP DATABASE " + db) == "55006"; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(raw.Run("SELECT 1 FROM pg_database WHERE datname = '" + db + "'") == "");
  CHECK(raw.tag() == "SELECT 0");
}

TEST_CASE("search_path skips schemas without USAGE; $user is the current role; is_superuser follows the role") {
  pqxx::connection admin(As("postgres"));
  Exec(admin, "DROP SCHEMA IF EXISTS priv_hidden CASCADE; DROP SCHEMA IF EXISTS priv_sp CASCADE");
  DropRoles(admin, {"priv_sp"}, {});
  Exec(admin,
       "CREATE USER priv_sp; CREATE SCHEMA priv_hidden; CREATE TABLE priv_hidden.priv_vis (a int); "
       "CREATE SCHEMA priv_sp; CREATE TABLE priv_sp.priv_vis (a int); INSERT INTO priv_sp.priv_vis VALUES (7); "
       "GRANT USAGE ON SCHEMA priv_sp TO priv_sp; GRANT SELECT ON priv_sp.priv_vis TO priv_sp");
  pqxx::connection su(As("postgres"));
  Exec(su, "SET search_path = priv_hidden, \"$user\", public");
  Exec(su, "SET ROLE priv_sp");
  // priv_hidden comes first but priv_sp holds no USAGE on it: the lookup goes on to "$user" = priv_sp.
  CHECK(Scalar(su, "SELECT a FROM priv_vis") == "7");
  CHECK(Scalar(su, "SELECT current_schemas(false)::text") == "{priv_sp,public}");
  CHECK_THROWS_WITH(Exec(su, "SELECT a FROM priv_hidden.priv_vis"),
                    doctest::Contains("permission denied for schema priv_hidden"));
  Exec(admin, "GRANT USAGE ON SCHEMA priv_hidden TO priv_sp");
  // Now priv_hidden.priv_vis, with no SELECT on it.
  CHECK_THROWS_WITH(Exec(su, "SELECT a FROM priv_vis"), doctest::Contains("permission denied for table priv_vis"));
  Exec(su, "RESET ROLE");
  CHECK(Scalar(su, "SELECT count(*) FROM priv_vis") == "0");  // the superuser finds priv_hidden's
  // is_superuser after SET LOCAL ROLE's transaction and ROLLBACK TO SAVEPOINT; RESET ALL keeps the role.
  Exec(su, "BEGIN; SET LOCAL ROLE priv_sp");
  CHECK(Scalar(su, "SHOW is_superuser") == "off");
  Exec(su, "COMMIT");
  CHECK(Scalar(su, "SHOW is_superuser") == "on");
  Exec(su, "SET ROLE priv_sp; RESET ALL");
  CHECK(Scalar(su, "SELECT current_user::text || ' ' || current_setting('is_superuser')") == "priv_sp off");
  Exec(su, "RESET ROLE");
  Exec(su, "BEGIN; SAVEPOINT s; SET ROLE priv_sp; ROLLBACK TO s");
  CHECK(Scalar(su, "SHOW is_superuser") == "on");
  Exec(su, "COMMIT");
  Exec(admin, "DROP SCHEMA priv_hidden CASCADE; DROP SCHEMA priv_sp CASCADE");
  DropRoles(admin, {"priv_sp"}, {});
}

}  // namespace
}  // namespace lumadb::integration
