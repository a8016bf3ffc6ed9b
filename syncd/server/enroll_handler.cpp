// GET /v1/health and POST /v1/enroll.
#include <sstream>

#include "core/sync/wire_body.hpp"
#include "core/sync/wire_messages.hpp"
#include "syncd/server/devices.hpp"
#include "syncd/server/sync_service.hpp"

namespace c5::syncd {

Reply refusal(int status, std::string code, std::string message) {
    Reply reply;
    reply.status = status;
    reply.body = sync::to_json(sync::ErrorBody{std::move(code), std::move(message), std::nullopt});
    return reply;
}

Reply internal_error(std::string message, const Error& cause) {
    Reply reply = refusal(500, "internal", std::move(message));
    reply.summary = "reason=\"" + cause.message + "\"";
    return reply;
}

Reply SyncService::health() const {
    return Reply{200, {{"status", "ok"}, {"protocol", sync::kProtocolVersion}}, {}, {}};
}

Reply SyncService::enroll(std::string_view body) {
    auto json = sync::parse_body_json(body);
    if (!json) return refusal(400, "malformed", json.error().message);
    auto request = sync::enroll_request_from_json(*json);
    if (!request) return refusal(400, "malformed", request.error().message);

    auto db = ctx_.connect();
    if (!db) return internal_error("the database does not open", db.error());
    // Read before the code is spent, so a failure here leaves the code usable.
    auto registry_csv = load_registry_csv(*db);
    if (!registry_csv) return internal_error("the registry does not read", registry_csv.error());
    auto redeemed = redeem_enrolment(*db, ctx_, request->code, request->device_name,
                                     request->sign_pk, request->box_pk);
    if (!redeemed) return internal_error("enrolment failed; nothing was stored", redeemed.error());
    if (const auto* refused = std::get_if<RedeemRefusal>(&*redeemed)) {
        switch (*refused) {
            case RedeemRefusal::BadCode:
                return refusal(401, "bad_code", "no such enrolment code");
            case RedeemRefusal::CodeUsed:
                return refusal(401, "code_used", "this enrolment code was used already");
            case RedeemRefusal::CodeExpired:
                return refusal(401, "code_expired", "this enrolment code has expired");
        }
    }
    const Device& device = std::get<Device>(*redeemed);

    sync::EnrollResponse response;
    response.device_id = device.device_id;
    response.role = role_name(device.role);
    response.user_name = device.user_name;
    response.units = {device.unit_code};
    response.server_sign_pk = ctx_.keys.identity.sign.public_key;
    response.server_box_pk = ctx_.keys.identity.box.public_key;
    response.recovery_pk = encode_recovery_public_key(ctx_.keys.recovery_pk);
    response.registry_csv = *registry_csv;
    response.forms = ctx_.definitions.forms_json;
    response.criteria = ctx_.definitions.criteria_json;
    Reply reply{200, sync::to_json(response), device.device_id, {}};
    reply.summary = "role=" + response.role + " unit=" + device.unit_code;
    return reply;
}

}  // namespace c5::syncd
