#pragma once
// The pieces shared by date_part.cpp and date_part_time.cpp (private to common/).

#include <cstdint>
#include <string>
#include <string_view>

#include "common/value.h"

namespace lumadb {

/// The unit a field name decodes to (datetime.h DTK_*); kOtherReserved is a reserved word other than
/// epoch ('now', 'infinity', ...).
enum class PartUnit {
  kMicrosecond,
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kJulian,
  kIsoYear,
  kDow,
  kIsoDow,
  kDoy,
  kTz,
  kTzHour,
  kTzMinute,
  kEpoch,
  kOtherReserved,
};

/// A decoded field name: a unit (DecodeUnits' UNITS), a reserved word (RESERV: epoch, now, ...), or
/// neither; name is the lower-cased field as error messages show it.
struct PartField {
  enum class Kind { kUnits, kReserved, kUnrecognized };
  Kind kind = Kind::kUnrecognized;
  PartUnit unit = PartUnit::kOtherReserved;
  std::string name;
};

/// DecodeUnits, then DecodeSpecial, on the lower-cased field (first 10 characters significant).
PartField LookupPart(std::string_view field);

/// 0A000 "unit \"x\" not supported for type <type>".
[[noreturn]] void ThrowPartNotSupported(const PartField& f, TypeId type);
/// 22023 "unit \"x\" not recognized for type <type>".
[[noreturn]] void ThrowPartNotRecognized(const PartField& f, TypeId type);

/// int64_div_fast_to_numeric: value / 10^scale as a numeric of exactly that scale.
Value ScaledNumeric(int64_t value, int scale);

/// The result of an integer-valued field: numeric for EXTRACT, float8 for date_part.
Value IntegerPart(int64_t v, bool numeric);

/// A field of a time of day (time_part_common / timetz_part_common); zone in seconds west, or nullptr for
/// time without time zone.
Value TimeOfDayPart(const PartField& f, int64_t time, const int32_t* zone, bool numeric);
/// A field of an interval (interval_part_common).
Value IntervalPart(const PartField& f, const Interval& v, bool numeric);

}  // namespace lumadb
