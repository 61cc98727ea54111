#pragma once
// Helpers shared by the catalog tests: a scratch data directory, transactions, and SQLSTATE capture.

#include <filesystem>
#include <functional>
#include <string>

#include "catalog/cluster.h"
#include "common/error.h"
#include "support/temp_dir.h"
#include "txn/transaction_manager.h"

namespace lumadb::catalog::testing {

using lumadb::testing::TempDir;

/// The SQLSTATE fn throws, or "none".
inline std::string SqlStateOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DbError& e) {
    return std::string(e.code().View());
  }
  return "none";
}

/// The message fn throws, or "none".
inline std::string MessageOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DbError& e) {
    return e.message();
  }
  return "none";
}

/// An initialised cluster in a temp dir, opened with a small buffer pool.
struct ClusterFixture {
  TempDir tmp;
  std::unique_ptr<Cluster> cluster;

  ClusterFixture() {
    Cluster::Init(tmp.data(), InitOptions{"postgres", std::string("secret")});
    Open();
  }
  void Open() { cluster = std::make_unique<Cluster>(tmp.data(), 64); }
  /// Flushes, closes and reopens the cluster (a clean restart).
  void Restart() {
    cluster->Flush();
    cluster.reset();
    Open();
  }
  /// Closes the cluster without flushing anything (a crash: the next open runs recovery) and reopens it.
  void Crash() {
    cluster.reset();
    Open();
  }
  std::unique_ptr<txn::Transaction> Begin() { return cluster->transactions().Begin(); }
  void Commit(txn::Transaction& t) { cluster->transactions().Commit(t); }
  void Abort(txn::Transaction& t) { cluster->transactions().Abort(t); }
  Catalog& Postgres() {
    auto t = Begin();
    auto db = cluster->LookupDatabase(*t, "postgres");
    Commit(*t);
    return cluster->OpenDatabase(*db);
  }
};

/// A column of the given type (nullable, no default).
inline ColumnInfo Col(std::string name, TypeId type = TypeId::kInt4) {
  return ColumnInfo{std::move(name), TypeDesc{type, -1}, 0, false, std::nullopt};
}

/// A CREATE TABLE definition in the search path's first schema.
inline TableDef MakeDef(std::string name, std::vector<ColumnInfo> columns) {
  TableDef def;
  def.name = std::move(name);
  def.columns = std::move(columns);
  return def;
}

}  // namespace lumadb::catalog::testing
