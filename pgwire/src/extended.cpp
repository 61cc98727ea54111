#include "pgwire/extended.h"

#include <utility>

#include "common/error.h"
#include "pgwire/message_buffer.h"

namespace lumadb::pgwire {

namespace {

[[noreturn]] void ThrowFormat() {
  throw DbError(sqlstate::kProtocolViolation, "invalid message format");
}

// Runs decode over the message body. MessageReader's errors are FATAL because a startup or Query body that
// lies about itself means lost sync; inside an extended-protocol message the framing is intact, so they are
// plain ERRORs here (pqformat.c reports them with ereport(ERROR)) and the session skips to Sync.
template <typename Fn>
auto Decode(const FrontendMessage& message, Fn&& decode) {
  try {
    MessageReader reader(message.body);
    auto result = decode(reader);
    if (!reader.AtEnd()) ThrowFormat();
    return result;
  } catch (const DbError& e) {
    if (e.severity() != Severity::kFatal) throw;
    throw DbError(e.code(), e.message());
  }
}

// pq_getmsgint(msg, 2) reads counts as unsigned.
size_t ReadCount(MessageReader& reader) {
  return static_cast<uint16_t>(reader.ReadInt16());
}

std::vector<int16_t> ReadFormats(MessageReader& reader) {
  std::vector<int16_t> formats(ReadCount(reader));
  for (int16_t& f : formats) f = reader.ReadInt16();
  return formats;
}

TargetMessage DecodeTarget(const FrontendMessage& message, const char* what) {
  return Decode(message, [what](MessageReader& reader) {
    TargetMessage target;
    target.kind = static_cast<char>(reader.ReadByte());
    target.name = reader.ReadCString();
    if (target.kind != 'S' && target.kind != 'P') {
      // PostgreSQL checks the subtype after pq_getmsgend, so a bad length wins over a bad subtype.
      if (!reader.AtEnd()) ThrowFormat();
      throw DbError(sqlstate::kProtocolViolation, std::string("invalid ") + what + " message subtype " +
                                                      std::to_string(static_cast<unsigned char>(target.kind)));
    }
    return target;
  });
}

}  // namespace

ParseMessage DecodeParse(const FrontendMessage& message) {
  return Decode(message, [](MessageReader& reader) {
    ParseMessage parse;
    parse.statement = reader.ReadCString();
    parse.query = reader.ReadCString();
    parse.param_types.resize(ReadCount(reader));
    for (Oid& oid : parse.param_types) oid = static_cast<Oid>(reader.ReadInt32());
    return parse;
  });
}

BindMessage DecodeBind(const FrontendMessage& message) {
  return Decode(message, [](MessageReader& reader) {
    BindMessage bind;
    bind.portal = reader.ReadCString();
    bind.statement = reader.ReadCString();
    bind.param_formats = ReadFormats(reader);
    size_t n = ReadCount(reader);
    if (bind.param_formats.size() > 1 && bind.param_formats.size() != n) {
      throw DbError(sqlstate::kProtocolViolation, "bind message has " + std::to_string(bind.param_formats.size()) +
                                                      " parameter formats but " + std::to_string(n) + " parameters");
    }
    bind.params.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      int32_t length = reader.ReadInt32();
      if (length == -1) {
        bind.params.emplace_back(std::nullopt);
      } else if (length < 0) {
        throw DbError(sqlstate::kProtocolViolation, "insufficient data left in message");
      } else {
        bind.params.emplace_back(std::string(reader.ReadBytes(static_cast<size_t>(length))));
      }
    }
    bind.result_formats = ReadFormats(reader);
    return bind;
  });
}

TargetMessage DecodeDescribe(const FrontendMessage& message) {
  return DecodeTarget(message, "DESCRIBE");
}

TargetMessage DecodeClose(const FrontendMessage& message) {
  return DecodeTarget(message, "CLOSE");
}

ExecuteMessage DecodeExecute(const FrontendMessage& message) {
  return Decode(message, [](MessageReader& reader) {
    ExecuteMessage execute;
    execute.portal = reader.ReadCString();
    execute.max_rows = reader.ReadInt32();
    return execute;
  });
}

void DecodeEmpty(const FrontendMessage& message) {
  if (!message.body.empty()) ThrowFormat();
}

}  // namespace lumadb::pgwire
