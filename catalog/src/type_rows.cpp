#include "type_rows.h"

#include <string_view>

#include "catalog/catalog.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

/// The columns of pg_type that differ between the built-in types.
struct BuiltinType {
  TypeId type;
  std::string_view name;
  int16_t len;  // -1 varlena, -2 C string
  bool by_value;
  char category;
  bool preferred;
  Oid elem;
  Oid array;
  char align;
  char storage;
  Oid collation;  // 100 default, 950 "C"
};

// SELECT oid, typname, typlen, typbyval, typcategory, typispreferred, typelem, typarray, typalign, typstorage,
// typcollation FROM pg_type on PostgreSQL 15, for each TypeId.
constexpr BuiltinType kBuiltinTypes[] = {
    {TypeId::kBool, "bool", 1, true, 'B', true, 0, 1000, 'c', 'p', 0},
    {TypeId::kBytea, "bytea", -1, false, 'U', false, 0, 1001, 'i', 'x', 0},
    {TypeId::kName, "name", 64, false, 'S', false, 18, 1003, 'c', 'p', 950},
    {TypeId::kInt8, "int8", 8, true, 'N', false, 0, 1016, 'd', 'p', 0},
    {TypeId::kInt2, "int2", 2, true, 'N', false, 0, 1005, 's', 'p', 0},
    {TypeId::kInt4, "int4", 4, true, 'N', false, 0, 1007, 'i', 'p', 0},
    {TypeId::kText, "text", -1, false, 'S', true, 0, 1009, 'i', 'x', 100},
    {TypeId::kOid, "oid", 4, true, 'N', true, 0, 1028, 'i', 'p', 0},
    {TypeId::kFloat4, "float4", 4, true, 'N', false, 0, 1021, 'i', 'p', 0},
    {TypeId::kFloat8, "float8", 8, true, 'N', true, 0, 1022, 'd', 'p', 0},
    {TypeId::kUnknown, "unknown", -2, false, 'X', false, 0, 0, 'c', 'p', 0},
    {TypeId::kBpchar, "bpchar", -1, false, 'S', false, 0, 1014, 'i', 'x', 100},
    {TypeId::kVarchar, "varchar", -1, false, 'S', false, 0, 1015, 'i', 'x', 100},
    {TypeId::kDate, "date", 4, true, 'D', false, 0, 1182, 'i', 'p', 0},
    {TypeId::kTime, "time", 8, true, 'D', false, 0, 1183, 'd', 'p', 0},
    {TypeId::kTimestamp, "timestamp", 8, true, 'D', false, 0, 1115, 'd', 'p', 0},
    {TypeId::kTimestampTz, "timestamptz", 8, true, 'D', true, 0, 1185, 'd', 'p', 0},
    {TypeId::kInterval, "interval", 16, false, 'T', true, 0, 1187, 'd', 'p', 0},
    {TypeId::kTimeTz, "timetz", 12, false, 'D', false, 0, 1270, 'd', 'p', 0},
    {TypeId::kNumeric, "numeric", -1, false, 'N', false, 0, 1231, 'i', 'm', 0},
    {TypeId::kUuid, "uuid", 16, false, 'U', false, 0, 2951, 'c', 'p', 0},
    {TypeId::kJson, "json", -1, false, 'U', false, 0, 199, 'i', 'x', 0},
    {TypeId::kJsonb, "jsonb", -1, false, 'U', false, 0, 3807, 'i', 'x', 0},
    {TypeId::kRegclass, "regclass", 4, true, 'N', false, 0, 2210, 'i', 'p', 0},
    {TypeId::kRegtype, "regtype", 4, true, 'N', false, 0, 2211, 'i', 'p', 0},
    {TypeId::kVoid, "void", 4, true, 'P', false, 0, 0, 'i', 'p', 0},
    {TypeId::kRecord, "record", -1, false, 'P', false, 0, 2287, 'd', 'x', 0},
};

// The pseudo-types (typtype 'p'); _record is one too, and stays in category 'P' (pg_type.dat).
bool IsPseudoType(TypeId t) {
  return t == TypeId::kUnknown || t == TypeId::kVoid || t == TypeId::kRecord;
}

Value Char(char c) {
  return Value::String(std::string(1, c), TypeId::kBpchar);
}

}  // namespace

std::vector<Row> BuiltinTypeRows() {
  std::vector<Row> rows;
  for (const BuiltinType& t : kBuiltinTypes) {
    Row row(col::kTypColumnCount);
    row[col::kTypOid] = Value::Oid(static_cast<Oid>(t.type));
    row[col::kTypName] = Value::String(std::string(t.name), TypeId::kName);
    row[col::kTypNamespace] = Value::Oid(kPgCatalogNamespace);
    row[col::kTypOwner] = Value::Oid(kBootstrapSuperuserId);
    row[col::kTypLen] = Value::Int2(t.len);
    row[col::kTypByVal] = Value::Bool(t.by_value);
    row[col::kTypType] = Char(IsPseudoType(t.type) ? 'p' : 'b');
    row[col::kTypCategory] = Char(t.category);
    row[col::kTypIsPreferred] = Value::Bool(t.preferred);
    row[col::kTypIsDefined] = Value::Bool(true);
    row[col::kTypDelim] = Char(',');
    row[col::kTypRelid] = Value::Oid(0);
    row[col::kTypElem] = Value::Oid(t.elem);
    row[col::kTypArray] = Value::Oid(t.array);
    row[col::kTypAlign] = Char(t.align);
    row[col::kTypStorage] = Char(t.storage);
    row[col::kTypNotNull] = Value::Bool(false);
    row[col::kTypBaseType] = Value::Oid(0);
    row[col::kTypTypmod] = Value::Int4(-1);
    row[col::kTypNdims] = Value::Int4(0);
    row[col::kTypCollation] = Value::Oid(t.collation);
    row[col::kTypDefault] = Value::Null(TypeId::kText);
    rows.push_back(std::move(row));
  }
  // The array types (typcategory 'A'): varlena, extended storage, the element's collation, aligned as
  // the element but at least 'i' (array_in's header).
  for (const BuiltinType& t : kBuiltinTypes) {
    if (t.array == 0) continue;
    Row row = rows[static_cast<size_t>(&t - kBuiltinTypes)];
    row[col::kTypOid] = Value::Oid(t.array);
    row[col::kTypName] = Value::String("_" + std::string(t.name), TypeId::kName);
    row[col::kTypLen] = Value::Int2(-1);
    row[col::kTypByVal] = Value::Bool(false);
    row[col::kTypCategory] = Char(IsPseudoType(t.type) ? 'P' : 'A');
    row[col::kTypIsPreferred] = Value::Bool(false);
    row[col::kTypElem] = Value::Oid(static_cast<Oid>(t.type));
    row[col::kTypArray] = Value::Oid(0);
    row[col::kTypAlign] = Char(t.align == 'd' ? 'd' : 'i');
    row[col::kTypStorage] = Char('x');
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace lumadb::catalog
