// The json and jsonb operators (PostgreSQL 15 pg_operator.dat): each binds to a call of the function
// behind it (builtin_json*.cpp), chosen by the operand types as oper_select_candidate would, an untyped
// literal on the right preferring text (the string category). Also the check that json, which has no
// = or <, is no grouping, DISTINCT or sort key.
#include "builtins.h"
#include "planner/binder.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

struct JsonOperatorRow {
  const char* op;
  TypeId left;
  TypeId right;
  const char* function;
};

constexpr TypeId kJ = TypeId::kJson;
constexpr TypeId kB = TypeId::kJsonb;
constexpr TypeId kText = TypeId::kText;
constexpr TypeId kInt = TypeId::kInt4;
constexpr TypeId kPath = array_type::kText;

// Rows with a text right operand come first: they win a tie for an untyped literal.
constexpr JsonOperatorRow kJsonOperators[] = {
    {"->", kJ, kText, "json_object_field"},
    {"->", kJ, kInt, "json_array_element"},
    {"->>", kJ, kText, "json_object_field_text"},
    {"->>", kJ, kInt, "json_array_element_text"},
    {"#>", kJ, kPath, "json_extract_path"},
    {"#>>", kJ, kPath, "json_extract_path_text"},
    {"->", kB, kText, "jsonb_object_field"},
    {"->", kB, kInt, "jsonb_array_element"},
    {"->>", kB, kText, "jsonb_object_field_text"},
    {"->>", kB, kInt, "jsonb_array_element_text"},
    {"#>", kB, kPath, "jsonb_extract_path"},
    {"#>>", kB, kPath, "jsonb_extract_path_text"},
    {"@>", kB, kB, "jsonb_contains"},
    {"<@", kB, kB, "jsonb_contained"},
    {"?", kB, kText, "jsonb_exists"},
    {"?|", kB, kPath, "jsonb_exists_any"},
    {"?&", kB, kPath, "jsonb_exists_all"},
    {"||", kB, kB, "jsonb_concat"},
    {"-", kB, kText, "jsonb_delete"},
    {"-", kB, kInt, "jsonb_delete"},
    {"-", kB, kPath, "jsonb_delete"},
    {"#-", kB, kPath, "jsonb_delete_path"},
};

bool IsJsonType(TypeId t) {
  return t == kJ || t == kB;
}

// Operators no other type has here: without a json operand they are 42883.
bool IsJsonOnly(const std::string& op) {
  return op == "->" || op == "->>" || op == "#>" || op == "#>>" || op == "?" || op == "?|" || op == "?&" || op == "#-";
}

}  // namespace

BoundExprPtr Binder::JsonOperator(const std::string& op, BoundExprPtr l, BoundExprPtr r, int32_t location) {
  const TypeId lt = l->type.id, rt = r->type.id;
  const bool json_only = IsJsonOnly(op);
  if (!json_only && !IsJsonType(lt) && !IsJsonType(rt)) return nullptr;
  const JsonOperatorRow* best = nullptr;
  int best_exact = -1;
  int candidates = 0;
  for (const JsonOperatorRow& row : kJsonOperators) {
    if (op != row.op || !CanCoerceImplicitly(lt, row.left) || !CanCoerceImplicitly(rt, row.right)) continue;
    ++candidates;
    const int exact = (lt == row.left) + (rt == row.right);
    if (exact > best_exact) {
      best = &row;
      best_exact = exact;
    }
  }
  // Two untyped literals resolve only when the operator has one signature (? ?| ?& #-), as in PostgreSQL.
  if (lt == TypeId::kUnknown && rt == TypeId::kUnknown && candidates > 1) {
    if (!json_only) return nullptr;
    throw Error(sqlstate::kAmbiguousFunction, "operator is not unique: unknown " + op + " unknown", location)
        .Hint("Could not choose a best candidate operator. You might need to add explicit type casts.");
  }
  if (best == nullptr) {
    if (json_only) throw OperatorError(op, l, r, location);
    return nullptr;
  }
  auto resolved = ResolveFunction(best->function, {best->left, best->right});
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kFunc;
  e->type = TypeDesc{resolved->func->result, -1};
  e->location = Leftmost(location, l->location);
  e->name = best->function;
  e->func = resolved->func;
  e->args = {CoerceOrThrow(l, {best->left, -1}, l->location), CoerceOrThrow(r, {best->right, -1}, r->location)};
  return e;
}

void Binder::CheckNoJsonKeys(const ast::SelectStmt& stmt, const std::vector<BoundExprPtr>& groups,
                             const std::vector<SelectTarget>& targets, const std::vector<SortKey>& keys) const {
  auto missing = [&](const char* what, int32_t location) {
    return Error(sqlstate::kUndefinedFunction, std::string("could not identify an ") + what + " operator for type json",
                 location);
  };
  for (size_t i = 0; i < groups.size(); ++i) {
    // Grouping sets and repeated keys make the keys and the written items differ.
    const int32_t written = i < stmt.group_by.size() ? stmt.group_by[i]->location : groups[i]->location;
    if (groups[i]->type.id == kJ) throw missing("equality", written);
  }
  for (const auto& t : targets) {
    if (stmt.distinct && t.expr->type.id == kJ) throw missing("equality", t.expr->location);
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].expr->type.id == kJ) {
      throw missing("ordering", stmt.order_by[i].expr->location)
          .Hint("Use an explicit ordering operator or modify the query.");
    }
  }
}

}  // namespace lumadb::planner
