#pragma once
// The crash test's workload: a bank (`accounts(id int PRIMARY KEY, balance int)`, a fixed total moved
// between accounts by two-UPDATE transactions) and a ledger (`ledger(tag int, seq int, note text,
// PRIMARY KEY (tag, seq))` plus the secondary index `ledger_seq (seq)`, each transaction inserts exactly
// rows_per_tag rows under a fresh tag), so index entries are inserted, moved and undone under the crashes. A tag is
// recorded as acknowledged only once its COMMIT returned "COMMIT", so after any crash every acknowledged tag must be
// complete and no tag may be partial. Deadlocks (40P01), serialization failures (40001) and lock timeouts (55P03) are
// expected under strict 2PL and retried. Everything talks libpq (simple query protocol), one connection per thread.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lumadb::crash {

/// Shape of the workload.
struct WorkloadConfig {
  int accounts = 50;
  int initial_balance = 1000;
  int rows_per_tag = 4;  // K: ledger rows per transaction
  int ledger_threads = 3;
  int transfer_threads = 3;
  bool checkpoints = true;  // a thread issuing CHECKPOINT every 200 ms (until the server rejects it)

  int64_t ExpectedTotal() const { return static_cast<int64_t>(accounts) * initial_balance; }
};

/// The client's record of what the server acknowledged; shared by every round on one data directory.
class LedgerBook {
 public:
  /// A tag never used before (also across rounds).
  int NextTag() { return next_tag_.fetch_add(1); }
  void Acknowledge(int tag);
  /// Every acknowledged tag, ascending.
  std::vector<int> Acknowledged() const;

 private:
  std::atomic<int> next_tag_{1};
  mutable std::mutex mu_;
  std::vector<int> acked_;
};

/// Counters of one run.
struct WorkloadStats {
  uint64_t ledger_commits = 0;
  uint64_t transfer_commits = 0;
  uint64_t retries = 0;                   // 40P01 / 40001 / 55P03, rolled back and retried
  uint64_t checkpoints = 0;               // CHECKPOINT statements that succeeded
  uint64_t unexpected = 0;                // other errors on a live connection
  std::vector<std::string> first_errors;  // the first few unexpected errors, for the report
};

/// Creates the two tables and the accounts with their initial balances. Throws std::runtime_error.
void CreateSchema(const std::string& conninfo, const WorkloadConfig& config);

/// Runs the workload threads until Stop(). Threads reconnect while the server is away; killing the server
/// ends every statement in flight, so Stop() returns promptly once the server is dead or stopped.
class Workload {
 public:
  Workload(std::string conninfo, const WorkloadConfig& config, LedgerBook& book);
  ~Workload();
  Workload(const Workload&) = delete;
  Workload& operator=(const Workload&) = delete;

  void Start();
  /// Signals the threads to finish their current transaction and joins them.
  void Stop();
  WorkloadStats stats() const;

 private:
  void LedgerLoop();
  void TransferLoop(unsigned seed);
  void CheckpointLoop();
  void Unexpected(const std::string& what);

  std::string conninfo_;
  WorkloadConfig config_;
  LedgerBook& book_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  std::atomic<uint64_t> ledger_commits_{0};
  std::atomic<uint64_t> transfer_commits_{0};
  std::atomic<uint64_t> retries_{0};
  std::atomic<uint64_t> checkpoints_{0};
  mutable std::mutex errors_mu_;
  uint64_t unexpected_ = 0;
  std::vector<std::string> first_errors_;
};

}  // namespace lumadb::crash
