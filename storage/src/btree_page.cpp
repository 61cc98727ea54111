#include "btree_page.h"

#include <algorithm>

namespace lumadb::storage::btree {

std::string EncodeEntry(std::string_view key, Rid rid) {
  std::string out(key);
  char tid[kTidSize];
  EncodeTid(rid, tid);
  out.append(tid, kTidSize);
  return out;
}

Rid DecodeTid(std::string_view tid) {
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(tid[i])); };
  return Rid{b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3), static_cast<uint16_t>(b(4) << 8 | b(5))};
}

std::string MakeItem(EntryRef e, uint16_t level, PageId child) {
  std::string item(ItemSize(e.key.size(), level), '\0');
  auto k = static_cast<uint16_t>(e.key.size());
  std::memcpy(item.data(), &k, 2);
  if (k != 0) std::memcpy(item.data() + 2, e.key.data(), k);
  std::memcpy(item.data() + 2 + k, e.tid.data(), kTidSize);
  if (level > 0) std::memcpy(item.data() + 2 + k + kTidSize, &child, 4);
  return item;
}

uint16_t PageView::LowerBound(EntryRef e, bool after) const {
  uint16_t lo = first_data(), hi = count();
  while (lo < hi) {
    uint16_t mid = static_cast<uint16_t>(lo + (hi - lo) / 2);
    int c = Compare(Entry(mid), e);
    if (c < 0 || (after && c == 0)) {
      lo = static_cast<uint16_t>(mid + 1);
    } else {
      hi = mid;
    }
  }
  return lo;
}

uint16_t PageView::FindChild(EntryRef e) const {
  // The last data item whose separator is <= e; the first data item is minus infinity.
  uint16_t first = first_data();
  uint16_t lo = static_cast<uint16_t>(first + 1), hi = count();
  while (lo < hi) {
    uint16_t mid = static_cast<uint16_t>(lo + (hi - lo) / 2);
    if (Compare(Entry(mid), e) <= 0) {
      lo = static_cast<uint16_t>(mid + 1);
    } else {
      hi = mid;
    }
  }
  return static_cast<uint16_t>(lo - 1);
}

std::string PageView::CheckLayout() const {
  PageHeader h = ReadPageHeader(d_);
  if (h.special != kSpecialOffset || Get32(kSpecialOffset + 8) != kPageMagic) return "not a btree page";
  if (h.lower < kPageHeaderSize || h.lower > h.upper || h.upper > h.special || (h.lower - kPageHeaderSize) % 2 != 0) {
    return "page header out of range";
  }
  if (flags() & kFlagMeta) return "";
  for (uint16_t i = 0, n = count(); i < n; ++i) {
    uint16_t off = Offset(i);
    if (off < h.upper || off + 2u > h.special || off + ItemSize(Read16(d_ + off), level()) > h.special) {
      return "item " + std::to_string(i + 1) + " out of range";
    }
  }
  if (!rightmost() && count() == 0) return "no high key";
  return "";
}

void MutPage::Init(char* data, uint16_t level, PageId right, uint16_t flags) {
  std::memset(data, 0, kPageSize);
  PageHeader h{};
  h.lower = kPageHeaderSize;
  h.upper = kSpecialOffset;
  h.special = kSpecialOffset;
  WritePageHeader(data, h);
  std::memcpy(data + kSpecialOffset, &right, 4);
  std::memcpy(data + kSpecialOffset + 4, &level, 2);
  std::memcpy(data + kSpecialOffset + 6, &flags, 2);
  std::memcpy(data + kSpecialOffset + 8, &kPageMagic, 4);
}

bool MutPage::InsertItem(uint16_t i, std::string_view item) {
  PageHeader h = ReadPageHeader(m_);
  if (static_cast<size_t>(h.upper - h.lower) < item.size() + kLpSize) return false;
  auto off = static_cast<uint16_t>(h.upper - item.size());
  std::memcpy(m_ + off, item.data(), item.size());
  char* lp = m_ + kPageHeaderSize + kLpSize * i;
  std::memmove(lp + kLpSize, lp, h.lower - (kPageHeaderSize + kLpSize * i));
  std::memcpy(lp, &off, 2);
  h.upper = off;
  h.lower = static_cast<uint16_t>(h.lower + kLpSize);
  WritePageHeader(m_, h);
  return true;
}

void MutPage::DeleteItem(uint16_t i) {
  PageHeader h = ReadPageHeader(m_);
  uint16_t off = Offset(i);
  auto size = static_cast<uint16_t>(Item(i).size());
  // Move the items below it up by its size, then fix the offsets that pointed there.
  std::memmove(m_ + h.upper + size, m_ + h.upper, off - h.upper);
  char* lp = m_ + kPageHeaderSize + kLpSize * i;
  std::memmove(lp, lp + kLpSize, h.lower - (kPageHeaderSize + kLpSize * (i + 1)));
  h.lower = static_cast<uint16_t>(h.lower - kLpSize);
  h.upper = static_cast<uint16_t>(h.upper + size);
  WritePageHeader(m_, h);
  for (uint16_t j = 0, n = count(); j < n; ++j) {
    uint16_t o = Offset(j);
    if (o < off) Put16(kPageHeaderSize + kLpSize * j, static_cast<uint16_t>(o + size));
  }
}

bool MutPage::Rebuild(uint16_t level, PageId right, const std::vector<std::string_view>& items) {
  size_t need = 0;
  for (std::string_view it : items) need += it.size() + kLpSize;
  if (need > kUsable) return false;
  Lsn lsn = PageLsn(m_);
  uint16_t flags = this->flags();
  Init(m_, level, right, flags);
  SetPageLsn(m_, lsn);
  for (size_t i = 0; i < items.size(); ++i) InsertItem(static_cast<uint16_t>(i), items[i]);
  return true;
}

void WriteMeta(char* data, Meta meta) {
  MutPage::Init(data, 0, kInvalidPageId, kFlagMeta);
  uint32_t fields[4] = {kMetaMagic, kVersion, meta.root, meta.level};
  std::memcpy(data + kPageHeaderSize, fields, sizeof(fields));
  PageHeader h = ReadPageHeader(data);
  h.lower = static_cast<uint16_t>(kPageHeaderSize + sizeof(fields));
  WritePageHeader(data, h);
}

bool ReadMeta(const char* data, Meta* out) {
  uint32_t fields[4];
  std::memcpy(fields, data + kPageHeaderSize, sizeof(fields));
  PageView v(data);
  if (ReadPageHeader(data).special != kSpecialOffset || !(v.flags() & kFlagMeta) || fields[0] != kMetaMagic ||
      fields[1] != kVersion) {
    return false;
  }
  out->root = fields[2];
  out->level = fields[3];
  return true;
}

}  // namespace lumadb::storage::btree
