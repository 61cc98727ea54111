#include "system_catalogs.h"

#include <array>
#include <string>

#include "common/error.h"

namespace lumadb::catalog {
namespace {

constexpr TypeDesc kOidT{TypeId::kOid, -1};
constexpr TypeDesc kNameT{TypeId::kName, -1};
constexpr TypeDesc kBoolT{TypeId::kBool, -1};
constexpr TypeDesc kInt2T{TypeId::kInt2, -1};
constexpr TypeDesc kInt4T{TypeId::kInt4, -1};
constexpr TypeDesc kTextT{TypeId::kText, -1};
// PostgreSQL's one-byte "char" type has no TypeId; char(1) prints and compares the same way.
constexpr TypeDesc kCharT{TypeId::kBpchar, 1 + 4};

constexpr std::array kPgNamespaceColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"nspname", kNameT},
    SystemColumn{"nspowner", kOidT},
};
constexpr std::array kPgClassColumns{
    SystemColumn{"oid", kOidT},       SystemColumn{"relname", kNameT},    SystemColumn{"relnamespace", kOidT},
    SystemColumn{"relowner", kOidT},  SystemColumn{"relkind", kCharT},    SystemColumn{"relfilenode", kOidT},
    SystemColumn{"relnatts", kInt2T}, SystemColumn{"reloptions", kTextT},
};
constexpr std::array kPgAttributeColumns{
    SystemColumn{"attrelid", kOidT},   SystemColumn{"attname", kNameT},   SystemColumn{"atttypid", kOidT},
    SystemColumn{"atttypmod", kInt4T}, SystemColumn{"attnum", kInt2T},    SystemColumn{"attnotnull", kBoolT},
    SystemColumn{"attlen", kInt2T},    SystemColumn{"atthasdef", kBoolT}, SystemColumn{"attisdropped", kBoolT},
};
constexpr std::array kPgAttrdefColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"adrelid", kOidT},
    SystemColumn{"adnum", kInt2T},
    SystemColumn{"adbin", kTextT},
};
constexpr std::array kPgConstraintColumns{
    SystemColumn{"oid", kOidT},      SystemColumn{"conname", kNameT}, SystemColumn{"connamespace", kOidT},
    SystemColumn{"contype", kCharT}, SystemColumn{"conrelid", kOidT}, SystemColumn{"conkey", kTextT},
};
constexpr std::array kPgDatabaseColumns{
    SystemColumn{"oid", kOidT},       SystemColumn{"datname", kNameT},       SystemColumn{"datdba", kOidT},
    SystemColumn{"encoding", kInt4T}, SystemColumn{"datistemplate", kBoolT}, SystemColumn{"datallowconn", kBoolT},
};
constexpr std::array kPgAuthidColumns{
    SystemColumn{"oid", kOidT},          SystemColumn{"rolname", kNameT},     SystemColumn{"rolsuper", kBoolT},
    SystemColumn{"rolcanlogin", kBoolT}, SystemColumn{"rolpassword", kTextT},
};

constexpr std::array kRelations{
    SystemRelation{kPgNamespaceOid, "pg_namespace", false, kPgNamespaceColumns},
    SystemRelation{kPgClassOid, "pg_class", false, kPgClassColumns},
    SystemRelation{kPgAttributeOid, "pg_attribute", false, kPgAttributeColumns},
    SystemRelation{kPgAttrdefOid, "pg_attrdef", false, kPgAttrdefColumns},
    SystemRelation{kPgConstraintOid, "pg_constraint", false, kPgConstraintColumns},
    SystemRelation{kPgDatabaseOid, "pg_database", true, kPgDatabaseColumns},
    SystemRelation{kPgAuthidOid, "pg_authid", true, kPgAuthidColumns},
};

}  // namespace

std::span<const SystemRelation> SystemRelations() {
  return kRelations;
}

const SystemRelation& SystemRelationById(Oid oid) {
  for (const SystemRelation& rel : kRelations) {
    if (rel.oid == oid) return rel;
  }
  throw DbError(sqlstate::kInternalError, "internal error: no catalog relation with OID " + std::to_string(oid));
}

bool IsSharedRelation(Oid rel) {
  return rel == kPgDatabaseOid || rel == kPgAuthidOid;
}

std::vector<TypeId> ColumnTypes(const SystemRelation& rel) {
  std::vector<TypeId> types;
  types.reserve(rel.columns.size());
  for (const SystemColumn& c : rel.columns) types.push_back(c.type.id);
  return types;
}

}  // namespace lumadb::catalog
