// Date/time and uuid functions (PostgreSQL 15 docs §9.9 and §9.14): EXTRACT / date_part, justify_*,
// gen_random_uuid, and the SQL value functions CURRENT_TIME, LOCALTIME, LOCALTIMESTAMP (in the session's
// TimeZone).
#include "builtins.h"
#include "common/date_part.h"
#include "common/interval.h"
#include "common/time_of_day.h"
#include "common/time_zone.h"
#include "common/uuid.h"

namespace lumadb::planner {

namespace {

using T = TypeId;

Value Extract(const std::vector<Value>& a, const FunctionEnv&) {
  return ExtractField(a[0].GetString(), a[1]);
}
Value DatePartFn(const std::vector<Value>& a, const FunctionEnv&) {
  return DatePart(a[0].GetString(), a[1]);
}

Value GenRandomUuid(const std::vector<Value>&, const FunctionEnv&) {
  return Value::Uuid(GenerateRandomUuid());
}
Value JustifyHoursFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::OfInterval(JustifyHours(a[0].GetInterval()));
}
Value JustifyDaysFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::OfInterval(JustifyDays(a[0].GetInterval()));
}
Value JustifyIntervalFn(const std::vector<Value>& a, const FunctionEnv&) {
  return Value::OfInterval(JustifyInterval(a[0].GetInterval()));
}
// The transaction's start, as now(), as a wall time of the session's TimeZone.
Value CurrentTime(const std::vector<Value>&, const FunctionEnv& env) {
  const int32_t offset = SessionTimeZone().OffsetAt(env.transaction_start_us);
  return Value::OfTimeTz(TimeTz{TimestampTimeOfDay(SessionTimeZone().UtcToLocal(env.transaction_start_us)), -offset});
}
Value LocalTime(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::Time(TimestampTimeOfDay(SessionTimeZone().UtcToLocal(env.transaction_start_us)));
}
Value LocalTimestamp(const std::vector<Value>&, const FunctionEnv& env) {
  return Value::Timestamp(SessionTimeZone().UtcToLocal(env.transaction_start_us));
}

}  // namespace

void AddDateTimeBuiltins(std::vector<ScalarFunction>& out) {
  std::vector<ScalarFunction> fns = {
      {"gen_random_uuid", {}, T::kUuid, GenRandomUuid, true, false, true},
      {"justify_hours", {T::kInterval}, T::kInterval, JustifyHoursFn},
      {"justify_days", {T::kInterval}, T::kInterval, JustifyDaysFn},
      {"justify_interval", {T::kInterval}, T::kInterval, JustifyIntervalFn},
      {"current_time", {}, T::kTimeTz, CurrentTime},
      {"localtime", {}, T::kTime, LocalTime},
      {"localtimestamp", {}, T::kTimestamp, LocalTimestamp},
  };
  // EXTRACT(f FROM x) arrives as extract('f', x); one overload per date/time type, as pg_proc has.
  for (T t : {T::kTimestampTz, T::kTimestamp, T::kDate, T::kTime, T::kTimeTz, T::kInterval}) {
    fns.push_back({"extract", {T::kText, t}, T::kNumeric, Extract});
    fns.push_back({"date_part", {T::kText, t}, T::kFloat8, DatePartFn});
  }
  out.insert(out.end(), fns.begin(), fns.end());
}

}  // namespace lumadb::planner
