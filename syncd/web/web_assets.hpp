// The files of the results pages (HTML, CSS, JavaScript), compiled into syncd from
// syncd/web/assets so the binary serves them with nothing fetched from elsewhere.
#pragma once

#include <optional>
#include <string_view>

namespace c5::syncd {

struct WebAsset {
    std::string_view content;
    std::string_view mime;  // with charset for text
};

// The asset named `name` ("overview.html", "web.css"), or nullopt.
std::optional<WebAsset> find_web_asset(std::string_view name);

}  // namespace c5::syncd
