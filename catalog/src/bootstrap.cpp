#include "bootstrap.h"

#include <charconv>

#include "catalog_table.h"
#include "common/error.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

Value Name(std::string_view s) {
  return Value::String(std::string(s), TypeId::kName);
}
Value Char(char c) {
  return Value::String(std::string(1, c), TypeId::kBpchar);
}

CatalogTable Table(storage::StorageEngine& storage, Oid db, Oid rel) {
  const SystemRelation& sys = SystemRelationById(rel);
  return CatalogTable(storage.Heap(storage::FileId{sys.shared ? 0 : db, rel}), sys);
}

}  // namespace

Row NamespaceRow(Oid oid, std::string_view name, Oid owner) {
  return {Value::Oid(oid), Name(name), Value::Oid(owner)};
}

Row ClassRow(Oid oid, std::string_view name, Oid namespace_oid, Oid filenode, int16_t natts,
             std::optional<std::string> reloptions) {
  return {Value::Oid(oid),
          Name(name),
          Value::Oid(namespace_oid),
          Value::Oid(kBootstrapSuperuserId),
          Char('r'),
          Value::Oid(filenode),
          Value::Int2(natts),
          reloptions ? Value::String(std::move(*reloptions)) : Value::Null(TypeId::kText)};
}

Row AttributeRow(Oid relid, const ColumnInfo& column) {
  return {Value::Oid(relid),
          Name(column.name),
          Value::Oid(static_cast<uint32_t>(column.type.id)),
          Value::Int4(column.type.typmod),
          Value::Int2(column.attnum),
          Value::Bool(column.not_null),
          Value::Int2(TypeLength(column.type.id)),
          Value::Bool(column.default_expr.has_value()),
          Value::Bool(false)};
}

Row AttrdefRow(Oid oid, Oid relid, int16_t attnum, std::string_view expr) {
  return {Value::Oid(oid), Value::Oid(relid), Value::Int2(attnum), Value::String(std::string(expr))};
}

Row ConstraintRow(Oid oid, Oid relid, Oid namespace_oid, const KeyConstraint& key) {
  return {Value::Oid(oid),           Name(key.name),
          Value::Oid(namespace_oid), Char(key.primary ? 'p' : 'u'),
          Value::Oid(relid),         Value::String(FormatKey(key.attnums))};
}

Row DatabaseRow(Oid oid, std::string_view name, Oid owner, bool is_template) {
  return {Value::Oid(oid),          Name(name),       Value::Oid(owner), Value::Int4(kUtf8Encoding),
          Value::Bool(is_template), Value::Bool(true)};
}

Row AuthidRow(Oid oid, std::string_view name, bool superuser, const std::optional<std::string>& password) {
  return {Value::Oid(oid), Name(name), Value::Bool(superuser), Value::Bool(true),
          password ? Value::String(*password) : Value::Null(TypeId::kText)};
}

std::string FormatKey(const std::vector<int16_t>& attnums) {
  std::string out = "{";
  for (size_t i = 0; i < attnums.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(attnums[i]);
  }
  return out + "}";
}

std::vector<int16_t> ParseKey(std::string_view text) {
  auto malformed = [&] { return DbError(sqlstate::kDataCorrupted, "malformed conkey \"" + std::string(text) + "\""); };
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') throw malformed();
  std::vector<int16_t> attnums;
  std::string_view body = text.substr(1, text.size() - 2);
  while (!body.empty()) {
    int16_t n = 0;
    auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), n);
    if (ec != std::errc()) throw malformed();
    attnums.push_back(n);
    body.remove_prefix(static_cast<size_t>(ptr - body.data()));
    if (!body.empty()) {
      if (body.front() != ',') throw malformed();
      body.remove_prefix(1);
    }
  }
  return attnums;
}

void WriteSharedBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, std::string_view superuser,
                          const std::optional<std::string>& password) {
  storage.CreateFile(storage::FileId{0, kPgDatabaseOid});
  storage.CreateFile(storage::FileId{0, kPgAuthidOid});
  Table(storage, 0, kPgAuthidOid).Insert(txn, AuthidRow(kBootstrapSuperuserId, superuser, true, password));
}

void WriteDatabaseBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, Oid db) {
  for (const SystemRelation& rel : SystemRelations()) {
    if (!rel.shared) storage.CreateFile(storage::FileId{db, rel.oid});
  }
  CatalogTable namespaces = Table(storage, db, kPgNamespaceOid);
  namespaces.Insert(txn, NamespaceRow(kPgCatalogNamespace, "pg_catalog", kBootstrapSuperuserId));
  namespaces.Insert(txn, NamespaceRow(kPublicNamespace, "public", kBootstrapSuperuserId));
  CatalogTable classes = Table(storage, db, kPgClassOid);
  CatalogTable attributes = Table(storage, db, kPgAttributeOid);
  for (const SystemRelation& rel : SystemRelations()) {
    classes.Insert(txn, ClassRow(rel.oid, rel.name, kPgCatalogNamespace, rel.oid,
                                 static_cast<int16_t>(rel.columns.size()), std::nullopt));
    int16_t attnum = 0;
    for (const SystemColumn& c : rel.columns) {
      // Catalog columns are NOT NULL except the optional ones (PostgreSQL's BKI_FORCE_NULL).
      bool nullable = c.name == "reloptions" || c.name == "rolpassword";
      attributes.Insert(txn, AttributeRow(rel.oid, ColumnInfo{std::string(c.name), c.type, ++attnum, !nullable, {}}));
    }
  }
}

}  // namespace lumadb::catalog
