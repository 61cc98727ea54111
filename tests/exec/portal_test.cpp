// Prepared statements and portals (exec/portal.h): plan once, run with max_rows, resume, buffer RETURNING
// rows, re-plan after DDL, and $n parameters typed from their context as PostgreSQL's parse_param.c.
#include "exec/portal.h"

#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::exec::Portal;
using lumadb::exec::PreparedStatement;
using lumadb::exec::testing::RecordingSink;
using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;
namespace lumadb {
namespace {

// A session transaction that prepares and runs portals.
class PortalFixture {
 public:
  PortalFixture() { s.Begin(); }
  std::shared_ptr<const PreparedStatement> Prepare(const std::string& sql, const std::vector<Oid>& oids = {}) {
    auto stmts = parser::Parse(sql);
    REQUIRE(stmts.size() == 1);
    std::shared_ptr<const ast::Statement> stmt(std::move(stmts[0]));
    auto ctx = Context();
    return PreparedStatement::Prepare(stmt, sql, oids, ctx);
  }
  DbError PrepareError(const std::string& sql, const std::vector<Oid>& oids = {}) {
    try {
      Prepare(sql, oids);
    } catch (const DbError& e) {
      return e;
    }
    FAIL("expected an error preparing: " << sql);
    return DbError(sqlstate::kInternalError, "unreachable");
  }
  std::optional<std::string> Run(Portal& portal, int64_t max_rows) {
    sink = RecordingSink{};
    auto ctx = Context();
    return portal.Run(ctx, sink, max_rows);
  }
  exec::SessionContext Context() { return s.Context(*s.Transaction()); }

  TestSession s;
  RecordingSink sink;
};

TEST_CASE("a portal stops after max_rows rows and resumes") {
  PortalFixture f;
  f.s.Run("CREATE TABLE t (id int PRIMARY KEY, v text)");
  f.s.Run("INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 5) g");
  auto stmt = f.Prepare("SELECT id, v FROM t ORDER BY id");
  CHECK(stmt->command() == "SELECT");
  CHECK(stmt->param_types().empty());
  REQUIRE(stmt->result_columns().has_value());
  CHECK(stmt->result_columns()->size() == 2);
  CHECK((*stmt->result_columns())[1].name == "v");
  Portal portal(stmt, {});
  CHECK(f.Run(portal, 2) == std::nullopt);
  CHECK(f.sink.rows_ == Rows{"1|v1", "2|v2"});
  CHECK(!portal.done());
  CHECK(f.Run(portal, 2) == std::nullopt);
  CHECK(f.sink.rows_ == Rows{"3|v3", "4|v4"});
  CHECK(f.Run(portal, 2) == "SELECT 1");
  CHECK(f.sink.rows_ == Rows{"5|v5"});
  CHECK(portal.done());
  CHECK(f.Run(portal, 2) == "SELECT 1");
  CHECK(f.sink.rows_.empty());
  // One plan serves several portals, each with its own run state.
  Portal a(stmt, {});
  Portal b(stmt, {});
  CHECK(f.Run(a, 1) == std::nullopt);
  CHECK(f.Run(b, 0) == "SELECT 5");
  CHECK(f.Run(a, 0) == "SELECT 4");
}

TEST_CASE("a modifying portal runs to completion and hands out its RETURNING rows") {
  PortalFixture f;
  f.s.Run("CREATE TABLE t (id int PRIMARY KEY, n int)");
  auto ins = f.Prepare("INSERT INTO t SELECT g, g * 10 FROM generate_series(1, 3) g RETURNING id");
  CHECK(ins->command() == "INSERT");
  REQUIRE(ins->result_columns().has_value());
  Portal portal(ins, {});
  CHECK(f.Run(portal, 2) == std::nullopt);
  CHECK(f.sink.rows_ == Rows{"1", "2"});
  // Every row is in already, though only two were handed out (PORTAL_ONE_RETURNING).
  CHECK(f.s.Rows("SELECT count(*) FROM t") == Rows{"3"});
  CHECK(f.Run(portal, 2) == "INSERT 0 1");
  CHECK(f.sink.rows_ == Rows{"3"});

  auto upd = f.Prepare("UPDATE t SET n = n + 1");
  CHECK(upd->command() == "UPDATE");
  CHECK(!upd->result_columns().has_value());
  Portal up(upd, {});
  CHECK(f.Run(up, 1) == "UPDATE 3");
  CHECK(f.sink.rows_.empty());
  Portal del(f.Prepare("DELETE FROM t WHERE id > 1"), {});
  CHECK(f.Run(del, 0) == "DELETE 2");
}

TEST_CASE("utility statements run through ExecuteStatement; the catalog version marks plans stale") {
  PortalFixture f;
  auto create = f.Prepare("CREATE TABLE u (a int)");
  CHECK(create->command() == "CREATE TABLE");
  CHECK(!create->result_columns().has_value());
  auto before = f.Prepare("SELECT 1");
  CHECK(!before->Stale(f.Context().catalog));
  Portal p(create, {});
  CHECK(f.Run(p, 0) == "CREATE TABLE");
  // The catalog version moves when a DDL transaction ends.
  f.s.Commit();
  f.s.Begin();
  CHECK(before->Stale(f.Context().catalog));
  auto sel = f.Prepare("SELECT a FROM u");
  CHECK(!sel->Stale(f.Context().catalog));
  f.s.Commit();
  f.s.Run("ALTER TABLE u ADD COLUMN b int");
  f.s.Begin();
  CHECK(sel->Stale(f.Context().catalog));
  auto explain = f.Prepare("EXPLAIN SELECT a FROM u");
  CHECK(explain->command() == "EXPLAIN");
  REQUIRE(explain->result_columns().has_value());
  CHECK((*explain->result_columns())[0].name == "QUERY PLAN");
  Portal e(explain, {});
  CHECK(f.Run(e, 1) == std::nullopt);
  CHECK(f.sink.rows_.size() == 1);
  CHECK(f.Run(e, 0) == "EXPLAIN");
  CHECK(f.PrepareError("SELECT nope FROM u").code() == sqlstate::kUndefinedColumn);
}

TEST_CASE("an error leaves the portal failed") {
  PortalFixture f;
  Portal p(f.Prepare("SELECT 1 / g FROM generate_series(1, 0, -1) g"), {});
  CHECK(f.Run(p, 1) == std::nullopt);
  CHECK_THROWS_AS(f.Run(p, 1), DbError);
  CHECK(!p.done());
  try {
    f.Run(p, 1);
    FAIL("a failed portal ran");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kObjectNotInPrerequisiteState);
  }
}

TEST_CASE("parameters: inferred types, values per portal, index scans keyed by a parameter") {
  PortalFixture f;
  f.s.Run("CREATE TABLE acc (aid int PRIMARY KEY, bid int, abalance int, filler char(84))");
  f.s.Run("CREATE TABLE hist (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
  f.s.Run("INSERT INTO acc SELECT g, 1, 0, '' FROM generate_series(1, 100) g");
  auto select = f.Prepare("SELECT abalance FROM acc WHERE aid = $1");
  CHECK(select->param_types() == std::vector<TypeDesc>{{TypeId::kInt4, -1}});
  REQUIRE(select->plan() != nullptr);
  CHECK(planner::ExplainText(*select->plan(), {false, false, false})[0] == "Index Scan using acc_pkey on acc");
  auto update = f.Prepare("UPDATE acc SET abalance = abalance + $1 WHERE aid = $2");
  CHECK(update->param_types() == std::vector<TypeDesc>{{TypeId::kInt4, -1}, {TypeId::kInt4, -1}});
  CHECK(planner::ExplainText(*update->plan(), {false, false, false})[1] == "  ->  Index Scan using acc_pkey on acc");
  auto insert = f.Prepare("INSERT INTO hist (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)");
  CHECK(insert->param_types().size() == 4);

  for (int aid : {7, 42}) {
    Portal up(update, {Value::Int4(aid * 10), Value::Int4(aid)});
    CHECK(f.Run(up, 0) == "UPDATE 1");
    Portal sel(select, {Value::Int4(aid)});
    CHECK(f.Run(sel, 0) == "SELECT 1");
    CHECK(f.sink.rows_ == Rows{std::to_string(aid * 10)});
    Portal ins(insert, {Value::Int4(1), Value::Int4(1), Value::Int4(aid), Value::Int4(aid * 10)});
    CHECK(f.Run(ins, 0) == "INSERT 0 1");
  }
  Portal none(select, {Value::Int4(1000)});
  CHECK(f.Run(none, 0) == "SELECT 0");
  Portal null_key(select, {Value::Null(TypeId::kInt4)});
  CHECK(f.Run(null_key, 0) == "SELECT 0");
  CHECK(f.s.Rows("SELECT aid, delta FROM hist ORDER BY aid") == Rows{"7|70", "42|420"});

  // A client-given type the context coerces: int8 against an int4 key still uses the index.
  auto wide = f.Prepare("SELECT abalance FROM acc WHERE aid = $1", {20});
  CHECK(wide->param_types() == std::vector<TypeDesc>{{TypeId::kInt8, -1}});
  Portal w(wide, {Value::Int8(42)});
  CHECK(f.Run(w, 0) == "SELECT 1");
  CHECK(f.sink.rows_ == Rows{"420"});
}

TEST_CASE("parameter errors") {
  PortalFixture f;
  auto err = f.PrepareError("SELECT $1 IS NULL");
  CHECK(err.code() == sqlstate::kIndeterminateDatatype);
  CHECK(std::string(err.message()) == "could not determine data type of parameter $1");
  auto oid = f.PrepareError("SELECT $1", {999999});
  CHECK(oid.code() == sqlstate::kUndefinedObject);
  CHECK(std::string(oid.message()) == "type with OID 999999 does not exist");
  auto text = f.Prepare("SELECT $1");
  CHECK(text->param_types() == std::vector<TypeDesc>{{TypeId::kText, -1}});
  try {
    Portal p(text, {}, "s1");
    FAIL("a portal with too few values was made");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kProtocolViolation);
    CHECK(std::string(e.message()) == "bind message supplies 0 parameters, but prepared statement \"s1\" requires 1");
  }
  // The simple protocol has no parameters.
  auto simple = f.s.Error("SELECT $1");
  CHECK(simple.code() == sqlstate::kUndefinedParameter);
  CHECK(std::string(simple.message()) == "there is no parameter $1");
}

}  // namespace
}  // namespace lumadb
