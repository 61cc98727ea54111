#include "recovery.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <queue>
#include <set>
#include <utility>

#include "btree_redo.h"
#include "common/crash_point.h"
#include "common/error.h"
#include "heap_action.h"
#include "storage/buffer_pool.h"
#include "storage/heap_file.h"
#include "storage/log_manager.h"
#include "storage/page.h"
#include "storage/undo.h"

namespace lumadb::storage {

namespace {

void LogLine(const std::string& message) {
  std::fprintf(stderr, "LOG:  %s\n", message.c_str());
}

/// The transaction-table bookkeeping of analysis (the same as LogManager's at runtime).
void Track(std::map<TxnId, CheckpointTxn>& txns, const LogRecord& rec) {
  if (rec.txn == 0) return;
  auto [it, fresh] = txns.try_emplace(rec.txn);
  if (fresh) it->second = CheckpointTxn{rec.txn, rec.lsn, rec.lsn, CheckpointTxn::kActive};
  it->second.last_lsn = rec.lsn;
  if (rec.type == LogRecordType::kCommit) it->second.state = CheckpointTxn::kCommitted;
  if (rec.type == LogRecordType::kAbort) it->second.state = CheckpointTxn::kAborted;
  if (rec.type == LogRecordType::kEnd) txns.erase(it);
}

uint64_t SlotKey(FileId file, Rid rid) {
  return file.Key() * 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(rid.page) << 16 | rid.slot);
}

class Recovery {
 public:
  Recovery(StorageEngine& engine, const ControlData& control)
      : engine_(engine), log_(engine.log()), control_(control) {}

  RecoveryStats Run() {
    stats_.crashed = control_.state != ControlData::kShutdown;
    if (stats_.crashed) LogLine("database system was not properly shut down; automatic recovery in progress");
    Lsn end = Analyze();
    log_.Start(end);
    log_.SetRedoLsn(redo_lsn_);  // CLRs written below log FPIs relative to the checkpoint in use
    Redo(end);
    CrashPointMidRecovery();
    for (const auto& [txn, t] : txns_) {
      if (t.state == CheckpointTxn::kCommitted) FinishCommitted(t);
      if (t.state == CheckpointTxn::kAborted) AppendEnd(t, false);
    }
    Undo();
    log_.FlushAll();
    return stats_;
  }

 private:
  /// Reads the checkpoint record, then every record after it; returns the end of the valid log.
  Lsn Analyze() {
    LogRecord ckpt;
    size_t size = 0;
    if (!log_.ReadRecord(control_.checkpoint_lsn, &ckpt, &size) || ckpt.type != LogRecordType::kCheckpoint) {
      throw DbError(sqlstate::kDataCorrupted, "could not locate a valid checkpoint record");
    }
    redo_lsn_ = ckpt.redo_lsn;
    for (const CheckpointTxn& t : ckpt.active) txns_[t.txn] = t;
    Lsn pos = control_.checkpoint_lsn + size;
    LogRecord rec;
    while (log_.ReadRecord(pos, &rec, &size)) {
      Track(txns_, rec);
      pos += size;
    }
    return pos;
  }

  LogRecord Read(Lsn lsn) {
    LogRecord rec;
    size_t size = 0;
    if (!log_.ReadRecord(lsn, &rec, &size)) {
      throw DbError(sqlstate::kDataCorrupted, "invalid record at " + FormatLsn(lsn) + " needed by recovery");
    }
    return rec;
  }

  void Redo(Lsn end) {
    auto start = std::chrono::steady_clock::now();
    if (stats_.crashed) LogLine("redo starts at " + FormatLsn(redo_lsn_));
    Lsn pos = redo_lsn_;
    Lsn last = redo_lsn_;
    LogRecord rec;
    size_t size = 0;
    while (pos < end) {
      if (!log_.ReadRecord(pos, &rec, &size)) {
        throw DbError(sqlstate::kDataCorrupted, "invalid record at " + FormatLsn(pos) + " needed by recovery");
      }
      RedoRecord(rec);
      ++stats_.redo_records;
      last = pos;
      pos += size;
    }
    if (stats_.crashed) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      char buf[160];
      std::snprintf(buf, sizeof(buf), "redo done at %s system usage: elapsed: %.2f s, records: %zu",
                    FormatLsn(last).c_str(), secs, stats_.redo_records);
      LogLine(buf);
    }
  }

  void RedoRecord(const LogRecord& rec) {
    switch (rec.type) {
      case LogRecordType::kFpi:
        RedoPage(rec, [&](char* page) {
          std::memcpy(page, rec.after.data(), kPageSize);
          // A bulk-built index page's image carries no LSN (it is logged after being built).
          if (PageLsn(page) < rec.lsn) SetPageLsn(page, rec.lsn);
          return true;
        });
        break;
      case LogRecordType::kFileCreate:
        if (!engine_.FileExists(rec.file)) engine_.pool().disk().Create(rec.file);
        break;
      case LogRecordType::kFileDrop:
        engine_.RemoveFile(rec.file);
        break;
      case LogRecordType::kClr:
        if (rec.action == LogRecordType::kFileDrop) {
          engine_.RemoveFile(rec.file);
        } else if (IsBTreeRecord(rec.action)) {
          if (engine_.FileExists(rec.file)) RedoBTreeRecord(engine_.pool(), rec, rec.action);
        } else {
          RedoHeap(rec, rec.action);
        }
        break;
      default:
        if (IsHeapRecord(rec.type)) RedoHeap(rec, rec.type);
        if (IsBTreeRecord(rec.type) && engine_.FileExists(rec.file)) RedoBTreeRecord(engine_.pool(), rec, rec.type);
        break;
    }
  }

  void RedoHeap(const LogRecord& rec, LogRecordType action) {
    RedoPage(rec, [&](char* page) {
      if (InitializesPage(rec)) std::memset(page, 0, kPageSize);
      SlottedPage heap(page);
      if (!ApplyHeapAction(heap, action, rec)) return false;
      heap.set_lsn(rec.lsn);
      return true;
    });
  }

  /// Runs apply on rec's page (extending the file as needed); skips records of files that do not exist.
  template <class Apply>
  void RedoPage(const LogRecord& rec, Apply apply) {
    if (!engine_.FileExists(rec.file)) return;
    BufferPool& pool = engine_.pool();
    while (pool.disk().PageCount(rec.file) <= rec.rid.page) pool.NewPage(rec.file);
    WritePageGuard g = pool.Write(rec.file, rec.rid.page);
    // An FPI or a page-initialising record always applies (the page may be torn); other records only if the
    // page is older than them.
    if (rec.type != LogRecordType::kFpi && !InitializesPage(rec) && PageLsn(g.data()) >= rec.lsn) return;
    if (!apply(g.mutable_data())) {
      throw DbError(sqlstate::kInternalError, std::string("could not redo ") + LogRecordTypeName(rec.type) + " at " +
                                                  FormatLsn(rec.lsn) + ": block " + std::to_string(rec.rid.page) +
                                                  " of relation " + DiskManager::RelativePath(rec.file) +
                                                  " does not match the WAL");
    }
  }

  /// Frees the tuples a committed transaction mark-deleted and had not freed yet, removes the index entries
  /// it scheduled for deletion and had not removed yet, then ends it.
  void FinishCommitted(const CheckpointTxn& t) {
    std::set<uint64_t> applied;
    std::set<std::pair<uint64_t, std::vector<std::byte>>> applied_entries;
    std::vector<LogRecord> pending;
    for (Lsn lsn = t.last_lsn; lsn != 0;) {
      LogRecord rec = Read(lsn);
      if (rec.type == LogRecordType::kClr) {
        lsn = rec.undo_next_lsn;  // the records in between were rolled back (a savepoint)
        continue;
      }
      if (rec.type == LogRecordType::kHeapApplyDelete) applied.insert(SlotKey(rec.file, rec.rid));
      if (rec.type == LogRecordType::kHeapMarkDelete && applied.count(SlotKey(rec.file, rec.rid)) == 0) {
        pending.push_back(rec);
      }
      if (rec.type == LogRecordType::kBtreeDelete) applied_entries.emplace(rec.file.Key(), rec.before);
      if (rec.type == LogRecordType::kBtreeDeletePending && applied_entries.count({rec.file.Key(), rec.before}) == 0) {
        pending.push_back(rec);
      }
      lsn = rec.prev_lsn;
    }
    LogContext ctx{t.txn, &log_, t.last_lsn, {}};
    for (const LogRecord& rec : pending) {
      if (!engine_.FileExists(rec.file)) continue;
      if (rec.type == LogRecordType::kHeapMarkDelete) engine_.Heap(rec.file).ApplyDelete(ctx, rec.rid);
      if (rec.type == LogRecordType::kBtreeDeletePending) ApplyPendingIndexDelete(engine_, ctx, rec);
    }
    ++stats_.finished_commits;
    AppendEnd(t, false, ctx.last_lsn);
  }

  /// Rolls every loser back, newest record first across all of them (ARIES: a max-heap of next LSNs).
  void Undo() {
    std::priority_queue<std::pair<Lsn, TxnId>> next;
    std::map<TxnId, LogContext> ctxs;
    for (const auto& [txn, t] : txns_) {
      if (t.state != CheckpointTxn::kActive) continue;
      ctxs[txn] = LogContext{txn, &log_, t.last_lsn, {}};
      next.emplace(t.last_lsn, txn);
      ++stats_.losers;
    }
    while (!next.empty()) {
      auto [lsn, txn] = next.top();
      next.pop();
      LogContext& ctx = ctxs[txn];
      LogRecord rec = Read(lsn);
      Lsn follow = rec.prev_lsn;
      if (rec.type == LogRecordType::kClr) {
        follow = rec.undo_next_lsn;
      } else if (IsUndoable(rec.type)) {
        UndoRecord(engine_, ctx, rec);
        CrashPointMidRecovery();
      }
      if (follow != 0) {
        next.emplace(follow, txn);
      } else {
        AppendEnd(txns_.at(txn), true, ctx.last_lsn);
      }
    }
  }

  /// Appends (ABORT and) END for t, chained after `last` (default: t's last record).
  void AppendEnd(const CheckpointTxn& t, bool abort, Lsn last = 0) {
    LogContext ctx{t.txn, &log_, last != 0 ? last : t.last_lsn, {}};
    LogRecord rec;
    if (abort) {
      rec.type = LogRecordType::kAbort;
      AppendLog(ctx, rec);
    }
    rec.type = LogRecordType::kEnd;
    AppendLog(ctx, rec);
  }

  /// "mid-recovery" is hit after redo and after each record undone; what was logged is flushed first so
  /// the next recovery sees it.
  void CrashPointMidRecovery() {
    if (!CrashPointsEnabled()) return;
    log_.FlushAll();
    LUMADB_CRASH_POINT("mid-recovery");
  }

  StorageEngine& engine_;
  LogManager& log_;
  ControlData control_;
  Lsn redo_lsn_ = 0;
  std::map<TxnId, CheckpointTxn> txns_;
  RecoveryStats stats_;
};

}  // namespace

std::string FormatLsn(Lsn lsn) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%X/%X", static_cast<unsigned>(lsn >> 32), static_cast<unsigned>(lsn));
  return buf;
}

RecoveryStats RunRecovery(StorageEngine& engine, const ControlData& control) {
  return Recovery(engine, control).Run();
}

}  // namespace lumadb::storage
