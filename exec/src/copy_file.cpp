// COPY ... FROM/TO 'file' (copy.c DoCopy's permission check, copyfrom.c/copyto.c file handling): the
// server reads or writes the file itself, so only superusers may (PostgreSQL 15 also admits members of
// pg_read_server_files / pg_write_server_files, roles LumaDB does not have).

#include <cerrno>
#include <cstring>
#include <fstream>

#include "catalog/cluster.h"
#include "common/error.h"
#include "exec/copy.h"
#include <sys/stat.h>

namespace lumadb::exec {

namespace {

/// errcode_for_file_access (elog.c): the SQLSTATE of a failed file operation.
SqlState FileAccessCode(int err) {
  switch (err) {
    case ENOENT:
      return sqlstate::kUndefinedFile;
    case EACCES:
    case EPERM:
      return sqlstate::kInsufficientPrivilege;
    case EISDIR:
      return sqlstate::kWrongObjectType;
    default:
      return sqlstate::kInternalError;
  }
}

DbError FileError(const std::string& path, const char* what, int err) {
  return DbError(FileAccessCode(err), "could not open file \"" + path + "\" for " + what + ": " + std::strerror(err));
}

class FileSink : public CopyToSink {
 public:
  explicit FileSink(std::ofstream& out) : out_(out) {}
  void Begin(bool /*binary*/, int16_t /*columns*/) override {}
  void Data(std::string_view data) override { out_.write(data.data(), static_cast<std::streamsize>(data.size())); }

 private:
  std::ofstream& out_;
};

void CheckSuperuser(SessionContext& ctx, bool is_from) {
  auto role = ctx.cluster.LookupRole(ctx.txn, ctx.user);
  if (role && role->superuser) return;
  throw DbError(sqlstate::kInsufficientPrivilege,
                is_from ? "must be superuser or a member of the pg_read_server_files role to COPY from a file"
                        : "must be superuser or a member of the pg_write_server_files role to COPY to a file")
      .Hint("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
}

std::string CopyFromFile(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx) {
  CopyFrom copy(stmt, query_text, ctx);
  const std::string& path = stmt.filename;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "reading", errno);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + path + "\" is a directory");
  }
  std::string chunk(64 * 1024, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    copy.Feed(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
  }
  return copy.Finish();
}

std::string CopyToFile(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx) {
  const std::string& path = stmt.filename;
  if (path.empty() || path[0] != '/') {
    throw DbError(sqlstate::kInvalidName, "relative path not allowed for COPY to file");
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw FileError(path, "writing", errno);
  FileSink sink(out);
  std::string tag = ExecuteCopyTo(stmt, query_text, ctx, sink);
  out.flush();
  if (!out)
    throw DbError(sqlstate::kInternalError, "could not write to file \"" + path + "\": " + std::strerror(errno));
  return tag;
}

}  // namespace

std::string ExecuteCopyFile(const ast::CopyStmt& stmt, std::string_view query_text, SessionContext& ctx) {
  CheckSuperuser(ctx, stmt.is_from);
  return stmt.is_from ? CopyFromFile(stmt, query_text, ctx) : CopyToFile(stmt, query_text, ctx);
}

}  // namespace lumadb::exec
