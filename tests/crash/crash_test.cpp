// The crash test: concurrent committing clients, a server that dies (kill -9 at a random moment, or at a
// named crash point), a restart on the same data directory, and the invariants of invariants.h checked
// after every restart, `lumadb verify` included. Label "crash"; scripts/test.sh runs it as its own step.
//
// env: LUMADB_CRASH_ROUNDS   random-kill rounds (default 8)
//      LUMADB_CRASH_POINT_ROUNDS  rounds per crash point, each armed at another hit count (default 2)
//      LUMADB_CRASH_SECONDS  keep adding random-kill rounds until this many seconds have passed (default 0)
//      LUMADB_CRASH_SEED     seed of the random choices (default: random; printed for reproduction)

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>

#include <doctest/doctest.h>

#include "crash_server.h"
#include "invariants.h"
#include "pg_client.h"
#include "support/temp_dir.h"
#include "workload.h"

namespace lumadb::crash {
namespace {

using Clock = std::chrono::steady_clock;

// A small pool makes page write-back (and so mid-page-write) happen during the workload. Transfers update
// by sequential scan, so under 2PL they deadlock often; a short deadlock_timeout resolves that in time.
const std::vector<std::string> kServerSettings = {"shared_buffers=256kB", "deadlock_timeout=20ms"};
// How long a round with an armed crash point waits for the server to die before killing it itself.
constexpr auto kCrashPointTimeout = std::chrono::seconds(30);

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

std::mt19937& Rng() {
  static std::mt19937 rng = [] {
    const unsigned seed = static_cast<unsigned>(EnvInt("LUMADB_CRASH_SEED", static_cast<int>(std::random_device()())));
    std::cout << "[crash] LUMADB_CRASH_SEED=" << seed << std::endl;
    return std::mt19937(seed);
  }();
  return rng;
}

int RandomInt(int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(Rng());
}

/// One data directory with its server, the client's ledger book and the rounds run on it.
class CrashRig {
 public:
  CrashRig() : server_(tmp_.data(), kServerSettings) {}

  /// Starts a fresh server and creates the schema (throws, failing the test case, if it cannot).
  void Setup() {
    REQUIRE(server_.Start() == StartOutcome::kReady);
    CreateSchema(LocalConnInfo(server_.port()), config_);
  }

  CrashServer& server() { return server_; }

  /// Runs the workload until the server dies or `limit` passes (then kills it); returns whether the
  /// server died on its own and the workload's counters.
  bool RunUntilDeath(Clock::duration limit, WorkloadStats* stats) {
    Workload load(LocalConnInfo(server_.port()), config_, book_);
    load.Start();
    const bool died = server_.WaitForExit(std::chrono::duration_cast<std::chrono::milliseconds>(limit));
    server_.Kill();
    load.Stop();
    *stats = load.stats();
    return died;
  }

  /// Restarts without a crash point, checks the invariants, stops cleanly and runs `lumadb verify`.
  /// Prints the round's summary line and CHECKs every invariant; returns true if all held.
  bool RestartAndCheck(const std::string& round, const WorkloadStats& stats, const std::string& crash_note) {
    if (server_.Start() != StartOutcome::kReady) {
      FAIL_CHECK(round << ": the server did not restart (" << server_.ExitDescription() << "):\n" << server_.LogTail());
      return false;
    }
    const InvariantReport inv = CheckInvariants(LocalConnInfo(server_.port()), config_, book_.Acknowledged());
    const bool stopped = server_.Stop();
    const VerifyRun verify = RunLumadbVerify(server_.data_dir());
    const bool pass = inv.ok() && stopped && verify.exit_code == 0 && stats.unexpected == 0;
    Print(round, stats, crash_note, inv, verify, pass);

    CHECK_MESSAGE(stats.unexpected == 0, round << ": unexpected errors during the workload");
    for (const std::string& p : inv.problems) FAIL_CHECK(round << ": " << p);
    CHECK_MESSAGE(stopped, round << ": clean shutdown failed (" << server_.ExitDescription() << ")");
    CHECK_MESSAGE(verify.exit_code == 0, round << ": lumadb verify failed:\n" << verify.output);
    return pass;
  }

 private:
  void Print(const std::string& round, const WorkloadStats& s, const std::string& note, const InvariantReport& inv,
             const VerifyRun& verify, bool pass) {
    std::ostringstream out;
    out << "[crash] " << round << " (" << note << "): committed " << s.ledger_commits << " ledger txns, "
        << s.transfer_commits << " transfers, " << s.retries << " retries, " << s.checkpoints << " checkpoints, "
        << s.unexpected << " unexpected errors | after restart: acked tags " << inv.acked_present << "/" << inv.acked
        << " present, " << inv.tags_found << " tags found, " << inv.partial_tags << " partial, accounts "
        << inv.accounts << ", total " << inv.total << "/" << config_.ExpectedTotal()
        << " | verify: " << (verify.exit_code == 0 ? "OK" : "FAILED (exit " + std::to_string(verify.exit_code) + ")")
        << " => " << (pass ? "PASS" : "FAIL") << "\n";
    for (const std::string& e : s.first_errors) out << "        unexpected: " << e << "\n";
    for (const std::string& p : inv.problems) out << "        problem: " << p << "\n";
    std::cout << out.str() << std::flush;
  }

  testing::TempDir tmp_;
  CrashServer server_;
  WorkloadConfig config_;
  LedgerBook book_;
};

/// The N-th hit at which a crash point fires: late enough that the workload has committed something.
int ArmCount(const std::string& point) {
  if (point == "wal-append") return RandomInt(50, 1500);
  if (point == "after-commit-flush") return RandomInt(20, 300);
  if (point == "mid-page-write") return RandomInt(2, 40);
  return RandomInt(1, 3);  // mid-checkpoint: one CHECKPOINT every 200 ms
}

/// One round with `point` armed: set up, restart armed, load until it fires, restart, check.
void RunCrashPointRound(const std::string& point, const std::string& round) {
  CrashRig rig;
  rig.Setup();
  REQUIRE(rig.server().Stop());
  const std::string armed = point + ":" + std::to_string(ArmCount(point));
  REQUIRE(rig.server().Start(armed) == StartOutcome::kReady);
  WorkloadStats stats;
  const bool died = rig.RunUntilDeath(kCrashPointTimeout, &stats);
  // crash_point.h: the server says which point it reached before it _exits.
  const bool fired = died && rig.server().LogContains("crash point " + point + " reached");
  CHECK_MESSAGE(fired, "LUMADB_CRASH_POINT=" << armed << " did not kill the server within "
                                             << kCrashPointTimeout.count() << " s (" << rig.server().ExitDescription()
                                             << "):\n"
                                             << rig.server().LogTail());
  const std::string note =
      "LUMADB_CRASH_POINT=" + armed + (fired ? ", died: " + rig.server().ExitDescription() : ", never fired: SIGKILL");
  rig.RestartAndCheck(round, stats, note);
}

}  // namespace

TEST_CASE("random kill -9 under concurrent commits, restart, invariants hold") {
  const int min_rounds = EnvInt("LUMADB_CRASH_ROUNDS", 8);
  const auto budget = std::chrono::seconds(EnvInt("LUMADB_CRASH_SECONDS", 0));
  const auto start = Clock::now();
  CrashRig rig;
  rig.Setup();
  for (int round = 1; round <= min_rounds || Clock::now() - start < budget; ++round) {
    if (round > 1) REQUIRE(rig.server().Start() == StartOutcome::kReady);
    const auto run_for = std::chrono::milliseconds(RandomInt(300, 2500));
    WorkloadStats stats;
    rig.RunUntilDeath(run_for, &stats);
    std::ostringstream note;
    note << "SIGKILL after " << std::fixed << std::setprecision(2) << run_for.count() / 1000.0 << " s";
    if (!rig.RestartAndCheck("random round " + std::to_string(round), stats, note.str())) {
      std::cout << "[crash] stopping the random rounds: later rounds would only repeat this failure" << std::endl;
      break;
    }
  }
}

TEST_CASE("crash points: the server dies at a named point, restarts, invariants hold") {
  const int rounds = EnvInt("LUMADB_CRASH_POINT_ROUNDS", 2);
  for (int round = 1; round <= rounds; ++round) {
    for (const std::string point : {"wal-append", "after-commit-flush", "mid-page-write", "mid-checkpoint"}) {
      CAPTURE(point);
      RunCrashPointRound(point, "crash point " + point + " #" + std::to_string(round));
    }
  }
}

TEST_CASE("crash point mid-recovery: a crash during recovery, then a clean recovery") {
  CrashRig rig;
  rig.Setup();
  WorkloadStats stats;
  rig.RunUntilDeath(std::chrono::milliseconds(RandomInt(500, 2000)), &stats);
  const StartOutcome first = rig.server().Start("mid-recovery");
  const bool fired = first == StartOutcome::kExited && rig.server().LogContains("crash point mid-recovery reached");
  CHECK_MESSAGE(fired, "LUMADB_CRASH_POINT=mid-recovery did not end the restart (" << rig.server().ExitDescription()
                                                                                   << "):\n"
                                                                                   << rig.server().LogTail());
  if (first == StartOutcome::kReady) rig.server().Kill();
  const std::string note =
      fired ? "SIGKILL, then died in recovery: " + rig.server().ExitDescription() : "SIGKILL, mid-recovery never fired";
  rig.RestartAndCheck("crash point mid-recovery", stats, note);
}

}  // namespace lumadb::crash
