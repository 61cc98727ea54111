// SQL-level prepared statements and cursors (issue 5): PREPARE/EXECUTE/DEALLOCATE, DECLARE/FETCH/MOVE/
// CLOSE with every direction's rows and tags, the errors, WITH HOLD across COMMIT and ROLLBACK, BINARY
// cursors, the namespace shared with protocol statements and portals, and libpqxx's stateless_cursor.
// Every expectation was checked against PostgreSQL 15 (LUMADB_TEST_EXTERNAL).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "protocol_frames.h"
#include "sql_helpers.h"
#include "test_server.h"
#include <libpq-fe.h>

namespace lumadb::integration {
namespace {

// One statement's outcome over plain libpq (PQexec: the simple protocol).
struct Outcome {
  std::string code;  // SQLSTATE, "" on success
  std::string message, detail, hint, tag;
  std::vector<std::string> column0;  // the first column of every row ("NULL" for NULL)
  int nfields = 0;
  int format = 0;  // of the first column
  std::string Rows() const {
    std::string out;
    for (const std::string& v : column0) out += (out.empty() ? "" : ",") + v;
    return out;
  }
};

class Pg {
 public:
  explicit Pg(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
    REQUIRE(PQstatus(conn_.get()) == CONNECTION_OK);
    PQsetNoticeProcessor(
        conn_.get(), [](void*, const char*) {}, nullptr);
  }
  Outcome Run(const std::string& sql) { return Take(PQexec(conn_.get(), sql.c_str())); }
  PGconn* get() { return conn_.get(); }

  static Outcome Take(PGresult* r) {
    Outcome o;
    auto field = [r](int code) {
      const char* v = PQresultErrorField(r, code);
      return std::string(v ? v : "");
    };
    if (PQresultStatus(r) == PGRES_FATAL_ERROR) {
      o.code = field(PG_DIAG_SQLSTATE);
      o.message = field(PG_DIAG_MESSAGE_PRIMARY);
      o.detail = field(PG_DIAG_MESSAGE_DETAIL);
      o.hint = field(PG_DIAG_MESSAGE_HINT);
    } else {
      o.tag = PQcmdStatus(r);
      o.nfields = PQnfields(r);
      if (o.nfields > 0) o.format = PQfformat(r, 0);
      for (int i = 0; i < PQntuples(r) && o.nfields > 0; ++i) {
        o.column0.emplace_back(PQgetisnull(r, i, 0) ? "NULL" : std::string(PQgetvalue(r, i, 0), PQgetlength(r, i, 0)));
      }
    }
    PQclear(r);
    return o;
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

// A table t(a int) holding 1..n.
std::string Numbers(Pg& pg, const std::string& stem, int n) {
  std::string t = TableName(stem);
  pg.Run("DROP TABLE IF EXISTS " + t);
  REQUIRE(pg.Run("CREATE TABLE " + t + " (a int)").code.empty());
  REQUIRE(pg.Run("INSERT INTO " + t + " SELECT g FROM generate_series(1, " + std::to_string(n) + ") g").code.empty());
  return t;
}

}  // namespace

TEST_CASE("FETCH and MOVE in every direction: rows and tags as PostgreSQL") {
  Pg pg(SharedTarget::Get().ConnString());
  std::string t = Numbers(pg, "curdir", 5);
  REQUIRE(pg.Run("BEGIN").code.empty());
  CHECK(pg.Run("DECLARE c SCROLL CURSOR FOR SELECT a FROM " + t + " ORDER BY a").tag == "DECLARE CURSOR");
  struct Step {
    const char* sql;
    const char* tag;
    const char* rows;
  };
  const Step steps[] = {
      {"FETCH 2 FROM c", "FETCH 2", "1,2"},
      {"FETCH PRIOR FROM c", "FETCH 1", "1"},
      {"FETCH 0 FROM c", "FETCH 1", "1"},
      {"MOVE 0 IN c", "MOVE 1", ""},
      {"FETCH RELATIVE 0 FROM c", "FETCH 1", "1"},
      {"FETCH ABSOLUTE 4 FROM c", "FETCH 1", "4"},
      {"FETCH ABSOLUTE -1 FROM c", "FETCH 1", "5"},
      {"FETCH NEXT FROM c", "FETCH 0", ""},
      {"FETCH c", "FETCH 0", ""},
      {"MOVE 0 IN c", "MOVE 0", ""},
      {"FETCH 0 FROM c", "FETCH 0", ""},
      {"FETCH PRIOR FROM c", "FETCH 1", "5"},
      {"FETCH FIRST FROM c", "FETCH 1", "1"},
      {"FETCH LAST FROM c", "FETCH 1", "5"},
      {"MOVE BACKWARD ALL IN c", "MOVE 4", ""},
      {"FETCH FORWARD ALL FROM c", "FETCH 5", "1,2,3,4,5"},
      {"MOVE BACKWARD 10 IN c", "MOVE 5", ""},
      {"MOVE FORWARD 10 IN c", "MOVE 5", ""},
      {"MOVE ABSOLUTE 0 IN c", "MOVE 0", ""},
      {"FETCH RELATIVE -1 FROM c", "FETCH 0", ""},
      {"FETCH ABSOLUTE 10 FROM c", "FETCH 0", ""},
      {"FETCH BACKWARD 2 FROM c", "FETCH 2", "5,4"},
      {"FETCH FORWARD -2 FROM c", "FETCH 2", "3,2"},
      {"FETCH BACKWARD -1 FROM c", "FETCH 1", "3"},
      {"MOVE LAST IN c", "MOVE 1", ""},
      {"MOVE RELATIVE 2 IN c", "MOVE 0", ""},
      {"MOVE ABSOLUTE -2 IN c", "MOVE 1", ""},
      {"FETCH RELATIVE 1 IN c", "FETCH 1", "5"},
      {"FETCH ALL FROM c", "FETCH 0", ""},
      {"FETCH BACKWARD ALL FROM c", "FETCH 5", "5,4,3,2,1"},
      {"MOVE ALL IN c", "MOVE 5", ""},
      {"MOVE -3 IN c", "MOVE 3", ""},
      {"FETCH 3 IN c", "FETCH 2", "4,5"},
  };
  for (const Step& s : steps) {
    CAPTURE(s.sql);
    Outcome o = pg.Run(s.sql);
    CHECK(o.code == "");
    CHECK(o.tag == s.tag);
    CHECK(o.Rows() == s.rows);
  }
  CHECK(pg.Run("FETCH 1 FROM c").nfields == 1);  // RowDescription even for no rows
  CHECK(pg.Run("CLOSE c").tag == "CLOSE CURSOR");
  pg.Run("ROLLBACK");
  pg.Run("DROP TABLE " + t);
}

TEST_CASE("cursor errors: SQLSTATEs, messages and hints") {
  Pg pg(SharedTarget::Get().ConnString());
  std::string t = Numbers(pg, "curerr", 3);
  Outcome o = pg.Run("DECLARE c CURSOR FOR SELECT 1");
  CHECK(o.code == "25P01");
  CHECK(o.message == "DECLARE CURSOR can only be used in transaction blocks");
  o = pg.Run("FETCH c");
  CHECK(o.code == "34000");
  CHECK(o.message == "cursor \"c\" does not exist");
  CHECK(pg.Run("MOVE c").code == "34000");
  o = pg.Run("CLOSE c");
  CHECK(o.code == "34000");
  CHECK(o.message == "cursor \"c\" does not exist");
  CHECK(pg.Run("CLOSE ALL").tag == "CLOSE CURSOR ALL");

  pg.Run("BEGIN");
  CHECK(pg.Run("DECLARE c CURSOR FOR SELECT a FROM " + t).code.empty());
  o = pg.Run("DECLARE c CURSOR FOR SELECT 1");
  CHECK(o.code == "42P03");
  CHECK(o.message == "cursor \"c\" already exists");
  pg.Run("ROLLBACK");

  pg.Run("BEGIN");
  pg.Run("DECLARE n NO SCROLL CURSOR FOR SELECT a FROM " + t + " ORDER BY a");
  CHECK(pg.Run("FETCH n").Rows() == "1");
  o = pg.Run("FETCH PRIOR FROM n");
  CHECK(o.code == "55000");
  CHECK(o.message == "cursor can only scan forward");
  CHECK(o.hint == "Declare it with SCROLL option to enable backward scan.");
  pg.Run("ROLLBACK");

  // Without SCROLL, the plan decides: a scan can go back, an aggregate cannot.
  pg.Run("BEGIN");
  pg.Run("DECLARE s CURSOR FOR SELECT a FROM " + t + " ORDER BY a");
  pg.Run("DECLARE g CURSOR FOR SELECT count(*) FROM " + t);
  CHECK(pg.Run("FETCH 2 FROM s").Rows() == "1,2");
  CHECK(pg.Run("FETCH PRIOR FROM s").Rows() == "1");
  CHECK(pg.Run("FETCH g").Rows() == "3");
  CHECK(pg.Run("FETCH ABSOLUTE 1 FROM g").code == "55000");
  pg.Run("ROLLBACK");

  pg.Run("BEGIN");
  o = pg.Run("DECLARE u SCROLL CURSOR FOR SELECT a FROM " + t + " FOR UPDATE");
  CHECK(o.code == "0A000");
  CHECK(o.message == "DECLARE SCROLL CURSOR ... FOR UPDATE is not supported");
  CHECK(o.detail == "Scrollable cursors must be READ ONLY.");
  pg.Run("ROLLBACK");
  o = pg.Run("DECLARE u CURSOR WITH HOLD FOR SELECT a FROM " + t + " FOR UPDATE");
  CHECK(o.code == "0A000");
  CHECK(o.message == "DECLARE CURSOR WITH HOLD ... FOR UPDATE is not supported");
  CHECK(o.detail == "Holdable cursors must be READ ONLY.");
  CHECK(pg.Run("DECLARE c SCROLL NO SCROLL CURSOR FOR SELECT 1").code == "42P11");
  pg.Run("DROP TABLE " + t);
}

TEST_CASE("WITH HOLD cursors survive COMMIT, die at ROLLBACK; others end with their transaction") {
  Pg pg(SharedTarget::Get().ConnString());
  std::string t = Numbers(pg, "curhold", 4);
  pg.Run("BEGIN");
  pg.Run("DECLARE h SCROLL CURSOR WITH HOLD FOR SELECT a FROM " + t + " ORDER BY a");
  pg.Run("DECLARE w CURSOR FOR SELECT a FROM " + t);
  CHECK(pg.Run("FETCH h").Rows() == "1");
  CHECK(pg.Run("COMMIT").tag == "COMMIT");
  CHECK(pg.Run("FETCH w").code == "34000");
  pg.Run("DELETE FROM " + t);  // the held cursor has its rows already
  CHECK(pg.Run("FETCH 2 FROM h").Rows() == "2,3");
  CHECK(pg.Run("FETCH FIRST FROM h").Rows() == "1");
  CHECK(pg.Run("FETCH ALL FROM h").tag == "FETCH 3");
  // Declared outside a block: the implicit transaction commits and materializes it.
  pg.Run("INSERT INTO " + t + " VALUES (7), (8)");
  CHECK(pg.Run("DECLARE h2 CURSOR WITH HOLD FOR SELECT a FROM " + t + " ORDER BY a").tag == "DECLARE CURSOR");
  CHECK(pg.Run("FETCH ALL FROM h2").Rows() == "7,8");
  // A held cursor outlives a later transaction's ROLLBACK; one declared in it does not.
  pg.Run("BEGIN");
  pg.Run("DECLARE h3 CURSOR WITH HOLD FOR SELECT 1");
  pg.Run("ROLLBACK");
  CHECK(pg.Run("FETCH h3").code == "34000");
  CHECK(pg.Run("FETCH ABSOLUTE 1 FROM h").Rows() == "1");
  // ROLLBACK TO drops the cursors declared after the savepoint only.
  pg.Run("BEGIN");
  pg.Run("DECLARE before CURSOR FOR SELECT 1");
  pg.Run("SAVEPOINT s");
  pg.Run("DECLARE after CURSOR FOR SELECT 2");
  pg.Run("ROLLBACK TO s");
  CHECK(pg.Run("FETCH before").Rows() == "1");
  CHECK(pg.Run("FETCH after").code == "34000");
  pg.Run("ROLLBACK");
  CHECK(pg.Run("CLOSE h").tag == "CLOSE CURSOR");
  CHECK(pg.Run("CLOSE ALL").tag == "CLOSE CURSOR ALL");
  CHECK(pg.Run("FETCH h2").code == "34000");
  pg.Run("DROP TABLE " + t);
}

TEST_CASE("BINARY cursor rows are in binary format") {
  Pg pg(SharedTarget::Get().ConnString());
  pg.Run("BEGIN");
  pg.Run("DECLARE b BINARY CURSOR FOR SELECT 258::int4, 'hi'::text");
  Outcome o = pg.Run("FETCH b");
  CHECK(o.format == 1);
  CHECK(o.Rows() == std::string("\0\0\1\2", 4));
  pg.Run("DECLARE x CURSOR FOR SELECT 258::int4");
  o = pg.Run("FETCH x");
  CHECK(o.format == 0);
  CHECK(o.Rows() == "258");
  pg.Run("ROLLBACK");
}

TEST_CASE("PREPARE, EXECUTE with parameters, DEALLOCATE and their errors") {
  Pg pg(SharedTarget::Get().ConnString());
  std::string t = Numbers(pg, "prepx", 3);
  CHECK(pg.Run("PREPARE q (int, int) AS SELECT a FROM " + t + " WHERE a >= $1 AND a <= $2 ORDER BY a").tag ==
        "PREPARE");
  Outcome o = pg.Run("EXECUTE q (2, '3')");
  CHECK(o.tag == "SELECT 2");
  CHECK(o.Rows() == "2,3");
  CHECK(pg.Run("EXECUTE q (1 + 0, 1.4)").Rows() == "1");  // numeric assigned to int4 rounds
  o = pg.Run("EXECUTE q (1)");
  CHECK(o.code == "42601");
  CHECK(o.message == "wrong number of parameters for prepared statement \"q\"");
  CHECK(o.detail == "Expected 2 parameters but got 1.");
  o = pg.Run("EXECUTE q (1, 'x')");
  CHECK(o.code == "22P02");
  CHECK(o.message == "invalid input syntax for type integer: \"x\"");
  o = pg.Run("EXECUTE q (1, true)");
  CHECK(o.code == "42804");
  CHECK(o.message == "parameter $2 of type boolean cannot be coerced to the expected type integer");
  CHECK(o.hint == "You will need to rewrite or cast the expression.");
  o = pg.Run("PREPARE q AS SELECT 1");
  CHECK(o.code == "42P05");
  CHECK(o.message == "prepared statement \"q\" already exists");
  CHECK(pg.Run("PREPARE ins AS INSERT INTO " + t + " VALUES ($1)").code.empty());
  CHECK(pg.Run("EXECUTE ins (10)").tag == "INSERT 0 1");
  CHECK(pg.Run("PREPARE up (int) AS UPDATE " + t + " SET a = a + 1 WHERE a < $1").code.empty());
  CHECK(pg.Run("EXECUTE up (3)").tag == "UPDATE 2");
  // EXPLAIN ANALYZE EXECUTE runs the statement with its arguments: 2, 3, 3 become 3, 4, 4.
  o = pg.Run("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE up (4)");
  CHECK(o.tag == "EXPLAIN");
  REQUIRE_FALSE(o.column0.empty());
  CHECK(o.column0[0].find("Update on " + t) == 0);
  CHECK(o.Rows().find("actual rows=3") != std::string::npos);
  CHECK(pg.Run("SELECT a FROM " + t + " WHERE a = 4").Rows() == "4,4");
  CHECK(pg.Run("EXPLAIN EXECUTE nosuch").code == "26000");
  CHECK(pg.Run("EXPLAIN EXECUTE up").code == "42601");
  CHECK(pg.Run("DEALLOCATE up").tag == "DEALLOCATE");
  o = pg.Run("EXECUTE up (3)");
  CHECK(o.code == "26000");
  CHECK(o.message == "prepared statement \"up\" does not exist");
  CHECK(pg.Run("DEALLOCATE PREPARE up").code == "26000");
  // A catalog change re-plans; a changed result type is refused as for protocol statements.
  CHECK(pg.Run("PREPARE cnt AS SELECT count(*) FROM " + t).code.empty());
  CHECK(pg.Run("PREPARE star AS SELECT * FROM " + t).code.empty());
  pg.Run("ALTER TABLE " + t + " ADD COLUMN b text");
  CHECK(pg.Run("EXECUTE cnt").Rows() == "4");
  o = pg.Run("EXECUTE star");
  CHECK(o.code == "0A000");
  CHECK(o.message == "cached plan must not change result type");
  CHECK(pg.Run("DEALLOCATE ALL").tag == "DEALLOCATE ALL");
  CHECK(pg.Run("EXECUTE q (1, 1)").code == "26000");
  pg.Run("DROP TABLE " + t);
}

TEST_CASE("one namespace with protocol statements and portals") {
  Pg pg(SharedTarget::Get().ConnString());
  REQUIRE(pg.Run("PREPARE x AS SELECT 1").code.empty());
  Outcome o = Pg::Take(PQprepare(pg.get(), "x", "SELECT 2", 0, nullptr));
  CHECK(o.code == "42P05");
  CHECK(o.message == "prepared statement \"x\" already exists");
  REQUIRE(Pg::Take(PQprepare(pg.get(), "y", "SELECT $1::int * 2", 0, nullptr)).code.empty());
  CHECK(pg.Run("EXECUTE y (21)").Rows() == "42");
  const char* value = "5";
  CHECK(Pg::Take(PQexecPrepared(pg.get(), "x", 0, nullptr, nullptr, nullptr, 0)).Rows() == "1");
  CHECK(Pg::Take(PQexecPrepared(pg.get(), "y", 1, &value, nullptr, nullptr, 0)).Rows() == "10");
  CHECK(pg.Run("DEALLOCATE y").code.empty());
  CHECK(Pg::Take(PQexecPrepared(pg.get(), "y", 1, &value, nullptr, nullptr, 0)).code == "26000");
  // Describe Portal reaches a SQL cursor.
  pg.Run("BEGIN");
  pg.Run("DECLARE cur CURSOR FOR SELECT 1 AS one, 'a'::text AS two");
  PGresult* d = PQdescribePortal(pg.get(), "cur");
  CHECK(PQresultStatus(d) == PGRES_COMMAND_OK);
  CHECK(PQnfields(d) == 2);
  CHECK(std::string(PQfname(d, 1)) == "two");
  PQclear(d);
  pg.Run("ROLLBACK");
  pg.Run("DEALLOCATE ALL");
}

TEST_CASE("libpqxx stateless_cursor and icursorstream") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("pqxxcur");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int, name text)");
  Exec(conn, "INSERT INTO " + t + " SELECT g, 'n' || g FROM generate_series(1, 20) g");
  {
    pqxx::work w(conn);
    pqxx::stateless_cursor<pqxx::cursor_base::read_only, pqxx::cursor_base::owned> cur(
        w, "SELECT id, name FROM " + t + " ORDER BY id", "cur", false);
    CHECK(cur.size() == 20);
    pqxx::result r = cur.retrieve(4, 7);
    REQUIRE(r.size() == 3);
    CHECK(r[0][0].as<int>() == 5);
    CHECK(r[2][1].as<std::string>() == "n7");
    r = cur.retrieve(18, 25);
    REQUIRE(r.size() == 2);
    CHECK(r[1][0].as<int>() == 20);
    CHECK(cur.retrieve(0, 1)[0][0].as<int>() == 1);
    w.commit();
  }
  {
    pqxx::work w(conn);
    pqxx::icursorstream stream(w, "SELECT id FROM " + t + " ORDER BY id", "stream", 8);
    int sum = 0;
    int batches = 0;
    pqxx::result batch;
    while (stream >> batch) {
      ++batches;
      for (const auto& row : batch) sum += row[0].as<int>();
    }
    CHECK(sum == 210);
    CHECK(batches == 3);
    w.commit();
  }
  Exec(conn, "DROP TABLE " + t);
}

TEST_CASE("raw protocol: Bind to a cursor's name, Execute and Describe of a SQL cursor, EXECUTE via Parse") {
  Raw raw;
  CHECK(raw.Round(Frame('Q', Str("BEGIN; DECLARE c SCROLL CURSOR FOR SELECT g FROM generate_series(1, 5) g"))) ==
        "CCZ");
  // A protocol portal may not take a cursor's name.
  CHECK(raw.Round(Parse("", "SELECT 1") + Bind("c", "", {}) + kSync) == "1EZ");
  CHECK(raw.Code() == "42P03");
  CHECK(raw.Message() == "cursor \"c\" already exists");
  CHECK(raw.Round(Frame(
            'Q', Str("ROLLBACK; BEGIN; DECLARE c SCROLL CURSOR FOR SELECT g FROM generate_series(1, 5) g"))) == "CCCZ");
  // Execute reads the cursor forward; Describe shows its columns.
  CHECK(raw.Round(Describe('P', "c") + Execute("c", 2) + kSync) == "TDDsZ");
  CHECK(Values(raw.Nth('D', 1).body)[0] == "2");
  CHECK(raw.Round(Execute("c", 0) + kSync) == "DDDCZ");
  CHECK(raw.Nth('C').body == std::string("SELECT 3") + '\0');
  // FETCH through Parse/Bind/Execute, described as the cursor's rows.
  CHECK(raw.Round(Parse("f", "FETCH BACKWARD 2 FROM c") + Bind("", "f", {}) + Describe('P', "") + Execute("") +
                  kSync) == "12TDDCZ");
  CHECK(Values(raw.Nth('D', 1).body)[0] == "4");
  CHECK(raw.Nth('C').body == std::string("FETCH 2") + '\0');
  // EXECUTE of a SQL-prepared statement through the protocol.
  CHECK(raw.Round(Frame('Q', Str("PREPARE pq (int) AS SELECT $1 + 1 AS n"))) == "CZ");
  CHECK(raw.Round(Parse("", "EXECUTE pq (41)") + Bind("", "", {}) + Describe('P', "") + Execute("") + kSync) ==
        "12TDCZ");
  CHECK(Values(raw.Nth('D').body)[0] == "42");
  CHECK(raw.Round(Frame('Q', Str("ROLLBACK; DEALLOCATE pq"))) == "CCZ");
}

}  // namespace lumadb::integration
