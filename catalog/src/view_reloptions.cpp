// View options kept with the view's query text (see catalog/view_reloptions.h).
#include "catalog/view_reloptions.h"

namespace lumadb::catalog {
namespace {

constexpr std::string_view kMarker = "\n/* reloptions ";
constexpr std::string_view kEnd = " */";

}  // namespace

std::string ViewQueryWithOptions(std::string_view query, std::string_view options) {
  std::string out(ViewQueryBody(query));
  if (!options.empty()) out.append(kMarker).append(options).append(kEnd);
  return out;
}

std::string ViewReloptions(std::string_view view_query) {
  const size_t at = view_query.rfind(kMarker);
  if (at == std::string_view::npos || !view_query.ends_with(kEnd)) return "";
  const size_t start = at + kMarker.size();
  return std::string(view_query.substr(start, view_query.size() - kEnd.size() - start));
}

std::string_view ViewQueryBody(std::string_view view_query) {
  const size_t at = view_query.rfind(kMarker);
  if (at == std::string_view::npos || !view_query.ends_with(kEnd)) return view_query;
  return view_query.substr(0, at);
}

}  // namespace lumadb::catalog
