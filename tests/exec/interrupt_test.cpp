// Long statements poll the transaction's interrupt check (exec::PollInterrupts), which the server points at
// its cancel flag and statement_timeout: generate_series, sequential scans (also of rows a qual rejects) and
// index scans stay cancellable, while a short statement never pays for a check.
#include <doctest/doctest.h>

#include "test_session.h"

using lumadb::DbError;
using lumadb::exec::testing::TestSession;
using Rows = std::vector<std::string>;

namespace {

/// Installs an interrupt check on s's open block that throws 57014 on its third call; returns the call count.
std::shared_ptr<int> CancelOnThirdCheck(TestSession& s) {
  auto calls = std::make_shared<int>(0);
  s.Transaction()->SetInterruptCheck([calls] {
    if (++*calls == 3) throw DbError(lumadb::sqlstate::kQueryCanceled, "canceling statement due to user request");
  });
  return calls;
}

}  // namespace

TEST_CASE("scans poll the interrupt check and stop with its error") {
  TestSession s;
  s.Run("CREATE TABLE big (a int PRIMARY KEY)");
  s.Run("INSERT INTO big SELECT g FROM generate_series(1, 5000) g");

  s.Begin();
  auto calls = CancelOnThirdCheck(s);
  CHECK(s.Rows("SELECT count(*) FROM generate_series(1, 1000)") == Rows{"1000"});
  CHECK(*calls == 0);  // fewer rows than kInterruptPollCalls: never checked
  DbError e = s.Error("SELECT count(*) FROM generate_series(1, 100000000)");
  CHECK(e.code().View() == "57014");
  CHECK(e.message() == "canceling statement due to user request");
  CHECK(*calls == 3);
  s.Rollback();

  s.Begin();
  calls = CancelOnThirdCheck(s);
  // Every row is read and rejected by the qual: the scan polls for rows it does not return too.
  CHECK(s.Error("SELECT a FROM big WHERE a % 7 = 100").code().View() == "57014");
  CHECK(*calls == 3);
  s.Rollback();

  s.Begin();
  calls = CancelOnThirdCheck(s);
  CHECK(s.Error("SELECT count(*) FROM big WHERE a > 10").code().View() == "57014");
  s.Rollback();
}
