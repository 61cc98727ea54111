#include "pgwire/backend_writer.h"

#include <string>

#include "common/value_binary.h"
#include "common/value_io.h"
#include "pgwire/extended.h"

namespace lumadb::pgwire {

void BackendWriter::AuthenticationOk() {
  buffer_.BeginMessage('R');
  buffer_.AppendInt32(0);
  buffer_.EndMessage();
}

void BackendWriter::AuthenticationCleartextPassword() {
  buffer_.BeginMessage('R');
  buffer_.AppendInt32(3);
  buffer_.EndMessage();
}

void BackendWriter::AuthenticationMd5Password(std::string_view salt) {
  buffer_.BeginMessage('R');
  buffer_.AppendInt32(5);
  buffer_.AppendBytes(salt);
  buffer_.EndMessage();
}

void BackendWriter::AuthenticationSasl(const std::vector<std::string>& mechanisms) {
  buffer_.BeginMessage('R');
  buffer_.AppendInt32(10);
  for (const std::string& mechanism : mechanisms) buffer_.AppendCString(mechanism);
  buffer_.AppendByte(0);
  buffer_.EndMessage();
}

void BackendWriter::AuthenticationSaslContinue(std::string_view data) {
  buffer_.BeginMessage('R');
  buffer_.AppendInt32(11);
  buffer_.AppendBytes(data);
  buffer_.EndMessage();
}

void BackendWriter::AuthenticationSaslFinal(std::string_view data) {
  buffer_.BeginMessage('R');
  buffer_.AppendInt32(12);
  buffer_.AppendBytes(data);
  buffer_.EndMessage();
}

void BackendWriter::ParameterStatus(std::string_view name, std::string_view value) {
  buffer_.BeginMessage('S');
  buffer_.AppendCString(name);
  buffer_.AppendCString(value);
  buffer_.EndMessage();
}

void BackendWriter::BackendKeyData(int32_t pid, int32_t secret) {
  buffer_.BeginMessage('K');
  buffer_.AppendInt32(pid);
  buffer_.AppendInt32(secret);
  buffer_.EndMessage();
}

void BackendWriter::ReadyForQuery(char status) {
  buffer_.BeginMessage('Z');
  buffer_.AppendByte(static_cast<uint8_t>(status));
  buffer_.EndMessage();
  Flush();
}

void BackendWriter::RowDescription(const std::vector<FieldDescription>& fields) {
  buffer_.BeginMessage('T');
  buffer_.AppendInt16(static_cast<int16_t>(fields.size()));
  for (const FieldDescription& f : fields) {
    buffer_.AppendCString(f.name);
    buffer_.AppendInt32(static_cast<int32_t>(f.table_oid));
    buffer_.AppendInt16(f.attnum);
    buffer_.AppendInt32(static_cast<int32_t>(f.type_oid));
    buffer_.AppendInt16(TypeLength(static_cast<TypeId>(f.type_oid)));
    buffer_.AppendInt32(f.typmod);
    buffer_.AppendInt16(f.format);
  }
  buffer_.EndMessage();
}

void BackendWriter::DataRow(const std::vector<std::optional<std::string>>& values) {
  buffer_.BeginMessage('D');
  buffer_.AppendInt16(static_cast<int16_t>(values.size()));
  for (const auto& v : values) {
    if (!v) {
      buffer_.AppendInt32(-1);
      continue;
    }
    buffer_.AppendInt32(static_cast<int32_t>(v->size()));
    buffer_.AppendBytes(*v);
  }
  buffer_.EndMessage();
  MaybeFlush();
}

void BackendWriter::DataRow(const Row& row, const std::vector<int16_t>& formats) {
  for (int16_t f : formats) {
    if (f != 0 && f != 1) {
      throw DbError(sqlstate::kInvalidParameterValue, "unsupported format code: " + std::to_string(f));
    }
  }
  size_t mark = buffer_.size();
  try {
    buffer_.BeginMessage('D');
    buffer_.AppendInt16(static_cast<int16_t>(row.size()));
    for (size_t i = 0; i < row.size(); ++i) {
      const Value& v = row[i];
      if (v.is_null()) {
        buffer_.AppendInt32(-1);
        continue;
      }
      std::string bytes = FormatCode(formats, i) == 1 ? SendValue(v) : FormatValue(v);
      buffer_.AppendInt32(static_cast<int32_t>(bytes.size()));
      buffer_.AppendBytes(bytes);
    }
    buffer_.EndMessage();
  } catch (...) {
    buffer_.Truncate(mark);  // only whole messages may reach the client
    throw;
  }
  MaybeFlush();
}

void BackendWriter::ParameterDescription(const std::vector<Oid>& types) {
  buffer_.BeginMessage('t');
  buffer_.AppendInt16(static_cast<int16_t>(types.size()));
  for (Oid oid : types) buffer_.AppendInt32(static_cast<int32_t>(oid));
  buffer_.EndMessage();
}

void BackendWriter::EmptyMessage(char type) {
  buffer_.BeginMessage(type);
  buffer_.EndMessage();
}

void BackendWriter::ParseComplete() {
  EmptyMessage('1');
}

void BackendWriter::BindComplete() {
  EmptyMessage('2');
}

void BackendWriter::CloseComplete() {
  EmptyMessage('3');
}

void BackendWriter::NoData() {
  EmptyMessage('n');
}

void BackendWriter::PortalSuspended() {
  EmptyMessage('s');
}

void BackendWriter::CommandComplete(std::string_view tag) {
  buffer_.BeginMessage('C');
  buffer_.AppendCString(tag);
  buffer_.EndMessage();
}

void BackendWriter::EmptyQueryResponse() {
  buffer_.BeginMessage('I');
  buffer_.EndMessage();
}

void BackendWriter::ErrorOrNotice(const DbError& error) {
  bool notice = error.severity() == Severity::kWarning || error.severity() == Severity::kNotice;
  buffer_.BeginMessage(notice ? 'N' : 'E');
  auto field = [this](char code, std::string_view value) {
    buffer_.AppendByte(static_cast<uint8_t>(code));
    buffer_.AppendCString(value);
  };
  field('S', SeverityName(error.severity()));
  field('V', SeverityName(error.severity()));
  field('C', error.code().View());
  field('M', error.message());
  if (error.detail()) field('D', *error.detail());
  if (error.hint()) field('H', *error.hint());
  if (error.position() > 0) field('P', std::to_string(error.position()));
  if (error.context()) field('W', *error.context());
  if (error.constraint()) field('n', *error.constraint());
  buffer_.AppendByte(0);
  buffer_.EndMessage();
}

void BackendWriter::NegotiateProtocolVersion(int32_t newest_minor, const std::vector<std::string>& unrecognized) {
  buffer_.BeginMessage('v');
  buffer_.AppendInt32(newest_minor);
  buffer_.AppendInt32(static_cast<int32_t>(unrecognized.size()));
  for (const std::string& option : unrecognized) buffer_.AppendCString(option);
  buffer_.EndMessage();
}

void BackendWriter::RefuseEncryption() {
  buffer_.AppendRawByte('N');
  Flush();
}

void BackendWriter::AcceptEncryption() {
  buffer_.AppendRawByte('S');
  Flush();
}

void BackendWriter::Flush() {
  if (buffer_.size() > 0) {
    transport_.Write(buffer_.data().data(), buffer_.size());
    buffer_.Clear();
  }
  transport_.Flush();
}

void BackendWriter::MaybeFlush() {
  if (buffer_.size() > kFlushThreshold) Flush();
}

}  // namespace lumadb::pgwire
