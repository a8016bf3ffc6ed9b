// Building FieldChanges by hand for merge tests: a record, a field, a value, a stamp.
#pragma once

#include <string>

#include "core/merge/versioned_record.hpp"

namespace merge_test {

inline const c5::RecordId kRecord = c5::mint_record_id(1718000000000);

inline c5::FieldChange change(const std::string& field, c5::Value value, std::int64_t wall,
                              const std::string& device, c5::Version base = {}) {
    c5::FieldChange c;
    c.record_id = kRecord;
    c.form = "household";
    c.form_version = 1;
    c.unit_code = "00001";
    c.field = field;
    c.value = std::move(value);
    c.stamp = c5::Stamp{wall, 0};
    c.device_id = device;
    c.base = base;
    return c;
}

inline std::string text(const c5::VersionedRecord& r, const std::string& field) {
    const auto* s = std::get_if<std::string>(&r.value(field));
    return s ? *s : std::string("<not text>");
}

}  // namespace merge_test
