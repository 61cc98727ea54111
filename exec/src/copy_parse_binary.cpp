// CopyParser: the binary format (copyfromparse.c ReceiveCopyBinaryHeader, NextCopyFrom's binary branch,
// CopyReadBinaryAttribute). A row is decoded only once all of its bytes have arrived; the layout is drawn
// in copy.h.

#include <cstring>

#include "common/error.h"
#include "exec/copy_parser.h"

namespace lumadb::exec {

namespace {

constexpr char kSignature[11] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', '\0'};

int32_t GetInt32(const std::string& b, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + at);
  return static_cast<int32_t>((uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]);
}

int16_t GetInt16(const std::string& b, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + at);
  return static_cast<int16_t>((p[0] << 8) | p[1]);
}

DbError BadFormat(const std::string& message) {
  return DbError(sqlstate::kBadCopyFileFormat, message);
}

}  // namespace

bool CopyParser::ReadBinaryHeader() {
  const size_t avail = buf_.size() - pos_;
  const size_t fixed = sizeof(kSignature) + 8;
  if (avail < fixed && !final_) {
    // Check what has arrived, so a text file sent as binary fails at once.
    if (std::memcmp(buf_.data() + pos_, kSignature, std::min(avail, sizeof(kSignature))) != 0) {
      throw BadFormat("COPY file signature not recognized");
    }
    return false;
  }
  if (avail < sizeof(kSignature) || std::memcmp(buf_.data() + pos_, kSignature, sizeof(kSignature)) != 0) {
    throw BadFormat("COPY file signature not recognized");
  }
  if (avail < sizeof(kSignature) + 4) throw BadFormat("invalid COPY file header (missing flags)");
  const int32_t flags = GetInt32(buf_, pos_ + sizeof(kSignature));
  if (flags & (1 << 16)) throw BadFormat("invalid COPY file header (WITH OIDS)");
  // Bits 0-15 are non-critical; of the high half only bit 16 (OIDs) was ever defined.
  if ((flags >> 17) != 0) throw BadFormat("unrecognized critical flags in COPY file header");
  if (avail < fixed) throw BadFormat("invalid COPY file header (missing length)");
  const int32_t extension = GetInt32(buf_, pos_ + sizeof(kSignature) + 4);
  if (extension < 0) throw BadFormat("invalid COPY file header (wrong length)");
  if (avail < fixed + static_cast<size_t>(extension)) {
    if (!final_) return false;
    throw BadFormat("invalid COPY file header (wrong length)");
  }
  pos_ += fixed + static_cast<size_t>(extension);
  header_done_ = true;
  return true;
}

bool CopyParser::NextBinary(CopyRecord* record) {
  if (ended_) return false;
  if (!header_done_ && !ReadBinaryHeader()) return false;
  const size_t size = buf_.size();
  if (pos_ == size) return false;  // at a row boundary: more input, or the end without a trailer
  auto eof = [&] {
    if (!final_) return false;
    throw BadFormat("unexpected EOF in COPY data").Context(Context(*record));
  };
  record->line = line_ + 1;
  record->raw.clear();
  record->fields.clear();
  if (pos_ + 2 > size) return eof();
  const int16_t count = GetInt16(buf_, pos_);
  if (count == -1) {
    // The trailer; whatever follows is an error in the protocol (copyfromparse.c "received copy data
    // after EOF marker") only if it is more than the client's CopyDone, which the session checks.
    ended_ = true;
    pos_ = size;
    return false;
  }
  if (count != static_cast<int16_t>(columns_.size())) {
    throw BadFormat("row field count is " + std::to_string(count) + ", expected " + std::to_string(columns_.size()))
        .Context(Context(*record));
  }
  size_t at = pos_ + 2;
  for (int16_t k = 0; k < count; ++k) {
    if (at + 4 > size) return eof();
    const int32_t length = GetInt32(buf_, at);
    at += 4;
    if (length == -1) {
      record->fields.emplace_back(std::nullopt);
      continue;
    }
    if (length < 0) throw BadFormat("invalid field size").Context(Context(*record, k));
    if (at + static_cast<size_t>(length) > size) return eof();
    record->fields.emplace_back(buf_.substr(at, static_cast<size_t>(length)));
    at += static_cast<size_t>(length);
  }
  pos_ = at;
  ++line_;
  return true;
}

}  // namespace lumadb::exec
