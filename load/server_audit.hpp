// After the load: what the server holds, read through the protocol by a province device,
// compared with what each laptop wrote and saw acknowledged, and with the laptops' records.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "load/simulated_laptop.hpp"

namespace c5::load {

// Every change in the server's log, as a province device pulls them (all units), through the
// real client codec: enrols the device with `code`, then pulls page after page.
[[nodiscard]] std::expected<std::vector<FieldChange>, std::string> pull_everything(
    const std::string& url, const std::string& code);

struct AckCheck {
    std::size_t on_server = 0;       // changes in the server's log
    std::size_t acknowledged = 0;    // changes the laptops saw acknowledged
    std::size_t missing = 0;         // acknowledged, not on the server
    std::size_t doubled = 0;         // on the server more than once
    std::size_t unknown = 0;         // on the server, written by no laptop
    std::size_t unacknowledged = 0;  // on the server, not (yet) acknowledged: the answer was lost

    // Every acknowledged change present once, nothing no laptop wrote; with `exact`, also
    // nothing the server holds that its laptop did not see acknowledged.
    bool holds(bool exact) const {
        return missing == 0 && doubled == 0 && unknown == 0 && (!exact || unacknowledged == 0);
    }
};

AckCheck check_acknowledged(const std::vector<SimulatedLaptop>& laptops,
                            const std::vector<FieldChange>& server_changes);

struct StateCheck {
    std::size_t laptops_compared = 0;
    std::size_t records_on_server = 0;  // households the server holds
    std::size_t records_made = 0;       // households the laptops made
    std::size_t differing = 0;          // laptops whose ward differs from the server's
    std::string first_difference;

    bool holds() const { return differing == 0 && records_on_server == records_made; }
};

// Compares each laptop's records of its ward (values and deletion) with the server's, as a
// fresh province store pulls them into `auditor_store` (enrolled with `code`).
[[nodiscard]] std::expected<StateCheck, std::string> check_states(
    std::vector<SimulatedLaptop>& laptops, const std::string& url, const std::string& code,
    const std::filesystem::path& auditor_store);

}  // namespace c5::load
