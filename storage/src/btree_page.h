#pragma once
// The B+tree page layout (PostgreSQL's nbtree pages, access/nbtree/README; Lehman & Yao's right-links and
// high keys). A view over the bytes of a latched frame or a scratch copy; it owns nothing.
//
//   0          24                       lower              upper                      8176        8192
//   +----------+-----+-----+---...---+--------------------+--------+---...---+--------+-------------+
//   | header   | lp0 | lp1 |         |   free space       | item k |         | item 0 | special     |
//   | (page.h) | u16 | u16 |         |                    |        |         |        | (16 bytes)  |
//   +----------+-----+-----+---...---+--------------------+--------+---...---+--------+-------------+
//
//   lp i      u16 offset of item i. Line pointers are in (key, TID) order; the items themselves lie anywhere
//             in [upper, special) (a delete compacts them, like PageIndexTupleDelete).
//
//   special   0          4         6         8          12         16
//             +----------+---------+---------+----------+----------+
//             | right    | level   | flags   | magic    | reserved |
//             | u32      | u16     | u16     | u32      | u32      |
//             +----------+---------+---------+----------+----------+
//   right     the right sibling on the same level (the B-link), kInvalidPageId on the rightmost page.
//   level     0 for leaves; a parent is one above its children. A page's level never changes.
//   flags     bit 0: the meta page.
//   magic     kPageMagic: tells index pages from heap pages (lumadb verify, Verify()).
//
//   leaf item       +-------------+-----------+--------------+
//                   | key_len u16 | key bytes | TID 6 bytes  |
//                   +-------------+-----------+--------------+
//   internal item   +-------------+-----------+--------------+-----------+
//                   | key_len u16 | key bytes | TID 6 bytes  | child u32 |
//                   +-------------+-----------+--------------+-----------+
//   TID: block u32 and slot u16 big-endian. Entries compare by key (memcmp, a proper prefix first), then
//   TID: for prefix-free keys (common/index_key.h) that is memcmp of key ++ TID.
//
// A page that is not rightmost holds its high key as item 0: an exclusive upper bound of every entry on
// the page, equal to the separator the parent holds for the right sibling (Lehman & Yao). Data items start
// at FirstData(). In an internal page data item j leads to the child holding the entries >= its separator
// and < the next item's; the first data item's separator is "minus infinity" (its key is not compared).
//
// Meta page (block 0): the header, then at offset 24
//   +------------------+--------------+----------+-----------+
//   | magic u32 053162 | version u32 4| root u32 | level u32 |   (level: the root's level, height - 1)
//   +------------------+--------------+----------+-----------+
// and a special area with the meta flag. Integers other than the TID are little-endian.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "storage/ids.h"
#include "storage/page.h"

namespace lumadb::storage::btree {

inline constexpr uint32_t kPageMagic = 0x4C425452;  // "LBTR"
inline constexpr uint32_t kMetaMagic = 0x00053162;  // PostgreSQL's BTREE_MAGIC
inline constexpr uint32_t kVersion = 4;
inline constexpr size_t kSpecialSize = 16;
inline constexpr size_t kSpecialOffset = kPageSize - kSpecialSize;
inline constexpr size_t kUsable = kSpecialOffset - kPageHeaderSize;  // line pointers + items
inline constexpr size_t kTidSize = 6;
inline constexpr size_t kLpSize = 2;
inline constexpr uint16_t kFlagMeta = 1;
inline constexpr PageId kMetaPage = 0;

/// An entry (key, TID) viewed in place: tid is 6 bytes.
struct EntryRef {
  std::string_view key;
  std::string_view tid;
};

/// (key, TID) order: key by memcmp with a proper prefix first, then the TID bytes.
inline int Compare(EntryRef a, EntryRef b) {
  size_t n = a.key.size() < b.key.size() ? a.key.size() : b.key.size();
  int c = n == 0 ? 0 : std::memcmp(a.key.data(), b.key.data(), n);
  if (c != 0) return c;
  if (a.key.size() != b.key.size()) return a.key.size() < b.key.size() ? -1 : 1;
  return std::memcmp(a.tid.data(), b.tid.data(), kTidSize);
}

/// The 6 TID bytes of rid (block u32, slot u16, big-endian).
inline void EncodeTid(Rid rid, char* out) {
  out[0] = static_cast<char>(rid.page >> 24);
  out[1] = static_cast<char>(rid.page >> 16);
  out[2] = static_cast<char>(rid.page >> 8);
  out[3] = static_cast<char>(rid.page);
  out[4] = static_cast<char>(rid.slot >> 8);
  out[5] = static_cast<char>(rid.slot);
}
/// key ++ TID: the entry form stored in log records and cursors.
std::string EncodeEntry(std::string_view key, Rid rid);
/// A view of an encoded entry (size >= 6).
inline EntryRef SplitEntry(std::string_view enc) {
  return {enc.substr(0, enc.size() - kTidSize), enc.substr(enc.size() - kTidSize)};
}
Rid DecodeTid(std::string_view tid);
/// Bytes an item of this entry takes on a page of `level` (without its line pointer).
inline size_t ItemSize(size_t key_size, uint16_t level) {
  return 2 + key_size + kTidSize + (level > 0 ? 4 : 0);
}
/// The item bytes for an entry on a page of `level` (child: the downlink of an internal item).
std::string MakeItem(EntryRef e, uint16_t level, PageId child);

/// Read-only view of an index page.
class PageView {
 public:
  explicit PageView(const char* data) : d_(data) {}
  const char* data() const { return d_; }

  uint16_t count() const { return static_cast<uint16_t>((Get16(14) - kPageHeaderSize) / kLpSize); }
  PageId right() const { return Get32(kSpecialOffset); }
  uint16_t level() const { return Get16(kSpecialOffset + 4); }
  uint16_t flags() const { return Get16(kSpecialOffset + 6); }
  bool rightmost() const { return right() == kInvalidPageId; }
  uint16_t first_data() const { return rightmost() ? 0 : 1; }
  size_t free_space() const { return static_cast<size_t>(Get16(16) - Get16(14)); }

  uint16_t Offset(uint16_t i) const { return Get16(kPageHeaderSize + kLpSize * i); }
  /// The entry of item i.
  EntryRef Entry(uint16_t i) const {
    const char* p = d_ + Offset(i);
    uint16_t k = Read16(p);
    return {{p + 2, k}, {p + 2 + k, kTidSize}};
  }
  PageId Child(uint16_t i) const {
    const char* p = d_ + Offset(i);
    return Read32(p + 2 + Read16(p) + kTidSize);
  }
  /// The bytes of item i.
  std::string_view Item(uint16_t i) const {
    const char* p = d_ + Offset(i);
    return {p, ItemSize(Read16(p), level())};
  }
  /// True when e belongs to a page to the right (e >= the high key).
  bool BeyondHighKey(EntryRef e) const { return !rightmost() && Compare(e, Entry(0)) >= 0; }
  /// First data item >= e (count() if none); with `after`, first > e.
  uint16_t LowerBound(EntryRef e, bool after = false) const;
  /// The data item of an internal page whose subtree holds e.
  uint16_t FindChild(EntryRef e) const;
  /// Empty when the header, special area and items are in range; else what is wrong.
  std::string CheckLayout() const;

  static uint16_t Read16(const char* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
  }
  static uint32_t Read32(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }

 protected:
  uint16_t Get16(size_t off) const { return Read16(d_ + off); }
  uint32_t Get32(size_t off) const { return Read32(d_ + off); }
  const char* d_;
};

/// The entry of an item's bytes (either format).
inline EntryRef ItemEntry(std::string_view item) {
  uint16_t k = PageView::Read16(item.data());
  return {item.substr(2, k), item.substr(2 + k, kTidSize)};
}

/// Writable view of an index page.
class MutPage : public PageView {
 public:
  explicit MutPage(char* data) : PageView(data), m_(data) {}
  /// Formats an empty page (LSN 0).
  static void Init(char* data, uint16_t level, PageId right, uint16_t flags = 0);
  void set_right(PageId right) { Put32(kSpecialOffset, right); }
  /// Inserts item bytes as line pointer i (shifting the later ones); false if there is no room.
  bool InsertItem(uint16_t i, std::string_view item);
  /// Removes item i and compacts the item area.
  void DeleteItem(uint16_t i);
  /// Rebuilds the page from `items` in order (a high key first if right != kInvalidPageId), keeping the LSN.
  /// False (page unchanged) if they do not fit.
  bool Rebuild(uint16_t level, PageId right, const std::vector<std::string_view>& items);

 private:
  void Put16(size_t off, uint16_t v) { std::memcpy(m_ + off, &v, 2); }
  void Put32(size_t off, uint32_t v) { std::memcpy(m_ + off, &v, 4); }
  char* m_;
};

/// The meta page's contents.
struct Meta {
  PageId root = kInvalidPageId;
  uint32_t level = 0;
};
/// Formats a meta page pointing at root.
void WriteMeta(char* data, Meta meta);
/// Reads the meta page; false if it is not one (magic, version or flags wrong).
bool ReadMeta(const char* data, Meta* out);

}  // namespace lumadb::storage::btree
