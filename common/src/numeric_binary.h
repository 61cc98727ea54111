#pragma once
// The binary reader of typreceive and numeric's send/recv (private to common/; public entry points in
// value_binary.h).

#include <cstdint>
#include <string>
#include <string_view>

#include "common/numeric.h"

namespace lumadb {

/// A cursor over a binary parameter, as pqformat.c's pq_getmsg* functions.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : bytes_(bytes) {}

  /// The next `width` (1..8) bytes as a big-endian unsigned integer. Throws 08P01 "insufficient data left
  /// in message" when fewer remain.
  uint64_t Get(size_t width);
  /// The next n bytes; 08P01 as Get.
  std::string_view Bytes(size_t n);
  /// Everything not read yet (pq_getmsgtext of the remaining length).
  std::string_view Rest();
  bool AtEnd() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

/// numeric_send: ndigits, weight, sign, dscale, base-10000 digits (drawn in value_binary.h).
std::string SendNumeric(const Numeric& n);

/// numeric_recv: validates sign, dscale and digits (22P03), truncates digits hidden by dscale, applies
/// the numeric(p,s) typmod (22003 for an infinity under a typmod).
Numeric ReceiveNumeric(BinaryReader& in, int32_t typmod);

}  // namespace lumadb
