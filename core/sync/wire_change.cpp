// FieldChange and Value as the JSON of docs/sync-protocol.md, with errors that name the
// offending member.
#include <limits>

#include "core/sync/wire.hpp"

namespace c5::sync {
namespace {

using nlohmann::json;

Result<const json*> member(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) {
        return fail(ErrorKind::InvalidInput, std::string("member '") + key + "' is missing");
    }
    return &*it;
}

Result<std::string> string_member(const json& object, const char* key) {
    auto m = member(object, key);
    if (!m) return std::unexpected(m.error());
    if (!(*m)->is_string()) {
        return fail(ErrorKind::InvalidInput, std::string("member '") + key + "' is not a string");
    }
    return (*m)->get<std::string>();
}

// A JSON integer that fits [min, max]; JSON has one number type, so fractions are refused.
Result<std::int64_t> integer(const json& j, const std::string& what, std::int64_t min,
                             std::int64_t max) {
    if (!j.is_number_integer()) {
        return fail(ErrorKind::InvalidInput, what + " is not an integer");
    }
    if (j.is_number_unsigned() &&
        j.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return fail(ErrorKind::InvalidInput, what + " is out of range");
    }
    const auto n = j.get<std::int64_t>();
    if (n < min || n > max) return fail(ErrorKind::InvalidInput, what + " is out of range");
    return n;
}

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxCounter = std::numeric_limits<std::uint32_t>::max();

// [wall_ms, counter] or, with a device, [wall_ms, counter, device].
Result<Version> read_version(const json& object, const char* key, bool with_device) {
    auto m = member(object, key);
    if (!m) return std::unexpected(m.error());
    const json& a = **m;
    const std::string what = std::string("member '") + key + "'";
    const std::size_t size = with_device ? 3 : 2;
    if (!a.is_array() || a.size() != size) {
        return fail(ErrorKind::InvalidInput,
                    what + " is not an array of " + std::to_string(size) + " items");
    }
    auto wall = integer(a[0], what + " wall_ms", 0, kMaxInt);
    if (!wall) return std::unexpected(wall.error());
    auto counter = integer(a[1], what + " counter", 0, kMaxCounter);
    if (!counter) return std::unexpected(counter.error());
    Version v{Stamp{*wall, static_cast<std::uint32_t>(*counter)}, {}};
    if (with_device) {
        if (!a[2].is_string())
            return fail(ErrorKind::InvalidInput, what + " device is not a string");
        v.device_id = a[2].get<std::string>();
    }
    return v;
}

}  // namespace

json value_to_json(const Value& value) {
    if (const auto* b = std::get_if<bool>(&value)) return *b;
    if (const auto* n = std::get_if<std::int64_t>(&value)) return *n;
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    return nullptr;
}

Result<Value> value_from_json(const json& j) {
    if (j.is_null()) return Value{};
    if (j.is_boolean()) return Value{j.get<bool>()};
    if (j.is_string()) return Value{j.get<std::string>()};
    if (j.is_number_integer()) {
        auto n = integer(j, "value", std::numeric_limits<std::int64_t>::min(), kMaxInt);
        if (!n) return std::unexpected(n.error());
        return Value{*n};
    }
    return fail(ErrorKind::InvalidInput, "value must be null, a boolean, an integer or a string");
}

json change_to_json(const FieldChange& c) {
    return json{{"r", to_string(c.record_id)},
                {"f", c.form},
                {"fv", c.form_version},
                {"u", c.unit_code},
                {"k", c.field},
                {"v", value_to_json(c.value)},
                {"s", json::array({c.stamp.wall_ms, c.stamp.counter})},
                {"d", c.device_id},
                {"b", json::array({c.base.stamp.wall_ms, c.base.stamp.counter, c.base.device_id})}};
}

Result<FieldChange> change_from_json(const json& j) {
    auto body = [&]() -> Result<FieldChange> {
        if (!j.is_object()) return fail(ErrorKind::InvalidInput, "not a JSON object");
        FieldChange c;
        auto r = string_member(j, "r");
        if (!r) return std::unexpected(r.error());
        auto id = parse_record_id(*r);
        if (!id) return fail(ErrorKind::InvalidInput, "member 'r' is not a UUID");
        c.record_id = *id;
        for (auto [key, out] :
             {std::pair{"f", &c.form}, {"u", &c.unit_code}, {"k", &c.field}, {"d", &c.device_id}}) {
            auto text = string_member(j, key);
            if (!text) return std::unexpected(text.error());
            *out = std::move(*text);
        }
        auto fv_member = member(j, "fv");
        if (!fv_member) return std::unexpected(fv_member.error());
        auto fv = integer(**fv_member, "member 'fv'", 0, std::numeric_limits<int>::max());
        if (!fv) return std::unexpected(fv.error());
        c.form_version = static_cast<int>(*fv);
        auto v_member = member(j, "v");
        if (!v_member) return std::unexpected(v_member.error());
        auto value = value_from_json(**v_member);
        if (!value) return std::unexpected(value.error().with_context("member 'v'"));
        c.value = std::move(*value);
        auto stamp = read_version(j, "s", false);
        if (!stamp) return std::unexpected(stamp.error());
        c.stamp = stamp->stamp;
        auto base = read_version(j, "b", true);
        if (!base) return std::unexpected(base.error());
        c.base = std::move(*base);
        return c;
    };
    return with_context(body(), "change");
}

json changes_to_json(std::span<const FieldChange> changes) {
    json out = json::array();
    for (const auto& c : changes) out.push_back(change_to_json(c));
    return out;
}

Result<std::vector<FieldChange>> changes_from_json(const json& array) {
    if (!array.is_array()) return fail(ErrorKind::InvalidInput, "changes: not an array");
    std::vector<FieldChange> out;
    out.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto c = change_from_json(array[i]);
        if (!c)
            return std::unexpected(c.error().with_context("changes[" + std::to_string(i) + "]"));
        out.push_back(std::move(*c));
    }
    return out;
}

}  // namespace c5::sync
