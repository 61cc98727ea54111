// Sequences: CREATE/ALTER/DROP, nextval/setval (non-transactional, durable across restarts and crashes,
// distinct under concurrency), OWNED BY, and reading a sequence as a relation.
#include <algorithm>
#include <set>
#include <thread>

#include <doctest/doctest.h>

#include "catalog/catalog.h"
#include "catalog_test_util.h"
#include "common/row_codec.h"
#include "storage/heap_file.h"
#include "storage/storage_engine.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::Col;
using testing::MakeDef;
using testing::MessageOf;
using testing::SqlStateOf;

const std::vector<std::string> kPath{"public"};

SequenceDef Seq(std::string name) {
  SequenceDef def;
  def.name = std::move(name);
  return def;
}

/// Creates and commits a sequence.
SequenceInfo Create(ClusterFixture& f, Catalog& db, const SequenceDef& def) {
  auto t = f.Begin();
  SequenceInfo seq = db.CreateSequence(*t, def, kPath);
  f.Commit(*t);
  return seq;
}

int64_t Next(ClusterFixture& f, Catalog& db, const std::string& name) {
  auto t = f.Begin();
  int64_t v = db.NextVal(*t, *db.LookupSequence(*t, "", name, kPath));
  f.Commit(*t);
  return v;
}

TEST_CASE("CREATE SEQUENCE takes PostgreSQL's defaults per type and checks the bounds") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  SequenceInfo s = Create(f, db, Seq("s"));
  CHECK(s.type == TypeId::kInt8);
  CHECK(s.start == 1);
  CHECK(s.min_value == 1);
  CHECK(s.max_value == INT64_MAX);
  CHECK(s.increment == 1);
  CHECK(s.cache == 1);
  CHECK_FALSE(s.cycle);
  CHECK(s.schema == "public");
  SequenceDef down = Seq("down");
  down.type = TypeId::kInt2;
  down.increment = -2;
  SequenceInfo d = Create(f, db, down);
  CHECK(d.max_value == -1);
  CHECK(d.min_value == -32768);
  CHECK(d.start == -1);

  auto t = f.Begin();
  auto fails = [&](SequenceDef def) { return MessageOf([&] { db.CreateSequence(*t, def, kPath); }); };
  SequenceDef bad = Seq("bad");
  bad.min_value = 10;
  bad.max_value = 5;
  CHECK(fails(bad) == "MINVALUE (10) must be less than MAXVALUE (5)");
  CHECK(SqlStateOf([&] { db.CreateSequence(*t, bad, kPath); }) == "22023");
  bad = Seq("bad");
  bad.start = 0;
  CHECK(fails(bad) == "START value (0) cannot be less than MINVALUE (1)");
  bad = Seq("bad");
  bad.type = TypeId::kInt4;
  bad.max_value = 1LL << 40;
  CHECK(fails(bad) == "MAXVALUE (1099511627776) is out of range for sequence data type integer");
  bad = Seq("bad");
  bad.increment = 0;
  CHECK(fails(bad) == "INCREMENT must not be zero");
  bad = Seq("bad");
  bad.cache = 0;
  CHECK(fails(bad) == "CACHE (0) must be greater than zero");
  bad = Seq("bad");
  bad.type = TypeId::kText;
  CHECK(fails(bad) == "sequence type must be smallint, integer, or bigint");
  CHECK(SqlStateOf([&] { db.CreateSequence(*t, Seq("s"), kPath); }) == "42P07");
  db.CreateTable(*t, MakeDef("tab", {Col("a")}), kPath);
  CHECK(MessageOf([&] { db.CreateSequence(*t, Seq("tab"), kPath); }) == "relation \"tab\" already exists");
  CHECK(SqlStateOf([&] { db.CreateTable(*t, MakeDef("s", {Col("a")}), kPath); }) == "42P07");
  f.Commit(*t);
}

TEST_CASE("nextval counts, cycles, stops at the bound; setval checks it; neither is rolled back") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  SequenceDef def = Seq("s");
  def.start = 3;
  def.min_value = 1;
  def.max_value = 5;
  def.increment = 2;
  Create(f, db, def);
  CHECK(Next(f, db, "s") == 3);
  auto t = f.Begin();
  auto s = *db.LookupSequence(*t, "", "s", kPath);
  CHECK(db.NextVal(*t, s) == 5);
  f.Abort(*t);  // not undone
  t = f.Begin();
  CHECK(db.SequenceState(*t, s) == std::make_pair<int64_t, bool>(5, true));
  CHECK(SqlStateOf([&] { db.NextVal(*t, s); }) == "2200H");
  CHECK(MessageOf([&] { db.NextVal(*t, s); }) == "nextval: reached maximum value of sequence \"s\" (5)");
  CHECK(MessageOf([&] { db.SetVal(*t, s, 0, true); }) == "setval: value 0 is out of bounds for sequence \"s\" (1..5)");
  CHECK(SqlStateOf([&] { db.SetVal(*t, s, 6, true); }) == "22003");
  db.SetVal(*t, s, 2, false);
  CHECK(db.NextVal(*t, s) == 2);
  db.SetVal(*t, s, 2, true);
  CHECK(db.NextVal(*t, s) == 4);
  f.Commit(*t);

  SequenceDef cyc = Seq("c");
  cyc.max_value = 3;
  cyc.cycle = true;
  Create(f, db, cyc);
  std::vector<int64_t> got;
  for (int i = 0; i < 7; ++i) got.push_back(Next(f, db, "c"));
  CHECK(got == std::vector<int64_t>{1, 2, 3, 1, 2, 3, 1});
  SequenceDef desc = Seq("d");
  desc.increment = -1;
  desc.min_value = -2;
  Create(f, db, desc);
  CHECK(Next(f, db, "d") == -1);
  CHECK(Next(f, db, "d") == -2);
  CHECK(MessageOf([&] { Next(f, db, "d"); }) == "nextval: reached minimum value of sequence \"d\" (-2)");
}

TEST_CASE("a sequence reads as a relation: last_value, log_cnt, is_called") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  Create(f, db, Seq("s"));
  CHECK(Next(f, db, "s") == 1);
  CHECK(Next(f, db, "s") == 2);
  auto t = f.Begin();
  auto rel = db.LookupTable(*t, "", "s", kPath);
  REQUIRE(rel);
  CHECK(rel->relkind == 'S');
  REQUIRE(rel->columns.size() == 3);
  CHECK(rel->columns[0].name == "last_value");
  CHECK(rel->columns[2].type.id == TypeId::kBool);
  std::vector<TypeId> types{TypeId::kInt8, TypeId::kInt8, TypeId::kBool};
  auto it = db.Heap(*rel).Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  REQUIRE(it.Next(&rid, &bytes));
  Row row = DecodeRow(types, bytes);
  CHECK(row[0].GetInt() == 2);
  CHECK(row[1].GetInt() == 31);  // PostgreSQL shows log_cnt 31 after the second nextval
  CHECK(row[2].GetBool());
  CHECK_FALSE(it.Next(&rid, &bytes));
  f.Commit(*t);
}

TEST_CASE("sequences continue exactly after a clean restart and never repeat after a crash") {
  ClusterFixture f;
  Create(f, f.Postgres(), Seq("s"));
  for (int i = 1; i <= 5; ++i) CHECK(Next(f, f.Postgres(), "s") == i);
  f.Restart();
  CHECK(Next(f, f.Postgres(), "s") == 6);

  int64_t highest = 0;
  for (int i = 0; i < 40; ++i) highest = Next(f, f.Postgres(), "s");  // crosses a logged bound
  CHECK(highest == 46);
  f.Crash();
  int64_t after = Next(f, f.Postgres(), "s");
  CHECK(after > highest);
  CHECK(after <= highest + 33);  // at most the values logged ahead are skipped
  f.Crash();
  CHECK(Next(f, f.Postgres(), "s") > after);
}

TEST_CASE("concurrent nextval calls hand out distinct values") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  SequenceInfo s = Create(f, db, Seq("s"));
  constexpr int kThreads = 4;
  constexpr int kEach = 200;
  std::vector<std::vector<int64_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < kEach; ++n) {
        auto t = f.Begin();
        got[i].push_back(db.NextVal(*t, s));
        f.Commit(*t);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<int64_t> all;
  for (const auto& v : got) all.insert(v.begin(), v.end());
  CHECK(all.size() == kThreads * kEach);
  CHECK(*all.rbegin() == kThreads * kEach);
}

TEST_CASE("OWNED BY: serial-style sequences are named after the column and dropped with the table") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  TableDef def = MakeDef("t", {Col("id"), Col("x")});
  def.columns[0].identity = 'a';
  auto table = db.CreateTable(*t, def, kPath);
  SequenceDef owned;
  owned.type = TypeId::kInt4;
  owned.owned_by_table = table->oid;
  owned.owned_by_attnum = 1;
  SequenceInfo seq = db.CreateSequence(*t, owned, kPath);
  CHECK(seq.name == "t_id_seq");
  CHECK(seq.max_value == INT32_MAX);
  CHECK(seq.owned_by_table == table->oid);
  auto with_seq = db.TableByOid(*t, table->oid);
  CHECK(with_seq->columns[0].identity == 'a');
  CHECK(with_seq->columns[0].identity_sequence == seq.oid);
  CHECK(with_seq->columns[1].identity_sequence == 0);
  f.Commit(*t);

  f.Restart();
  Catalog& again = f.Postgres();
  t = f.Begin();
  auto reread = again.SequenceByOid(*t, seq.oid);
  REQUIRE(reread);
  CHECK(reread->owned_by_attnum == 1);
  CHECK(again.TableByOid(*t, table->oid)->columns[0].identity_sequence == seq.oid);
  again.DropTable(*t, *again.TableByOid(*t, table->oid));
  CHECK_FALSE(again.SequenceByOid(*t, seq.oid));
  f.Commit(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(seq.file));
}

TEST_CASE("a sequence created before its table becomes OWNED BY the column naming it") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  auto t = f.Begin();
  SequenceInfo seq = db.CreateSequence(*t, Seq("early_seq"), kPath);
  TableDef def = MakeDef("t", {Col("x"), Col("id", TypeId::kInt8)});
  def.columns[1].identity = 'd';
  def.columns[1].identity_sequence = seq.oid;
  auto table = db.CreateTable(*t, def, kPath);
  CHECK(table->columns[1].identity == 'd');
  CHECK(table->columns[1].identity_sequence == seq.oid);
  CHECK(db.SequenceByOid(*t, seq.oid)->owned_by_attnum == 2);
  // ALTER TABLE DROP COLUMN x: the sequence follows its column to attnum 1.
  TableInfo altered = *table;
  altered.columns.erase(altered.columns.begin());
  auto after = db.ReplaceTableDef(*t, *table, altered, true);
  CHECK(after->columns[0].identity_sequence == seq.oid);
  CHECK(db.SequenceByOid(*t, seq.oid)->owned_by_attnum == 1);
  f.Commit(*t);
}

TEST_CASE("ALTER SEQUENCE changes parameters transactionally; RESTART sets the next value") {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  SequenceInfo s = Create(f, db, Seq("s"));
  CHECK(Next(f, db, "s") == 1);
  auto t = f.Begin();
  SequenceDef change;
  change.increment = 10;
  change.restart = 100;
  SequenceInfo altered = db.AlterSequence(*t, s, change);
  CHECK(altered.increment == 10);
  CHECK(db.NextVal(*t, altered) == 100);
  CHECK(db.NextVal(*t, altered) == 110);
  SequenceDef bad;
  bad.max_value = 50;
  CHECK(MessageOf([&] { db.AlterSequence(*t, altered, bad); }) ==
        "RESTART value (110) cannot be greater than MAXVALUE (50)");
  f.Abort(*t);
  t = f.Begin();
  CHECK(db.SequenceByOid(*t, s.oid)->increment == 1);
  db.DropSequence(*t, s);
  CHECK_FALSE(db.LookupSequence(*t, "", "s", kPath));
  f.Abort(*t);
  t = f.Begin();
  CHECK(db.LookupSequence(*t, "", "s", kPath));
  SequenceInfo gone = db.CreateSequence(*t, Seq("gone"), kPath);
  f.Abort(*t);
  CHECK_FALSE(f.cluster->storage().FileExists(gone.file));
  t = f.Begin();
  CHECK_FALSE(db.LookupSequence(*t, "", "gone", kPath));
  f.Commit(*t);
}

}  // namespace
}  // namespace lumadb::catalog
