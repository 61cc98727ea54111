// The signalling and sleep builtins: pg_sleep stops when the interrupt check throws, is volatile, and the
// signalling functions hand their arguments to the session's BackendControl.
#include <chrono>

#include <doctest/doctest.h>

#include "common/error.h"
#include "planner/function_registry.h"

namespace lumadb::planner {
namespace {

using Clock = std::chrono::steady_clock;

Value Call(const char* name, const std::vector<TypeId>& types, const std::vector<Value>& args, const FunctionEnv& env) {
  auto resolved = ResolveFunction(name, types);
  REQUIRE(resolved.has_value());
  CHECK(resolved->func->is_volatile);
  return resolved->func->impl(args, env);
}

struct FakeBackends : BackendControl {
  int32_t BackendPid() const override { return 4711; }
  bool SignalBackend(int32_t pid, bool terminate, int64_t timeout_ms) override {
    last = {pid, terminate, timeout_ms};
    return pid == 4711;
  }
  std::vector<Row> ActivityRows() override { return {}; }
  std::vector<Row> SslRows() override { return {}; }
  void ReportWait(const char* type, const char*) override { waits.push_back(type ? type : ""); }
  std::vector<std::string> waits;
  std::tuple<int32_t, bool, int64_t> last{0, false, 0};
};

TEST_CASE("pg_sleep sleeps, and its interrupt check ends it early") {
  FunctionEnv env;
  auto start = Clock::now();
  CHECK(Call("pg_sleep", {TypeId::kFloat8}, {Value::Float8(0.05)}, env).type() == TypeId::kVoid);
  CHECK(Clock::now() - start >= std::chrono::milliseconds(50));

  int checks = 0;
  env.check_interrupts = [&checks] {
    if (++checks == 3) throw DbError(sqlstate::kQueryCanceled, "canceling statement due to user request");
  };
  start = Clock::now();
  CHECK_THROWS_AS(Call("pg_sleep", {TypeId::kFloat8}, {Value::Float8(60)}, env), DbError);
  CHECK(Clock::now() - start < std::chrono::seconds(5));
  CHECK(checks == 3);

  checks = 0;  // no time to sleep: checked once, returns at once
  CHECK(Call("pg_sleep_for", {TypeId::kInterval}, {Value::OfInterval(Interval{-1000, 0, 0})}, env).type() ==
        TypeId::kVoid);
  CHECK(checks == 1);
}

TEST_CASE("the signalling functions go through the session's BackendControl") {
  FunctionEnv env;
  CHECK_THROWS_AS(Call("pg_backend_pid", {}, {}, env), DbError);
  FakeBackends backends;
  env.backends = &backends;
  CHECK(Call("pg_backend_pid", {}, {}, env).GetInt() == 4711);
  CHECK(Call("pg_cancel_backend", {TypeId::kInt4}, {Value::Int4(4711)}, env).GetBool());
  CHECK(backends.last == std::make_tuple(4711, false, int64_t{0}));
  CHECK_FALSE(
      Call("pg_terminate_backend", {TypeId::kInt4, TypeId::kInt8}, {Value::Int4(12), Value::Int8(500)}, env).GetBool());
  CHECK(backends.last == std::make_tuple(12, true, int64_t{500}));
  Call("pg_sleep", {TypeId::kFloat8}, {Value::Float8(0.001)}, env);
  CHECK(backends.waits == std::vector<std::string>{"Timeout", ""});
  try {
    Call("pg_terminate_backend", {TypeId::kInt4, TypeId::kInt8}, {Value::Int4(12), Value::Int8(-1)}, env);
    FAIL("a negative timeout was accepted");
  } catch (const DbError& e) {
    CHECK(e.code() == sqlstate::kNumericValueOutOfRange);
    CHECK(e.message() == "\"timeout\" must not be negative");
  }
}

}  // namespace
}  // namespace lumadb::planner
