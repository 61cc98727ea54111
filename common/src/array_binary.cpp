// Array binary send/receive: PostgreSQL 15 utils/adt/arrayfuncs.c array_send / array_recv (layout in
// common/array.h).

#include <string>

#include "common/array.h"
#include "common/error.h"
#include "common/record.h"
#include "common/value_binary.h"
#include "numeric_binary.h"

namespace lumadb {

namespace {

void PutInt32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

[[noreturn]] void ThrowBinary(const std::string& message) {
  throw DbError(sqlstate::kInvalidBinaryRepresentation, message);
}

/// One element: typreceive over exactly its bytes, with array_recv's message for bytes left over.
Value ReceiveElement(TypeDesc element, std::string_view bytes, size_t index, bool stored) {
  try {
    // record_recv refuses anonymous records from clients; our own stored arrays read them back.
    if (stored && element.id == TypeId::kRecord) return ReceiveRecord(bytes);
    return ReceiveValue(element, bytes);
  } catch (const DbError& e) {
    if (e.code() != sqlstate::kInvalidBinaryRepresentation || e.message() != "incorrect binary data format") throw;
    ThrowBinary("improper binary format in array element " + std::to_string(index + 1));
  }
}

// array_recv over `bytes`; `stored`: LumaDB's own bytes, whose record elements are read back too.
Value ReceiveArrayOf(TypeDesc type, std::string_view bytes, bool stored) {
  const TypeId element = ElementTypeOf(type.id);
  BinaryReader in(bytes);
  const auto ndim = static_cast<int32_t>(in.Get(4));
  if (ndim < 0 || ndim > kMaxArrayDims) ThrowBinary("invalid number of dimensions: " + std::to_string(ndim));
  const auto flags = static_cast<int32_t>(in.Get(4));
  if (flags != 0 && flags != 1) ThrowBinary("invalid array flags");
  const auto elem_oid = static_cast<uint32_t>(in.Get(4));
  if (elem_oid != static_cast<uint32_t>(element)) {
    const auto got = static_cast<TypeId>(elem_oid);
    throw DbError(sqlstate::kDatatypeMismatch, "binary data has array element type " + std::to_string(elem_oid) + " (" +
                                                   FormatType({got, -1}) + ") instead of expected " +
                                                   std::to_string(static_cast<uint32_t>(element)) + " (" +
                                                   FormatType({element, -1}) + ")");
  }
  Array a;
  a.element = element;
  int64_t nitems = ndim == 0 ? 0 : 1;
  for (int32_t d = 0; d < ndim; ++d) {
    const auto dim = static_cast<int32_t>(in.Get(4));
    const auto lb = static_cast<int32_t>(in.Get(4));
    if (dim != 0 && static_cast<int64_t>(lb) + dim - 1 > INT32_MAX) {
      throw DbError(sqlstate::kNumericValueOutOfRange, "integer out of range");
    }
    if (dim < 0) throw DbError(sqlstate::kProgramLimitExceeded, "array size exceeds the maximum allowed (134217727)");
    nitems *= dim;
    if (nitems > 134217727) {
      throw DbError(sqlstate::kProgramLimitExceeded, "array size exceeds the maximum allowed (134217727)");
    }
    a.dims.push_back(dim);
    a.lbounds.push_back(lb);
  }
  if (nitems == 0) return MakeArray(Array{element, {}, {}, {}});
  a.items.reserve(static_cast<size_t>(nitems));
  for (int64_t i = 0; i < nitems; ++i) {
    const auto len = static_cast<int32_t>(in.Get(4));
    if (len == -1) {
      a.items.push_back(Value::Null(element));
      continue;
    }
    if (len < -1) ThrowBinary("insufficient data left in message");
    a.items.push_back(
        ReceiveElement({element, type.typmod}, in.Bytes(static_cast<size_t>(len)), static_cast<size_t>(i), stored));
  }
  return MakeArray(std::move(a));
}

}  // namespace

std::string SendArray(const Array& a) {
  std::string out;
  PutInt32(&out, static_cast<uint32_t>(a.ndim()));
  PutInt32(&out, a.HasNulls() ? 1 : 0);
  PutInt32(&out, static_cast<uint32_t>(a.element));
  for (int d = 0; d < a.ndim(); ++d) {
    PutInt32(&out, static_cast<uint32_t>(a.dims[d]));
    PutInt32(&out, static_cast<uint32_t>(a.lbounds[d]));
  }
  for (const Value& v : a.items) {
    if (v.is_null()) {
      PutInt32(&out, 0xffffffffu);
      continue;
    }
    const std::string bytes = SendValue(v);
    PutInt32(&out, static_cast<uint32_t>(bytes.size()));
    out += bytes;
  }
  return out;
}

Value ReceiveArray(TypeDesc type, std::string_view bytes) {
  return ReceiveArrayOf(type, bytes, false);
}

Value ReceiveStoredArray(TypeDesc type, std::string_view bytes) {
  return ReceiveArrayOf(type, bytes, true);
}

}  // namespace lumadb
