#pragma once
// A miniature session for exec tests: a temporary data directory with a Cluster, one transaction per
// Run() unless Begin() opened a block, and a sink that records columns, rows (as text) and notices.

#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "catalog/cluster.h"
#include "common/value_io.h"
#include "exec/statement_executor.h"
#include "parser/parser.h"
#include "support/temp_dir.h"
#include "txn/transaction_manager.h"

namespace lumadb::exec::testing {

class RecordingSink : public ResultSink {
 public:
  void Columns(const std::vector<ResultColumn>& columns) override { columns_ = columns; }
  void Row(const lumadb::Row& row) override {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? "|" : "") + (row[i].is_null() ? "NULL" : FormatValue(row[i]));
    rows_.push_back(line);
  }
  void Notice(Severity, SqlState code, const std::string& message) override {
    notices_.push_back(std::string(code.View()) + " " + message);
  }
  std::vector<ResultColumn> columns_;
  std::vector<std::string> rows_;
  std::vector<std::string> notices_;
};

class TestSession {
 public:
  TestSession() {
    catalog::Cluster::Init(dir_.data(), catalog::InitOptions{});
    cluster_ = std::make_unique<catalog::Cluster>(dir_.data(), 256);
    auto txn = cluster_->transactions().Begin();
    auto db = cluster_->LookupDatabase(*txn, "postgres");
    cluster_->transactions().Commit(*txn);
    REQUIRE(db.has_value());
    catalog_ = &cluster_->OpenDatabase(*db);
  }
  ~TestSession() {
    if (block_) cluster_->transactions().Abort(*block_);
    cluster_.reset();
  }

  void Begin(bool read_only = false, txn::IsolationLevel iso = txn::IsolationLevel::kReadCommitted) {
    block_ = cluster_->transactions().Begin(iso, read_only);
  }
  void Rollback() {
    cluster_->transactions().Abort(*block_);
    block_.reset();
  }
  void Commit() {
    cluster_->transactions().Commit(*block_);
    block_.reset();
  }

  /// Starts a transaction of a second, concurrent session (ended by EndOther or CommitOther).
  std::unique_ptr<txn::Transaction> BeginOther(txn::IsolationLevel iso = txn::IsolationLevel::kReadCommitted,
                                               bool read_only = false) {
    return cluster_->transactions().Begin(iso, read_only);
  }
  void EndOther(txn::Transaction& txn) { cluster_->transactions().Abort(txn); }
  void CommitOther(txn::Transaction& txn) { cluster_->transactions().Commit(txn); }

  /// Runs one statement in txn with its own sink (safe from several threads at once); returns the tag.
  std::string RunOn(txn::Transaction& txn, const std::string& sql, RecordingSink* sink, int64_t lock_timeout_ms = 0,
                    int64_t deadlock_timeout_ms = 0) {
    auto stmts = parser::Parse(sql);
    REQUIRE(stmts.size() == 1);
    auto get_setting = [](std::string_view name) -> std::string {
      if (name == "search_path") return "\"$user\", public";
      throw DbError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + std::string(name) + "\"");
    };
    SessionContext ctx{*cluster_, *catalog_, txn, {"$user", "public"}, "postgres", "postgres", lock_timeout_ms,
                       0,         123456789, 0,   get_setting};
    ctx.deadlock_timeout_ms = deadlock_timeout_ms;
    ctx.sequences = &sequences_;
    return ExecuteStatement(*stmts[0], sql, ctx, *sink);
  }

  /// Runs every statement of sql; returns the last command tag. Rows land in sink(). With `other`, the
  /// statements run in that transaction instead, waiting at most lock_timeout_ms for locks.
  std::string Run(const std::string& sql, txn::Transaction* other = nullptr, int64_t lock_timeout_ms = 0) {
    sink_ = RecordingSink{};
    auto stmts = parser::Parse(sql);
    std::string tag;
    for (const auto& stmt : stmts) {
      std::unique_ptr<txn::Transaction> own;
      txn::Transaction* txn = other ? other : block_.get();
      if (!txn) {
        own = cluster_->transactions().Begin();
        txn = own.get();
      }
      auto get_setting = [](std::string_view name) -> std::string {
        if (name == "search_path") return "\"$user\", public";
        throw DbError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + std::string(name) + "\"");
      };
      SessionContext ctx{*cluster_, *catalog_, *txn, {"$user", "public"}, "postgres", "postgres", lock_timeout_ms,
                         0,         123456789, 0,    get_setting};
      ctx.sequences = &sequences_;
      ctx.work_mem_kb = work_mem_kb;
      ctx.temp_file_limit_kb = temp_file_limit_kb;
      try {
        tag = ExecuteStatement(*stmt, sql, ctx, sink_);
      } catch (...) {
        if (own) cluster_->transactions().Abort(*own);
        throw;
      }
      if (own) cluster_->transactions().Commit(*own);
    }
    return tag;
  }

  /// Runs a query and returns its rows as "a|b" lines.
  std::vector<std::string> Rows(const std::string& sql) {
    Run(sql);
    return sink_.rows_;
  }

  /// The single row of `SELECT select_list` as an "a|b" line (fails the test unless there is one row).
  std::string One(const std::string& select_list) {
    auto rows = Rows("SELECT " + select_list);
    REQUIRE(rows.size() == 1);
    return rows[0];
  }

  /// Runs sql expecting a DbError; returns it (fails the test if none is thrown).
  DbError Error(const std::string& sql) {
    try {
      Run(sql);
    } catch (const DbError& e) {
      return e;
    }
    FAIL("expected an error from: " << sql);
    return DbError(sqlstate::kInternalError, "unreachable");
  }

  RecordingSink& sink() { return sink_; }
  /// The data directory (temporary files go to its base/pgsql_tmp).
  std::filesystem::path data_dir() const { return dir_.data(); }
  /// work_mem and temp_file_limit (kB) of the statements Run() executes.
  int64_t work_mem_kb = 4096;
  int64_t temp_file_limit_kb = -1;
  /// The transaction Begin() opened (null outside a block).
  txn::Transaction* Transaction() { return block_.get(); }

  /// The session context of a statement running in txn (for tests that drive exec below ExecuteStatement).
  SessionContext Context(txn::Transaction& txn) {
    auto get_setting = [](std::string_view name) -> std::string {
      if (name == "search_path") return "\"$user\", public";
      throw DbError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + std::string(name) + "\"");
    };
    SessionContext ctx{*cluster_, *catalog_, txn, {"$user", "public"}, "postgres", "postgres", 0,
                       0,         123456789, 0,   get_setting};
    ctx.sequences = &sequences_;
    return ctx;
  }

 private:
  lumadb::testing::TempDir dir_;  // declared first: outlives the cluster using it
  std::unique_ptr<catalog::Cluster> cluster_;
  catalog::Catalog* catalog_ = nullptr;
  std::unique_ptr<txn::Transaction> block_;
  RecordingSink sink_;
  SequenceSessionState sequences_;  // currval/lastval of this test session (RunOn shares it)
};

}  // namespace lumadb::exec::testing
