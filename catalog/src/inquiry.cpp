// System information functions over the catalog (see inquiry.h); the text follows PostgreSQL 15's
// ruleutils.c (pg_get_indexdef_worker, pg_get_constraintdef_worker) for what LumaDB's catalog can hold.
#include "catalog/inquiry.h"

#include <algorithm>

#include "common/reg_names.h"

namespace lumadb::catalog {
namespace {

const ColumnInfo* ColumnByAttnum(const TableInfo& table, int16_t attnum) {
  for (const ColumnInfo& c : table.columns) {
    if (c.attnum == attnum) return &c;
  }
  return nullptr;
}

// "a, b" of attnums, each name quoted as quote_identifier does.
std::string ColumnList(const TableInfo& table, const std::vector<int16_t>& attnums) {
  std::string out;
  for (int16_t attnum : attnums) {
    const ColumnInfo* c = ColumnByAttnum(table, attnum);
    out += (out.empty() ? "" : ", ") + (c ? QuoteIdentifier(c->name) : std::to_string(attnum));
  }
  return out;
}

// ruleutils.c's foreign key action words.
const char* ActionText(FkAction action) {
  switch (action) {
    case FkAction::kRestrict:
      return "RESTRICT";
    case FkAction::kCascade:
      return "CASCADE";
    case FkAction::kSetNull:
      return "SET NULL";
    case FkAction::kSetDefault:
      return "SET DEFAULT";
    default:
      return nullptr;
  }
}

}  // namespace

CatalogInquiry::CatalogInquiry(Cluster& cluster, Catalog& catalog, txn::Transaction& txn,
                               std::function<std::vector<std::string>()> search_path)
    : cluster_(cluster), catalog_(catalog), txn_(txn), compute_path_(std::move(search_path)) {}

const std::vector<std::string>& CatalogInquiry::SearchPath() {
  if (!path_) path_ = compute_path_ ? compute_path_() : std::vector<std::string>{};
  return *path_;
}

std::optional<bool> CatalogInquiry::TableIsVisible(Oid oid) {
  auto name = catalog_.RelationNameByOid(txn_, oid);
  if (!name) return std::nullopt;
  const std::vector<std::string>& path = SearchPath();
  if (name->first != "pg_catalog" && std::find(path.begin(), path.end(), name->first) == path.end()) return false;
  return catalog_.LookupRelationOid(txn_, "", name->second, path) == oid;
}

std::string CatalogInquiry::UserById(Oid oid) {
  auto role = cluster_.RoleByOid(txn_, oid);
  return role ? role->name : "unknown (OID=" + std::to_string(oid) + ")";
}

std::string CatalogInquiry::RelationName(const TableInfo& table) {
  const std::vector<std::string>& path = SearchPath();
  const bool listed = table.schema == "pg_catalog" || std::find(path.begin(), path.end(), table.schema) != path.end();
  if (listed && catalog_.LookupRelationOid(txn_, "", table.name, path) == table.oid) {
    return QuoteIdentifier(table.name);
  }
  return QuoteIdentifier(table.schema) + "." + QuoteIdentifier(table.name);
}

std::optional<std::string> CatalogInquiry::IndexDef(Oid oid, int column, bool pretty) {
  auto name = catalog_.RelationNameByOid(txn_, oid);
  if (!name) return std::nullopt;
  auto found = catalog_.LookupIndex(txn_, name->first, name->second, {});
  if (!found) return std::nullopt;
  const TableInfo& table = *found->first;
  const IndexInfo& index = found->second;
  if (column > 0) {
    if (static_cast<size_t>(column) > index.columns.size()) return std::string();
    return ColumnList(table, {index.columns[column - 1].attnum});
  }
  std::string keys;
  for (const IndexColumn& c : index.columns) {
    keys += (keys.empty() ? "" : ", ") + ColumnList(table, {c.attnum});
    // SQL's default is NULLS LAST for ASC and NULLS FIRST for DESC; only the other choice is printed.
    if (c.descending) keys += c.nulls_first ? " DESC" : " DESC NULLS LAST";
    if (!c.descending && c.nulls_first) keys += " NULLS FIRST";
  }
  const std::string rel =
      pretty ? RelationName(table) : QuoteIdentifier(table.schema) + "." + QuoteIdentifier(table.name);
  return std::string(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + QuoteIdentifier(index.name) + " ON " +
         rel + " USING btree (" + keys + ")";
}

std::optional<std::string> CatalogInquiry::ConstraintDef(Oid oid) {
  auto con = catalog_.ConstraintByOid(txn_, oid);
  if (!con) return std::nullopt;
  auto table = catalog_.TableByOid(txn_, con->first);
  if (!table) return std::nullopt;
  for (const KeyConstraint& k : table->keys) {
    if (k.name == con->second) {
      return std::string(k.primary ? "PRIMARY KEY (" : "UNIQUE (") + ColumnList(*table, k.attnums) + ")";
    }
  }
  for (const CheckConstraint& c : table->checks) {
    if (c.name == con->second) return "CHECK (" + c.expr + ")" + (c.not_valid ? " NOT VALID" : "");
  }
  for (const ForeignKey& fk : table->foreign_keys) {
    if (fk.name != con->second) continue;
    auto ref = catalog_.TableByOid(txn_, fk.ref_table_oid);
    if (!ref) return std::nullopt;
    std::string out = "FOREIGN KEY (" + ColumnList(*table, fk.attnums) + ") REFERENCES " + RelationName(*ref) + "(" +
                      ColumnList(*ref, fk.ref_attnums) + ")";
    if (const char* action = ActionText(fk.on_update)) out += std::string(" ON UPDATE ") + action;
    if (const char* action = ActionText(fk.on_delete)) out += std::string(" ON DELETE ") + action;
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> CatalogInquiry::ViewDef(Oid oid) {
  auto table = catalog_.TableByOid(txn_, oid);
  if (!table || (table->relkind != 'v' && table->relkind != 'm')) return std::nullopt;
  return " " + table->view_query + ";";
}

std::optional<bool> CatalogInquiry::RelationIsPublishable(Oid oid) {
  auto table = catalog_.TableByOid(txn_, oid);
  if (!table) return std::nullopt;
  return table->relkind == 'r' && table->namespace_oid != kPgCatalogNamespace && table->oid >= kFirstNormalObjectId &&
         !table->schema.starts_with("pg_temp");
}

}  // namespace lumadb::catalog
