#pragma once
// What must hold after any crash and restart (the durability and atomicity half of ACID):
//   * every ledger tag whose COMMIT was acknowledged is present with all K rows (seq 1..K);
//   * no tag is partly present: each tag has 0 or K rows, acknowledged or not (a COMMIT lost in flight may
//     or may not have happened, but never half);
//   * the accounts still number N and their balances still sum to N * initial_balance;
//   * every index agrees with its table: a range scan through accounts_pkey, ledger_pkey and ledger_seq
//     returns what a heap scan returns, and `lumadb verify` (which checks every index's structure and its
//     entries against the heap) finds the stopped data directory consistent.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "workload.h"

namespace lumadb::crash {

/// The state found after a restart, and every violated invariant.
struct InvariantReport {
  size_t acked = 0;          // tags acknowledged so far (all rounds on this directory)
  size_t acked_present = 0;  // ... of which present and complete
  size_t tags_found = 0;     // distinct tags in the ledger
  size_t partial_tags = 0;   // tags with neither 0 nor exactly seq 1..K
  int64_t accounts = -1;     // rows in accounts (-1: the query failed)
  int64_t total = -1;        // sum of balances (-1: the query failed)
  std::vector<std::string> problems;

  bool ok() const { return problems.empty(); }
};

/// Checks the ledger and the bank on a running server against what the client saw acknowledged.
InvariantReport CheckInvariants(const std::string& conninfo, const WorkloadConfig& config,
                                const std::vector<int>& acked);

/// Runs `lumadb verify -D dir` (the server must be stopped) and returns its exit code and output.
struct VerifyRun {
  int exit_code = -1;
  std::string output;
};
VerifyRun RunLumadbVerify(const std::filesystem::path& dir);

}  // namespace lumadb::crash
