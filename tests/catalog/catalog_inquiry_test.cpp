// CatalogInquiry: pg_table_is_visible, pg_get_userbyid, pg_get_indexdef, pg_get_constraintdef,
// pg_get_viewdef and pg_relation_is_publishable as PostgreSQL 15 answers them; SystemViewQuery.
#include <doctest/doctest.h>

#include "catalog/inquiry.h"
#include "catalog/system_views.h"
#include "catalog_test_util.h"

namespace lumadb::catalog {
namespace {

using testing::ClusterFixture;
using testing::Col;
using testing::MakeDef;

const std::vector<std::string> kPath{"public"};

struct Fixture {
  ClusterFixture f;
  Catalog& db = f.Postgres();
  std::unique_ptr<txn::Transaction> t = f.Begin();
  std::vector<std::string> path = kPath;
  CatalogInquiry inquiry{*f.cluster, db, *t, [this] { return path; }};
  std::shared_ptr<const TableInfo> parent;
  std::shared_ptr<const TableInfo> child;

  Fixture() {
    TableDef p = MakeDef("parent", {Col("id"), Col("code", TypeId::kText)});
    p.keys = {KeyConstraint{"", true, {1}}, KeyConstraint{"", false, {2}}};
    p.checks = {CheckConstraint{"", "id > 0"}};
    parent = db.CreateTable(*t, p, kPath);
    TableDef c = MakeDef("child", {Col("a"), Col("parent_id")});
    ForeignKey fk;
    fk.attnums = {2};
    fk.ref_table_oid = parent->oid;
    fk.ref_attnums = {1};
    fk.on_delete = FkAction::kCascade;
    fk.on_update = FkAction::kSetNull;
    c.foreign_keys = {fk};
    child = db.CreateTable(*t, c, kPath);
  }

  /// pg_get_constraintdef of every constraint, by name (constraint OIDs are handed out in order).
  std::map<std::string, std::string> ConstraintDefs() {
    std::map<std::string, std::string> out;
    for (Oid oid = kFirstNormalObjectId; oid < kFirstNormalObjectId + 64; ++oid) {
      if (auto con = db.ConstraintByOid(*t, oid)) out[con->second] = inquiry.ConstraintDef(oid).value_or("?");
    }
    return out;
  }
};

TEST_CASE("pg_get_constraintdef prints keys, checks and foreign keys as ruleutils.c") {
  Fixture x;
  auto defs = x.ConstraintDefs();
  CHECK(defs["parent_pkey"] == "PRIMARY KEY (id)");
  CHECK(defs["parent_code_key"] == "UNIQUE (code)");
  CHECK(defs["parent_id_check"] == "CHECK (id > 0)");
  CHECK(defs["child_parent_id_fkey"] ==
        "FOREIGN KEY (parent_id) REFERENCES parent(id) ON UPDATE SET NULL ON DELETE CASCADE");
  CHECK_FALSE(x.inquiry.ConstraintDef(x.parent->oid));
}

TEST_CASE("pg_get_indexdef qualifies the table unless pretty and visible") {
  Fixture x;
  IndexDef def;
  def.name = "child_a_idx";
  def.columns = {IndexColumn{2, true, false}, IndexColumn{1, false, true}};
  IndexInfo index = x.db.CreateIndex(*x.t, *x.child, def);
  CHECK(x.inquiry.IndexDef(index.oid, 0, false) ==
        "CREATE INDEX child_a_idx ON public.child USING btree (parent_id DESC NULLS LAST, a NULLS FIRST)");
  CHECK(x.inquiry.IndexDef(index.oid, 0, true) ==
        "CREATE INDEX child_a_idx ON child USING btree (parent_id DESC NULLS LAST, a NULLS FIRST)");
  CHECK(x.inquiry.IndexDef(index.oid, 2, true) == "a");
  CHECK(x.inquiry.IndexDef(x.parent->indexes[0].oid, 0, true).value_or("").starts_with("CREATE UNIQUE INDEX"));
  CHECK_FALSE(x.inquiry.IndexDef(x.parent->oid, 0, true));
}

TEST_CASE("pg_table_is_visible follows the search path; pg_get_userbyid names roles") {
  Fixture x;
  x.db.CreateSchema(*x.t, "other");
  TableDef hidden = MakeDef("parent", {Col("x")});
  hidden.schema = "other";
  auto other = x.db.CreateTable(*x.t, hidden, kPath);
  CHECK(x.inquiry.TableIsVisible(x.parent->oid) == std::optional<bool>(true));
  CHECK(x.inquiry.TableIsVisible(other->oid) == std::optional<bool>(false));
  CHECK(x.inquiry.TableIsVisible(1259) == std::optional<bool>(true));
  CHECK_FALSE(x.inquiry.TableIsVisible(999999));
  CHECK(x.inquiry.UserById(10) == "postgres");
  CHECK(x.inquiry.UserById(4242) == "unknown (OID=4242)");
  CHECK(x.inquiry.RelationIsPublishable(x.parent->oid) == std::optional<bool>(true));
  CHECK(x.inquiry.RelationIsPublishable(1259) == std::optional<bool>(false));
}

TEST_CASE("a later inquiry sees the search path it was given at first use") {
  Fixture x;
  x.db.CreateSchema(*x.t, "other");
  TableDef hidden = MakeDef("only_other", {Col("x")});
  hidden.schema = "other";
  auto other = x.db.CreateTable(*x.t, hidden, kPath);
  x.path = {"other", "public"};
  CatalogInquiry inquiry(*x.f.cluster, x.db, *x.t, [&x] { return x.path; });
  CHECK(inquiry.TableIsVisible(other->oid) == std::optional<bool>(true));
  CHECK(inquiry.TableIsVisible(x.parent->oid) == std::optional<bool>(true));
}

TEST_CASE("system views: the catalogs psql reads") {
  for (const char* name : {"pg_class", "pg_attribute", "pg_index", "pg_am", "pg_inherits", "pg_policy", "pg_trigger",
                           "pg_statistic_ext", "pg_publication", "pg_collation", "pg_database"}) {
    auto query = SystemViewQuery(name);
    REQUIRE(query);
    CHECK(query->starts_with("SELECT"));
  }
  CHECK_FALSE(SystemViewQuery("pg_namespace"));
  CHECK_FALSE(SystemViewQuery("pg_proc"));
}

}  // namespace
}  // namespace lumadb::catalog
