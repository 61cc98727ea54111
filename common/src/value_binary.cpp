// typsend / typreceive (PostgreSQL 15 bool.c, int.c, int8.c, float.c, varlena.c, varchar.c, name.c,
// oid.c, date.c, timestamp.c, uuid.c; numeric in numeric_binary.cpp). Layouts drawn in value_binary.h.

#include "common/value_binary.h"

#include <bit>
#include <cstring>
#include <string>

#include "common/array.h"
#include "common/datetime.h"
#include "common/error.h"
#include "common/interval.h"
#include "common/record.h"
#include "common/time_of_day.h"
#include "common/uuid.h"
#include "common/value_io.h"
#include "numeric_binary.h"
#include "string_util.h"

namespace lumadb {

namespace {

constexpr int32_t kMaxZoneSeconds = 16 * 3600;  // TZDISP_LIMIT

void PutBe(std::string* out, uint64_t v, int width) {
  for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

[[noreturn]] void ThrowRange(const char* message) {
  throw DbError(sqlstate::kDatetimeFieldOverflow, message);
}

// Text input from a client: valid UTF-8 without NUL, as pq_getmsgtext's encoding check.
std::string ReceiveText(BinaryReader& in) {
  std::string s(in.Rest());
  CheckUtf8(s);
  return s;
}

Value ReceiveTimestamp(BinaryReader& in, TypeDesc type) {
  const auto micros = static_cast<int64_t>(in.Get(8));
  if (!IsValidTimestamp(micros)) ThrowRange("timestamp out of range");
  return Value::Timestamp(RoundTimestamp(micros, type.typmod), type.id);
}

int64_t ReceiveTime(BinaryReader& in, int32_t typmod) {
  const auto micros = static_cast<int64_t>(in.Get(8));
  if (micros < 0 || micros > kUsecsPerDay) ThrowRange("time out of range");
  return RoundTime(micros, typmod);
}

// json_recv reads the text; jsonb_recv a version byte (only 1 exists) and then the text.
Value ReceiveJson(TypeId type, BinaryReader& in) {
  if (type == TypeId::kJsonb) {
    const auto version = static_cast<int>(in.Get(1));
    if (version != 1)
      throw DbError(sqlstate::kInternalError, "unsupported jsonb version number " + std::to_string(version));
  }
  return ParseValue({type, -1}, ReceiveText(in));
}

Value ReceiveOne(TypeDesc type, BinaryReader& in) {
  switch (type.id) {
    case TypeId::kBool:
      return Value::Bool(in.Get(1) != 0);
    case TypeId::kInt2:
      return Value::Int2(static_cast<int16_t>(in.Get(2)));
    case TypeId::kInt4:
      return Value::Int4(static_cast<int32_t>(in.Get(4)));
    case TypeId::kInt8:
      return Value::Int8(static_cast<int64_t>(in.Get(8)));
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      return Value::Oid(static_cast<uint32_t>(in.Get(4))).WithType(type.id);
    case TypeId::kVoid:
      return Value::Void();  // void_recv reads nothing
    case TypeId::kFloat4:
      return Value::Float4(std::bit_cast<float>(static_cast<uint32_t>(in.Get(4))));
    case TypeId::kFloat8:
      return Value::Float8(std::bit_cast<double>(in.Get(8)));
    case TypeId::kText:
    case TypeId::kUnknown:
      return Value::String(ReceiveText(in), type.id);
    case TypeId::kVarchar:
    case TypeId::kBpchar:
      return Value::String(ApplyCharTypmod(ReceiveText(in), type, false), type.id);
    case TypeId::kName: {
      std::string s = ReceiveText(in);
      if (s.size() >= 64) {
        throw DbError(sqlstate::kNameTooLong, "identifier too long")
            .Detail("Identifier must be less than 64 characters.");
      }
      return Value::String(std::move(s), TypeId::kName);
    }
    case TypeId::kBytea:
      return Value::String(std::string(in.Rest()), TypeId::kBytea);
    case TypeId::kDate: {
      const auto days = static_cast<int32_t>(in.Get(4));
      if (!IsValidDate(days)) ThrowRange("date out of range");
      return Value::Date(days);
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return ReceiveTimestamp(in, type);
    case TypeId::kTime:
      return Value::Time(ReceiveTime(in, type.typmod));
    case TypeId::kTimeTz: {
      TimeTz t;
      t.time = ReceiveTime(in, type.typmod);
      t.zone = static_cast<int32_t>(in.Get(4));
      if (t.zone <= -kMaxZoneSeconds || t.zone >= kMaxZoneSeconds) {
        throw DbError(sqlstate::kInvalidTimeZoneDisplacementValue, "time zone displacement out of range");
      }
      return Value::OfTimeTz(t);
    }
    case TypeId::kInterval: {
      Interval i;
      i.time = static_cast<int64_t>(in.Get(8));
      i.day = static_cast<int32_t>(in.Get(4));
      i.month = static_cast<int32_t>(in.Get(4));
      return Value::OfInterval(ApplyIntervalTypmod(i, type.typmod));
    }
    case TypeId::kUuid:
      return Value::Uuid(std::string(in.Bytes(kUuidLength)));
    case TypeId::kNumeric:
      return Value::Num(ReceiveNumeric(in, type.typmod));
    case TypeId::kJson:
    case TypeId::kJsonb:
      return ReceiveJson(type.id, in);
    case TypeId::kRecord:
      throw DbError(sqlstate::kFeatureNotSupported, "input of anonymous composite types is not implemented");
    case TypeId::kInvalid:
      break;
  }
  throw DbError(sqlstate::kFeatureNotSupported, "type " + FormatType(type) + " has no binary input function");
}

}  // namespace

std::string SendValue(const Value& v) {
  LUMADB_ASSERT(!v.is_null(), "SendValue of NULL");
  if (IsArrayType(v.type())) return SendArray(v.GetArray());
  if (v.type() == TypeId::kRecord) return SendRecord(v.GetRecord());
  std::string out;
  switch (v.type()) {
    case TypeId::kBool:
      out.push_back(v.GetBool() ? '\x01' : '\x00');
      break;
    case TypeId::kInt2:
      PutBe(&out, static_cast<uint64_t>(v.GetInt()), 2);
      break;
    case TypeId::kInt4:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kDate:
      PutBe(&out, static_cast<uint64_t>(v.GetInt()), 4);
      break;
    case TypeId::kVoid:
      break;  // void_send sends no bytes
    case TypeId::kInt8:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
      PutBe(&out, static_cast<uint64_t>(v.GetInt()), 8);
      break;
    case TypeId::kFloat4:
      PutBe(&out, std::bit_cast<uint32_t>(static_cast<float>(v.GetFloat())), 4);
      break;
    case TypeId::kFloat8:
      PutBe(&out, std::bit_cast<uint64_t>(v.GetFloat()), 8);
      break;
    case TypeId::kTimeTz:
      PutBe(&out, static_cast<uint64_t>(v.GetTimeTz().time), 8);
      PutBe(&out, static_cast<uint32_t>(v.GetTimeTz().zone), 4);
      break;
    case TypeId::kInterval:
      PutBe(&out, static_cast<uint64_t>(v.GetInterval().time), 8);
      PutBe(&out, static_cast<uint32_t>(v.GetInterval().day), 4);
      PutBe(&out, static_cast<uint32_t>(v.GetInterval().month), 4);
      break;
    case TypeId::kNumeric:
      out = SendNumeric(v.GetNumeric());
      break;
    case TypeId::kJsonb:  // jsonb_send: a version byte, then the text
      out = "\x01" + v.GetString();
      break;
    default:  // the string types, bytea and uuid: their bytes
      out = v.GetString();
      break;
  }
  return out;
}

Value ReceiveValue(TypeDesc type, std::string_view bytes, int param_number) {
  if (IsArrayType(type.id)) return ReceiveArray(type, bytes);
  BinaryReader in(bytes);
  Value v = ReceiveOne(type, in);
  if (!in.AtEnd()) {
    std::string message = "incorrect binary data format";
    if (param_number > 0) message += " in bind parameter " + std::to_string(param_number);
    throw DbError(sqlstate::kInvalidBinaryRepresentation, message);
  }
  return v;
}

}  // namespace lumadb
