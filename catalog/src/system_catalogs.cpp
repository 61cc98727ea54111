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
// aclitem[] in PostgreSQL: here text[] holding the items' text form (catalog/acl.h).
constexpr TypeDesc kTextArrayT{array_type::kText, -1};
constexpr TypeDesc kFloat4T{TypeId::kFloat4, -1};
constexpr TypeDesc kTimestampTzT{TypeId::kTimestampTz, -1};
// PostgreSQL's one-byte "char" type has no TypeId; char(1) prints and compares the same way.
constexpr TypeDesc kCharT{TypeId::kBpchar, 1 + 4};

constexpr std::array kPgNamespaceColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"nspname", kNameT},
    SystemColumn{"nspowner", kOidT},
    SystemColumn{"nspacl", kTextArrayT, true},
};
constexpr TypeDesc kInt8T{TypeId::kInt8, -1};

constexpr std::array kPgClassColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"relname", kNameT},
    SystemColumn{"relnamespace", kOidT},
    SystemColumn{"relowner", kOidT},
    SystemColumn{"relfilenode", kOidT},
    SystemColumn{"relpages", kInt4T},
    SystemColumn{"reltuples", kFloat4T},
    SystemColumn{"relhasindex", kBoolT},
    SystemColumn{"relkind", kCharT},
    SystemColumn{"relnatts", kInt2T},
    SystemColumn{"relchecks", kInt2T},
    SystemColumn{"reloptions", kTextArrayT, true},
    SystemColumn{"relacl", kTextArrayT, true},
};
constexpr std::array kPgAttributeColumns{
    SystemColumn{"attrelid", kOidT},
    SystemColumn{"attname", kNameT},
    SystemColumn{"atttypid", kOidT},
    SystemColumn{"attlen", kInt2T},
    SystemColumn{"attnum", kInt2T},
    SystemColumn{"atttypmod", kInt4T},
    SystemColumn{"attnotnull", kBoolT},
    SystemColumn{"atthasdef", kBoolT},
    SystemColumn{"attidentity", kCharT},
    SystemColumn{"attisdropped", kBoolT},
    SystemColumn{"attacl", kTextArrayT, true},
};
constexpr std::array kPgAttrdefColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"adrelid", kOidT},
    SystemColumn{"adnum", kInt2T},
    SystemColumn{"adbin", kTextT},
};
// conkey/confkey are int2[] in PostgreSQL and conbin a pg_node_tree: here their text forms ("{1,2}", and the
// CHECK expression's SQL text).
constexpr std::array kPgConstraintColumns{
    SystemColumn{"oid", kOidT},           SystemColumn{"conname", kNameT},       SystemColumn{"connamespace", kOidT},
    SystemColumn{"contype", kCharT},      SystemColumn{"condeferrable", kBoolT}, SystemColumn{"condeferred", kBoolT},
    SystemColumn{"convalidated", kBoolT}, SystemColumn{"conrelid", kOidT},       SystemColumn{"contypid", kOidT},
    SystemColumn{"conindid", kOidT},      SystemColumn{"conparentid", kOidT},    SystemColumn{"confrelid", kOidT},
    SystemColumn{"confupdtype", kCharT},  SystemColumn{"confdeltype", kCharT},   SystemColumn{"confmatchtype", kCharT},
    SystemColumn{"conkey", kTextT, true}, SystemColumn{"confkey", kTextT, true}, SystemColumn{"conbin", kTextT, true},
};
constexpr std::array kPgDependColumns{
    SystemColumn{"classid", kOidT},    SystemColumn{"objid", kOidT},    SystemColumn{"objsubid", kInt4T},
    SystemColumn{"refclassid", kOidT}, SystemColumn{"refobjid", kOidT}, SystemColumn{"refobjsubid", kInt4T},
    SystemColumn{"deptype", kCharT},
};
// indkey and indoption are int2vector in PostgreSQL: here their text forms ("1 2", "0 3").
constexpr std::array kPgIndexColumns{
    SystemColumn{"indexrelid", kOidT},      SystemColumn{"indrelid", kOidT},     SystemColumn{"indnatts", kInt2T},
    SystemColumn{"indnkeyatts", kInt2T},    SystemColumn{"indisunique", kBoolT}, SystemColumn{"indisprimary", kBoolT},
    SystemColumn{"indisclustered", kBoolT}, SystemColumn{"indisvalid", kBoolT},  SystemColumn{"indisreplident", kBoolT},
    SystemColumn{"indkey", kTextT},         SystemColumn{"indoption", kTextT},
};
constexpr std::array kPgSequenceColumns{
    SystemColumn{"seqrelid", kOidT},      SystemColumn{"seqtypid", kOidT},  SystemColumn{"seqstart", kInt8T},
    SystemColumn{"seqincrement", kInt8T}, SystemColumn{"seqmax", kInt8T},   SystemColumn{"seqmin", kInt8T},
    SystemColumn{"seqcache", kInt8T},     SystemColumn{"seqcycle", kBoolT},
};
// stanumbersN (real[]) and stavaluesN (anyarray) are arrays in PostgreSQL: here their text forms exactly as
// pg_statistic prints them ("{0.5,0.25}", "{a,\"b c\"}"), written and parsed by array_text.h (issue 5 brings
// array types).
constexpr std::array kPgStatisticColumns{
    SystemColumn{"starelid", kOidT},
    SystemColumn{"staattnum", kInt2T},
    SystemColumn{"stainherit", kBoolT},
    SystemColumn{"stanullfrac", kFloat4T},
    SystemColumn{"stawidth", kInt4T},
    SystemColumn{"stadistinct", kFloat4T},
    SystemColumn{"stakind1", kInt2T},
    SystemColumn{"stakind2", kInt2T},
    SystemColumn{"stakind3", kInt2T},
    SystemColumn{"stakind4", kInt2T},
    SystemColumn{"stakind5", kInt2T},
    SystemColumn{"staop1", kOidT},
    SystemColumn{"staop2", kOidT},
    SystemColumn{"staop3", kOidT},
    SystemColumn{"staop4", kOidT},
    SystemColumn{"staop5", kOidT},
    SystemColumn{"stacoll1", kOidT},
    SystemColumn{"stacoll2", kOidT},
    SystemColumn{"stacoll3", kOidT},
    SystemColumn{"stacoll4", kOidT},
    SystemColumn{"stacoll5", kOidT},
    SystemColumn{"stanumbers1", kTextT, true},
    SystemColumn{"stanumbers2", kTextT, true},
    SystemColumn{"stanumbers3", kTextT, true},
    SystemColumn{"stanumbers4", kTextT, true},
    SystemColumn{"stanumbers5", kTextT, true},
    SystemColumn{"stavalues1", kTextT, true},
    SystemColumn{"stavalues2", kTextT, true},
    SystemColumn{"stavalues3", kTextT, true},
    SystemColumn{"stavalues4", kTextT, true},
    SystemColumn{"stavalues5", kTextT, true},
};
static_assert(kPgStatisticColumns.size() == static_cast<size_t>(col::kStaColumnCount));
// pg_type of the built-in types (type_rows.cpp); typinput/typoutput and the other regproc columns are left
// out, as LumaDB has no pg_proc.
constexpr std::array kPgTypeColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"typname", kNameT},
    SystemColumn{"typnamespace", kOidT},
    SystemColumn{"typowner", kOidT},
    SystemColumn{"typlen", kInt2T},
    SystemColumn{"typbyval", kBoolT},
    SystemColumn{"typtype", kCharT},
    SystemColumn{"typcategory", kCharT},
    SystemColumn{"typispreferred", kBoolT},
    SystemColumn{"typisdefined", kBoolT},
    SystemColumn{"typdelim", kCharT},
    SystemColumn{"typrelid", kOidT},
    SystemColumn{"typelem", kOidT},
    SystemColumn{"typarray", kOidT},
    SystemColumn{"typalign", kCharT},
    SystemColumn{"typstorage", kCharT},
    SystemColumn{"typnotnull", kBoolT},
    SystemColumn{"typbasetype", kOidT},
    SystemColumn{"typtypmod", kInt4T},
    SystemColumn{"typndims", kInt4T},
    SystemColumn{"typcollation", kOidT},
    SystemColumn{"typdefault", kTextT, true},
};
static_assert(kPgTypeColumns.size() == static_cast<size_t>(col::kTypColumnCount));
// pg_proc (pg_proc.h). proargtypes (oidvector) is its text form ("23 25"); proargdefaults (pg_node_tree) the
// defaults' SQL text, comma-separated; prosqlbody the RETURN / BEGIN ATOMIC body as written.
constexpr TypeDesc kOidArrayT{array_type::kOid, -1};
constexpr std::array kPgProcColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"proname", kNameT},
    SystemColumn{"pronamespace", kOidT},
    SystemColumn{"proowner", kOidT},
    SystemColumn{"prolang", kOidT},
    SystemColumn{"procost", kFloat4T},
    SystemColumn{"prorows", kFloat4T},
    SystemColumn{"provariadic", kOidT},
    SystemColumn{"prosupport", kOidT},
    SystemColumn{"prokind", kCharT},
    SystemColumn{"prosecdef", kBoolT},
    SystemColumn{"proleakproof", kBoolT},
    SystemColumn{"proisstrict", kBoolT},
    SystemColumn{"proretset", kBoolT},
    SystemColumn{"provolatile", kCharT},
    SystemColumn{"proparallel", kCharT},
    SystemColumn{"pronargs", kInt2T},
    SystemColumn{"pronargdefaults", kInt2T},
    SystemColumn{"prorettype", kOidT},
    SystemColumn{"proargtypes", kTextT},
    SystemColumn{"proallargtypes", kOidArrayT, true},
    SystemColumn{"proargmodes", kTextArrayT, true},
    SystemColumn{"proargnames", kTextArrayT, true},
    SystemColumn{"proargdefaults", kTextT, true},
    SystemColumn{"protrftypes", kOidArrayT, true},
    SystemColumn{"prosrc", kTextT},
    SystemColumn{"probin", kTextT, true},
    SystemColumn{"prosqlbody", kTextT, true},
    SystemColumn{"proconfig", kTextArrayT, true},
    SystemColumn{"proacl", kTextArrayT, true},
};
static_assert(kPgProcColumns.size() == static_cast<size_t>(col::kProColumnCount));
constexpr std::array kPgDatabaseColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"datname", kNameT},
    SystemColumn{"datdba", kOidT},
    SystemColumn{"encoding", kInt4T},
    SystemColumn{"datistemplate", kBoolT},
    SystemColumn{"datallowconn", kBoolT},
    SystemColumn{"datacl", kTextArrayT, true},
};
constexpr std::array kPgAuthidColumns{
    SystemColumn{"oid", kOidT},
    SystemColumn{"rolname", kNameT},
    SystemColumn{"rolsuper", kBoolT},
    SystemColumn{"rolinherit", kBoolT},
    SystemColumn{"rolcreaterole", kBoolT},
    SystemColumn{"rolcreatedb", kBoolT},
    SystemColumn{"rolcanlogin", kBoolT},
    SystemColumn{"rolreplication", kBoolT},
    SystemColumn{"rolbypassrls", kBoolT},
    SystemColumn{"rolconnlimit", kInt4T},
    SystemColumn{"rolpassword", kTextT, true},
    SystemColumn{"rolvaliduntil", kTimestampTzT, true},
};
// pg_roles in PostgreSQL 15's column order (system_views.sql).
constexpr std::array kPgRolesColumns{
    SystemColumn{"rolname", kNameT},
    SystemColumn{"rolsuper", kBoolT},
    SystemColumn{"rolinherit", kBoolT},
    SystemColumn{"rolcreaterole", kBoolT},
    SystemColumn{"rolcreatedb", kBoolT},
    SystemColumn{"rolcanlogin", kBoolT},
    SystemColumn{"rolreplication", kBoolT},
    SystemColumn{"rolconnlimit", kInt4T},
    SystemColumn{"rolpassword", kTextT},
    SystemColumn{"rolvaliduntil", kTimestampTzT, true},
    SystemColumn{"rolbypassrls", kBoolT},
    SystemColumn{"rolconfig", kTextArrayT, true},
    SystemColumn{"oid", kOidT},
};
constexpr std::array kPgAuthMembersColumns{
    SystemColumn{"roleid", kOidT},
    SystemColumn{"member", kOidT},
    SystemColumn{"grantor", kOidT},
    SystemColumn{"admin_option", kBoolT},
};

constexpr std::array kPgDbRoleSettingColumns{
    SystemColumn{"setdatabase", kOidT},
    SystemColumn{"setrole", kOidT},
    SystemColumn{"setconfig", kTextArrayT},
};

constexpr std::array kRelations{
    SystemRelation{kPgNamespaceOid, "pg_namespace", false, kPgNamespaceColumns},
    SystemRelation{kPgClassOid, "pg_class", false, kPgClassColumns},
    SystemRelation{kPgAttributeOid, "pg_attribute", false, kPgAttributeColumns},
    SystemRelation{kPgAttrdefOid, "pg_attrdef", false, kPgAttrdefColumns},
    SystemRelation{kPgConstraintOid, "pg_constraint", false, kPgConstraintColumns},
    SystemRelation{kPgDependOid, "pg_depend", false, kPgDependColumns},
    SystemRelation{kPgIndexOid, "pg_index", false, kPgIndexColumns},
    SystemRelation{kPgSequenceOid, "pg_sequence", false, kPgSequenceColumns},
    SystemRelation{kPgStatisticOid, "pg_statistic", false, kPgStatisticColumns},
    SystemRelation{kPgTypeOid, "pg_type", false, kPgTypeColumns},
    SystemRelation{kPgProcOid, "pg_proc", false, kPgProcColumns},
    SystemRelation{kPgDatabaseOid, "pg_database", true, kPgDatabaseColumns},
    SystemRelation{kPgAuthidOid, "pg_authid", true, kPgAuthidColumns},
    SystemRelation{kPgAuthMembersOid, "pg_auth_members", true, kPgAuthMembersColumns},
    SystemRelation{kPgRolesOid, "pg_roles", true, kPgRolesColumns},
    SystemRelation{kPgDbRoleSettingOid, "pg_db_role_setting", true, kPgDbRoleSettingColumns},
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
  return rel == kPgDatabaseOid || rel == kPgAuthidOid || rel == kPgAuthMembersOid || rel == kPgRolesOid ||
         rel == kPgDbRoleSettingOid;
}

std::vector<TypeId> ColumnTypes(const SystemRelation& rel) {
  std::vector<TypeId> types;
  types.reserve(rel.columns.size());
  for (const SystemColumn& c : rel.columns) types.push_back(c.type.id);
  return types;
}

}  // namespace lumadb::catalog
