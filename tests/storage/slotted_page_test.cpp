#include "storage/slotted_page.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "common/error.h"
#include "support/byte_strings.h"

using namespace lumadb::storage;
using lumadb::testing::Bytes;
using lumadb::testing::Str;

namespace {

std::vector<std::byte> Filled(size_t n, char c) {
  return std::vector<std::byte>(n, static_cast<std::byte>(c));
}

struct Page {
  std::vector<char> bytes = std::vector<char>(kPageSize, 0);
  SlottedPage view() { return SlottedPage(bytes.data()); }
};

}  // namespace

TEST_CASE("an all-zero page is a valid empty page") {
  Page p;
  SlottedPage page = p.view();
  CHECK(page.IsNew());
  CHECK(page.SlotCount() == 0);
  CHECK(page.State(0) == SlotState::kEmpty);
  CHECK(page.MaxInsertSize() == ConstSlottedPage::kMaxTupleSize);
  CHECK(ConstSlottedPage::kMaxTupleSize == 8160);  // PostgreSQL's MaxHeapTupleSize
  CHECK(VerifyPageChecksum(p.bytes.data()));
  CHECK_NOTHROW(page.Validate(FileId{1, 2}, 0));
}

TEST_CASE("insert, read back and slot reuse") {
  Page p;
  SlottedPage page = p.view();
  auto a = page.Insert(Bytes("alpha"));
  auto b = page.Insert(Bytes("bravo!"));
  auto c = page.Insert(Bytes("c"));
  REQUIRE(a == 0);
  REQUIRE(b == 1);
  REQUIRE(c == 2);
  CHECK(Str(page.Tuple(1)) == "bravo!");
  CHECK(page.SlotCount() == 3);

  page.Free(1);
  CHECK(page.State(1) == SlotState::kEmpty);
  CHECK(page.SlotCount() == 3);
  CHECK(page.Insert(Bytes("delta")) == 1);  // the empty slot is reused
  CHECK(Str(page.Tuple(1)) == "delta");
  CHECK(Str(page.Tuple(0)) == "alpha");
  CHECK(Str(page.Tuple(2)) == "c");
  CHECK_NOTHROW(page.Validate(FileId{1, 2}, 0));
}

TEST_CASE("trailing empty slots are trimmed; freeing everything empties the page") {
  Page p;
  SlottedPage page = p.view();
  for (int i = 0; i < 5; ++i) page.Insert(Bytes("t" + std::to_string(i)));
  page.Free(4);
  CHECK(page.SlotCount() == 4);
  page.Free(2);
  CHECK(page.SlotCount() == 4);  // not trailing
  page.Free(3);
  CHECK(page.SlotCount() == 2);  // 3 and the already empty 2 go
  page.Free(0);
  page.Free(1);
  CHECK(page.SlotCount() == 0);
  CHECK(page.TotalFree() == kPageSize - kPageHeaderSize);
  CHECK(page.ContiguousFree() == kPageSize - kPageHeaderSize);
}

TEST_CASE("mark-delete keeps the bytes and the slot; rollback restores") {
  Page p;
  SlottedPage page = p.view();
  page.Insert(Bytes("keep me"));
  size_t free_before = page.TotalFree();
  page.MarkDelete(0);
  CHECK(page.State(0) == SlotState::kDeleted);
  CHECK(page.TotalFree() == free_before);  // space stays reserved until the delete is applied
  CHECK(page.SlotForInsert(3) == 1);       // the deleted slot is not reused
  page.RollbackDelete(0);
  CHECK(page.State(0) == SlotState::kLive);
  CHECK(Str(page.Tuple(0)) == "keep me");
}

TEST_CASE("a tuple of exactly the maximum size fits an empty page; one more byte does not") {
  Page p;
  SlottedPage page = p.view();
  CHECK_FALSE(page.SlotForInsert(ConstSlottedPage::kMaxTupleSize + 1).has_value());
  REQUIRE(page.Insert(Filled(ConstSlottedPage::kMaxTupleSize, 'x')) == 0);
  CHECK(page.TotalFree() == 0);
  CHECK(page.ContiguousFree() == 0);
  CHECK_FALSE(page.Insert(Bytes("")).has_value());  // no room even for a slot
  CHECK(page.MaxInsertSize() == 0);
}

TEST_CASE("compaction reclaims holes and keeps every slot's bytes") {
  Page p;
  SlottedPage page = p.view();
  // Fill the page with 100-byte tuples.
  std::vector<uint16_t> slots;
  for (int i = 0;; ++i) {
    auto s = page.Insert(Filled(100, static_cast<char>('a' + i % 26)));
    if (!s) break;
    slots.push_back(*s);
  }
  REQUIRE(slots.size() == (kPageSize - kPageHeaderSize) / (100 + ConstSlottedPage::kSlotSize));
  size_t n = slots.size();
  // Free every other tuple: plenty of total space, no contiguous space.
  for (size_t i = 0; i < n; i += 2) page.Free(static_cast<uint16_t>(i));
  CHECK(page.ContiguousFree() < 300);
  CHECK(page.TotalFree() >= 300);
  // A 300-byte tuple needs compaction.
  auto big = page.Insert(Filled(300, 'Z'));
  REQUIRE(big.has_value());
  CHECK(*big == 0);
  CHECK(Str(page.Tuple(*big)) == std::string(300, 'Z'));
  for (size_t i = 1; i < n; i += 2) {
    CHECK(Str(page.Tuple(static_cast<uint16_t>(i))) == std::string(100, static_cast<char>('a' + i % 26)));
  }
  CHECK_NOTHROW(page.Validate(FileId{1, 2}, 0));
}

TEST_CASE("in-place update: shrink keeps capacity so undo can grow back; grow moves within the page") {
  Page p;
  SlottedPage page = p.view();
  page.Insert(Bytes("0123456789"));
  page.Insert(Bytes("neighbour"));
  REQUIRE(page.Update(0, Bytes("abc")));
  CHECK(Str(page.Tuple(0)) == "abc");
  CHECK(page.Slot(0).capacity == 10);
  // Fill the page completely: the shrunken tuple's capacity is not handed out.
  while (page.Insert(Bytes("filler-tuple")).has_value()) {
  }
  REQUIRE(page.Update(0, Bytes("0123456789")));  // undo of the shrink always fits
  CHECK(Str(page.Tuple(0)) == "0123456789");
  CHECK_FALSE(page.CanUpdate(0, 4000));

  Page q;
  SlottedPage other = q.view();
  other.Insert(Bytes("short"));
  other.Insert(Bytes("next"));
  REQUIRE(other.Update(0, Filled(500, 'g')));
  CHECK(Str(other.Tuple(0)) == std::string(500, 'g'));
  CHECK(Str(other.Tuple(1)) == "next");
  CHECK(other.Slot(0).capacity == 500);
  CHECK_NOTHROW(other.Validate(FileId{1, 2}, 0));
}

TEST_CASE("grow update that needs compaction") {
  Page p;
  SlottedPage page = p.view();
  std::vector<uint16_t> slots;
  while (auto s = page.Insert(Filled(200, 'q'))) slots.push_back(*s);
  page.Free(slots[1]);
  page.Free(slots[3]);
  // Slot 2 grows by 350 bytes: enough total room, but not contiguous.
  REQUIRE(page.CanUpdate(slots[2], 550));
  REQUIRE(page.Update(slots[2], Filled(550, 'w')));
  CHECK(Str(page.Tuple(slots[2])) == std::string(550, 'w'));
  CHECK(Str(page.Tuple(slots[0])) == std::string(200, 'q'));
  CHECK_NOTHROW(page.Validate(FileId{1, 2}, 0));
}

TEST_CASE("InsertAt restores a tuple in a given slot, growing the slot array") {
  Page p;
  SlottedPage page = p.view();
  REQUIRE(page.InsertAt(3, Bytes("late"), SlotState::kDeleted));
  CHECK(page.SlotCount() == 4);
  CHECK(page.State(0) == SlotState::kEmpty);
  CHECK(page.State(3) == SlotState::kDeleted);
  CHECK(Str(page.Tuple(3)) == "late");
  CHECK_FALSE(page.InsertAt(3, Bytes("again"), SlotState::kLive));  // occupied
  CHECK(page.Insert(Bytes("first")) == 0);
}

TEST_CASE("zero-length tuples are live tuples") {
  Page p;
  SlottedPage page = p.view();
  REQUIRE(page.Insert({}) == 0);
  CHECK(page.State(0) == SlotState::kLive);
  CHECK(page.Tuple(0).empty());
  page.Insert(Bytes("x"));
  page.Free(1);
  page.Compact();
  CHECK(page.State(0) == SlotState::kLive);
  CHECK_NOTHROW(page.Validate(FileId{1, 2}, 0));
}

TEST_CASE("vacuum removes holes, gives back live tuples' spare capacity and trims slots; TIDs keep their bytes") {
  Page p;
  SlottedPage page = p.view();
  std::vector<std::string> rows;
  for (int i = 0; i < 30; ++i) {
    rows.push_back(std::string(100, static_cast<char>('a' + i % 26)));
    REQUIRE(page.Insert(Bytes(rows.back())) == i);
  }
  for (uint16_t s : {3, 7, 20}) page.Free(s);  // holes
  for (uint16_t s : {1, 8, 21}) {              // shrinking updates keep their capacity
    rows[s] = "short " + std::to_string(s);
    REQUIRE(page.Update(s, Bytes(rows[s])));
  }
  REQUIRE(page.Update(5, Bytes("mark-deleted")));
  page.MarkDelete(5);  // its transaction has not ended: a rollback may need the capacity
  rows[5] = "mark-deleted";
  // A trailing empty slot (left by a redone InsertAt, say): the slot array reaches one past slot 29.
  PageHeader h = ReadPageHeader(p.bytes.data());
  h.lower = static_cast<uint16_t>(h.lower + ConstSlottedPage::kSlotSize);
  WritePageHeader(p.bytes.data(), h);
  REQUIRE(page.SlotCount() == 31);
  REQUIRE(page.ContiguousFree() < page.TotalFree());
  size_t free_before = page.TotalFree();
  REQUIRE(page.NeedsVacuum());

  page.Vacuum();
  CHECK_NOTHROW(page.Validate(FileId{1, 2}, 0));
  CHECK_FALSE(page.NeedsVacuum());
  CHECK(page.SlotCount() == 30);
  CHECK(page.ContiguousFree() == page.TotalFree());
  // Given back: 3 x (100 - shrunk length) and the trailing slot; the mark-deleted tuple keeps its 100.
  size_t expect = ConstSlottedPage::kSlotSize;
  for (uint16_t s : {1, 8, 21}) expect += 100 - rows[s].size();
  CHECK(page.TotalFree() == free_before + expect);
  CHECK(page.Slot(5).capacity == 100);
  CHECK(page.State(5) == SlotState::kDeleted);
  for (uint16_t s = 0; s < 30; ++s) {
    CAPTURE(s);
    if (s == 3 || s == 7 || s == 20) {
      CHECK(page.State(s) == SlotState::kEmpty);
      continue;
    }
    CHECK(Str(page.Tuple(s)) == rows[s]);
    if (s != 5) CHECK(page.Slot(s).capacity == page.Slot(s).length);
  }
  // The free space is zeroed, and a second vacuum changes no byte.
  h = ReadPageHeader(p.bytes.data());
  CHECK(std::all_of(p.bytes.begin() + h.lower, p.bytes.begin() + h.upper, [](char c) { return c == 0; }));
  std::vector<char> once = p.bytes;
  page.Vacuum();
  CHECK(p.bytes == once);
}

TEST_CASE("vacuum is deterministic and a no-op on new, empty and tight pages") {
  Page fresh;
  CHECK_FALSE(fresh.view().NeedsVacuum());
  fresh.view().Vacuum();
  CHECK(fresh.view().IsNew());

  Page tight;
  SlottedPage page = tight.view();
  page.Insert(Bytes("one"));
  page.Insert(Bytes("two"));
  CHECK_FALSE(page.NeedsVacuum());
  page.Free(0);  // the tuple is not the lowest one: a hole stays behind
  CHECK(page.NeedsVacuum());
  page.Free(1);  // everything freed: the page is empty again
  CHECK_FALSE(page.NeedsVacuum());
  CHECK(page.SlotCount() == 0);

  // Two copies of one page vacuumed separately are byte-identical (redo relies on it).
  Page a;
  for (int i = 0; i < 40; ++i) a.view().Insert(Filled(50 + i, static_cast<char>('A' + i % 26)));
  for (uint16_t s = 0; s < 40; s += 3) a.view().Free(s);
  a.view().Update(4, Bytes("x"));
  Page b = a;
  a.view().Vacuum();
  b.view().Vacuum();
  CHECK(a.bytes == b.bytes);
}

TEST_CASE("a page with a bad slot fails validation with XX001") {
  Page p;
  SlottedPage page = p.view();
  page.Insert(Bytes("hello"));
  SlotEntry bad{8190, 100, 100, 1};
  std::memcpy(p.bytes.data() + kPageHeaderSize, &bad, sizeof(bad));
  try {
    page.Validate(FileId{5, 16384}, 7);
    FAIL("no error");
  } catch (const lumadb::DbError& e) {
    CHECK(e.code() == lumadb::sqlstate::kDataCorrupted);
    CHECK(e.message() == "invalid page in block 7 of relation base/5/16384");
  }
}

TEST_CASE("page checksum: CRC32C with the field zeroed") {
  Page p;
  p.view().Insert(Bytes("checksummed"));
  SetPageChecksum(p.bytes.data());
  CHECK(VerifyPageChecksum(p.bytes.data()));
  uint32_t stored;
  std::memcpy(&stored, p.bytes.data() + kPageChecksumOffset, 4);
  CHECK(stored == ComputePageChecksum(p.bytes.data()));
  p.bytes[5000] ^= 1;
  CHECK_FALSE(VerifyPageChecksum(p.bytes.data()));
  // An all-zero page needs no checksum.
  std::vector<char> zero(kPageSize, 0);
  CHECK(VerifyPageChecksum(zero.data()));
}
