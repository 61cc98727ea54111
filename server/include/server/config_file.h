#pragma once
// lumadb.conf: `name = value` lines, as postgresql.conf (guc-file.l): '#' starts a comment, the '=' is
// optional, values may be single-quoted with '' for a quote.
//
//   # written by lumadb init
//   password_encryption = md5
//   shared_buffers = '256MB'

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace lumadb::server {

/// Reads a configuration file into (name, value) pairs in file order. A missing file gives an empty list.
/// Throws std::runtime_error 'syntax error in file "F" line N, near token "T"' or 'could not open
/// configuration file "F"'.
std::vector<std::pair<std::string, std::string>> ReadConfigFile(const std::filesystem::path& file);

/// Writes `name = value` lines (values quoted) with a header comment.
void WriteConfigFile(const std::filesystem::path& file, const std::vector<std::pair<std::string, std::string>>& items);

}  // namespace lumadb::server
