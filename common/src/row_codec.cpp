#include "common/row_codec.h"

#include <bit>
#include <cstring>
#include <string>
#include <string_view>

#include "common/array.h"
#include "common/error.h"
#include "common/record.h"
#include "common/types.h"

namespace lumadb {

namespace {

// Width of a fixed-width attribute, or 0 for a variable-length one (u32 length + bytes). Only the
// pass-by-value types (typlen 1..8) are stored inline; name (typlen 64) is stored like text.
size_t FixedWidth(TypeId t) {
  const int16_t len = TypeLength(t);
  return len > 0 && len <= 8 ? static_cast<size_t>(len) : 0;
}

// On a little-endian machine the low `width` bytes of v are its stored form, so one memcpy does (COPY and
// every scan encode and decode each fixed-width column through these two).
void PutLe(std::vector<std::byte>& out, uint64_t v, size_t width) {
  if constexpr (std::endian::native == std::endian::little) {
    const auto* p = reinterpret_cast<const std::byte*>(&v);
    out.insert(out.end(), p, p + width);  // no zero-fill first, as resize would do
  } else {
    const size_t at = out.size();
    out.resize(at + width);
    for (size_t i = 0; i < width; ++i) out[at + i] = static_cast<std::byte>((v >> (8 * i)) & 0xff);
  }
}

uint64_t GetLe(std::span<const std::byte> in, size_t pos, size_t width) {
  uint64_t v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, in.data() + pos, width);
  } else {
    for (size_t i = 0; i < width; ++i) v |= static_cast<uint64_t>(in[pos + i]) << (8 * i);
  }
  return v;
}

// The bit pattern a fixed-width value is stored as.
uint64_t FixedBits(const Value& v, TypeId t) {
  switch (t) {
    case TypeId::kBool:
      return v.GetBool() ? 1 : 0;
    case TypeId::kFloat4: {
      const float f = static_cast<float>(v.GetFloat());
      uint32_t bits = 0;
      std::memcpy(&bits, &f, sizeof bits);
      return bits;
    }
    case TypeId::kFloat8: {
      const double d = v.GetFloat();
      uint64_t bits = 0;
      std::memcpy(&bits, &d, sizeof bits);
      return bits;
    }
    default:
      return static_cast<uint64_t>(v.GetInt());
  }
}

// Sign-extends `width` bytes read little-endian.
int64_t SignExtend(uint64_t bits, size_t width) {
  const unsigned shift = static_cast<unsigned>(64 - 8 * width);
  return static_cast<int64_t>(bits << shift) >> shift;
}

Value FixedValue(uint64_t bits, TypeId t) {
  switch (t) {
    case TypeId::kBool:
      return Value::Bool(bits != 0);
    case TypeId::kFloat4: {
      const auto b32 = static_cast<uint32_t>(bits);
      float f = 0;
      std::memcpy(&f, &b32, sizeof f);
      return Value::Float4(f);
    }
    case TypeId::kFloat8: {
      double d = 0;
      std::memcpy(&d, &bits, sizeof d);
      return Value::Float8(d);
    }
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      return Value::Oid(static_cast<uint32_t>(bits)).WithType(t);
    default:
      return Value::Int8(SignExtend(bits, FixedWidth(t))).WithType(t);
  }
}

[[noreturn]] void ThrowCorrupt(const char* what) {
  throw DbError(sqlstate::kDataCorrupted, std::string("malformed tuple: ") + what);
}

// Width of the fixed-width types wider than 8 bytes (stored inline, no length), else 0.
size_t WideWidth(TypeId t) {
  return t == TypeId::kTimeTz || t == TypeId::kInterval || t == TypeId::kUuid ? static_cast<size_t>(TypeLength(t)) : 0;
}

// timetz: time i64, zone i32; interval: time i64, day i32, month i32; uuid: its 16 bytes.
void PutWide(std::vector<std::byte>& out, const Value& v, TypeId t) {
  if (t == TypeId::kUuid) {
    LUMADB_ASSERT(v.GetString().size() == 16, "uuid of the wrong length");
    const auto* p = reinterpret_cast<const std::byte*>(v.GetString().data());
    out.insert(out.end(), p, p + 16);
  } else if (t == TypeId::kTimeTz) {
    PutLe(out, static_cast<uint64_t>(v.GetTimeTz().time), 8);
    PutLe(out, static_cast<uint32_t>(v.GetTimeTz().zone), 4);
  } else {
    const Interval& i = v.GetInterval();
    PutLe(out, static_cast<uint64_t>(i.time), 8);
    PutLe(out, static_cast<uint32_t>(i.day), 4);
    PutLe(out, static_cast<uint32_t>(i.month), 4);
  }
}

Value GetWide(std::span<const std::byte> in, size_t pos, TypeId t) {
  if (t == TypeId::kUuid) return Value::Uuid(std::string(reinterpret_cast<const char*>(in.data() + pos), 16));
  const auto time = static_cast<int64_t>(GetLe(in, pos, 8));
  if (t == TypeId::kTimeTz) return Value::OfTimeTz(TimeTz{time, static_cast<int32_t>(GetLe(in, pos + 8, 4))});
  return Value::OfInterval(
      Interval{time, static_cast<int32_t>(GetLe(in, pos + 8, 4)), static_cast<int32_t>(GetLe(in, pos + 12, 4))});
}

// The encoded size (exact unless numerics or arrays are present), so EncodeRow allocates once.
size_t EncodedSizeHint(std::span<const TypeId> types, const Row& row) {
  size_t size = 2 + (types.size() + 7) / 8;
  for (size_t i = 0; i < types.size(); ++i) {
    if (row[i].is_null()) continue;
    if (size_t width = FixedWidth(types[i]) + WideWidth(types[i])) {
      size += width;
    } else {
      const bool encoded = types[i] == TypeId::kNumeric || types[i] == TypeId::kRecord || IsArrayType(types[i]);
      size += 4 + (encoded ? 16 : row[i].GetString().size());
    }
  }
  return size;
}

// A NULL of type t in v, leaving v alone when it already is one (a reused row's skipped columns).
void SetNull(Value& v, TypeId t) {
  if (!v.is_null() || v.type() != t) v = Value::Null(t);
}

}  // namespace

std::vector<std::byte> EncodeRow(std::span<const TypeId> types, const Row& row) {
  std::vector<std::byte> out;
  out.reserve(EncodedSizeHint(types, row));
  EncodeRowTo(types, row, &out);
  return out;
}

size_t EncodeRowTo(std::span<const TypeId> types, const Row& row, std::vector<std::byte>* buffer) {
  LUMADB_ASSERT(types.size() == row.size(), "EncodeRow: row width differs from its types");
  LUMADB_ASSERT(types.size() <= 0xffff, "EncodeRow: too many attributes");
  std::vector<std::byte>& out = *buffer;
  const size_t start = out.size();
  const size_t natts = types.size();
  PutLe(out, natts, 2);
  const size_t bitmap_at = out.size();
  out.resize(out.size() + (natts + 7) / 8, std::byte{0});
  for (size_t i = 0; i < natts; ++i) {
    const Value& v = row[i];
    if (v.is_null()) {
      out[bitmap_at + i / 8] |= static_cast<std::byte>(1u << (i % 8));
      continue;
    }
    if (size_t width = FixedWidth(types[i])) {
      PutLe(out, FixedBits(v, types[i]), width);
      continue;
    }
    if (WideWidth(types[i]) != 0) {
      PutWide(out, v, types[i]);
      continue;
    }
    const bool encoded = types[i] == TypeId::kNumeric || types[i] == TypeId::kRecord || IsArrayType(types[i]);
    const std::string text = types[i] == TypeId::kNumeric  ? v.GetNumeric().ToString()
                             : types[i] == TypeId::kRecord ? SendRecord(v.GetRecord())
                             : encoded                     ? SendArray(v.GetArray())
                                                           : std::string();
    const std::string& bytes = encoded ? text : v.GetString();
    PutLe(out, bytes.size(), 4);
    const auto* p = reinterpret_cast<const std::byte*>(bytes.data());
    out.insert(out.end(), p, p + bytes.size());
  }
  return out.size() - start;
}

Row DecodeRow(std::span<const TypeId> types, std::span<const std::byte> bytes) {
  return DecodeRow(types, bytes, {});
}

Row DecodeRow(std::span<const TypeId> types, std::span<const std::byte> bytes, const std::vector<bool>& wanted) {
  Row row;
  DecodeRowInto(types, bytes, wanted, &row);
  return row;
}

void DecodeRowInto(std::span<const TypeId> types, std::span<const std::byte> bytes, const std::vector<bool>& wanted,
                   Row* out) {
  if (bytes.size() < 2) ThrowCorrupt("too short");
  const size_t natts = GetLe(bytes, 0, 2);
  if (natts > types.size()) ThrowCorrupt("more attributes than columns");
  size_t pos = 2 + (natts + 7) / 8;
  if (pos > bytes.size()) ThrowCorrupt("truncated null bitmap");
  Row& row = *out;
  row.resize(types.size());
  for (size_t i = 0; i < types.size(); ++i) {
    const bool is_null = i >= natts || (static_cast<unsigned>(bytes[2 + i / 8]) >> (i % 8)) & 1u;
    if (is_null) {
      SetNull(row[i], types[i]);
      continue;
    }
    const size_t fixed = FixedWidth(types[i]);
    const size_t wide = fixed != 0 ? 0 : WideWidth(types[i]);
    size_t width = fixed + wide;
    if (width == 0) {
      if (pos + 4 > bytes.size()) ThrowCorrupt("truncated length");
      width = GetLe(bytes, pos, 4);
      pos += 4;
    }
    if (width > bytes.size() - pos) ThrowCorrupt("truncated attribute");
    if (!wanted.empty() && !wanted[i]) {
      SetNull(row[i], types[i]);
    } else if (fixed != 0) {
      row[i] = FixedValue(GetLe(bytes, pos, width), types[i]);
    } else if (wide != 0) {
      row[i] = GetWide(bytes, pos, types[i]);
    } else {
      const std::string_view s(reinterpret_cast<const char*>(bytes.data() + pos), width);
      if (types[i] == TypeId::kNumeric) {
        row[i] = Value::Num(Numeric::Parse(s));
      } else if (types[i] == TypeId::kRecord) {
        row[i] = ReceiveRecord(s);
      } else if (IsArrayType(types[i])) {
        row[i] = ReceiveStoredArray({types[i], -1}, s);
      } else {
        row[i] = Value::String(std::string(s), types[i]);
      }
    }
    pos += width;
  }
  if (pos != bytes.size()) ThrowCorrupt("trailing bytes");
}

}  // namespace lumadb
