#pragma once
// Decoding the extended-query frontend messages (PostgreSQL protocol §55.2.3 and §55.7; postgres.c
// exec_parse_message, exec_bind_message, exec_describe_*, exec_execute_message and the 'C'/'H'/'S' cases of
// PostgresMain). Bodies (after type byte and length), every integer big-endian:
//
//   'P' Parse     String statement | String query | int16 n | n x int32 parameter type OID (0 = infer)
//   'B' Bind      String portal | String statement
//                 | int16 n | n x int16 parameter format (0 text, 1 binary; 0 codes = all text,
//                                                           1 code = all of that format)
//                 | int16 n | n x (int32 length (-1 = NULL) | Byten value)
//                 | int16 n | n x int16 result column format (same 0/1/N rule)
//   'D' Describe  Byte1 'S' (statement) or 'P' (portal) | String name
//   'E' Execute   String portal | int32 max rows (0 or negative = all)
//   'C' Close     Byte1 'S' or 'P' | String name
//   'H' Flush, 'S' Sync: no body
//
// The counts are unsigned 16-bit, as pq_getmsgint(msg, 2) reads them. A message that ends early fails with
// 08P01 "insufficient data left in message", one with bytes left over with 08P01 "invalid message format"
// (pqformat.c pq_getmsgend). These are ERRORs, not FATAL: the framing is intact, so the session reports
// the error and skips to Sync as PostgreSQL does.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/types.h"
#include "pgwire/frontend.h"

namespace lumadb::pgwire {

/// Parse ('P').
struct ParseMessage {
  std::string statement;         // "" = the unnamed statement
  std::string query;             // the SQL text as sent
  std::vector<Oid> param_types;  // one per $n the client specified; 0 = infer
};

/// Bind ('B').
struct BindMessage {
  std::string portal;     // "" = the unnamed portal
  std::string statement;  // "" = the unnamed statement
  std::vector<int16_t> param_formats;
  std::vector<std::optional<std::string>> params;  // raw bytes as sent; nullopt = NULL
  std::vector<int16_t> result_formats;
};

/// Describe ('D') and Close ('C'): which kind of object and its name.
struct TargetMessage {
  char kind = 'S';  // 'S' prepared statement, 'P' portal
  std::string name;
};

/// Execute ('E').
struct ExecuteMessage {
  std::string portal;
  int32_t max_rows = 0;  // <= 0: all rows
};

/// Decodes a Parse message. Throws 08P01 as described in this header.
ParseMessage DecodeParse(const FrontendMessage& message);

/// Decodes a Bind message. Also throws 08P01 "bind message has 2 parameter formats but 1 parameters"
/// when there are several format codes and their number differs from the number of values.
BindMessage DecodeBind(const FrontendMessage& message);

/// Decodes a Describe message. Throws 08P01 "invalid DESCRIBE message subtype 88" for a kind other than
/// 'S' or 'P'.
TargetMessage DecodeDescribe(const FrontendMessage& message);

/// Decodes a Close message. Throws 08P01 "invalid CLOSE message subtype 88".
TargetMessage DecodeClose(const FrontendMessage& message);

/// Decodes an Execute message.
ExecuteMessage DecodeExecute(const FrontendMessage& message);

/// Checks that a Flush or Sync message has no body (08P01 "invalid message format").
void DecodeEmpty(const FrontendMessage& message);

/// The format code of column or parameter i under the 0/1/N rule: no codes = text (0), one code = that
/// code for all, else codes[i]. The caller has checked that N matches the column count.
inline int16_t FormatCode(const std::vector<int16_t>& codes, size_t i) {
  if (codes.empty()) return 0;
  return codes.size() == 1 ? codes[0] : codes[i];
}

}  // namespace lumadb::pgwire
