// Word lists the generator draws invented names, phone prefixes and notes from. Every person
// in the samples is invented; the notes read like what surveyors write in the field.
#pragma once

#include <array>
#include <string_view>

namespace c5_samples {

// Repeats weight the draw: about a third of Vietnamese carry the family name Nguyễn.
inline constexpr std::array<std::string_view, 24> kFamilyNames = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần",
    "Trần",   "Trần",   "Lê",     "Lê",     "Phạm",   "Phạm",   "Hoàng",  "Vũ",
    "Phan",   "Đặng",   "Bùi",    "Đỗ",     "Ngô",    "Dương",  "Đào",    "Trịnh",
};

inline constexpr std::array<std::string_view, 10> kMaleMiddleNames = {
    "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Mạnh", "Tiến",
};

inline constexpr std::array<std::string_view, 10> kFemaleMiddleNames = {
    "Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Hồng", "Phương", "Bích", "Kim",
};

inline constexpr std::array<std::string_view, 20> kMaleGivenNames = {
    "An",   "Bình", "Cường", "Dũng", "Hùng",  "Hải", "Long",  "Nam",  "Phong", "Quân",
    "Sơn",  "Thắng", "Tuấn", "Việt", "Khánh", "Hiếu", "Trung", "Đạt", "Tùng",  "Huy",
};

inline constexpr std::array<std::string_view, 20> kFemaleGivenNames = {
    "Bình", "Hoa", "Hương", "Lan",   "Linh", "Mai",  "Nga",  "Oanh",  "Thảo",  "Trang",
    "Yến",  "Hà",  "Hằng",  "Huyền", "Vân",  "Dung", "Hạnh", "Loan", "Nhung", "Thủy",
};

// Mobile prefixes of the three large networks since the 2018 renumbering.
inline constexpr std::array<std::string_view, 14> kPhonePrefixes = {
    "090", "091", "093", "094", "096", "097", "098",
    "086", "088", "032", "035", "038", "077", "083",
};

// Notes on ordinary interviews. Some carry a comma, a double quote or a line break so that
// the samples exercise CSV quoting.
inline constexpr std::array<std::string_view, 8> kInterviewNotes = {
    "Có 2 tivi thông minh, 1 máy tính bảng",
    "Chủ hộ nói gói cước \"hơi đắt\", đang định đổi nhà mạng",
    "Hộ kinh doanh tại nhà, xem camera qua điện thoại",
    "Phỏng vấn buổi tối.\nNgười trả lời: con trai chủ hộ",
    "Đề nghị phường hướng dẫn cài ứng dụng phản ánh hiện trường",
    "Mới lắp cáp quang tháng trước",
    "Người trả lời là con dâu chủ hộ",
    "Hộ thuê nhà, chủ nhà ở phố khác",
};

inline constexpr std::array<std::string_view, 4> kNoDeviceNotes = {
    "Chỉ có tivi thường, không kết nối Internet",
    "Hộ người cao tuổi, chỉ nghe đài và xem tivi cũ",
    "Tivi hỏng, chưa mua lại; không có thiết bị thông minh nào",
    "Có điện thoại thông minh nhưng không có thiết bị nghe nhìn thông minh",
};

inline constexpr std::array<std::string_view, 3> kNoBroadbandNotes = {
    "Chưa lắp Internet, thỉnh thoảng dùng nhờ Wi-Fi hàng xóm",
    "Đã cắt hợp đồng cáp quang, chưa đăng ký lại",
    "Điện thoại chỉ dùng gói thoại, không đăng ký gói dữ liệu",
};

inline constexpr std::array<std::string_view, 4> kPhoneGapNotes = {
    "Bà cụ trên 80 tuổi dùng điện thoại thường",
    "Ông ngoại chỉ dùng điện thoại bàn phím",
    "Người cao tuổi mắt kém, không dùng điện thoại thông minh",
    "Cụ ông, cụ bà chỉ nghe gọi bằng điện thoại cũ",
};

inline constexpr std::array<std::string_view, 2> kNoAdultNotes = {
    "Hộ chỉ có trẻ dưới 15 tuổi; người giám hộ ở hộ khác trả lời",
    "Hai anh em dưới 15 tuổi đứng tên hộ; bác ruột trả lời thay",
};

inline constexpr std::array<std::string_view, 4> kVacantNotes = {
    "Nhà bỏ trống, chủ nhà ở nơi khác",
    "Nhà cho thuê làm kho hàng, không có người ở",
    "Căn hộ đang sửa chữa, chưa có người ở",
    "Nhà đã bán, chủ mới chưa chuyển đến",
};

inline constexpr std::array<std::string_view, 3> kAbsentNotes = {
    "Đến 3 lần không gặp, hàng xóm cho biết cả nhà đi làm cả ngày",
    "Gia đình về quê, hẹn quay lại",
    "Không có ai ở nhà",
};

inline constexpr std::array<std::string_view, 2> kRefusedNotes = {
    "Chủ hộ từ chối tham gia khảo sát",
    "Không đồng ý cung cấp thông tin cá nhân",
};

}  // namespace c5_samples
