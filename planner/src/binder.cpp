#include "planner/binder.h"

#include <algorithm>

#include "common/interval.h"
#include "common/reg_names.h"
#include "common/value_io.h"
#include "parser/parser.h"
#include "planner/reg_names.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

Binder::Binder(catalog::Catalog& catalog, txn::Transaction& txn, std::vector<std::string> search_path,
               std::string_view query_text)
    : catalog_(catalog), txn_(txn), search_path_(std::move(search_path)), query_text_(query_text) {
  if (CurrentRegNameResolver() == nullptr) {
    own_reg_names_ = std::make_unique<CatalogRegNames>(catalog_);
    own_reg_names_->SetTransaction(&txn_);
    own_reg_names_->SetSearchPath(search_path_, "");
    SetRegNameResolver(own_reg_names_.get());
  }
}

Binder::~Binder() {
  if (own_reg_names_) SetRegNameResolver(nullptr);
}

int32_t CharPosition(std::string_view text, int32_t location) {
  if (location < 0) return 0;
  size_t end = std::min<size_t>(static_cast<size_t>(location), text.size());
  int32_t chars = 0;
  for (size_t i = 0; i < end; ++i) {
    // Count only UTF-8 lead bytes.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + 1;
}

int32_t Binder::Position(int32_t location) const {
  return CharPosition(query_text_, location);
}

DbError Binder::Error(SqlState code, std::string message, int32_t location) const {
  DbError e(code, std::move(message));
  e.Position(Position(location));
  return e;
}

BoundExprPtr Binder::TryCoerce(const BoundExprPtr& e, TypeDesc target, CastContext context) {
  if (e->type == target) return e;
  if (e->kind == BoundKind::kParam && e->type.id == TypeId::kUnknown && target.id != TypeId::kUnknown) {
    return MakeCast(ResolveParam(e, target), target, context == CastContext::kExplicit,
                    context == CastContext::kAssignment);
  }
  if (e->kind == BoundKind::kConst && e->type.id == TypeId::kUnknown) {
    if (e->value.is_null()) return MakeConst(Value::Null(target.id), target, e->location);
    // The literal is read by the type's input function now (22P02 points at it); a length or precision
    // limit is applied later by a cast, which reports 22001 without a position, as PostgreSQL does.
    BoundExprPtr parsed;
    try {
      parsed = MakeConst(ParseValue({target.id, -1}, e->value.GetString()), {target.id, -1}, e->location);
    } catch (DbError& err) {
      if (err.position() == 0) err.Position(Position(e->location));
      throw;
    }
    return MakeCast(parsed, target, context == CastContext::kExplicit, context == CastContext::kAssignment);
  }
  if (e->type.id == target.id) {
    return MakeCast(e, target, context == CastContext::kExplicit, context == CastContext::kAssignment);
  }
  bool allowed = context == CastContext::kImplicit     ? CanCoerceImplicitly(e->type.id, target.id)
                 : context == CastContext::kAssignment ? CanCoerceAssignment(e->type.id, target.id)
                                                       : FindCast(e->type.id, target.id).has_value();
  if (e->type.id == TypeId::kUnknown) allowed = true;
  if (!allowed) return nullptr;
  return MakeCast(e, target, context == CastContext::kExplicit, context == CastContext::kAssignment);
}

BoundExprPtr Binder::CoerceOrThrow(const BoundExprPtr& e, TypeDesc target, int32_t location) {
  auto c = TryCoerce(e, target, CastContext::kImplicit);
  if (!c) {
    throw Error(sqlstate::kDatatypeMismatch,
                "cannot cast type " + TypeDisplayName(e->type.id) + " to " + FormatType(target), location);
  }
  return c;
}

BoundExprPtr Binder::BindColumnDefault(const catalog::ColumnInfo& column) {
  if (column.identity != 0) return IdentityNextval(column);
  if (!column.default_expr) return MakeConst(Value::Null(column.type.id), column.type);
  // The catalog stores the expression's text; bind it the way PostgreSQL's stored cooked default would be
  // evaluated: as a standalone expression, assignment-cast to the column type.
  std::string sql = "SELECT " + *column.default_expr;
  auto stmts = parser::Parse(sql);
  LUMADB_ASSERT(stmts.size() == 1 && stmts[0]->kind == ast::StmtKind::kSelect, "bad default expression");
  const auto& select = stmts[0]->As<ast::SelectStmt>();
  LUMADB_ASSERT(select.targets.size() == 1, "bad default expression");
  Binder inner(catalog_, txn_, search_path_, sql);
  auto bound = inner.BindExpr(*select.targets[0].expr, Scope{});
  auto coerced = inner.TryCoerce(bound, column.type, CastContext::kAssignment);
  LUMADB_ASSERT(coerced != nullptr, "default expression of wrong type");
  return coerced;
}

TypeDesc ResolveTypeName(const ast::TypeName& name, std::string_view query_text) {
  static const std::vector<std::pair<std::string_view, TypeId>> kNames = {
      {"bool", TypeId::kBool},           {"int2", TypeId::kInt2},
      {"int4", TypeId::kInt4},           {"int8", TypeId::kInt8},
      {"float4", TypeId::kFloat4},       {"float8", TypeId::kFloat8},
      {"numeric", TypeId::kNumeric},     {"text", TypeId::kText},
      {"varchar", TypeId::kVarchar},     {"bpchar", TypeId::kBpchar},
      {"name", TypeId::kName},           {"date", TypeId::kDate},
      {"timestamp", TypeId::kTimestamp}, {"timestamptz", TypeId::kTimestampTz},
      {"time", TypeId::kTime},           {"timetz", TypeId::kTimeTz},
      {"interval", TypeId::kInterval},   {"uuid", TypeId::kUuid},
      {"json", TypeId::kJson},           {"jsonb", TypeId::kJsonb},
      {"bytea", TypeId::kBytea},         {"oid", TypeId::kOid},
      {"regclass", TypeId::kRegclass},   {"regtype", TypeId::kRegtype},
      {"void", TypeId::kVoid},           {"integer", TypeId::kInt4},
      {"smallint", TypeId::kInt2},       {"bigint", TypeId::kInt8},
      {"real", TypeId::kFloat4},         {"boolean", TypeId::kBool},
      {"decimal", TypeId::kNumeric},     {"int", TypeId::kInt4},
      {"regnamespace", TypeId::kOid},  // no regnamespace type yet: read and shown as an OID
      {"record", TypeId::kRecord},
  };
  std::string last = name.names.empty() ? "" : name.names.back();
  bool schema_ok = name.names.size() == 1 || (name.names.size() == 2 && name.names[0] == "pg_catalog");
  // An array type by its own pg_type name (_int4 is int4[]); SQL's spellings (integer, ...) have none.
  const bool underscore_array = last.size() > 1 && last[0] == '_';
  if (underscore_array) last.erase(0, 1);
  TypeId id = TypeId::kInvalid;
  for (const auto& [n, t] : kNames) {
    if (n == last) id = t;
  }
  static const std::vector<std::string_view> kSqlSpellings = {"integer", "smallint", "bigint", "real",
                                                              "boolean", "decimal",  "int",    "regnamespace"};
  // An array type has no array type itself: _int4[] does not exist.
  if (underscore_array && (name.array || ArrayTypeOf(id) == TypeId::kInvalid ||
                           std::find(kSqlSpellings.begin(), kSqlSpellings.end(), last) != kSqlSpellings.end())) {
    id = TypeId::kInvalid;
  }
  if (id == TypeId::kInvalid || !schema_ok) {
    std::string full;
    for (const auto& part : name.names) full += (full.empty() ? "" : ".") + part;
    DbError e(sqlstate::kUndefinedObject, "type \"" + full + (name.array ? "[]" : "") + "\" does not exist");
    e.Position(CharPosition(query_text, name.location));
    throw e;
  }
  TypeDesc t{id, -1};
  const auto& mods = name.modifiers;
  if ((id == TypeId::kVarchar || id == TypeId::kBpchar) && !mods.empty()) t.typmod = mods[0] + 4;
  if (id == TypeId::kBpchar && mods.empty()) t.typmod = 1 + 4;  // char means char(1)
  if (id == TypeId::kNumeric && !mods.empty()) t.typmod = NumericTypmod(mods[0], mods.size() > 1 ? mods[1] : 0);
  if ((id == TypeId::kTimestamp || id == TypeId::kTimestampTz) && !mods.empty()) t.typmod = mods[0];
  if ((id == TypeId::kTime || id == TypeId::kTimeTz || id == TypeId::kInterval) && !mods.empty()) {
    if (mods.size() > 1) {  // gram.y takes one precision here
      DbError e(sqlstate::kSyntaxError, "syntax error at or near \",\"");
      e.Position(CharPosition(query_text, name.location));
      throw e;
    }
    // timetypmodin / intervaltypmodin reduce a precision above 6 to 6 (with a WARNING in PostgreSQL).
    const int32_t precision = std::min<int32_t>(mods[0], 6);
    t.typmod = id == TypeId::kInterval ? IntervalTypmod(kIntervalFullRange, precision) : precision;
  }
  if (name.array || underscore_array) t.id = ArrayTypeOf(t.id);  // int[], varchar(10)[]: the element's typmod stays
  return t;
}

void CheckColumnType(TypeDesc type, const std::string& column) {
  if (type.id == TypeId::kVoid || type.id == TypeId::kRecord || type.id == array_type::kRecord) {
    throw DbError(sqlstate::kInvalidTableDefinition,
                  "column \"" + column + "\" has pseudo-type " + FormatType({type.id, -1}));
  }
}

}  // namespace lumadb::planner
