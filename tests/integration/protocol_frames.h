#pragma once
// Raw extended-protocol frames (Parse, Bind, Describe, Execute, Close, Sync) and a raw connection that
// reads up to ReadyForQuery, for tests that check exact message sequences.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "raw_client.h"
#include "support/wire_bytes.h"
#include "test_server.h"

namespace lumadb::integration {

using lumadb::testing::Frame;
using lumadb::testing::Int16;
using lumadb::testing::Int32;

inline std::string Str(const std::string& s) {
  return s + '\0';
}

inline std::string Parse(const std::string& name, const std::string& sql, const std::vector<int32_t>& oids = {}) {
  std::string body = Str(name) + Str(sql) + Int16(static_cast<int16_t>(oids.size()));
  for (int32_t oid : oids) body += Int32(oid);
  return Frame('P', body);
}

// A Bind; a parameter of std::nullopt is NULL.
inline std::string Bind(const std::string& portal, const std::string& stmt,
                        const std::vector<std::optional<std::string>>& params,
                        const std::vector<int16_t>& result_formats = {},
                        const std::vector<int16_t>& param_formats = {}) {
  std::string body = Str(portal) + Str(stmt) + Int16(static_cast<int16_t>(param_formats.size()));
  for (int16_t f : param_formats) body += Int16(f);
  body += Int16(static_cast<int16_t>(params.size()));
  for (const auto& p : params) body += p ? Int32(static_cast<int32_t>(p->size())) + *p : Int32(-1);
  body += Int16(static_cast<int16_t>(result_formats.size()));
  for (int16_t f : result_formats) body += Int16(f);
  return Frame('B', body);
}

inline std::string Describe(char kind, const std::string& name) {
  return Frame('D', std::string(1, kind) + Str(name));
}

inline std::string Execute(const std::string& portal, int32_t max_rows = 0) {
  return Frame('E', Str(portal) + Int32(max_rows));
}

inline std::string Close(char kind, const std::string& name) {
  return Frame('C', std::string(1, kind) + Str(name));
}

inline const std::string kSync = Frame('S', "");

// A raw connection past startup.
struct Raw {
  Raw() : conn(SharedTarget::Get().endpoint()) {
    StartupResult r = RawStartup(conn, "postgres", SharedTarget::Get().database());
    REQUIRE(r.ready_status == 'I');
  }

  // Sends bytes and reads up to and including ReadyForQuery. Returns the message types ("12TDCZ"); the
  // messages themselves are kept in `last`, error fields in `error` (the first ErrorResponse).
  std::string Round(const std::string& bytes) {
    REQUIRE(conn.Send(bytes));
    return ReadToReady();
  }

  std::string ReadToReady() {
    last.clear();
    error.clear();
    std::string types;
    while (auto m = conn.Read()) {
      if (m->type == 'N' || m->type == 'S') continue;  // notices and ParameterStatus do not matter here
      types += m->type;
      if (m->type == 'E' && error.empty()) error = ErrorFields(m->body);
      last.push_back(*m);
      if (m->type == 'Z') break;
    }
    return types;
  }

  // The SQLSTATE of the first ErrorResponse of the last Round, "" if none.
  std::string Code() const { return error.count('C') != 0 ? error.at('C') : ""; }
  std::string Message() const { return error.count('M') != 0 ? error.at('M') : ""; }
  // The status byte of the last ReadyForQuery.
  char Status() const { return last.empty() ? '?' : last.back().body[0]; }
  // The i-th message of type `type` in the last Round.
  const BackendMessage& Nth(char type, size_t i = 0) const {
    for (const BackendMessage& m : last) {
      if (m.type == type && i-- == 0) return m;
    }
    FAIL("no such message");
    return last.front();
  }

  RawConnection conn;
  std::vector<BackendMessage> last;
  std::map<char, std::string> error;
};

// The values of a DataRow body (nullopt = NULL).
inline std::vector<std::optional<std::string>> Values(const std::string& body) {
  std::vector<std::optional<std::string>> out;
  auto u32 = [&body](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(body[at + i]);
    return static_cast<int32_t>(v);
  };
  size_t n = (static_cast<uint8_t>(body[0]) << 8) | static_cast<uint8_t>(body[1]);
  size_t pos = 2;
  for (size_t i = 0; i < n; ++i) {
    int32_t len = u32(pos);
    pos += 4;
    if (len < 0) {
      out.emplace_back(std::nullopt);
      continue;
    }
    out.emplace_back(body.substr(pos, static_cast<size_t>(len)));
    pos += static_cast<size_t>(len);
  }
  return out;
}

}  // namespace lumadb::integration
