#include "server/config_file.h"

#include <fstream>
#include <stdexcept>

#include "text_util.h"

namespace lumadb::server {

namespace {

// Parses one non-empty line; returns false for blank or comment-only lines.
bool ParseLine(std::string_view line, std::pair<std::string, std::string>& out, std::string& bad_token) {
  line = Trim(line);
  if (line.empty() || line[0] == '#') return false;
  size_t i = 0;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '.'))
    ++i;
  if (i == 0) {
    bad_token = std::string(line.substr(0, 1));
    return true;
  }
  out.first = std::string(line.substr(0, i));
  std::string_view rest = Trim(line.substr(i));
  if (!rest.empty() && rest[0] == '=') rest = Trim(rest.substr(1));
  std::string value;
  if (!rest.empty() && rest[0] == '\'') {
    size_t j = 1;
    for (; j < rest.size(); ++j) {
      if (rest[j] == '\'' && j + 1 < rest.size() && rest[j + 1] == '\'') {
        value += '\'';
        ++j;
      } else if (rest[j] == '\'') {
        break;
      } else {
        value += rest[j];
      }
    }
    if (j >= rest.size()) {
      bad_token = std::string(rest);
      return true;
    }
    rest = Trim(rest.substr(j + 1));
  } else {
    size_t j = 0;
    while (j < rest.size() && rest[j] != '#' && !std::isspace(static_cast<unsigned char>(rest[j]))) ++j;
    value = std::string(rest.substr(0, j));
    rest = Trim(rest.substr(j));
    if (value.empty()) {
      bad_token = rest.empty() ? "end of line" : std::string(rest.substr(0, 1));
      return true;
    }
  }
  if (!rest.empty() && rest[0] != '#') bad_token = std::string(rest);
  out.second = std::move(value);
  return true;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ReadConfigFile(const std::filesystem::path& file) {
  std::vector<std::pair<std::string, std::string>> items;
  if (!std::filesystem::exists(file)) return items;
  std::ifstream in(file);
  if (!in) throw std::runtime_error("could not open configuration file \"" + file.string() + "\"");
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    std::pair<std::string, std::string> item;
    std::string bad_token;
    if (!ParseLine(line, item, bad_token)) continue;
    if (!bad_token.empty()) {
      throw std::runtime_error("syntax error in file \"" + file.string() + "\" line " + std::to_string(line_no) +
                               ", near token \"" + bad_token + "\"");
    }
    items.push_back(std::move(item));
  }
  return items;
}

void WriteConfigFile(const std::filesystem::path& file, const std::vector<std::pair<std::string, std::string>>& items) {
  std::ofstream out(file);
  out << "# LumaDB configuration, written by lumadb init: name = value (see server/README.md)\n";
  for (const auto& [name, value] : items) {
    std::string quoted;
    for (char c : value) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    out << name << " = '" << quoted << "'\n";
  }
  if (!out) throw std::runtime_error("could not write configuration file \"" + file.string() + "\"");
}

}  // namespace lumadb::server
