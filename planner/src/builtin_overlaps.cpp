// The SQL OVERLAPS predicate, `(s1, e1) OVERLAPS (s2, e2)`, which the parser turns into overlaps(s1, e1,
// s2, e2): PostgreSQL 15's overlaps_timestamp (timestamp.c), overlaps_time and overlaps_timetz (date.c),
// and the pg_proc.dat SQL wrappers taking an interval as the second item of a pair
// (`select ($1, ($1 + $2)) overlaps ($3, ($3 + $4))`). None is strict: a NULL end point makes the answer
// NULL only when the other points cannot decide it.
#include <optional>
#include <utility>

#include "builtins.h"
#include "common/value_ops.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

// One period: its start, and its end (start + interval in the interval forms); NULL points as nullopt.
struct Period {
  std::optional<Value> start, end;
};

Period MakePeriod(const Value& start, const Value& second) {
  Period p;
  if (!start.is_null()) p.start = start;
  if (second.is_null()) return p;
  if (second.type() != T::kInterval) {
    p.end = second;
  } else if (p.start) {
    p.end = Arithmetic(ArithOp::kAdd, *p.start, second);
  }
  return p;
}

// Puts the non-NULL point first, else the earlier one; false when both are NULL.
bool Normalize(Period& p) {
  if (!p.start) {
    if (!p.end) return false;
    std::swap(p.start, p.end);
  } else if (p.end && CompareValues(*p.start, *p.end) > 0) {
    std::swap(p.start, p.end);
  }
  return true;
}

// overlaps_timestamp's case analysis, shared by every overload (the comparisons are the type's own).
Value Overlaps(const std::vector<Value>& a, const FunctionEnv&) {
  Period p1 = MakePeriod(a[0], a[1]), p2 = MakePeriod(a[2], a[3]);
  if (!Normalize(p1) || !Normalize(p2)) return Value::Null(T::kBool);
  const int order = CompareValues(*p1.start, *p2.start);
  if (order == 0) {
    // The standard's "e1 <> e2 OR e1 = e2": true when both ends are known.
    if (!p1.end || !p2.end) return Value::Null(T::kBool);
    return Value::Bool(true);
  }
  // The later-starting period overlaps when it starts before the earlier one ends.
  const Period& first = order > 0 ? p2 : p1;
  const Period& second = order > 0 ? p1 : p2;
  if (!first.end) return Value::Null(T::kBool);
  if (CompareValues(*second.start, *first.end) < 0) return Value::Bool(true);
  if (!second.end) return Value::Null(T::kBool);
  return Value::Bool(false);
}

}  // namespace

void AddOverlapsBuiltins(std::vector<ScalarFunction>& out) {
  // pg_proc.dat's order: the four-point form, then (point, interval) and the mixed forms, per type.
  for (const T point : {T::kTimestampTz, T::kTimestamp, T::kTime}) {
    for (const auto& [e1, e2] : {std::pair{point, point}, std::pair{T::kInterval, T::kInterval},
                                 std::pair{point, T::kInterval}, std::pair{T::kInterval, point}}) {
      out.push_back({"overlaps", {point, e1, point, e2}, T::kBool, Overlaps, false});
    }
  }
  out.push_back({"overlaps", {T::kTimeTz, T::kTimeTz, T::kTimeTz, T::kTimeTz}, T::kBool, Overlaps, false});
}

}  // namespace lumadb::planner
