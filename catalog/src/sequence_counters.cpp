#include "sequence_counters.h"

#include <array>

#include "common/error.h"
#include "common/row_codec.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/storage_engine.h"
#include "txn/transaction.h"

namespace lumadb::catalog {
namespace {

/// 2200H sequence_generator_limit_exceeded (errcodes.txt), not in common/sqlstate.h.

constexpr std::array<TypeId, 3> kTupleTypes{TypeId::kInt8, TypeId::kInt8, TypeId::kBool};

/// Where `steps` increments from `value` lead, and how many of them the bounds allowed (fewer than asked
/// only without CYCLE, stopping at the last value within the bounds). With CYCLE a step past the maximum
/// goes to the minimum (descending: past the minimum to the maximum), as nextval_internal does.
std::pair<int64_t, int64_t> Advance(const SequenceInfo& seq, int64_t value, int64_t steps) {
  using Wide = __int128;
  Wide inc = seq.increment;
  bool up = inc > 0;
  Wide limit = up ? seq.max_value : seq.min_value;
  Wide restart = up ? seq.min_value : seq.max_value;
  // Steps possible before passing the limit.
  Wide room = up ? (limit - value) / inc : (value - limit) / -inc;
  if (room < 0) room = 0;
  if (steps <= room) return {static_cast<int64_t>(value + steps * inc), steps};
  if (!seq.cycle) return {static_cast<int64_t>(value + room * inc), static_cast<int64_t>(room)};
  Wide left = steps - room - 1;  // the wrapping step lands on `restart`
  Wide period = (up ? (limit - restart) / inc : (restart - limit) / -inc) + 1;
  left %= period;
  return {static_cast<int64_t>(restart + left * inc), steps};
}

}  // namespace

void SequenceCounters::WriteInitialTuple(storage::StorageEngine& storage, txn::Transaction& txn,
                                         const SequenceInfo& seq) {
  Row row{Value::Int8(seq.start), Value::Int8(0), Value::Bool(false)};
  storage.Heap(seq.file).Insert(txn.log(), EncodeRow(kTupleTypes, row));
}

std::shared_ptr<SequenceCounters::Counter> SequenceCounters::Get(const SequenceInfo& seq) {
  std::lock_guard lock(mutex_);
  auto& slot = counters_[seq.oid];
  if (!slot) slot = std::make_shared<Counter>();
  return slot;
}

void SequenceCounters::Load(Counter& c, const SequenceInfo& seq) {
  if (c.loaded) return;
  auto it = storage_.Heap(seq.file).Scan();
  std::vector<std::byte> bytes;
  if (!it.Next(&c.rid, &bytes)) {
    throw DbError(sqlstate::kDataCorrupted, "sequence \"" + seq.name + "\" has no tuple");
  }
  Row row = DecodeRow(kTupleTypes, bytes);
  c.file = seq.file;
  c.last_value = row[0].GetInt();
  c.log_cnt = row[1].GetInt();
  c.is_called = row[2].GetBool();
  if (storage_.recovery_stats().crashed && c.is_called) {
    // Some values up to last_value advanced by log_cnt may have been handed out after the record that
    // recovery replayed last: never hand them out again.
    c.last_value = Advance(seq, c.last_value, c.log_cnt).first;
    c.log_cnt = 0;
  }
  c.loaded = true;
}

storage::Lsn SequenceCounters::Write(Counter& c) {
  Row row{Value::Int8(c.last_value), Value::Int8(c.log_cnt), Value::Bool(c.is_called)};
  storage::LogContext system{0, &storage_.log(), 0, {}};
  c.rid = storage_.Heap(c.file).Update(system, c.rid, EncodeRow(kTupleTypes, row));
  // Nothing of txn 0 is ever undone: drop the in-memory copies the log keeps for undo.
  storage_.log().Discard(system);
  return system.last_lsn;
}

int64_t SequenceCounters::Next(const SequenceInfo& seq) {
  auto counter = Get(seq);
  Counter& c = *counter;
  std::lock_guard lock(c.mutex);
  Load(c, seq);
  int64_t value = c.last_value;
  if (c.is_called) {
    auto [next, steps] = Advance(seq, c.last_value, 1);
    if (steps == 0) {
      bool up = seq.increment > 0;
      throw DbError(sqlstate::kSequenceGeneratorLimitExceeded,
                    std::string("nextval: reached ") + (up ? "maximum" : "minimum") + " value of sequence \"" +
                        seq.name + "\" (" + std::to_string(up ? seq.max_value : seq.min_value) + ")");
    }
    value = next;
  }
  bool must_log = !c.is_called || c.log_cnt <= 0;
  c.log_cnt = must_log ? Advance(seq, value, kLogAhead).second : c.log_cnt - 1;
  c.last_value = value;
  c.is_called = true;
  storage::Lsn lsn = Write(c);
  if (must_log) storage_.log().FlushTo(lsn);
  return value;
}

void SequenceCounters::Set(const SequenceInfo& seq, int64_t value, bool is_called) {
  if (value < seq.min_value || value > seq.max_value) {
    throw DbError(sqlstate::kNumericValueOutOfRange,
                  "setval: value " + std::to_string(value) + " is out of bounds for sequence \"" + seq.name + "\" (" +
                      std::to_string(seq.min_value) + ".." + std::to_string(seq.max_value) + ")");
  }
  auto counter = Get(seq);
  Counter& c = *counter;
  std::lock_guard lock(c.mutex);
  Load(c, seq);
  c.last_value = value;
  c.is_called = is_called;
  c.log_cnt = 0;
  Write(c);
}

std::pair<int64_t, bool> SequenceCounters::State(const SequenceInfo& seq) {
  auto counter = Get(seq);
  Counter& c = *counter;
  std::lock_guard lock(c.mutex);
  Load(c, seq);
  return {c.last_value, c.is_called};
}

void SequenceCounters::Reset(const SequenceInfo& seq, const std::optional<int64_t>& restart) {
  auto counter = Get(seq);
  Counter& c = *counter;
  std::lock_guard lock(c.mutex);
  Load(c, seq);
  if (restart) {
    c.last_value = *restart;
    c.is_called = false;
  }
  c.log_cnt = 0;
  Write(c);
}

void SequenceCounters::Forget(Oid oid) {
  std::lock_guard lock(mutex_);
  counters_.erase(oid);
}

}  // namespace lumadb::catalog
