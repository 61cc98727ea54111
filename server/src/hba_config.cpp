#include "server/hba_config.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "server/log.h"

namespace lumadb::server {

HbaConfig::HbaConfig(std::filesystem::path file) : file_(std::move(file)) {
  auto rules = Read();
  if (!rules) throw std::runtime_error("could not load " + file_.filename().string());
  rules_ = std::make_shared<const HbaRules>(std::move(*rules));
}

bool HbaConfig::Reload() {
  auto rules = Read();
  if (!rules) {
    LogServer("LOG", file_.filename().string() + " was not reloaded");
    return false;
  }
  std::lock_guard lock(mutex_);
  rules_ = std::make_shared<const HbaRules>(std::move(*rules));
  return true;
}

std::shared_ptr<const HbaRules> HbaConfig::Current() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

std::optional<HbaRules> HbaConfig::Read() const {
  std::ifstream in(file_);
  if (!in) {
    LogServer("LOG", "could not open configuration file \"" + file_.string() + "\": " + std::strerror(errno));
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::vector<HbaError> errors;
  auto read_include = [dir = file_.parent_path()](const std::string& name, std::string& content) {
    std::filesystem::path path = dir / name;  // an absolute name replaces dir
    std::ifstream include(path);
    if (!include) {
      content = "could not open secondary authentication file \"@" + name + "\" as \"" + path.string() +
                "\": " + std::strerror(errno);
      return false;
    }
    std::stringstream included;
    included << include.rdbuf();
    content = included.str();
    return true;
  };
  HbaRules rules = HbaRules::Parse(text.str(), errors, read_include);
  for (const HbaError& error : errors) {
    LogServer("LOG", error.message);
    if (!error.hint.empty()) LogServer("HINT", error.hint);
    LogServer("CONTEXT",
              "line " + std::to_string(error.line_number) + " of configuration file \"" + file_.string() + "\"");
  }
  if (!errors.empty()) return std::nullopt;
  return rules;
}

}  // namespace lumadb::server
