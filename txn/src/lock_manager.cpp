// LockManager's public entry points: mode algebra, the per-transaction held-lock list, relation/row
// requests and release. Queues and waiting are in lock_manager_queue.cpp, deadlocks in
// lock_manager_deadlock.cpp.
#include "txn/lock_manager.h"

#include "held_locks.h"
#include "lock_manager_table.h"

namespace lumadb::txn {

namespace {

int Index(LockMode m) {
  return static_cast<int>(m);
}

// kCompatible[requested][held], in the order IS, IX, S, SIX, X (the matrix in lock_manager.h).
constexpr bool kCompatible[5][5] = {
    {true, true, true, true, false},      // IS
    {true, true, false, false, false},    // IX
    {true, false, true, false, false},    // S
    {true, false, false, false, false},   // SIX
    {false, false, false, false, false},  // X
};

bool IsWriteMode(LockMode m) {
  return m == LockMode::kIntentionExclusive || m == LockMode::kSharedIntentionExclusive || m == LockMode::kExclusive;
}

}  // namespace

bool LockModesCompatible(LockMode requested, LockMode held) {
  return kCompatible[Index(requested)][Index(held)];
}

bool LockModeCovers(LockMode held, LockMode wanted) {
  switch (held) {
    case LockMode::kExclusive:
      return true;
    case LockMode::kSharedIntentionExclusive:
      return wanted != LockMode::kExclusive;
    case LockMode::kShared:
      return wanted == LockMode::kShared || wanted == LockMode::kIntentionShared;
    case LockMode::kIntentionExclusive:
      return wanted == LockMode::kIntentionExclusive || wanted == LockMode::kIntentionShared;
    case LockMode::kIntentionShared:
      return wanted == LockMode::kIntentionShared;
  }
  return false;
}

LockMode LockModeUpgrade(LockMode a, LockMode b) {
  if (LockModeCovers(a, b)) return a;
  if (LockModeCovers(b, a)) return b;
  // The only incomparable pair is S / IX, whose least upper bound is SIX.
  return LockMode::kSharedIntentionExclusive;
}

std::string_view LockModeName(LockMode mode) {
  switch (mode) {
    case LockMode::kIntentionShared:
      return "AccessShareLock";
    case LockMode::kIntentionExclusive:
      return "RowExclusiveLock";
    case LockMode::kShared:
      return "ShareLock";
    case LockMode::kSharedIntentionExclusive:
      return "ShareRowExclusiveLock";
    case LockMode::kExclusive:
      return "AccessExclusiveLock";
  }
  return "?";
}

LockManager::LockManager() : table_(new Table) {}

LockManager::~LockManager() {
  delete table_;
}

void LockManager::set_deadlock_timeout_ms(int64_t ms) {
  table_->deadlock_timeout_ms = ms;
}

int64_t LockManager::deadlock_timeout_ms() const {
  return table_->deadlock_timeout_ms;
}

std::optional<LockMode> LockManager::HeldMode(const Transaction& txn, RelationTag rel) const {
  const LockMode* m = txn.locks_->Find(rel);
  if (m == nullptr) return std::nullopt;
  return *m;
}

std::optional<LockMode> LockManager::HeldMode(const Transaction& txn, RowTag row) const {
  auto it = txn.locks_->rows.find(row);
  if (it == txn.locks_->rows.end()) return std::nullopt;
  return it->second;
}

size_t LockManager::WaitingCount(RelationTag rel) const {
  return table_->WaitingCount(LockTag::Of(rel));
}

size_t LockManager::WaitingCount(RowTag row) const {
  return table_->WaitingCount(LockTag::Of(row));
}

size_t LockManager::QueueCount() const {
  size_t n = 0;
  for (const Partition& p : table_->partitions) {
    std::lock_guard lock(p.mu);
    n += p.queues.size();
  }
  return n;
}

void LockManager::LockRelation(Transaction& txn, RelationTag rel, LockMode mode, int64_t timeout_ms,
                               int64_t deadlock_timeout_ms) {
  LockMode* held = txn.locks_->Find(rel);
  if (held != nullptr && LockModeCovers(*held, mode)) return;
  table_->Acquire(txn, LockTag::Of(rel), mode, timeout_ms, deadlock_timeout_ms, true);
  txn.locks_->manager = this;
  const bool was_writer = held != nullptr && IsWriteMode(*held);
  if (held != nullptr) {
    *held = LockModeUpgrade(*held, mode);
  } else {
    held = &txn.locks_->held.emplace_back(rel, mode).second;
  }
  if (IsWriteMode(*held) && !was_writer) {
    // writers before epoch: a reader that sees the new epoch also sees the writer (WriteActivity).
    Table::WriteSlot& slot = table_->WriteSlotOf(rel);
    slot.writers.fetch_add(1);
    slot.epoch.fetch_add(1);
  }
}

LockManager::WriteStamp LockManager::WriteActivity(RelationTag rel) const {
  const Table::WriteSlot& slot = table_->WriteSlotOf(rel);
  WriteStamp stamp;
  stamp.epoch = slot.epoch.load();
  stamp.quiet = slot.writers.load() == 0;
  return stamp;
}

bool LockManager::WriteQuiet(RelationTag rel, WriteStamp before) const {
  return before.quiet && table_->WriteSlotOf(rel).epoch.load() == before.epoch;
}

RowLockResult LockManager::LockRow(Transaction& txn, RowTag row, LockMode mode, int64_t timeout_ms,
                                   int64_t deadlock_timeout_ms, bool wait) {
  LUMADB_ASSERT(mode == LockMode::kShared || mode == LockMode::kExclusive, "row locks are S or X");
  Transaction::HeldLocks& locks = *txn.locks_;
  // A relation lock covering the row mode makes row locks redundant (bulk changes stay cheap).
  if (const LockMode* rel = locks.Find(row.relation()); rel != nullptr && LockModeCovers(*rel, mode)) {
    return RowLockResult::kAlreadyHeld;
  }
  auto held = locks.rows.find(row);
  if (held != locks.rows.end() && LockModeCovers(held->second, mode)) return RowLockResult::kAlreadyHeld;
  if (table_->page_locks.load(std::memory_order_acquire) > 0) {
    // A row on a page some transaction filled under LockInsertedPage: that transaction's own rows.
    LockTag page = LockTag::PageOf(row);
    if (locks.rows.contains(RowTag{row.db, row.rel, {page.page, page.slot}})) return RowLockResult::kAlreadyHeld;
    if (!table_->WaitForInserter(txn, page, timeout_ms, deadlock_timeout_ms, wait)) return RowLockResult::kNotAvailable;
  }
  switch (table_->Acquire(txn, LockTag::Of(row), mode, timeout_ms, deadlock_timeout_ms, wait)) {
    case AcquireResult::kNotAvailable:
      return RowLockResult::kNotAvailable;
    case AcquireResult::kAlreadyHeld:
      return RowLockResult::kAlreadyHeld;
    case AcquireResult::kUpgraded:
      held->second = mode;
      return RowLockResult::kUpgraded;
    case AcquireResult::kGranted:
      break;
  }
  locks.manager = this;
  locks.rows.emplace(row, mode);
  return RowLockResult::kAcquired;
}

bool LockManager::TryLockRow(Transaction& txn, RowTag row, LockMode mode) {
  return LockRow(txn, row, mode, 0, 0, false) != RowLockResult::kNotAvailable;
}

bool LockManager::HoldsInsertedPage(const Transaction& txn, RelationTag rel, storage::PageId page) const {
  return txn.locks_->rows.contains(RowTag{rel.db, rel.rel, {page, LockTag::kPageSlot}});
}

bool LockManager::LockInsertedPage(Transaction& txn, RelationTag rel, storage::PageId page) {
  if (HoldsInsertedPage(txn, rel, page)) return true;
  LockTag tag{rel.db, rel.rel, page, LockTag::kPageSlot};
  if (table_->Acquire(txn, tag, LockMode::kExclusive, 0, 0, false) != AcquireResult::kGranted) return false;
  table_->page_locks.fetch_add(1, std::memory_order_release);
  txn.locks_->manager = this;
  txn.locks_->rows.emplace(RowTag{rel.db, rel.rel, {page, LockTag::kPageSlot}}, LockMode::kExclusive);
  return true;
}

void LockManager::UnlockRow(Transaction& txn, RowTag row) {
  if (txn.locks_->rows.erase(row) == 0) return;
  LockTag tag = LockTag::Of(row);
  Partition& p = table_->PartitionOf(tag);
  std::lock_guard lock(p.mu);
  Table::Remove(p, tag, &txn);
}

void LockManager::ReleaseAll(Transaction& txn) {
  Transaction::HeldLocks& locks = *txn.locks_;
  // Grouped by partition so each partition mutex is taken once, however many rows are held.
  std::array<std::vector<LockTag>, kPartitions> by_partition;
  auto add = [&](LockTag tag) { by_partition[LockTagHash()(tag) % kPartitions].push_back(tag); };
  for (const auto& [rel, mode] : locks.held) add(LockTag::Of(rel));
  int64_t pages = 0;
  for (const auto& [row, mode] : locks.rows) {
    add(LockTag::Of(row));
    if (row.rid.slot == LockTag::kPageSlot) ++pages;
  }
  for (size_t i = 0; i < kPartitions; ++i) {
    if (by_partition[i].empty()) continue;
    Partition& p = table_->partitions[i];
    std::lock_guard lock(p.mu);
    for (const LockTag& tag : by_partition[i]) Table::Remove(p, tag, &txn);
  }
  if (pages > 0) table_->page_locks.fetch_sub(pages, std::memory_order_release);
  for (const auto& [rel, mode] : locks.held) {
    if (!IsWriteMode(mode)) continue;
    // epoch before writers: a reader that saw no writer either sees this epoch change or read after it.
    Table::WriteSlot& slot = table_->WriteSlotOf(rel);
    slot.epoch.fetch_add(1);
    slot.writers.fetch_sub(1);
  }
  locks.held.clear();
  locks.rows.clear();
}

}  // namespace lumadb::txn
