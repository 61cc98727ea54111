#include "workload.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <stdexcept>

#include "pg_client.h"

namespace lumadb::crash {
namespace {

constexpr size_t kMaxRecordedErrors = 5;
constexpr auto kReconnectPause = std::chrono::milliseconds(50);
constexpr auto kCheckpointInterval = std::chrono::milliseconds(200);

/// Lock conflicts 2PL resolves by aborting one side; the client retries them.
bool Retryable(const PgResult& r) {
  return r.sqlstate == "40P01" || r.sqlstate == "40001" || r.sqlstate == "55P03";
}

/// How one client transaction ended.
enum class Outcome { kCommitted, kRetry, kConnectionLost, kUnexpected };

/// Runs statements of one transaction, stopping at the first failure.
class TxnRunner {
 public:
  explicit TxnRunner(PgClient& client) : client_(client) {}

  /// Runs `sql`; false (with outcome() set) if it failed. `expected_tag` must match the command tag.
  bool Step(const std::string& sql, const std::string& expected_tag = "") {
    last_ = client_.Exec(sql);
    if (last_.ok && (expected_tag.empty() || last_.tag == expected_tag)) return true;
    if (last_.connection_lost) {
      outcome_ = Outcome::kConnectionLost;
    } else if (Retryable(last_)) {
      outcome_ = Outcome::kRetry;
    } else {
      outcome_ = Outcome::kUnexpected;
      error_ = sql + ": " +
               (last_.ok ? "tag \"" + last_.tag + "\", expected \"" + expected_tag + "\""
                         : last_.sqlstate + " " + last_.message);
    }
    if (!last_.connection_lost) client_.Exec("ROLLBACK");
    return false;
  }
  Outcome outcome() const { return outcome_; }
  const std::string& error() const { return error_; }

 private:
  PgClient& client_;
  PgResult last_;
  Outcome outcome_ = Outcome::kCommitted;
  std::string error_;
};

/// Keeps a thread connected, reconnecting (after a pause) while the server is away.
class Connection {
 public:
  explicit Connection(const std::string& conninfo) : conninfo_(conninfo) {}
  /// The live client, or null when the server cannot be reached right now.
  PgClient* Get() {
    if (client_ != nullptr && client_->connected()) return client_.get();
    client_ = std::make_unique<PgClient>(conninfo_);
    if (client_->connected()) return client_.get();
    std::this_thread::sleep_for(kReconnectPause);
    return nullptr;
  }
  void Reset() { client_.reset(); }

 private:
  std::string conninfo_;
  std::unique_ptr<PgClient> client_;
};

}  // namespace

void LedgerBook::Acknowledge(int tag) {
  std::lock_guard lock(mu_);
  acked_.push_back(tag);
}

std::vector<int> LedgerBook::Acknowledged() const {
  std::lock_guard lock(mu_);
  std::vector<int> tags = acked_;
  std::sort(tags.begin(), tags.end());
  return tags;
}

void CreateSchema(const std::string& conninfo, const WorkloadConfig& config) {
  PgClient client(conninfo);
  if (!client.connected()) throw std::runtime_error("connect: " + client.error());
  std::string values;
  for (int id = 1; id <= config.accounts; ++id) {
    values += (id > 1 ? ", (" : "(") + std::to_string(id) + ", " + std::to_string(config.initial_balance) + ")";
  }
  for (const std::string& sql :
       {std::string("CREATE TABLE accounts (id int PRIMARY KEY, balance int)"),
        std::string("CREATE TABLE ledger (tag int, seq int, note text, PRIMARY KEY (tag, seq))"),
        std::string("CREATE INDEX ledger_seq ON ledger (seq)"), "INSERT INTO accounts VALUES " + values}) {
    PgResult r = client.Exec(sql);
    if (!r.ok) throw std::runtime_error(sql.substr(0, 40) + ": " + r.sqlstate + " " + r.message);
  }
}

Workload::Workload(std::string conninfo, const WorkloadConfig& config, LedgerBook& book)
    : conninfo_(std::move(conninfo)), config_(config), book_(book) {}

Workload::~Workload() {
  Stop();
}

void Workload::Start() {
  stop_ = false;
  for (int i = 0; i < config_.ledger_threads; ++i) threads_.emplace_back([this] { LedgerLoop(); });
  std::random_device rd;
  for (int i = 0; i < config_.transfer_threads; ++i) threads_.emplace_back([this, s = rd()] { TransferLoop(s); });
  if (config_.checkpoints) threads_.emplace_back([this] { CheckpointLoop(); });
}

void Workload::Stop() {
  stop_ = true;
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

WorkloadStats Workload::stats() const {
  WorkloadStats s{ledger_commits_, transfer_commits_, retries_, checkpoints_, 0, {}};
  std::lock_guard lock(errors_mu_);
  s.unexpected = unexpected_;
  s.first_errors = first_errors_;
  return s;
}

void Workload::Unexpected(const std::string& what) {
  std::lock_guard lock(errors_mu_);
  ++unexpected_;
  if (first_errors_.size() < kMaxRecordedErrors) first_errors_.push_back(what);
}

// BEGIN; a multi-row INSERT of rows 1..K-1; a single-row INSERT of row K; COMMIT. Two statements, so a
// crash can fall between them as well as inside either.
void Workload::LedgerLoop() {
  Connection conn(conninfo_);
  const int k = config_.rows_per_tag;
  while (!stop_) {
    PgClient* client = conn.Get();
    if (client == nullptr) continue;
    const int tag = book_.NextTag();
    const std::string t = std::to_string(tag);
    std::string rows;
    for (int seq = 1; seq < k; ++seq) {
      rows += (seq > 1 ? ", (" : "(") + t + ", " + std::to_string(seq) + ", 'tag " + t + " row " + std::to_string(seq) +
              "')";
    }
    TxnRunner txn(*client);
    if (txn.Step("BEGIN", "BEGIN") &&
        txn.Step("INSERT INTO ledger VALUES " + rows, "INSERT 0 " + std::to_string(k - 1)) &&
        txn.Step("INSERT INTO ledger VALUES (" + t + ", " + std::to_string(k) + ", 'last')", "INSERT 0 1") &&
        txn.Step("COMMIT", "COMMIT")) {
      book_.Acknowledge(tag);
      ++ledger_commits_;
      continue;
    }
    if (txn.outcome() == Outcome::kRetry) ++retries_;
    if (txn.outcome() == Outcome::kUnexpected) Unexpected(txn.error());
    if (txn.outcome() == Outcome::kConnectionLost) conn.Reset();
  }
}

void Workload::TransferLoop(unsigned seed) {
  Connection conn(conninfo_);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> account(1, config_.accounts);
  std::uniform_int_distribution<int> amount(1, 50);
  while (!stop_) {
    PgClient* client = conn.Get();
    if (client == nullptr) continue;
    const int from = account(rng);
    int to = account(rng);
    if (to == from) to = from % config_.accounts + 1;
    const std::string x = std::to_string(amount(rng));
    TxnRunner txn(*client);
    if (txn.Step("BEGIN", "BEGIN") &&
        txn.Step("UPDATE accounts SET balance = balance - " + x + " WHERE id = " + std::to_string(from), "UPDATE 1") &&
        txn.Step("UPDATE accounts SET balance = balance + " + x + " WHERE id = " + std::to_string(to), "UPDATE 1") &&
        txn.Step("COMMIT", "COMMIT")) {
      ++transfer_commits_;
      continue;
    }
    if (txn.outcome() == Outcome::kRetry) ++retries_;
    if (txn.outcome() == Outcome::kUnexpected) Unexpected(txn.error());
    if (txn.outcome() == Outcome::kConnectionLost) conn.Reset();
  }
}

// Checkpoints make the mid-checkpoint and mid-page-write crash points reachable and move recovery's start.
// A server without CHECKPOINT (syntax error, feature not supported) just does not get any.
void Workload::CheckpointLoop() {
  Connection conn(conninfo_);
  while (!stop_) {
    std::this_thread::sleep_for(kCheckpointInterval);
    PgClient* client = conn.Get();
    if (client == nullptr) continue;
    PgResult r = client->Exec("CHECKPOINT");
    if (r.ok) {
      ++checkpoints_;
    } else if (r.connection_lost) {
      conn.Reset();
    } else if (r.sqlstate == "42601" || r.sqlstate == "0A000") {
      return;
    } else {
      Unexpected("CHECKPOINT: " + r.sqlstate + " " + r.message);
    }
  }
}

}  // namespace lumadb::crash
