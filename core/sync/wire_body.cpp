// Size and nesting are checked on the raw text, before nlohmann builds anything.
#include "core/sync/wire_body.hpp"

#include "core/sync/wire.hpp"
#include "core/util/json_depth.hpp"

namespace c5::sync {

Result<nlohmann::json> parse_body_json(std::string_view body) {
    if (body.size() > kMaxBodyBytes) {
        return fail(ErrorKind::InvalidInput, "the body is larger than " +
                                                 std::to_string(kMaxBodyBytes) + " bytes");
    }
    if (!json_nesting_within(body)) {
        return fail(ErrorKind::InvalidInput,
                    "the body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded()) return fail(ErrorKind::InvalidInput, "the body is not JSON");
    return json;
}

}  // namespace c5::sync
