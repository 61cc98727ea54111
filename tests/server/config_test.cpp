#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "server/config_file.h"
#include "server/session_registry.h"

using namespace lumadb::server;

namespace {
std::filesystem::path TempFile(const std::string& contents) {
  auto path = std::filesystem::temp_directory_path() / ("lumadb_conf_test_" + std::to_string(::getpid()));
  std::ofstream(path) << contents;
  return path;
}
}  // namespace

TEST_CASE("lumadb.conf lines, comments and quoting") {
  auto path = TempFile("# comment\n\npassword_encryption = md5\nport 5433 # trailing\nsearch_path = 'a, ''b'''\n");
  auto items = ReadConfigFile(path);
  REQUIRE(items.size() == 3);
  CHECK(items[0] == std::pair<std::string, std::string>{"password_encryption", "md5"});
  CHECK(items[1] == std::pair<std::string, std::string>{"port", "5433"});
  CHECK(items[2].second == "a, 'b'");
  std::filesystem::remove(path);
}

TEST_CASE("WriteConfigFile round-trips through ReadConfigFile") {
  auto path = TempFile("");
  WriteConfigFile(path, {{"password_encryption", "md5"}, {"application_name", "it's"}});
  auto items = ReadConfigFile(path);
  REQUIRE(items.size() == 2);
  CHECK(items[1].second == "it's");
  std::filesystem::remove(path);
}

TEST_CASE("syntax errors name the file and line") {
  auto path = TempFile("port = 1\n= oops\n");
  CHECK_THROWS_WITH(ReadConfigFile(path), doctest::Contains("line 2"));
  std::filesystem::remove(path);
  CHECK(ReadConfigFile("/nonexistent/lumadb.conf").empty());
}

TEST_CASE("the session registry enforces max_connections and routes cancels by key") {
  SessionRegistry registry(2);
  auto a = registry.Register(nullptr);
  auto b = registry.Register(nullptr);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->pid != b->pid);
  CHECK_FALSE(registry.Register(nullptr));
  registry.Cancel(a->pid, a->secret + 1);
  CHECK_FALSE(a->cancel_requested);
  registry.Cancel(a->pid, a->secret);
  CHECK(a->cancel_requested);
  a->database_oid = 5;
  b->database_oid = 5;
  CHECK(registry.CountSessionsInDatabase(5, a->pid) == 1);
  bool woken = false;
  registry.Unregister(b->pid);
  auto c = registry.Register([&woken] { woken = true; });
  registry.TerminateAll();
  CHECK(woken);
  CHECK(a->terminate_requested);
  registry.Unregister(a->pid);
  registry.Unregister(c->pid);
  registry.WaitUntilEmpty();
  CHECK(registry.size() == 0);
}
