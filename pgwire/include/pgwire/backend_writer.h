#pragma once
// BackendWriter: builds the backend (server -> client) messages of PostgreSQL protocol §55.7 into an
// output buffer and hands them to a Transport. Output is buffered and flushed at ReadyForQuery, on
// request, and whenever more than kFlushThreshold bytes wait (architecture-anchors §2.4 "Output buffering").
//
// Message layouts (every message: type byte, int32 length counting itself, then the body below):
//
//   'R' Authentication     int32 code, then by code:
//                            0 Ok | 3 CleartextPassword | 5 MD5Password: Byte4 salt |
//                            10 SASL: (String mechanism)*, Byte1 0 | 11 SASLContinue: Byten data |
//                            12 SASLFinal: Byten data
//   'S' ParameterStatus    String name, String value
//   'K' BackendKeyData     int32 process id, int32 secret key
//   'Z' ReadyForQuery      Byte1 status: 'I' idle, 'T' in a transaction block, 'E' in a failed block
//   'T' RowDescription     int16 n, then n times:
//                            String name | int32 table OID | int16 attnum | int32 type OID |
//                            int16 typlen | int32 typmod | int16 format (0 = text, 1 = binary)
//   'D' DataRow            int16 n, then n times: int32 length (-1 = NULL) | Byten value
//                            (value: typoutput text, or typsend bytes for a binary column)
//   't' ParameterDescription  int16 n, then n times int32 type OID
//   '1' ParseComplete, '2' BindComplete, '3' CloseComplete, 'n' NoData, 's' PortalSuspended (no body)
//   'C' CommandComplete    String tag ("SELECT 3", "INSERT 0 1", ...)
//   'I' EmptyQueryResponse (no body)
//   'G' CopyInResponse / 'H' CopyOutResponse  int8 format (0 text, 1 binary), int16 n, n times int16 format
//   'd' CopyData           Byten data;  'c' CopyDone (no body)
//   'E' ErrorResponse      (Byte1 field code, String value)*, Byte1 0
//   'N' NoticeResponse     same as ErrorResponse; fields S, V, C, M, D, H, P, W, n
//   'v' NegotiateProtocolVersion  int32 newest minor supported, int32 n, n times String option
//
// The answer to SSLRequest/GSSENCRequest is one unframed byte 'N'.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/types.h"
#include "common/value.h"
#include "pgwire/message_buffer.h"
#include "pgwire/transport.h"

namespace lumadb::pgwire {

/// One column of a RowDescription. typlen is derived from the type (common TypeLength).
struct FieldDescription {
  std::string name;
  Oid table_oid = 0;   // 0 unless the column is a plain table column
  int16_t attnum = 0;  // 1-based column number in that table, else 0
  Oid type_oid = 0;
  int32_t typmod = -1;
  int16_t format = 0;  // 0 text, 1 binary (only a Describe of a bound portal says 1)
};

/// The fields of an ErrorResponse or NoticeResponse, taken from a DbError (its severity picks the type).
/// Writes S and V (severity), C (SQLSTATE), M, and D, H, P, n when present.
class BackendWriter {
 public:
  /// Above this many buffered bytes, output is sent even before ReadyForQuery (so big results stream).
  static constexpr size_t kFlushThreshold = 64 * 1024;

  explicit BackendWriter(Transport& transport) : transport_(transport) {}

  void AuthenticationOk();
  void AuthenticationCleartextPassword();
  /// AuthenticationMD5Password with the 4-byte random salt the client hashes into its answer.
  void AuthenticationMd5Password(std::string_view salt);
  /// AuthenticationSASL: the mechanisms offered, most preferred first (RFC 5802 / protocol §55.3.1).
  void AuthenticationSasl(const std::vector<std::string>& mechanisms);
  /// AuthenticationSASLContinue carrying the server-first-message.
  void AuthenticationSaslContinue(std::string_view data);
  /// AuthenticationSASLFinal carrying the server-final-message ("v=...").
  void AuthenticationSaslFinal(std::string_view data);
  void ParameterStatus(std::string_view name, std::string_view value);
  void BackendKeyData(int32_t pid, int32_t secret);
  /// Sends ReadyForQuery with status 'I', 'T' or 'E' and flushes.
  void ReadyForQuery(char status);
  void RowDescription(const std::vector<FieldDescription>& fields);
  /// A DataRow in text format; nullopt is SQL NULL (length -1).
  void DataRow(const std::vector<std::optional<std::string>>& values);
  /// A DataRow of values, column i in format FormatCode(formats, i) (extended.h): text via FormatValue,
  /// binary via SendValue (PostgreSQL printtup.c). Throws 22023 "unsupported format code: 2" for a code
  /// other than 0 or 1, and whatever SendValue throws, before anything is written.
  void DataRow(const Row& row, const std::vector<int16_t>& formats);
  /// ParameterDescription: the type OID of each parameter.
  void ParameterDescription(const std::vector<Oid>& types);
  void ParseComplete();
  void BindComplete();
  void CloseComplete();
  void NoData();
  void PortalSuspended();
  void CommandComplete(std::string_view tag);
  void EmptyQueryResponse();
  /// CopyInResponse ('G') / CopyOutResponse ('H'): overall format 0 text / 1 binary, then one format code
  /// per column, all equal to it (PostgreSQL copyfrom.c ReceiveCopyBegin, copyto.c SendCopyBegin).
  /// Defined in copy_messages.cpp.
  void CopyInResponse(bool binary, int16_t columns);
  void CopyOutResponse(bool binary, int16_t columns);
  /// CopyData ('d', the bytes as they are) and CopyDone ('c').
  void CopyData(std::string_view data);
  void CopyDone();
  /// ErrorResponse for ERROR/FATAL/PANIC severities, NoticeResponse for WARNING/NOTICE.
  void ErrorOrNotice(const DbError& error);
  /// NegotiateProtocolVersion: we speak 3.0 and none of the `_pq_.` options.
  void NegotiateProtocolVersion(int32_t newest_minor, const std::vector<std::string>& unrecognized);
  /// The single unframed byte 'N' refusing SSLRequest or GSSENCRequest.
  void RefuseEncryption();
  /// The single unframed byte 'S' accepting SSLRequest; the TLS handshake follows.
  void AcceptEncryption();

  /// Sends everything buffered. Throws ConnectionLost.
  void Flush();

 private:
  void MaybeFlush();
  void EmptyMessage(char type);

  Transport& transport_;
  MessageBuffer buffer_;
};

}  // namespace lumadb::pgwire
