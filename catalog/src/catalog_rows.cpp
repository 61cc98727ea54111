#include "catalog_rows.h"

#include <charconv>

#include "common/array.h"
#include "common/error.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

Value Name(std::string_view s) {
  return Value::String(std::string(s), TypeId::kName);
}
/// A "char" value; PostgreSQL's '\0' (no identity, no FK action) is the empty string.
Value Char(char c) {
  return Value::String(c == 0 ? std::string() : std::string(1, c), TypeId::kBpchar);
}
Oid AsOid(const Value& v) {
  return static_cast<Oid>(v.GetInt());
}

/// int2vector's text form: "1 2".
std::string FormatVector(const std::vector<int16_t>& values) {
  std::string out;
  for (int16_t v : values) {
    if (!out.empty()) out += ' ';
    out += std::to_string(v);
  }
  return out;
}

std::vector<int16_t> ParseVector(std::string_view text) {
  std::vector<int16_t> out;
  while (!text.empty()) {
    if (text.front() == ' ') {
      text.remove_prefix(1);
      continue;
    }
    int16_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc())
      throw DbError(sqlstate::kDataCorrupted, "malformed int2vector \"" + std::string(text) + "\"");
    out.push_back(n);
    text.remove_prefix(static_cast<size_t>(ptr - text.data()));
  }
  return out;
}

/// pg_index.indoption bits (PostgreSQL's INDOPTION_DESC, INDOPTION_NULLS_FIRST).
constexpr int16_t kIndOptionDesc = 1;
constexpr int16_t kIndOptionNullsFirst = 2;

/// The pg_constraint row shared by every constraint type; the caller sets the type-specific columns.
Row ConstraintBase(Oid oid, std::string_view name, Oid namespace_oid, char type, Oid relid) {
  return {Value::Oid(oid),
          Name(name),
          Value::Oid(namespace_oid),
          Char(type),
          Value::Bool(false),
          Value::Bool(false),
          Value::Bool(true),
          Value::Oid(relid),
          Value::Oid(0),
          Value::Oid(0),
          Value::Oid(0),
          Value::Oid(0),
          Char(' '),
          Char(' '),
          Char(' '),
          Value::Null(TypeId::kText),
          Value::Null(TypeId::kText),
          Value::Null(TypeId::kText)};
}

}  // namespace

Row NamespaceRow(Oid oid, std::string_view name, Oid owner) {
  return {Value::Oid(oid), Name(name), Value::Oid(owner), AclValue(std::nullopt)};
}

Row ClassRow(const ClassFields& c) {
  return {Value::Oid(c.oid),
          Name(c.name),
          Value::Oid(c.namespace_oid),
          Value::Oid(c.owner),
          Value::Oid(c.filenode),
          Value::Int4(c.relpages),
          Value::Float4(static_cast<float>(c.reltuples)),
          Value::Bool(c.has_index),
          Char(c.relkind),
          Value::Int2(c.natts),
          Value::Int2(c.checks),
          AclValue(c.reloptions),
          AclValue(c.acl)};
}

Row AttributeRow(Oid relid, const ColumnInfo& column) {
  return {Value::Oid(relid),
          Name(column.name),
          Value::Oid(static_cast<uint32_t>(column.type.id)),
          Value::Int2(TypeLength(column.type.id)),
          Value::Int2(column.attnum),
          Value::Int4(column.type.typmod),
          Value::Bool(column.not_null),
          Value::Bool(column.default_expr.has_value()),
          Char(column.identity),
          Value::Bool(false),
          AclValue(column.acl)};
}

Row AttrdefRow(Oid oid, Oid relid, int16_t attnum, std::string_view expr) {
  return {Value::Oid(oid), Value::Oid(relid), Value::Int2(attnum), Value::String(std::string(expr))};
}

Row KeyConstraintRow(Oid oid, Oid relid, Oid namespace_oid, const KeyConstraint& key) {
  Row r = ConstraintBase(oid, key.name, namespace_oid, key.primary ? 'p' : 'u', relid);
  r[col::kConIndid] = Value::Oid(key.index_oid);
  r[col::kConKey] = Value::String(FormatKey(key.attnums));
  return r;
}

Row CheckConstraintRow(Oid oid, Oid relid, Oid namespace_oid, const CheckConstraint& check,
                       const std::vector<int16_t>& attnums) {
  Row r = ConstraintBase(oid, check.name, namespace_oid, 'c', relid);
  if (!attnums.empty()) r[col::kConKey] = Value::String(FormatKey(attnums));
  r[col::kConValidated] = Value::Bool(!check.not_valid);
  r[col::kConBin] = Value::String(check.expr);
  return r;
}

Row ForeignKeyRow(Oid oid, Oid namespace_oid, const ForeignKey& fk) {
  Row r = ConstraintBase(oid, fk.name, namespace_oid, 'f', fk.table_oid);
  r[col::kConIndid] = Value::Oid(fk.ref_index_oid);
  r[col::kConFrelid] = Value::Oid(fk.ref_table_oid);
  r[col::kConFupdtype] = Char(static_cast<char>(fk.on_update));
  r[col::kConFdeltype] = Char(static_cast<char>(fk.on_delete));
  r[col::kConFmatchtype] = Char('s');  // MATCH SIMPLE, the only kind LumaDB has
  r[col::kConKey] = Value::String(FormatKey(fk.attnums));
  r[col::kConFkey] = Value::String(FormatKey(fk.ref_attnums));
  return r;
}

Row IndexRow(const IndexInfo& index) {
  std::vector<int16_t> key, option;
  for (const IndexColumn& c : index.columns) {
    key.push_back(c.attnum);
    option.push_back(
        static_cast<int16_t>((c.descending ? kIndOptionDesc : 0) | (c.nulls_first ? kIndOptionNullsFirst : 0)));
  }
  auto natts = static_cast<int16_t>(index.columns.size());
  return {Value::Oid(index.oid),
          Value::Oid(index.table_oid),
          Value::Int2(natts),
          Value::Int2(natts),
          Value::Bool(index.unique),
          Value::Bool(index.primary),
          Value::Bool(false),
          Value::Bool(true),
          Value::Bool(false),
          Value::String(FormatVector(key)),
          Value::String(FormatVector(option))};
}

Row SequenceRow(const SequenceInfo& seq) {
  return {Value::Oid(seq.oid),        Value::Oid(static_cast<uint32_t>(seq.type)),
          Value::Int8(seq.start),     Value::Int8(seq.increment),
          Value::Int8(seq.max_value), Value::Int8(seq.min_value),
          Value::Int8(seq.cache),     Value::Bool(seq.cycle)};
}

Row DependRow(Oid objid, Oid refobjid, int32_t refobjsubid, char deptype) {
  return {Value::Oid(kPgClassOid), Value::Oid(objid),        Value::Int4(0), Value::Oid(kPgClassOid),
          Value::Oid(refobjid),    Value::Int4(refobjsubid), Char(deptype)};
}

Row DatabaseRow(Oid oid, std::string_view name, Oid owner, bool is_template) {
  return {Value::Oid(oid),          Name(name),        Value::Oid(owner),     Value::Int4(kUtf8Encoding),
          Value::Bool(is_template), Value::Bool(true), AclValue(std::nullopt)};
}

Row AuthidRow(const RoleInfo& role) {
  return {
      Value::Oid(role.oid),
      Name(role.name),
      Value::Bool(role.superuser),
      Value::Bool(role.inherit),
      Value::Bool(role.create_role),
      Value::Bool(role.create_db),
      Value::Bool(role.can_login),
      Value::Bool(role.replication),
      Value::Bool(role.bypass_rls),
      Value::Int4(role.connection_limit),
      role.password ? Value::String(*role.password) : Value::Null(TypeId::kText),
      role.valid_until ? Value::Timestamp(*role.valid_until, TypeId::kTimestampTz) : Value::Null(TypeId::kTimestampTz)};
}

RoleInfo RoleFromRow(const Row& r) {
  RoleInfo role;
  role.oid = AsOid(r[col::kRolOid]);
  role.name = r[col::kRolName].GetString();
  role.superuser = r[col::kRolSuper].GetBool();
  role.inherit = r[col::kRolInherit].GetBool();
  role.create_role = r[col::kRolCreateRole].GetBool();
  role.create_db = r[col::kRolCreateDb].GetBool();
  role.can_login = r[col::kRolCanLogin].GetBool();
  role.replication = r[col::kRolReplication].GetBool();
  role.bypass_rls = r[col::kRolBypassRls].GetBool();
  role.connection_limit = static_cast<int32_t>(r[col::kRolConnLimit].GetInt());
  if (!r[col::kRolPassword].is_null()) role.password = r[col::kRolPassword].GetString();
  if (!r[col::kRolValidUntil].is_null()) role.valid_until = r[col::kRolValidUntil].GetInt();
  return role;
}

Row RolesRow(const RoleInfo& role) {
  return {
      Name(role.name),
      Value::Bool(role.superuser),
      Value::Bool(role.inherit),
      Value::Bool(role.create_role),
      Value::Bool(role.create_db),
      Value::Bool(role.can_login),
      Value::Bool(role.replication),
      Value::Int4(role.connection_limit),
      Value::String("********"),
      role.valid_until ? Value::Timestamp(*role.valid_until, TypeId::kTimestampTz) : Value::Null(TypeId::kTimestampTz),
      Value::Bool(role.bypass_rls),
      Value::Null(array_type::kText),
      Value::Oid(role.oid)};
}

Row AuthMembersRow(const AuthMember& m) {
  return {Value::Oid(m.role), Value::Oid(m.member), Value::Oid(m.grantor), Value::Bool(m.admin_option)};
}

Value AclValue(const std::optional<std::vector<std::string>>& acl) {
  if (!acl) return Value::Null(array_type::kText);
  std::vector<Value> items;
  for (const std::string& s : *acl) items.push_back(Value::String(s));
  return MakeArray(TypeId::kText, std::move(items));
}

std::optional<std::vector<std::string>> AclOfValue(const Value& v) {
  if (v.is_null()) return std::nullopt;
  std::vector<std::string> out;
  for (const Value& item : v.GetArray().items) out.push_back(item.GetString());
  return out;
}

IndexInfo IndexFromRow(const Row& r) {
  IndexInfo index;
  index.oid = AsOid(r[col::kIndExrelid]);
  index.table_oid = AsOid(r[col::kIndRelid]);
  index.unique = r[col::kIndIsUnique].GetBool();
  index.primary = r[col::kIndIsPrimary].GetBool();
  std::vector<int16_t> key = ParseVector(r[col::kIndKey].GetString());
  std::vector<int16_t> option = ParseVector(r[col::kIndOption].GetString());
  for (size_t i = 0; i < key.size(); ++i) {
    int16_t bits = i < option.size() ? option[i] : 0;
    index.columns.push_back(IndexColumn{key[i], (bits & kIndOptionDesc) != 0, (bits & kIndOptionNullsFirst) != 0});
  }
  return index;
}

CheckConstraint CheckFromRow(const Row& r) {
  return CheckConstraint{r[col::kConName].GetString(), r[col::kConBin].GetString(), !r[col::kConValidated].GetBool()};
}

ForeignKey ForeignKeyFromRow(const Row& r) {
  ForeignKey fk;
  fk.name = r[col::kConName].GetString();
  fk.table_oid = AsOid(r[col::kConRelid]);
  fk.attnums = ParseKey(r[col::kConKey].GetString());
  fk.ref_table_oid = AsOid(r[col::kConFrelid]);
  fk.ref_attnums = ParseKey(r[col::kConFkey].GetString());
  fk.ref_index_oid = AsOid(r[col::kConIndid]);
  fk.on_update = static_cast<FkAction>(CharOf(r[col::kConFupdtype]));
  fk.on_delete = static_cast<FkAction>(CharOf(r[col::kConFdeltype]));
  return fk;
}

SequenceInfo SequenceFromRow(const Row& r) {
  SequenceInfo seq;
  seq.oid = AsOid(r[col::kSeqRelid]);
  seq.type = static_cast<TypeId>(AsOid(r[col::kSeqTypid]));
  seq.start = r[col::kSeqStart].GetInt();
  seq.increment = r[col::kSeqIncrement].GetInt();
  seq.max_value = r[col::kSeqMax].GetInt();
  seq.min_value = r[col::kSeqMin].GetInt();
  seq.cache = r[col::kSeqCache].GetInt();
  seq.cycle = r[col::kSeqCycle].GetBool();
  return seq;
}

char CharOf(const Value& v) {
  if (v.is_null() || v.GetString().empty() || v.GetString()[0] == ' ') return 0;
  return v.GetString()[0];
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

}  // namespace lumadb::catalog
