// Resolution of the arithmetic operators on dates, times, timestamps and intervals: the pg_operator rows of
// PostgreSQL 15 for + - * / with a date/time operand, chosen as parse_oper.c's oper_select_candidate and
// parse_func.c's func_select_candidate do (exact match, implicit coercions, most exact matches, preferred
// types, unknown-literal categories, then "unknowns take the known type").

#include <algorithm>
#include <vector>

#include "common/cast.h"
#include "planner/type_rules.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

struct OperatorRow {
  char op;
  OperatorSignature sig;
};

// select oprleft::regtype, oprname, oprright::regtype, oprresult::regtype from pg_operator where ... (the
// rows whose operands are among LumaDB's date/time types).
constexpr OperatorRow kOperators[] = {
    {'+', {T::kDate, T::kInt4, T::kDate}},
    {'+', {T::kInt4, T::kDate, T::kDate}},
    {'+', {T::kDate, T::kInterval, T::kTimestamp}},
    {'+', {T::kInterval, T::kDate, T::kTimestamp}},
    {'+', {T::kDate, T::kTime, T::kTimestamp}},
    {'+', {T::kTime, T::kDate, T::kTimestamp}},
    {'+', {T::kDate, T::kTimeTz, T::kTimestampTz}},
    {'+', {T::kTimeTz, T::kDate, T::kTimestampTz}},
    {'+', {T::kTimestamp, T::kInterval, T::kTimestamp}},
    {'+', {T::kInterval, T::kTimestamp, T::kTimestamp}},
    {'+', {T::kTimestampTz, T::kInterval, T::kTimestampTz}},
    {'+', {T::kInterval, T::kTimestampTz, T::kTimestampTz}},
    {'+', {T::kTime, T::kInterval, T::kTime}},
    {'+', {T::kInterval, T::kTime, T::kTime}},
    {'+', {T::kTimeTz, T::kInterval, T::kTimeTz}},
    {'+', {T::kInterval, T::kTimeTz, T::kTimeTz}},
    {'+', {T::kInterval, T::kInterval, T::kInterval}},
    {'-', {T::kDate, T::kInt4, T::kDate}},
    {'-', {T::kDate, T::kDate, T::kInt4}},
    {'-', {T::kDate, T::kInterval, T::kTimestamp}},
    {'-', {T::kTimestamp, T::kInterval, T::kTimestamp}},
    {'-', {T::kTimestampTz, T::kInterval, T::kTimestampTz}},
    {'-', {T::kTime, T::kInterval, T::kTime}},
    {'-', {T::kTimeTz, T::kInterval, T::kTimeTz}},
    {'-', {T::kInterval, T::kInterval, T::kInterval}},
    {'-', {T::kTimestamp, T::kTimestamp, T::kInterval}},
    {'-', {T::kTimestampTz, T::kTimestampTz, T::kInterval}},
    {'-', {T::kTime, T::kTime, T::kInterval}},
    {'*', {T::kInterval, T::kFloat8, T::kInterval}},
    {'*', {T::kFloat8, T::kInterval, T::kInterval}},
    {'/', {T::kInterval, T::kFloat8, T::kInterval}},
};

// pg_type.typispreferred within its category.
bool IsPreferredIn(char category, TypeId t) {
  const bool preferred =
      t == T::kFloat8 || t == T::kText || t == T::kTimestampTz || t == T::kInterval || t == T::kBool || t == T::kOid;
  return preferred && TypeCategory(t) == category;
}

TypeId Param(const OperatorSignature& s, int i) {
  return i == 0 ? s.left : s.right;
}

// func_select_candidate's narrowing steps over the callable candidates.
std::vector<OperatorSignature> Narrow(std::vector<OperatorSignature> cands, const TypeId in[2]) {
  auto keep_best = [&](auto score) {
    int best = -1;
    for (const auto& c : cands) best = std::max(best, score(c));
    std::vector<OperatorSignature> kept;
    for (const auto& c : cands) {
      if (score(c) == best) kept.push_back(c);
    }
    cands = std::move(kept);
  };
  // Most exact matches, then most positions taking the input's preferred type (unknowns never count).
  keep_best([&](const OperatorSignature& c) {
    int n = 0;
    for (int i = 0; i < 2; ++i) n += in[i] != T::kUnknown && Param(c, i) == in[i];
    return n;
  });
  keep_best([&](const OperatorSignature& c) {
    int n = 0;
    for (int i = 0; i < 2; ++i) {
      n += in[i] != T::kUnknown && (Param(c, i) == in[i] || IsPreferredIn(TypeCategory(in[i]), Param(c, i)));
    }
    return n;
  });
  if (cands.size() <= 1) return cands;
  // An unknown position takes the one category all candidates agree on (string wins a conflict), and then
  // that category's preferred type if some candidate has it; a conflict leaves the candidates as they are.
  char category[2] = {0, 0};
  bool preferred[2] = {false, false};
  for (int i = 0; i < 2; ++i) {
    if (in[i] != T::kUnknown) continue;
    bool conflict = false;
    for (const auto& c : cands) {
      const char cat = TypeCategory(Param(c, i));
      const bool pref = IsPreferredIn(cat, Param(c, i));
      if (category[i] == 0 || (cat != category[i] && cat == 'S')) {
        category[i] = cat;
        preferred[i] = pref;
      } else if (cat == category[i]) {
        preferred[i] = preferred[i] || pref;
      } else {
        conflict = true;
      }
    }
    if (conflict && category[i] != 'S') return cands;
  }
  std::vector<OperatorSignature> kept;
  for (const auto& c : cands) {
    bool ok = true;
    for (int i = 0; i < 2; ++i) {
      if (in[i] != T::kUnknown) continue;
      const TypeId p = Param(c, i);
      ok = ok && TypeCategory(p) == category[i] && (!preferred[i] || IsPreferredIn(category[i], p));
    }
    if (ok) kept.push_back(c);
  }
  return kept;
}

}  // namespace

bool HasDateTimeOperand(TypeId left, TypeId right) {
  auto datetime = [](TypeId t) {
    return t == T::kDate || t == T::kTime || t == T::kTimeTz || t == T::kTimestamp || t == T::kTimestampTz ||
           t == T::kInterval;
  };
  return datetime(left) || datetime(right);
}

OperatorResolution ResolveDateTimeOperator(char op, TypeId left, TypeId right) {
  const TypeId in[2] = {left, right};
  // binary_oper_exact: an unknown operand is first assumed to have the other operand's type.
  const TypeId exact_left = left == T::kUnknown ? right : left;
  const TypeId exact_right = right == T::kUnknown ? left : right;
  std::vector<OperatorSignature> cands;
  for (const auto& row : kOperators) {
    if (row.op != op) continue;
    if (row.sig.left == exact_left && row.sig.right == exact_right) return {row.sig, false};
    if (CanCoerceImplicitly(left, row.sig.left) && CanCoerceImplicitly(right, row.sig.right)) cands.push_back(row.sig);
  }
  if (cands.empty()) return {std::nullopt, false};
  if (cands.size() > 1) cands = Narrow(std::move(cands), in);
  if (cands.size() > 1 && (left == T::kUnknown) != (right == T::kUnknown)) {
    // Last resort: the unknown operand has the known one's type, if exactly one candidate then fits.
    const TypeId known = left == T::kUnknown ? right : left;
    std::vector<OperatorSignature> fits;
    for (const auto& c : cands) {
      if (CanCoerceImplicitly(known, c.left) && CanCoerceImplicitly(known, c.right)) fits.push_back(c);
    }
    if (fits.size() == 1) return {fits[0], false};
  }
  if (cands.size() > 1) return {std::nullopt, true};
  return {cands[0], false};
}

}  // namespace lumadb::planner
