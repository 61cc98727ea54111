#include "invariants.h"

#include <cstdio>
#include <map>
#include <memory>

#include "crash_server.h"
#include "pg_client.h"
#include <sys/wait.h>

namespace lumadb::crash {
namespace {

constexpr size_t kMaxListedTags = 5;  // per kind of problem; the rest are counted

struct TagRows {
  int64_t count = 0;
  int64_t min_seq = 0;
  int64_t max_seq = 0;
};

void CheckBank(PgClient& client, const WorkloadConfig& config, InvariantReport& report) {
  PgResult r = client.Exec("SELECT count(*), sum(balance) FROM accounts");
  if (!r.ok || r.rows.size() != 1) {
    report.problems.push_back("SELECT FROM accounts failed: " + r.sqlstate + " " + r.message);
    return;
  }
  report.accounts = std::stoll(r.rows[0][0]);
  report.total = r.rows[0][1].empty() ? 0 : std::stoll(r.rows[0][1]);
  if (report.accounts != config.accounts) {
    report.problems.push_back("accounts has " + std::to_string(report.accounts) + " rows, expected " +
                              std::to_string(config.accounts));
  }
  if (report.total != config.ExpectedTotal()) {
    report.problems.push_back("balances sum to " + std::to_string(report.total) + ", expected " +
                              std::to_string(config.ExpectedTotal()));
  }
}

void CheckLedger(PgClient& client, const WorkloadConfig& config, const std::vector<int>& acked,
                 InvariantReport& report) {
  PgResult r = client.Exec("SELECT tag, count(*), min(seq), max(seq) FROM ledger GROUP BY tag");
  if (!r.ok) {
    report.problems.push_back("SELECT FROM ledger failed: " + r.sqlstate + " " + r.message);
    return;
  }
  std::map<int, TagRows> found;
  for (const auto& row : r.rows) {
    found[std::stoi(row[0])] = TagRows{std::stoll(row[1]), std::stoll(row[2]), std::stoll(row[3])};
  }
  report.tags_found = found.size();
  const int k = config.rows_per_tag;
  size_t listed = 0;
  for (const auto& [tag, rows] : found) {
    if (rows.count == k && rows.min_seq == 1 && rows.max_seq == k) continue;
    ++report.partial_tags;
    if (listed++ < kMaxListedTags) {
      report.problems.push_back("tag " + std::to_string(tag) + " is partly present: " + std::to_string(rows.count) +
                                " rows (seq " + std::to_string(rows.min_seq) + ".." + std::to_string(rows.max_seq) +
                                "), expected 0 or " + std::to_string(k));
    }
  }
  size_t missing = 0;
  for (int tag : acked) {
    auto it = found.find(tag);
    if (it != found.end() && it->second.count == k) {
      ++report.acked_present;
    } else if (it == found.end() && missing++ < kMaxListedTags) {
      report.problems.push_back("acknowledged tag " + std::to_string(tag) + " is missing");
    }
  }
  if (missing > kMaxListedTags) {
    report.problems.push_back(std::to_string(missing - kMaxListedTags) + " more acknowledged tags are missing");
  }
}

/// The same question answered through an index (a range on its leading column) and by a heap scan (the
/// column hidden in an expression no index serves) must give the same rows.
void CheckIndexAgreement(PgClient& client, InvariantReport& report) {
  struct Probe {
    const char* what;
    std::string index_sql;
    std::string heap_sql;
  };
  const Probe probes[] = {
      {"accounts_pkey", "SELECT count(*), sum(id), sum(balance) FROM accounts WHERE id >= 1",
       "SELECT count(*), sum(id), sum(balance) FROM accounts WHERE id + 0 >= 1"},
      {"ledger_pkey", "SELECT count(*), sum(tag), sum(seq) FROM ledger WHERE tag >= 0",
       "SELECT count(*), sum(tag), sum(seq) FROM ledger WHERE tag + 0 >= 0"},
      {"ledger_seq", "SELECT count(*), sum(tag), sum(seq) FROM ledger WHERE seq >= 1",
       "SELECT count(*), sum(tag), sum(seq) FROM ledger WHERE seq + 0 >= 1"},
  };
  for (const Probe& p : probes) {
    PgResult by_index = client.Exec(p.index_sql);
    PgResult by_heap = client.Exec(p.heap_sql);
    if (!by_index.ok || !by_heap.ok) {
      report.problems.push_back(std::string(p.what) + ": probe failed: " + by_index.sqlstate + " " + by_index.message +
                                " / " + by_heap.sqlstate + " " + by_heap.message);
    } else if (by_index.rows != by_heap.rows) {
      report.problems.push_back(std::string(p.what) + ": an index scan and a heap scan disagree (" +
                                by_index.rows[0][0] + " vs " + by_heap.rows[0][0] + " rows)");
    }
  }
}

}  // namespace

InvariantReport CheckInvariants(const std::string& conninfo, const WorkloadConfig& config,
                                const std::vector<int>& acked) {
  InvariantReport report;
  report.acked = acked.size();
  PgClient client(conninfo);
  if (!client.connected()) {
    report.problems.push_back("cannot connect after restart: " + client.error());
    return report;
  }
  CheckBank(client, config, report);
  CheckLedger(client, config, acked, report);
  CheckIndexAgreement(client, report);
  return report;
}

VerifyRun RunLumadbVerify(const std::filesystem::path& dir) {
  VerifyRun run;
  const std::string command = "'" + LumadbBinary() + "' verify -D '" + dir.string() + "' 2>&1";
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), &pclose);
  if (pipe == nullptr) {
    run.output = "popen failed";
    return run;
  }
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe.get())) > 0;) run.output.append(buf, n);
  const int status = pclose(pipe.release());
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace lumadb::crash
