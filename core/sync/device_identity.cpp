// The device's sync identity as sealed store items: the secret halves of its key pairs as 69
// bytes ("c5dk1" then the signing seed and the box secret), the enrolment record as JSON.
#include "core/sync/device_identity.hpp"

#include <algorithm>
#include <cstring>

namespace c5::sync {
namespace {

using nlohmann::json;

constexpr std::string_view kKeysMagic = "c5dk1";
constexpr std::size_t kKeysSize = kKeysMagic.size() + 2 * SecretKey::kSize;

Result<std::string> text_member(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
        return fail(ErrorKind::Damaged, std::string("member '") + key + "' is missing");
    }
    return it->get<std::string>();
}

}  // namespace

json enrollment_to_json(const DeviceEnrollment& e) {
    return json{{"v", 1},
                {"device_id", e.device_id},
                {"role", e.role},
                {"user_name", e.user_name},
                {"device_name", e.device_name},
                {"units", e.units},
                {"server_sign_pk", to_base64(e.server_sign_pk.bytes)},
                {"server_box_pk", to_base64(e.server_box_pk.bytes)},
                {"recovery_pk", e.recovery_pk},
                {"registry_csv", e.registry_csv},
                {"forms", e.forms},
                {"criteria", e.criteria},
                {"enrolled_ms", e.enrolled_ms}};
}

Result<DeviceEnrollment> enrollment_from_json(const json& j) {
    if (!j.is_object() || j.value("v", 0) != 1) {
        return fail(ErrorKind::Damaged, "enrolment record: not a version 1 record");
    }
    DeviceEnrollment e;
    for (auto [key, out] : {std::pair{"device_id", &e.device_id},
                            {"role", &e.role},
                            {"user_name", &e.user_name},
                            {"device_name", &e.device_name},
                            {"recovery_pk", &e.recovery_pk},
                            {"registry_csv", &e.registry_csv}}) {
        auto text = text_member(j, key);
        if (!text) return std::unexpected(text.error().with_context("enrolment record"));
        *out = std::move(*text);
    }
    auto sign_b64 = text_member(j, "server_sign_pk");
    auto box_b64 = text_member(j, "server_box_pk");
    if (!sign_b64 || !box_b64) return fail(ErrorKind::Damaged, "enrolment record: no server keys");
    auto sign = parse_sign_public_key(*sign_b64);
    auto box = parse_box_public_key(*box_b64);
    if (!sign || !box) return fail(ErrorKind::Damaged, "enrolment record: bad server keys");
    e.server_sign_pk = *sign;
    e.server_box_pk = *box;
    const auto units = j.find("units");
    if (units == j.end() || !units->is_array()) {
        return fail(ErrorKind::Damaged, "enrolment record: member 'units' is missing");
    }
    for (const auto& u : *units) {
        if (u.is_string()) e.units.push_back(u.get<std::string>());
    }
    e.forms = j.value("forms", json::object());
    e.criteria = j.value("criteria", json::object());
    e.enrolled_ms = j.value("enrolled_ms", std::int64_t{0});
    return e;
}

Result<void> save_device_identity(Store& store, const IdentityKeys& keys,
                                  const DeviceEnrollment& enrollment) {
    const char* context = "save device identity";
    if (enrollment.device_id != store.device_id()) {
        return fail(ErrorKind::Conflict, std::string(context) + ": the store belongs to device " +
                                             store.device_id() + ", not " + enrollment.device_id);
    }
    const std::string record = enrollment_to_json(enrollment).dump();
    const auto record_bytes =
        std::span(reinterpret_cast<const std::uint8_t*>(record.data()), record.size());
    if (auto ok = store.put_sealed(kEnrollmentItem, record_bytes); !ok) {
        return std::unexpected(ok.error().with_context(context));
    }
    Bytes secret(kKeysMagic.begin(), kKeysMagic.end());
    secret.insert(secret.end(), keys.sign.seed.view().begin(), keys.sign.seed.view().end());
    secret.insert(secret.end(), keys.box.secret_key.view().begin(),
                  keys.box.secret_key.view().end());
    auto ok = store.put_sealed(kDeviceKeysItem, secret);
    wipe(secret);
    return with_context(ok, context);
}

Result<std::optional<IdentityKeys>> load_device_keys(const Store& store) {
    auto item = store.get_sealed(kDeviceKeysItem);
    if (!item) return std::unexpected(item.error().with_context("load device keys"));
    if (!*item) return std::optional<IdentityKeys>();
    Bytes& bytes = **item;
    if (bytes.size() != kKeysSize ||
        !std::equal(kKeysMagic.begin(), kKeysMagic.end(), bytes.begin())) {
        wipe(bytes);
        return fail(ErrorKind::Damaged, "load device keys: the stored keys have the wrong shape");
    }
    const std::uint8_t* at = bytes.data() + kKeysMagic.size();
    const SecretKey seed = SecretKey::from_bytes(std::span<const std::uint8_t, 32>(at, 32));
    const SecretKey box = SecretKey::from_bytes(std::span<const std::uint8_t, 32>(at + 32, 32));
    wipe(bytes);
    return std::optional<IdentityKeys>(
        IdentityKeys{signing_key_pair_from_seed(seed), box_key_pair_from_secret(box)});
}

Result<std::optional<DeviceEnrollment>> load_enrollment(const Store& store) {
    auto item = store.get_sealed(kEnrollmentItem);
    if (!item) return std::unexpected(item.error().with_context("load enrolment"));
    if (!*item) return std::optional<DeviceEnrollment>();
    const std::string text((*item)->begin(), (*item)->end());
    auto parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) return fail(ErrorKind::Damaged, "load enrolment: not JSON");
    auto record = enrollment_from_json(parsed);
    if (!record) return std::unexpected(record.error().with_context("load enrolment"));
    return std::optional<DeviceEnrollment>(std::move(*record));
}

}  // namespace c5::sync
