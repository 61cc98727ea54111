// COPY (issue 5): libpqxx stream_to/stream_from, psql COPY FROM STDIN / \copy / COPY TO STDOUT, bad data
// errors with PostgreSQL's CONTEXT leaving the table unchanged, and `pgbench -i` (COPY ... WITH (FREEZE ON)).
#include <cstdio>
#include <string>
#include <tuple>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "sql_helpers.h"
#include "test_server.h"
#include <sys/wait.h>

namespace lumadb::integration {
namespace {

/// Runs a shell command; returns its exit status, its stdout and stderr in *out.
int Shell(const std::string& cmd, std::string* out) {
  FILE* pipe = ::popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof(buf), pipe)) out->append(buf, n);
  int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// psql on the shared target, reading `input` from stdin.
int Psql(const std::string& args, const std::string& input, std::string* out) {
  const std::string conn = SharedTarget::Get().ConnString();
  return Shell("printf '" + input + "' | psql -X -q -v ON_ERROR_STOP=1 '" + conn + "' " + args, out);
}

}  // namespace

TEST_CASE("libpqxx stream_to and stream_from use COPY") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("copy_stream");
  Exec(conn, "CREATE TABLE " + t + " (id serial, a int NOT NULL, b text, c float8)");
  {
    pqxx::work tx(conn);
    pqxx::stream_to out(tx, t, std::vector<std::string>{"a", "b", "c"});
    out << std::make_tuple(1, std::string("tab\there"), 1.5);
    out << std::make_tuple(2, std::string("back\\slash\nnewline"), -0.25);
    out << std::make_tuple(3, std::string("z"), 0.0);
    out.complete();
    tx.commit();
  }
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "3");
  CHECK(Scalar(conn, "SELECT min(id) || '-' || max(id) FROM " + t) == "1-3");
  CHECK(Scalar(conn, "SELECT b FROM " + t + " WHERE a = 2") == "back\\slash\nnewline");
  const std::string u = TableName("copy_stream_from");
  Exec(conn, "CREATE TABLE " + u + " (a int, b text)");
  Exec(conn, "INSERT INTO " + u + " SELECT a, b FROM " + t + " ORDER BY a");
  pqxx::work tx(conn);
  pqxx::stream_from in(tx, u);
  std::tuple<int, std::string> row;
  std::vector<std::string> seen;
  while (in >> row) seen.push_back(std::to_string(std::get<0>(row)) + "=" + std::get<1>(row));
  in.complete();
  CHECK(seen == std::vector<std::string>{"1=tab\there", "2=back\\slash\nnewline", "3=z"});
}

TEST_CASE("psql: COPY FROM STDIN, \\copy and COPY TO STDOUT in text and csv") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("copy_psql");
  Exec(conn, "CREATE TABLE " + t + " (a int PRIMARY KEY, b text, c int DEFAULT 7)");
  std::string out;
  CHECK(Psql("-c 'COPY " + t + " (a, b) FROM STDIN'", "1\\tone\\n2\\t\\\\N\\n", &out) == 0);
  CHECK(Psql("-c '\\copy " + t + " FROM STDIN WITH (FORMAT csv, HEADER)'", "a,b,c\\n3,\"x,y\",\\n", &out) == 0);
  CHECK(out.empty());
  out.clear();
  CHECK(Psql("-c 'COPY " + t + " TO STDOUT WITH (FORMAT csv, FORCE_QUOTE (b))'", "", &out) == 0);
  CHECK(out == "1,\"one\",7\n2,,7\n3,\"x,y\",\n");
  out.clear();
  CHECK(Psql("-c 'COPY (SELECT a, b FROM " + t + " ORDER BY a DESC) TO STDOUT'", "", &out) == 0);
  CHECK(out == "3\tx,y\n2\t\\N\n1\tone\n");
}

TEST_CASE("bad COPY data: 22P04 / 22P02 with CONTEXT, nothing stays in the table") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("copy_bad");
  Exec(conn, "CREATE TABLE " + t + " (a int NOT NULL, b text, c int CHECK (c > 0))");
  Exec(conn, "INSERT INTO " + t + " VALUES (100, 'kept', 1)");
  struct Case {
    std::string data, error, context;
  };
  const std::vector<Case> cases{
      {"1\\tx\\t1\\n2\\tx\\tabc\\n", "ERROR:  invalid input syntax for type integer: \"abc\"",
       "CONTEXT:  COPY " + t + ", line 2, column c: \"abc\""},
      {"1\\tx\\t1\\n1\\n", "ERROR:  missing data for column \"b\"", "CONTEXT:  COPY " + t + ", line 2: \"1\""},
      {"1\\tx\\t1\\t4\\n", "ERROR:  extra data after last expected column",
       "CONTEXT:  COPY " + t + ", line 1: \"1\tx\t1\t4\""},
      {"1\\tx\\t-1\\n", "ERROR:  new row for relation \"" + t + "\" violates check constraint \"" + t + "_c_check\"",
       "CONTEXT:  COPY " + t + ", line 1: \"1\tx\t-1\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.data);
    std::string out;
    CHECK(Psql("-c 'COPY " + t + " FROM STDIN'", c.data, &out) != 0);
    CHECK(out.find(c.error) != std::string::npos);
    CHECK(out.find(c.context) != std::string::npos);
  }
  // An input function's own context line comes first, then COPY's (PostgreSQL's context stack).
  const std::string j = TableName("copy_badjson");
  Exec(conn, "CREATE TABLE " + j + " (j json)");
  std::string out;
  CHECK(Psql("-c 'COPY " + j + " FROM STDIN'", "{\"a\":1}\\n{bad\\n", &out) != 0);
  CHECK(out.find("CONTEXT:  JSON data, line 1: {bad\nCOPY " + j + ", line 2, column j: \"{bad\"") != std::string::npos);
  Exec(conn, "DROP TABLE " + j);
  CHECK(Psql("-c 'COPY " + t + " FROM STDIN (FORMAT csv)'", "1,\"abc\\n", &out) != 0);
  CHECK(out.find("ERROR:  unterminated CSV quoted field") != std::string::npos);
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "1");
  CHECK(SqlStateOf(conn, "COPY " + t + " FROM STDIN (FORMAT xml)") == "22023");
  CHECK(SqlStateOf(conn, "COPY " + t + " (a, a) FROM STDIN") == "42701");
  CHECK(SqlStateOf(conn, "COPY " + t + " (zz) FROM STDIN") == "42703");
  CHECK(SqlStateOf(conn, "COPY " + t + " FROM STDIN (FORMAT csv, FORCE_QUOTE *)") == "0A000");
  CHECK(SqlStateOf(conn, "COPY " + t + " TO 'relative.txt'") == "42602");
}

TEST_CASE("COPY stores rows in batches: unique violations as PostgreSQL's multi-insert reports them") {
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("copy_batch");
  const std::string parent = TableName("copy_batch_parent");
  Exec(conn, "CREATE TABLE " + parent + " (k int PRIMARY KEY)");
  Exec(conn, "INSERT INTO " + parent + " VALUES (1), (2)");
  Exec(conn, "CREATE TABLE " + t + " (id serial PRIMARY KEY, a int UNIQUE, b text NOT NULL, k int REFERENCES " +
                 parent + ")");
  Exec(conn, "INSERT INTO " + t + " (a, b) VALUES (0, 'kept')");
  std::string out;
  // The duplicate of line 3 is found when the batch is stored, after the NOT NULL error of line 4: as in
  // PostgreSQL, whose CONTEXT for an error found at a flush names the line without its text.
  CHECK(Psql("-c 'COPY " + t + " (a, b) FROM STDIN'", "1\tx\n2\ty\n1\tz\n", &out) != 0);
  CHECK(out.find("ERROR:  duplicate key value violates unique constraint \"" + t + "_a_key\"") != std::string::npos);
  CHECK(out.find("DETAIL:  Key (a)=(1) already exists.") != std::string::npos);
  CHECK(out.find("CONTEXT:  COPY " + t + ", line 3\n") != std::string::npos);
  out.clear();
  CHECK(Psql("-c 'COPY " + t + " (a, b) FROM STDIN'", "1\tx\n2\ty\n1\tz\n3\t\\\\N\n", &out) != 0);
  CHECK(out.find("violates not-null constraint") != std::string::npos);
  CHECK(out.find("CONTEXT:  COPY " + t + ", line 4: ") != std::string::npos);
  // 2500 rows (three batches) with a duplicate in the last batch: nothing of the COPY stays.
  std::string rows;
  for (int i = 1; i <= 2500; ++i) rows += std::to_string(i == 2400 ? 5 : i) + "\\tr\\t1\\n";
  out.clear();
  CHECK(Psql("-c 'COPY " + t + " (a, b, k) FROM STDIN'", rows, &out) != 0);
  CHECK(out.find("CONTEXT:  COPY " + t + ", line 2400\n") != std::string::npos);
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t) == "1");
  // Without the duplicate: all rows, serial values in input order, the foreign key checked at the end.
  rows.clear();
  for (int i = 1; i <= 2500; ++i) rows += std::to_string(i) + "\\tr\\t" + (i == 2500 ? "3" : "1") + "\\n";
  out.clear();
  CHECK(Psql("-c 'COPY " + t + " (a, b, k) FROM STDIN'", rows, &out) != 0);
  CHECK(out.find("violates foreign key constraint") != std::string::npos);
  rows.replace(rows.rfind("\\t3"), 3, "\\t2");
  out.clear();
  CHECK_MESSAGE(Psql("-c 'COPY " + t + " (a, b, k) FROM STDIN'", rows, &out) == 0, out);
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE id - a = (SELECT min(id) - 1 FROM " + t + " WHERE a > 0)") ==
        "2500");
  CHECK(Scalar(conn, "SELECT count(*) FROM " + t + " WHERE a BETWEEN 1000 AND 1999") == "1000");  // via the index
  Exec(conn, "DROP TABLE " + t + ", " + parent);
}

TEST_CASE("pgbench -i loads pgbench_accounts through COPY and -S runs" * doctest::skip(IsExternal())) {
  ServerProcess server;
  const Endpoint e = server.endpoint();
  const std::string args = " -h " + e.host + " -p " + std::to_string(e.port) + " -U postgres postgres";
  std::string out;
  CHECK(Shell("/usr/lib/postgresql/15/bin/pgbench -i -s 1" + args, &out) == 0);
  INFO(out);
  pqxx::connection conn(ConnString(e, "postgres", "postgres"));
  CHECK(Scalar(conn, "SELECT count(*) FROM pgbench_accounts") == "100000");
  CHECK(Scalar(conn, "SELECT sum(bid) FROM pgbench_accounts") == "100000");
  out.clear();
  CHECK(Shell("/usr/lib/postgresql/15/bin/pgbench -S -t 50" + args, &out) == 0);
  CHECK(out.find("number of transactions actually processed: 50/50") != std::string::npos);
}

}  // namespace lumadb::integration
