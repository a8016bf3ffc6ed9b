// Lookup in the generated table of assets (see syncd/CMakeLists.txt).
#include "syncd/web/web_assets.hpp"

#include <utility>

namespace c5::syncd {
namespace {

struct Entry {
    std::string_view name;
    std::string_view content;
};

constexpr Entry kAssets[] = {
#include "web_assets.inc"
};

std::string_view mime_of(std::string_view name) {
    if (name.ends_with(".html")) return "text/html; charset=utf-8";
    if (name.ends_with(".css")) return "text/css; charset=utf-8";
    if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (name.ends_with(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

}  // namespace

std::optional<WebAsset> find_web_asset(std::string_view name) {
    for (const Entry& e : kAssets) {
        if (e.name == name) return WebAsset{e.content, mime_of(name)};
    }
    return std::nullopt;
}

}  // namespace c5::syncd
