// Operator resolution for dates, times, timestamps and intervals (planner/type_rules.h), against the
// operator PostgreSQL 15 picks for the same operands (select pg_typeof(<expr>) on a PostgreSQL 15 server;
// "not unique" and "does not exist" as it reports them).
#include <doctest/doctest.h>

#include "planner/type_rules.h"

namespace lumadb::planner {
namespace {

using T = TypeId;

// The result type of `left op right`, or kInvalid when there is no operator; *ambiguous when several fit.
TypeId Result(char op, T left, T right, bool* ambiguous = nullptr) {
  const OperatorResolution r = ResolveDateTimeOperator(op, left, right);
  if (ambiguous) *ambiguous = r.ambiguous;
  return r.signature ? r.signature->result : T::kInvalid;
}

bool Ambiguous(char op, T left, T right) {
  bool ambiguous = false;
  Result(op, left, right, &ambiguous);
  return ambiguous;
}

TEST_CASE("exact date/time operators") {
  CHECK(Result('+', T::kDate, T::kInt4) == T::kDate);
  CHECK(Result('+', T::kInt4, T::kDate) == T::kDate);
  CHECK(Result('-', T::kDate, T::kDate) == T::kInt4);
  CHECK(Result('+', T::kDate, T::kInterval) == T::kTimestamp);
  CHECK(Result('+', T::kInterval, T::kDate) == T::kTimestamp);
  CHECK(Result('+', T::kDate, T::kTime) == T::kTimestamp);
  CHECK(Result('+', T::kTimeTz, T::kDate) == T::kTimestampTz);
  CHECK(Result('-', T::kTimestamp, T::kTimestamp) == T::kInterval);
  CHECK(Result('-', T::kTimestampTz, T::kInterval) == T::kTimestampTz);
  CHECK(Result('-', T::kTime, T::kTime) == T::kInterval);
  CHECK(Result('+', T::kTime, T::kInterval) == T::kTime);
  CHECK(Result('+', T::kInterval, T::kTimeTz) == T::kTimeTz);
  CHECK(Result('*', T::kInterval, T::kFloat8) == T::kInterval);
  CHECK(Result('*', T::kFloat8, T::kInterval) == T::kInterval);
  CHECK(Result('/', T::kInterval, T::kFloat8) == T::kInterval);
}

TEST_CASE("implicit casts reach the operator PostgreSQL 15 picks") {
  // select pg_typeof(date '2024-01-01' + 1::int2), pg_typeof(timestamp '2024-01-01' - date '2024-01-01'),
  //        pg_typeof(date '2024-01-01' - timestamptz '2024-01-01'), pg_typeof(timestamp '2024-01-01' -
  //        timestamptz '2024-01-01'), pg_typeof(timetz '10:00' - time '10:00'), pg_typeof(interval '1 day' * 2),
  //        pg_typeof(2::int8 * interval '1 day'), pg_typeof(interval '1 day' / 2.5)
  CHECK(Result('+', T::kDate, T::kInt2) == T::kDate);
  CHECK(Result('-', T::kTimestamp, T::kDate) == T::kInterval);
  CHECK(Result('-', T::kDate, T::kTimestampTz) == T::kInterval);
  CHECK(Result('-', T::kTimestamp, T::kTimestampTz) == T::kInterval);
  CHECK(Result('-', T::kTimeTz, T::kTime) == T::kTimeTz);
  CHECK(Result('*', T::kInterval, T::kInt4) == T::kInterval);
  CHECK(Result('*', T::kInt8, T::kInterval) == T::kInterval);
  CHECK(Result('/', T::kInterval, T::kNumeric) == T::kInterval);
  CHECK(Result('+', T::kTime, T::kDate) == T::kTimestamp);
}

TEST_CASE("untyped literals resolve as oper_select_candidate does") {
  // timestamp + '1 day' is timestamp + interval; timestamp - '...' is timestamp - timestamp; time + '1 hour'
  // is time + interval; '1 hour' + time is interval + time; date - '...' is date - date; interval * '2'.
  CHECK(Result('+', T::kTimestamp, T::kUnknown) == T::kTimestamp);
  CHECK(Result('-', T::kTimestamp, T::kUnknown) == T::kInterval);
  CHECK(Result('-', T::kTimestampTz, T::kUnknown) == T::kInterval);
  CHECK(Result('+', T::kTime, T::kUnknown) == T::kTime);
  CHECK(Result('-', T::kTime, T::kUnknown) == T::kInterval);
  CHECK(Result('+', T::kUnknown, T::kTime) == T::kTime);
  CHECK(Result('-', T::kUnknown, T::kTime) == T::kInterval);
  CHECK(Result('-', T::kTimeTz, T::kUnknown) == T::kTimeTz);
  CHECK(Result('-', T::kDate, T::kUnknown) == T::kInt4);
  CHECK(Result('-', T::kUnknown, T::kDate) == T::kInt4);
  CHECK(Result('+', T::kUnknown, T::kTimestamp) == T::kTimestamp);
  CHECK(Result('+', T::kInterval, T::kUnknown) == T::kInterval);
  CHECK(Result('+', T::kUnknown, T::kInterval) == T::kInterval);
  CHECK(Result('*', T::kInterval, T::kUnknown) == T::kInterval);
  CHECK(Result('*', T::kUnknown, T::kInterval) == T::kInterval);
  // "operator is not unique: date + unknown", "... unknown + date", "... time with time zone + unknown",
  // "... time without time zone + time without time zone"
  CHECK(Ambiguous('+', T::kDate, T::kUnknown));
  CHECK(Ambiguous('+', T::kUnknown, T::kDate));
  CHECK(Ambiguous('+', T::kTimeTz, T::kUnknown));
  CHECK(Ambiguous('+', T::kTime, T::kTime));
}

TEST_CASE("missing date/time operators") {
  // "operator does not exist": interval + integer, time - timetz, date + int8, timestamp + timestamp,
  // interval - timestamp, date * integer
  CHECK(Result('+', T::kInterval, T::kInt4) == T::kInvalid);
  CHECK(Result('-', T::kTime, T::kTimeTz) == T::kInvalid);
  CHECK(Result('+', T::kDate, T::kInt8) == T::kInvalid);
  CHECK(Result('+', T::kTimestamp, T::kTimestamp) == T::kInvalid);
  CHECK(Result('-', T::kInterval, T::kTimestamp) == T::kInvalid);
  CHECK(Result('*', T::kDate, T::kInt4) == T::kInvalid);
  CHECK_FALSE(Ambiguous('+', T::kInterval, T::kInt4));
  CHECK(HasDateTimeOperand(T::kInt4, T::kInterval));
  CHECK_FALSE(HasDateTimeOperand(T::kInt4, T::kUnknown));
}

TEST_CASE("comparisons and common types of the new types") {
  // select pg_typeof(time '10:00' = timetz '10:00'), time '10:00' < interval '1 hour': both resolve;
  // timestamp = time: operator does not exist.
  CHECK(ComparisonType(T::kTime, T::kTimeTz) == T::kTimeTz);
  CHECK(ComparisonType(T::kInterval, T::kTime) == T::kInterval);
  CHECK(ComparisonType(T::kUuid, T::kUnknown) == T::kUuid);
  CHECK(ComparisonType(T::kInterval, T::kInterval) == T::kInterval);
  CHECK_FALSE(ComparisonType(T::kTimestamp, T::kTime).has_value());
  CHECK_FALSE(ComparisonType(T::kUuid, T::kText).has_value());
  CHECK_FALSE(ComparisonType(T::kTimeTz, T::kInterval).has_value());
  // CASE WHEN ... THEN time ... ELSE timetz ... END is timetz; "COALESCE types interval and time without time
  // zone cannot be matched" (different categories), "CASE/WHEN could not convert type time without time zone
  // to timestamp without time zone".
  CHECK(SelectCommonType({T::kTime, T::kTimeTz}, nullptr) == T::kTimeTz);
  size_t bad = 0;
  CHECK_FALSE(SelectCommonType({T::kInterval, T::kTime, T::kUnknown}, &bad).has_value());
  CHECK(bad == 1);
  CHECK_FALSE(SelectCommonType({T::kTime, T::kTimestamp}, &bad).has_value());
  CHECK_FALSE(SelectCommonType({T::kUuid, T::kText}, &bad).has_value());
  CHECK(CanCoerceAssignment(T::kTimestamp, T::kTime));
  CHECK_FALSE(CanCoerceImplicitly(T::kTimestamp, T::kTime));
  CHECK(CanCoerceAssignment(T::kUuid, T::kText));
  CHECK_FALSE(CanCoerceAssignment(T::kText, T::kUuid));
}

}  // namespace
}  // namespace lumadb::planner
