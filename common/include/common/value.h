#pragma once
// Value: one SQL datum of a built-in type, or NULL. Row: a tuple of them.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/interval.h"
#include "common/numeric.h"
#include "common/time_of_day.h"
#include "common/types.h"

namespace lumadb {

struct Array;   // common/array.h
struct Record;  // common/record.h

/// A SQL datum. The physical representation by type:
///   bool                    -> bool
///   int2, int4, int8, oid, regclass, regtype -> int64_t (range kept by the type's own checks)
///   void                    -> int64_t 0 (not NULL: a function returning void returns a value)
///   date                    -> int64_t days since 2000-01-01 (PostgreSQL's POSTGRES_EPOCH_JDATE)
///   timestamp[tz]           -> int64_t microseconds since 2000-01-01 00:00:00 (UTC for tz)
///   time                    -> int64_t microseconds since midnight (0 .. 24:00:00)
///   timetz                  -> TimeTz (time of day + zone seconds west of UTC)
///   interval                -> Interval (microseconds, days, months)
///   uuid                    -> std::string of the 16 bytes
///   float4, float8          -> double (float4 values are rounded to float on creation)
///   text, varchar, bpchar, name, unknown, bytea -> std::string (bytea holds raw bytes)
///   json                    -> std::string, the input text verbatim (validated)
///   jsonb                   -> std::string, the normalized text jsonb_out prints (common/json.h)
///   numeric                 -> Numeric
///   arrays (_int4, ...)     -> shared immutable Array (common/array.h)
///   record                  -> shared immutable Record (common/record.h): field values and names
/// A NULL still has a type (the column's), as in PostgreSQL.
class Value {
 public:
  /// A NULL of unknown type.
  Value() = default;

  static Value Null(TypeId type) { return Value(type, std::monostate{}); }
  static Value Bool(bool b) { return Value(TypeId::kBool, b); }
  static Value Int2(int16_t v) { return Value(TypeId::kInt2, static_cast<int64_t>(v)); }
  static Value Int4(int32_t v) { return Value(TypeId::kInt4, static_cast<int64_t>(v)); }
  static Value Int8(int64_t v) { return Value(TypeId::kInt8, v); }
  static Value Oid(uint32_t v) { return Value(TypeId::kOid, static_cast<int64_t>(v)); }
  /// The value of a function returning void.
  static Value Void() { return Value(TypeId::kVoid, int64_t{0}); }
  static Value Float4(float v) { return Value(TypeId::kFloat4, static_cast<double>(v)); }
  static Value Float8(double v) { return Value(TypeId::kFloat8, v); }
  /// A string of a string type (text, varchar, bpchar, name, unknown, bytea), or of json/jsonb.
  static Value String(std::string s, TypeId type = TypeId::kText) { return Value(type, std::move(s)); }
  static Value Num(Numeric n) { return Value(TypeId::kNumeric, std::move(n)); }
  static Value Date(int64_t days) { return Value(TypeId::kDate, days); }
  static Value Timestamp(int64_t micros, TypeId type = TypeId::kTimestamp) { return Value(type, micros); }
  static Value Time(int64_t micros) { return Value(TypeId::kTime, micros); }
  static Value OfTimeTz(TimeTz t) { return Value(TypeId::kTimeTz, t); }
  static Value OfInterval(Interval i) { return Value(TypeId::kInterval, i); }
  /// A uuid from its 16 raw bytes.
  static Value Uuid(std::string bytes) { return Value(TypeId::kUuid, std::move(bytes)); }

  /// An array value of array type `type` (the element type's array type).
  static Value OfArray(TypeId type, std::shared_ptr<const Array> a) { return Value(type, std::move(a)); }
  /// A record (composite) value.
  static Value OfRecord(std::shared_ptr<const Record> r) { return Value(TypeId::kRecord, std::move(r)); }

  TypeId type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }

  bool GetBool() const { return std::get<bool>(data_); }
  /// The integer of an int2/int4/int8/oid/date/timestamp/time value.
  int64_t GetInt() const { return std::get<int64_t>(data_); }
  double GetFloat() const { return std::get<double>(data_); }
  const std::string& GetString() const { return std::get<std::string>(data_); }
  const Numeric& GetNumeric() const { return std::get<Numeric>(data_); }
  const Interval& GetInterval() const { return std::get<Interval>(data_); }
  const TimeTz& GetTimeTz() const { return std::get<TimeTz>(data_); }
  const Array& GetArray() const { return *std::get<std::shared_ptr<const Array>>(data_); }
  const Record& GetRecord() const { return *std::get<std::shared_ptr<const Record>>(data_); }

  /// Same value, relabelled as another type of the same representation (e.g. unknown -> text).
  Value WithType(TypeId t) const& {
    Value v = *this;
    v.type_ = t;
    return v;
  }
  /// The same for a temporary, without copying its data (every decoded int4/date column passes here).
  Value WithType(TypeId t) && {
    type_ = t;
    return std::move(*this);
  }

 private:
  using Data = std::variant<std::monostate, bool, int64_t, double, std::string, Numeric, Interval, TimeTz,
                            std::shared_ptr<const Array>, std::shared_ptr<const Record>>;
  // Builds the alternative in place (T is exactly one of Data's types): moving a temporary Data instead makes
  // GCC 12 report the other alternatives as maybe-uninitialized under -fsanitize=address.
  template <typename T>
  Value(TypeId t, T v) : type_(t), data_(std::in_place_type<T>, std::move(v)) {}

  TypeId type_ = TypeId::kUnknown;
  Data data_;
};

using Row = std::vector<Value>;

}  // namespace lumadb
