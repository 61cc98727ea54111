#pragma once
// Identifiers shared by the storage engine. storage knows no SQL: it sees files, pages, TIDs, bytes, LSNs.

#include <cstddef>
#include <cstdint>
#include <functional>

namespace lumadb::storage {

/// Bytes per page, PostgreSQL's BLCKSZ.
inline constexpr size_t kPageSize = 8192;

/// Block number within a relation file.
using PageId = uint32_t;
inline constexpr PageId kInvalidPageId = UINT32_MAX;

/// Log sequence number: the byte position of a record in the WAL stream (0: none).
using Lsn = uint64_t;

/// Transaction id; 0 is invalid.
using TxnId = uint64_t;

/// A relation file: `db` is the database OID (0 for shared relations under global/), `rel` the relation's
/// file node. The file lives at <data>/base/<db>/<rel> (or <data>/global/<rel>).
struct FileId {
  uint32_t db = 0;
  uint32_t rel = 0;
  bool operator==(const FileId&) const = default;
  uint64_t Key() const { return (static_cast<uint64_t>(db) << 32) | rel; }
};

/// A tuple identifier (PostgreSQL's ItemPointer / TID): block number and 0-based slot (line pointer
/// index). Shown to users 1-based, as ctid (page,slot+1).
struct Rid {
  PageId page = kInvalidPageId;
  uint16_t slot = 0;
  bool operator==(const Rid&) const = default;
};

}  // namespace lumadb::storage

template <>
struct std::hash<lumadb::storage::FileId> {
  size_t operator()(const lumadb::storage::FileId& f) const noexcept { return std::hash<uint64_t>()(f.Key()); }
};
