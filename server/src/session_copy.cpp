// The COPY side of Session: the COPY sub-protocol (PostgreSQL protocol §55.2.6; copyfrom.c
// ReceiveCopyBegin / CopyGetData, copyto.c SendCopyBegin / SendCopyEnd). COPY FROM STDIN answers
// CopyInResponse and reads CopyData/CopyDone/CopyFail until the data ends; COPY TO STDOUT sends
// CopyOutResponse, one CopyData per row and CopyDone. An error ends the COPY like any other: the message
// loop reports it and aborts the transaction, then ignores the client's remaining CopyData/CopyDone.

#include <cstdio>

#include "exec/copy.h"
#include "pgwire/frontend.h"
#include "pgwire/message_buffer.h"
#include "server/session.h"

namespace lumadb::server {

namespace {

/// Turns COPY TO output into CopyOutResponse and CopyData messages.
class WireCopySink : public exec::CopyToSink {
 public:
  explicit WireCopySink(pgwire::BackendWriter& writer) : writer_(writer) {}
  void Begin(bool binary, int16_t columns) override { writer_.CopyOutResponse(binary, columns); }
  void Data(std::string_view data) override { writer_.CopyData(data); }

 private:
  pgwire::BackendWriter& writer_;
};

}  // namespace

std::string Session::CopyStatement(const ast::CopyStmt& stmt, const std::string& sql, exec::SessionContext& ctx) {
  if (!stmt.filename.empty()) return exec::ExecuteCopyFile(stmt, sql, ctx);
  if (!stmt.is_from) {
    WireCopySink sink(writer_);
    std::string tag = exec::ExecuteCopyTo(stmt, sql, ctx, sink);
    writer_.CopyDone();
    return tag;
  }
  exec::CopyFrom copy(stmt, sql, ctx);
  writer_.CopyInResponse(copy.binary(), copy.column_count());
  while (true) {
    auto message = pgwire::ReadFrontendMessage(transport_);
    if (!message) throw pgwire::ConnectionLost("unexpected EOF on client connection during COPY");
    CheckInterrupts();
    switch (message->type) {
      case 'd':
        copy.Feed(message->body);
        break;
      case 'c':
        return copy.Finish();
      case 'f':
        throw DbError(sqlstate::kQueryCanceled,
                      "COPY from stdin failed: " + pgwire::MessageReader(message->body).ReadCString());
      case 'H':
      case 'S':
        break;  // a client may send these while in copy-in mode; PostgreSQL ignores them
      default: {
        char hex[8];
        std::snprintf(hex, sizeof(hex), "%02X", static_cast<unsigned char>(message->type));
        throw DbError(sqlstate::kProtocolViolation,
                      std::string("unexpected message type 0x") + hex + " during COPY from stdin");
      }
    }
  }
}

}  // namespace lumadb::server
