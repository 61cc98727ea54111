// Arithmetic with intervals and times of day (PostgreSQL 15 timestamp.c, date.c: interval_pl/mi/mul/div,
// timestamp_pl_interval, timestamp_mi, date_pl_interval, time_pl_interval, timetz_pl_interval,
// datetime_pl, datetimetz_pl, time_mi_time).

#include "datetime_arith.h"

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "interval_util.h"

namespace lumadb {

namespace {

bool IsTimestamp(TypeId t) {
  return t == TypeId::kTimestamp || t == TypeId::kTimestampTz;
}

bool IsNumber(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8 || t == TypeId::kFloat4 ||
         t == TypeId::kFloat8 || t == TypeId::kNumeric;
}

double NumberAsDouble(const Value& v) {
  if (v.type() == TypeId::kNumeric) return v.GetNumeric().ToDouble();
  if (v.type() == TypeId::kFloat4 || v.type() == TypeId::kFloat8) return v.GetFloat();
  return static_cast<double>(v.GetInt());
}

// The interval to add: the operand itself for +, its negation for - (timestamp_mi_interval negates the
// fields without an overflow check, as here).
Interval Signed(const Interval& span, ArithOp op) {
  if (op == ArithOp::kAdd) return span;
  return Interval{-span.time, -span.day, -span.month};
}

// datetime_pl: date + time.
Value DatePlusTime(int64_t days, int64_t time) {
  int64_t ts = DateToTimestamp(days);
  if (ts != kTimestampNoBegin && ts != kTimestampNoEnd) {
    ts += time;
    if (!IsValidTimestamp(ts) || ts == kTimestampNoEnd) ThrowTimestampRange();
  }
  return Value::Timestamp(ts);
}

// datetimetz_pl: date + timetz, as a timestamptz at the zone's offset.
Value DatePlusTimeTz(int64_t days, const TimeTz& t) {
  int64_t ts = DateToTimestamp(days);
  if (ts != kTimestampNoBegin && ts != kTimestampNoEnd) {
    ts += t.time + static_cast<int64_t>(t.zone) * kUsecsPerSecond;
    if (!IsValidTimestamp(ts) || ts == kTimestampNoBegin || ts == kTimestampNoEnd) {
      throw DbError(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
    }
  }
  return Value::Timestamp(ts, TypeId::kTimestampTz);
}

// timestamptz_pl_interval: the months, then the days, are added to the wall time of the session's zone
// (each result resolved as DetermineTimeZoneOffset does, so '1 day' keeps the clock time across a DST
// change), then the time part to the instant.
int64_t TimestampTzPlusInterval(int64_t micros, const Interval& span) {
  if (micros == kTimestampNoBegin || micros == kTimestampNoEnd) return micros;
  const TimeZone& zone = SessionTimeZone();
  if (span.month != 0) micros = zone.LocalToUtc(TimestampPlusInterval(zone.UtcToLocal(micros), {0, 0, span.month}));
  if (span.day != 0) micros = zone.LocalToUtc(TimestampPlusInterval(zone.UtcToLocal(micros), {0, span.day, 0}));
  return TimestampPlusInterval(micros, {span.time, 0, 0});
}

// Something +- interval, with the interval on the right (interval + x is evaluated as x + interval).
std::optional<Value> PlusInterval(ArithOp op, const Value& x, const Interval& span) {
  const TypeId t = x.type();
  const Interval s = Signed(span, op);
  if (t == TypeId::kTimestampTz) return Value::Timestamp(TimestampTzPlusInterval(x.GetInt(), s), t);
  if (t == TypeId::kTimestamp) return Value::Timestamp(TimestampPlusInterval(x.GetInt(), s), t);
  if (t == TypeId::kDate) return Value::Timestamp(TimestampPlusInterval(DateToTimestamp(x.GetInt()), s));
  if (t == TypeId::kTime) return Value::Time(TimePlusInterval(x.GetInt(), span, op == ArithOp::kSub));
  if (t == TypeId::kTimeTz) {
    TimeTz r = x.GetTimeTz();
    r.time = TimePlusInterval(r.time, span, op == ArithOp::kSub);
    return Value::OfTimeTz(r);
  }
  if (t == TypeId::kInterval) {
    return Value::OfInterval(op == ArithOp::kAdd ? AddIntervals(x.GetInterval(), span)
                                                 : SubtractIntervals(x.GetInterval(), span));
  }
  return std::nullopt;
}

}  // namespace

std::optional<Value> DateTimeArithmetic(ArithOp op, const Value& a, const Value& b) {
  const TypeId ta = a.type(), tb = b.type();
  const bool add_or_sub = op == ArithOp::kAdd || op == ArithOp::kSub;
  if (tb == TypeId::kInterval && add_or_sub) return PlusInterval(op, a, b.GetInterval());
  if (ta == TypeId::kInterval && op == ArithOp::kAdd) return PlusInterval(op, b, a.GetInterval());
  if (ta == TypeId::kInterval && IsNumber(tb) && op == ArithOp::kMul) {
    return Value::OfInterval(MultiplyInterval(a.GetInterval(), NumberAsDouble(b)));
  }
  if (IsNumber(ta) && tb == TypeId::kInterval && op == ArithOp::kMul) {
    return Value::OfInterval(MultiplyInterval(b.GetInterval(), NumberAsDouble(a)));
  }
  if (ta == TypeId::kInterval && IsNumber(tb) && op == ArithOp::kDiv) {
    return Value::OfInterval(DivideInterval(a.GetInterval(), NumberAsDouble(b)));
  }
  if (IsTimestamp(ta) && ta == tb && op == ArithOp::kSub) {
    return Value::OfInterval(TimestampDifference(a.GetInt(), b.GetInt()));
  }
  if (ta == TypeId::kTime && tb == TypeId::kTime && op == ArithOp::kSub) {
    return Value::OfInterval(Interval{a.GetInt() - b.GetInt(), 0, 0});
  }
  if (op == ArithOp::kAdd && ta == TypeId::kDate && tb == TypeId::kTime) return DatePlusTime(a.GetInt(), b.GetInt());
  if (op == ArithOp::kAdd && ta == TypeId::kTime && tb == TypeId::kDate) return DatePlusTime(b.GetInt(), a.GetInt());
  if (op == ArithOp::kAdd && ta == TypeId::kDate && tb == TypeId::kTimeTz) {
    return DatePlusTimeTz(a.GetInt(), b.GetTimeTz());
  }
  if (op == ArithOp::kAdd && ta == TypeId::kTimeTz && tb == TypeId::kDate) {
    return DatePlusTimeTz(b.GetInt(), a.GetTimeTz());
  }
  return std::nullopt;
}

}  // namespace lumadb
