// `lumadb verify -D DIR` (server/src/verify_command.cpp) against real data directories made by
// `lumadb serve`: a clean directory passes; a flipped byte, a page with a valid checksum but a broken
// layout, a missing relation file each fail, naming the relation file and block; a directory owned by a
// running server (server/data_dir_lock.h) and a directory that is not a data directory are refused, and a
// lock file left behind by kill -9 blocks nothing.

#include <unistd.h>

#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "crash_server.h"
#include "invariants.h"
#include "pg_client.h"
#include "storage/ids.h"
#include "storage/page.h"
#include "support/temp_dir.h"

namespace lumadb::crash {
namespace {

namespace fs = std::filesystem;

/// A stopped data directory holding table t (200 rows over a few pages); remembers t's file.
class VerifyFixture {
 public:
  VerifyFixture() : server_(tmp_.data(), {}) {
    REQUIRE(server_.Start() == StartOutcome::kReady);
    PgClient client(LocalConnInfo(server_.port()));
    REQUIRE(client.connected());
    REQUIRE(client.Exec("CREATE TABLE t (id int, note text)").ok);
    std::string rows;
    for (int id = 1; id <= 200; ++id) rows += (id > 1 ? ", (" : "(") + std::to_string(id) + ", repeat('x', 100))";
    REQUIRE(client.Exec("INSERT INTO t VALUES " + rows).ok);
    PgResult db = client.Exec("SELECT oid FROM pg_database WHERE datname = 'postgres'");
    PgResult rel = client.Exec("SELECT relfilenode FROM pg_class WHERE relname = 't'");
    REQUIRE((db.ok && rel.ok && db.rows.size() == 1 && rel.rows.size() == 1));
    relation_ = "base/" + db.rows[0][0] + "/" + rel.rows[0][0];
    REQUIRE(server_.Stop());
    REQUIRE(fs::file_size(data_dir() / relation_) >= 2 * storage::kPageSize);
  }

  const fs::path& data_dir() const { return server_.data_dir(); }
  CrashServer& server() { return server_; }
  /// "base/<db>/<relfilenode>" of table t.
  const std::string& relation() const { return relation_; }

  /// Reads block `block` of t's file, lets `change` modify it, writes it back.
  template <typename Fn>
  void RewriteBlock(storage::PageId block, Fn change) {
    std::fstream f(data_dir() / relation_, std::ios::in | std::ios::out | std::ios::binary);
    std::vector<char> page(storage::kPageSize);
    f.seekg(static_cast<std::streamoff>(block * storage::kPageSize));
    f.read(page.data(), static_cast<std::streamsize>(page.size()));
    change(page.data());
    f.seekp(static_cast<std::streamoff>(block * storage::kPageSize));
    f.write(page.data(), static_cast<std::streamsize>(page.size()));
    REQUIRE(f.good());
  }

 private:
  testing::TempDir tmp_;
  CrashServer server_;
  std::string relation_;
};

}  // namespace

TEST_CASE("lumadb verify passes on a cleanly stopped data directory") {
  VerifyFixture fx;
  const VerifyRun run = RunLumadbVerify(fx.data_dir());
  CHECK_MESSAGE(run.exit_code == 0, run.output);
  CHECK(run.output.find("verify: OK") != std::string::npos);
  CHECK(run.output.find("tuples decoded: ") != std::string::npos);
}

TEST_CASE("lumadb verify names the relation file and block of a flipped byte") {
  VerifyFixture fx;
  fx.RewriteBlock(1, [](char* page) { page[5000] ^= 0x20; });
  const VerifyRun run = RunLumadbVerify(fx.data_dir());
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.output.find("invalid page in block 1 of relation " + fx.relation() + ": checksum mismatch") !=
                    std::string::npos,
                run.output);
  CHECK(run.output.find("verify: FAILED") != std::string::npos);
}

TEST_CASE("lumadb verify finds a broken page layout under a valid checksum") {
  VerifyFixture fx;
  fx.RewriteBlock(0, [](char* page) {
    storage::PageHeader h = storage::ReadPageHeader(page);
    h.upper = static_cast<uint16_t>(h.lower - 8);  // tuples would overlap the line pointers
    storage::WritePageHeader(page, h);
    storage::SetPageChecksum(page);
  });
  const VerifyRun run = RunLumadbVerify(fx.data_dir());
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.output.find("invalid page in block 0 of relation " + fx.relation() +
                                ": header or line pointer out of range") != std::string::npos,
                run.output);
}

TEST_CASE("lumadb verify reports a table whose file is missing") {
  VerifyFixture fx;
  fs::remove(fx.data_dir() / fx.relation());
  const VerifyRun run = RunLumadbVerify(fx.data_dir());
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.output.find("relation \"public.t\" has no file \"" + fx.relation() + "\"") != std::string::npos,
                run.output);
}

TEST_CASE("lumadb verify refuses a running server's directory and a non-data directory") {
  VerifyFixture fx;
  REQUIRE(fx.server().Start() == StartOutcome::kReady);
  VerifyRun run = RunLumadbVerify(fx.data_dir());
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.output.find("lock file \"postmaster.pid\" already exists") != std::string::npos, run.output);
  REQUIRE(fx.server().Stop());
  CHECK_FALSE(fs::exists(fx.data_dir() / "postmaster.pid"));  // a clean shutdown removes it

  testing::TempDir empty;
  run = RunLumadbVerify(empty.path());
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.output.find("is not a LumaDB data directory") != std::string::npos, run.output);
}

TEST_CASE("a stale postmaster.pid left by kill -9 does not block a restart or verify") {
  VerifyFixture fx;
  REQUIRE(fx.server().Start() == StartOutcome::kReady);
  fx.server().Kill();
  REQUIRE(fs::exists(fx.data_dir() / "postmaster.pid"));
  REQUIRE(fx.server().Start() == StartOutcome::kReady);
  REQUIRE(fx.server().Stop());
  fx.server().Start();
  fx.server().Kill();
  const VerifyRun run = RunLumadbVerify(fx.data_dir());
  CHECK_MESSAGE(run.output.find("lock file") == std::string::npos, run.output);
}

}  // namespace lumadb::crash
