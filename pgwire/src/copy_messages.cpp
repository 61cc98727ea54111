// The COPY sub-protocol's backend messages (PostgreSQL protocol §55.2.6; layouts in backend_writer.h).

#include "pgwire/backend_writer.h"

namespace lumadb::pgwire {

namespace {

void CopyResponse(MessageBuffer& buffer, char type, bool binary, int16_t columns) {
  buffer.BeginMessage(type);
  buffer.AppendByte(binary ? 1 : 0);
  buffer.AppendInt16(columns);
  for (int16_t i = 0; i < columns; ++i) buffer.AppendInt16(binary ? 1 : 0);
  buffer.EndMessage();
}

}  // namespace

void BackendWriter::CopyInResponse(bool binary, int16_t columns) {
  CopyResponse(buffer_, 'G', binary, columns);
  // The client sends nothing until it has this message.
  Flush();
}

void BackendWriter::CopyOutResponse(bool binary, int16_t columns) {
  CopyResponse(buffer_, 'H', binary, columns);
}

void BackendWriter::CopyData(std::string_view data) {
  buffer_.BeginMessage('d');
  buffer_.AppendBytes(data);
  buffer_.EndMessage();
  MaybeFlush();
}

void BackendWriter::CopyDone() {
  buffer_.BeginMessage('c');
  buffer_.EndMessage();
}

}  // namespace lumadb::pgwire
