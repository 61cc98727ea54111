#pragma once
// age(): the symbolic difference of two timestamps (PostgreSQL 15 timestamp.c: timestamp_age,
// timestamptz_age).

#include <cstdint>

#include "common/interval.h"

namespace lumadb {

class TimeZone;

/// age(a, b): the field-wise difference of the wall times of a and b (in `zone` for timestamptz, or as
/// they are for timestamp when zone is nullptr), negative fields borrowed from the next larger one (a day
/// borrows the length of the month of the earlier timestamp), so age('2024-04-01', '2024-03-01') is
/// '1 mon'. The sign is a's minus b's. Like PostgreSQL 15, 'infinity' takes part as its microsecond value.
/// Throws 22008 "timestamp out of range" (a before 4714 BC, e.g. '-infinity'), 22008 "interval out of
/// range".
Interval TimestampAge(int64_t a, int64_t b, const TimeZone* zone);

}  // namespace lumadb
