#pragma once
// Text input and output of values: each type's typinput/typoutput functions (PostgreSQL 15
// src/backend/utils/adt/{bool,int,int8,float,numeric,varchar,date,timestamp,uuid}.c).

#include <string>
#include <string_view>

#include "common/value.h"

namespace lumadb {

/// typinput: parses `text` as a value of `type`, applying its typmod (numeric(p,s) rounds, char(n) pads,
/// varchar(n) throws 22001 when too long, as on assignment). Throws 22P02 "invalid input syntax for type
/// integer: \"x\"", 22003 "value \"x\" is out of range for type integer", 22007/22008/22009/22015 for
/// dates, times and intervals (datetime.h, time_of_day.h, interval.h), 22P02 for uuid.
Value ParseValue(TypeDesc type, std::string_view text);

/// typoutput: the text form PostgreSQL sends in DataRow with DateStyle ISO, MDY and extra_float_digits 1
/// (shortest round-trip floats, "Infinity", "NaN"); booleans "t"/"f"; bytea as \x hex; intervals in
/// IntervalStyle postgres. The value must not be NULL.
std::string FormatValue(const Value& v);

}  // namespace lumadb
