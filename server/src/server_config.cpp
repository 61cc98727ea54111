#include "server/server_config.h"

#include <algorithm>
#include <stdexcept>

#include "common/error.h"
#include "server/config_file.h"
#include "server/log.h"
#include "server/setting_values.h"
#include "text_util.h"

namespace lumadb::server {

void ApplyCommandLineOverride(Settings& settings, const std::string& assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos) throw std::runtime_error("-c " + assignment + " requires a value");
  std::string name = assignment.substr(0, eq);
  std::replace(name.begin(), name.end(), '-', '_');
  settings.SetDefault(name, assignment.substr(eq + 1), SettingSource::kServerStart);
}

ServerConfig::ServerConfig(std::filesystem::path data_dir, std::filesystem::path config_file, Settings settings,
                           std::vector<std::string> overrides, std::unique_ptr<TlsContext> tls, HbaConfig& hba,
                           std::function<void(const Settings&)> apply)
    : data_dir_(std::move(data_dir)),
      config_file_(std::move(config_file)),
      overrides_(std::move(overrides)),
      hba_(hba),
      apply_(std::move(apply)),
      settings_(std::make_shared<const Settings>(std::move(settings))),
      tls_(std::move(tls)) {
  try {
    auto read = std::make_shared<Settings>();
    for (const auto& [name, value] : ReadConfigFile(config_file_)) {
      file_names_.insert(ToLower(name));
      read->SetDefault(name, value, SettingSource::kServerStart);
    }
    for (const std::string& assignment : overrides_) ApplyCommandLineOverride(*read, assignment);
    last_read_ = std::move(read);
  } catch (const std::exception&) {
    // The start read this file successfully moments ago; a change since then shows at the next reload.
  }
}

std::shared_ptr<const Settings> ServerConfig::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

std::shared_ptr<const TlsContext> ServerConfig::tls() const {
  std::lock_guard lock(mutex_);
  return tls_;
}

void ServerConfig::SetInternal(std::string_view name, const std::string& value) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<Settings>(*settings_);
  next->SetInternal(name, value);
  settings_ = std::move(next);
}

std::shared_ptr<Settings> ServerConfig::ReadSettings(const Settings& current, std::set<std::string>& names,
                                                     bool& errors) {
  std::vector<std::pair<std::string, std::string>> items;
  try {
    items = ReadConfigFile(config_file_);
  } catch (const std::exception& e) {
    LogServer("LOG", e.what());
    LogServer("LOG", "configuration file \"" + config_file_.string() + "\" contains errors; no changes were applied");
    return nullptr;
  }
  // Boot values, then the file, then -c: what the start would compute, minus what only a start may set.
  auto fresh = std::make_shared<Settings>();
  for (const auto& [name, value] : items) {
    if (FindSetting(name) < 0) {
      LogServer("LOG",
                "unrecognized configuration parameter \"" + name + "\" in file \"" + config_file_.string() + "\"");
      errors = true;
      continue;
    }
    names.insert(ToLower(name));
    try {
      fresh->SetDefault(name, value, SettingSource::kServerStart);
    } catch (const DbError& e) {
      LogServer("LOG", e.what());
      errors = true;
    }
  }
  for (const std::string& assignment : overrides_) ApplyCommandLineOverride(*fresh, assignment);
  auto next = std::make_shared<Settings>(current);
  for (const SettingDef& def : AllSettingDefs()) {
    const std::string& now = current.Get(def.name);
    const std::string& wanted = fresh->Get(def.name);
    if (def.context == SettingContext::kInternal || now == wanted) continue;
    if (def.context == SettingContext::kPostmaster) {
      // Compared with the file's previous value, not the one in force: -p and --listen are not the file's.
      if (last_read_ && last_read_->Get(def.name) != wanted) {
        LogServer("LOG", "parameter \"" + std::string(def.name) + "\" cannot be changed without restarting the server");
      }
      continue;
    }
    next->SetDefault(def.name, wanted, SettingSource::kServerStart);
    if (file_names_.count(ToLower(def.name)) && !names.count(ToLower(def.name))) {
      LogServer("LOG", "parameter \"" + std::string(def.name) + "\" removed from configuration file, reset to default");
    } else {
      LogServer("LOG",
                "parameter \"" + std::string(def.name) + "\" changed to \"" + FormatSettingValue(def, wanted) + "\"");
    }
  }
  last_read_ = std::move(fresh);
  return next;
}

void ServerConfig::ReloadTls(const Settings& settings) {
  try {
    std::shared_ptr<const TlsContext> tls = TlsContext::Load(settings, data_dir_);
    std::lock_guard lock(mutex_);
    tls_ = std::move(tls);
  } catch (const std::exception& e) {
    LogServer("LOG", e.what());
    LogServer("LOG", "SSL configuration was not reloaded");
  }
}

void ServerConfig::Reload() {
  std::lock_guard reload(reload_mutex_);
  std::shared_ptr<const Settings> current = settings();
  std::set<std::string> names;
  bool errors = false;
  std::shared_ptr<Settings> next = ReadSettings(*current, names, errors);
  if (next) {
    if (errors) {
      LogServer("LOG", "configuration file \"" + config_file_.string() +
                           "\" contains errors; unaffected changes were applied");
    }
    file_names_ = std::move(names);
    {
      std::lock_guard lock(mutex_);
      settings_ = next;
    }
    version_.fetch_add(1, std::memory_order_acq_rel);
    if (apply_) apply_(*next);
  }
  ReloadTls(next ? *next : *current);
  hba_.Reload();
}

}  // namespace lumadb::server
