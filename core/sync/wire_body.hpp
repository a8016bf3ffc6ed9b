// Reading a sync message body (a request at syncd, a response at the client) into JSON with
// the limits every receiver applies before its parser allocates anything.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/util/result.hpp"

namespace c5::sync {

// Parses `body` as JSON. Errors: InvalidInput when it is larger than kMaxBodyBytes, nests
// deeper than kMaxJsonDepth (nlohmann would spend memory per level: 16 MiB of '[' took
// gigabytes) or is not JSON.
[[nodiscard]] Result<nlohmann::json> parse_body_json(std::string_view body);

}  // namespace c5::sync
