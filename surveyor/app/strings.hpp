// The surveyor's own words in Vietnamese and English. Form questions come from forms/*.json;
// everything else the app says is here, so a translation is one file.
#pragma once

#include <string>

#include "core/forms/label.hpp"

namespace c5::surveyor {

// One text in both languages; constexpr so the table is constant data, not state.
struct Tr {
    const char* vi;
    const char* en;
    const char* in(Language lang) const { return lang == Language::En ? en : vi; }
    Label label() const { return Label{vi, en}; }
};

namespace txt {
// Screens and navigation.
inline constexpr Tr kAppTitle{"c5kit — Khảo sát Tiêu chí 5", "c5kit — Criterion 5 survey"};
inline constexpr Tr kHome{"Trang chính", "Home"};
inline constexpr Tr kResults{"Kết quả", "Results"};
inline constexpr Tr kSync{"Đồng bộ", "Sync"};
inline constexpr Tr kReview{"Duyệt phiếu", "Review"};
inline constexpr Tr kSettings{"Cài đặt", "Settings"};
inline constexpr Tr kLockNow{"Khoá", "Lock"};
inline constexpr Tr kBack{"Quay lại", "Back"};
inline constexpr Tr kWorking{"Đang xử lý…", "Working…"};
inline constexpr Tr kDismiss{"Đóng", "Close"};

// First run and unlock.
inline constexpr Tr kFirstRunTitle{"Thiết lập lần đầu", "First-time setup"};
inline constexpr Tr kFirstRunIntro{
    "Dữ liệu khảo sát được mã hoá trên máy này. Hãy đặt một mật khẩu dài, dễ nhớ với bạn "
    "nhưng khó đoán với người khác.",
    "Survey data is encrypted on this laptop. Choose a long passphrase that is easy for you to "
    "remember and hard for others to guess."};
inline constexpr Tr kPassphrase{"Mật khẩu", "Passphrase"};
inline constexpr Tr kPassphraseAgain{"Nhập lại mật khẩu", "Passphrase again"};
inline constexpr Tr kPassphraseMismatch{"Hai lần nhập mật khẩu không giống nhau",
                                        "The two passphrases differ"};
inline constexpr Tr kStrengthTooShort{"Quá ngắn: cần ít nhất 10 ký tự",
                                      "Too short: at least 10 characters"};
inline constexpr Tr kStrengthWeak{"Yếu: thêm vài từ nữa", "Weak: add a few more words"};
inline constexpr Tr kStrengthFair{"Khá: dùng được, dài hơn thì tốt hơn",
                                  "Fair: usable, longer is better"};
inline constexpr Tr kStrengthStrong{"Mạnh", "Strong"};
inline constexpr Tr kYourName{"Họ tên của bạn", "Your name"};
inline constexpr Tr kDeviceName{"Tên máy", "Laptop name"};
inline constexpr Tr kWorkOffline{"Làm việc không có máy chủ (đăng ký sau)",
                                 "Work offline (enrol later)"};
inline constexpr Tr kEnrolNow{"Đăng ký với máy chủ đồng bộ", "Enrol with a sync server"};
inline constexpr Tr kServerAddress{"Địa chỉ máy chủ", "Server address"};
inline constexpr Tr kEnrolCode{"Mã đăng ký", "Enrolment code"};
inline constexpr Tr kRegistryFile{"Tệp danh mục đơn vị (CSV)", "Unit registry file (CSV)"};
inline constexpr Tr kWardCode{"Mã phường của bạn", "Your ward code"};
inline constexpr Tr kRecoveryKey{"Khoá khôi phục của tỉnh (c5rpk1:…)",
                                 "Province recovery key (c5rpk1:…)"};
inline constexpr Tr kRecoveryKeyHint{
    "Để trống nếu chưa có: máy sẽ tạo một khoá và hiện khoá bí mật một lần để bạn ghi lại.",
    "Leave empty if you have none: a key is made and its secret shown once for you to write "
    "down."};
inline constexpr Tr kCreateStore{"Tạo kho dữ liệu", "Create the data store"};
inline constexpr Tr kRecoverySecretTitle{"Ghi lại khoá khôi phục", "Write down the recovery key"};
inline constexpr Tr kRecoverySecretText{
    "Khoá này mở được kho dữ liệu khi quên mật khẩu. Ghi lại và giao cho người giám sát; "
    "máy sẽ không hiện lại.",
    "This key opens the store if the passphrase is lost. Write it down and give it to your "
    "supervisor; it will not be shown again."};
inline constexpr Tr kUnlockTitle{"Mở khoá dữ liệu", "Unlock your data"};
inline constexpr Tr kUnlock{"Mở khoá", "Unlock"};
inline constexpr Tr kUnlocking{"Đang mở khoá…", "Unlocking…"};
inline constexpr Tr kCreating{"Đang tạo kho dữ liệu…", "Creating the store…"};
inline constexpr Tr kStoreFile{"Tệp dữ liệu", "Data file"};
inline constexpr Tr kLockedAfterIdle{"Đã khoá sau một thời gian không dùng.",
                                     "Locked after a while without use."};

// Home.
inline constexpr Tr kGroups{"Tổ dân phố", "Residential groups"};
inline constexpr Tr kVisitedOfRegistered{"đã đến / đăng ký", "visited / registered"};
inline constexpr Tr kAllGroups{"Tất cả các tổ", "All groups"};
inline constexpr Tr kSearchHint{"Tìm theo tên, địa chỉ, mã hộ (không cần dấu)",
                                "Search name, address, code (no accents needed)"};
inline constexpr Tr kFilterAll{"Tất cả", "All"};
inline constexpr Tr kNotVisited{"Chưa đến", "Not visited"};
inline constexpr Tr kDraft{"Nháp", "Draft"};
inline constexpr Tr kCompleted{"Hoàn thành", "Completed"};
inline constexpr Tr kApproved{"Đã duyệt", "Approved"};
inline constexpr Tr kRejected{"Bị trả lại", "Rejected"};
inline constexpr Tr kInConflict{"Xung đột", "In conflict"};
inline constexpr Tr kNewHousehold{"+ Hộ mới", "+ New household"};
inline constexpr Tr kWardChecklist{"Phiếu kiểm tra phường", "Ward checklist"};
inline constexpr Tr kDistrictChecklist{"Phiếu kiểm tra quận", "District checklist"};
inline constexpr Tr kHouseholdCode{"Mã hộ", "Code"};
inline constexpr Tr kHeadName{"Chủ hộ", "Head"};
inline constexpr Tr kAddress{"Địa chỉ", "Address"};
inline constexpr Tr kStatus{"Trạng thái", "Status"};
inline constexpr Tr kGroup{"Tổ", "Group"};
inline constexpr Tr kShown{"Đang hiện", "Showing"};
inline constexpr Tr kNotSynced{"chưa gửi", "not sent"};
inline constexpr Tr kNoHouseholds{"Chưa có hộ nào ở đây. Bấm \"+ Hộ mới\" để nhập.",
                                  "No households here yet. Press \"+ New household\"."};

// Form.
inline constexpr Tr kSaveDraft{"Lưu nháp (Ctrl+S)", "Save draft (Ctrl+S)"};
inline constexpr Tr kMarkCompleted{"Hoàn thành", "Mark completed"};
inline constexpr Tr kSaved{"Đã lưu", "Saved"};
inline constexpr Tr kSaving{"Đang lưu…", "Saving…"};
inline constexpr Tr kUnsaved{"Có thay đổi chưa lưu", "Unsaved changes"};
inline constexpr Tr kYes{"Có", "Yes"};
inline constexpr Tr kNo{"Không", "No"};
inline constexpr Tr kNow{"Bây giờ", "Now"};
inline constexpr Tr kKeyboardHelp{
    "Tab hoặc Enter: câu tiếp theo (Shift+Tab: câu trước) · Có/Không: gõ c hoặc k · Lựa chọn: "
    "gõ số · Ctrl+S: lưu nháp · Ctrl+Enter: hoàn thành · Ctrl+N: hộ mới",
    "Tab or Enter: next question (Shift+Tab: previous) · Yes/No: type y or n · Choices: type "
    "the number · Ctrl+S: save a draft · Ctrl+Enter: mark completed · Ctrl+N: next household"};
inline constexpr Tr kCannotComplete{"Chưa hoàn thành được: còn câu cần sửa hoặc chưa trả lời",
                                    "Not completed yet: some answers need fixing or are missing"};
inline constexpr Tr kRejectedBecause{"Phiếu bị trả lại: ", "Returned by the supervisor: "};
inline constexpr Tr kDuplicateCode{"Mã hộ này đã có trong phường",
                                   "This code is already used in the ward"};
inline constexpr Tr kConflictHere{"Hai máy đã sửa câu này khác nhau; người giám sát sẽ chọn",
                                  "Two laptops changed this differently; a supervisor will choose"};

// Results.
inline constexpr Tr kCriterion{"Tiêu chí 5", "Criterion 5"};
inline constexpr Tr kPass{"Đạt", "Pass"};
inline constexpr Tr kFail{"Không đạt", "Fail"};
inline constexpr Tr kIncomplete{"Chưa đủ dữ liệu", "Incomplete"};
inline constexpr Tr kStillMissing{"Còn thiếu", "Still missing"};
inline constexpr Tr kGroupsNotVisited{"Tổ còn hộ chưa đến",
                                      "Groups with households not yet visited"};
inline constexpr Tr kUnanswered{"Câu chưa trả lời trong phiếu kiểm tra",
                                "Unanswered checklist items"};
inline constexpr Tr kNoChecklist{"Chưa có phiếu kiểm tra của phường", "No ward checklist yet"};
inline constexpr Tr kNothingMissing{"Không còn thiếu gì", "Nothing is missing"};
inline constexpr Tr kRecompute{"Tính lại", "Recompute"};
inline constexpr Tr kComputedAt{"Tính lúc", "Computed at"};
inline constexpr Tr kHouseholdsLeft{"hộ chưa đến", "households not visited"};
inline constexpr Tr kShares{"Tỷ lệ", "Shares"};
inline constexpr Tr kCoverage{"Độ bao phủ", "Coverage"};

// Sync.
inline constexpr Tr kServer{"Máy chủ", "Server"};
inline constexpr Tr kNotEnrolled{"Máy chưa đăng ký với máy chủ nào",
                                 "This laptop is not enrolled yet"};
inline constexpr Tr kLastSync{"Lần đồng bộ gần nhất", "Last sync"};
inline constexpr Tr kNever{"chưa lần nào", "never"};
inline constexpr Tr kRecordsWaiting{"Phiếu chờ gửi", "Records to send"};
inline constexpr Tr kChangesWaiting{"Thay đổi chờ gửi", "Changes waiting"};
inline constexpr Tr kSyncNow{"Đồng bộ ngay", "Sync now"};
inline constexpr Tr kSyncing{"Đang đồng bộ…", "Syncing…"};
inline constexpr Tr kSent{"Đã gửi", "Sent"};
inline constexpr Tr kReceived{"Đã nhận", "Received"};
inline constexpr Tr kConflicts{"Xung đột cần xem", "Conflicts to look at"};
inline constexpr Tr kRejectedToFix{"Phiếu bị trả lại cần sửa", "Rejected records to fix"};
inline constexpr Tr kImportTitle{"Nhập phiếu từ tệp", "Import records from a file"};
inline constexpr Tr kImportHint{
    "Tệp hộ gia đình (.csv) hoặc phiếu kiểm tra (.json), lưu như phiếu của máy này. Tệp có dòng "
    "sai thì không nhập gì.",
    "A household file (.csv) or checklists (.json), saved as this laptop's own records. A file "
    "with any bad row is not imported at all."};
inline constexpr Tr kImportFile{"Đường dẫn tệp", "File path"};
inline constexpr Tr kImport{"Nhập", "Import"};
inline constexpr Tr kImporting{"Đang nhập tệp…", "Importing…"};
inline constexpr Tr kImportFailed{"Chưa nhập được tệp: không có gì thay đổi.",
                                  "The file was not imported: nothing changed."};
inline constexpr Tr kCancelSync{"Dừng", "Stop"};
inline constexpr Tr kStopping{"Đang dừng sau yêu cầu hiện tại…", "Stopping after this request…"};
inline constexpr Tr kRefusedByServer{"Thay đổi máy chủ không nhận", "Changes the server refused"};
inline constexpr Tr kRefusedHint{
    "Các câu trả lời này vẫn ở trên máy, chưa gửi. Mở phiếu, sửa câu trả lời rồi đồng bộ lại.",
    "These answers stay on this laptop, unsent. Open the record, correct the answer, and sync "
    "again."};
inline constexpr Tr kEnrol{"Đăng ký", "Enrol"};
inline constexpr Tr kEnrolling{"Đang đăng ký…", "Enrolling…"};
inline constexpr Tr kSyncUnavailable{
    "Bản này chưa có phần đồng bộ. Dữ liệu vẫn an toàn trên máy này.",
    "This build has no sync yet. Your data is safe on this laptop."};
inline constexpr Tr kTryAgain{"Thử lại", "Try again"};

// Review.
inline constexpr Tr kToReview{"Phiếu chờ duyệt", "Records to review"};
inline constexpr Tr kApprove{"Duyệt", "Approve"};
inline constexpr Tr kReject{"Trả lại", "Reject"};
inline constexpr Tr kRejectComment{"Lý do trả lại (bắt buộc)", "Why it is returned (required)"};
inline constexpr Tr kChooseValue{"Chọn giá trị đúng", "Choose the right value"};
inline constexpr Tr kUseThis{"Dùng giá trị này", "Use this value"};
inline constexpr Tr kNothingToReview{"Không có phiếu nào chờ duyệt", "Nothing to review"};
inline constexpr Tr kSupervisorOnly{"Chỉ máy của người giám sát mới duyệt phiếu",
                                    "Only a supervisor's laptop reviews records"};

// Settings.
inline constexpr Tr kLanguage{"Ngôn ngữ", "Language"};
inline constexpr Tr kUiScale{"Cỡ giao diện", "Interface size"};
inline constexpr Tr kIdleLock{"Tự khoá sau (phút)", "Lock after (minutes)"};
inline constexpr Tr kRole{"Vai trò", "Role"};
inline constexpr Tr kRoleSurveyor{"Điều tra viên", "Surveyor"};
inline constexpr Tr kRoleSupervisor{"Giám sát", "Supervisor"};
inline constexpr Tr kRoleProvince{"Tỉnh", "Province"};
inline constexpr Tr kDeviceId{"Mã máy", "Device id"};
inline constexpr Tr kUnit{"Đơn vị", "Unit"};

// Failures: what happened, in words, with the one thing to do next.
inline constexpr Tr kNoConnection{"Không kết nối được máy chủ — dữ liệu vẫn an toàn trên máy này.",
                                  "No connection — your data is safe on this laptop."};
inline constexpr Tr kWrongPassphrase{"Mật khẩu không đúng.", "Wrong passphrase."};
inline constexpr Tr kCheckAndRetry{"Nhập lại", "Type it again"};
inline constexpr Tr kSaveFailed{"Chưa lưu được phiếu — các câu trả lời vẫn còn trên màn hình.",
                                "The record was not saved — your answers are still on screen."};
inline constexpr Tr kCreateFailed{"Chưa tạo được kho dữ liệu.", "The data store was not created."};
inline constexpr Tr kUnlockFailed{"Chưa mở được kho dữ liệu.", "The data store did not open."};
inline constexpr Tr kLoadFailed{"Chưa mở được phiếu này.", "This record did not open."};
inline constexpr Tr kReviewFailed{"Chưa ghi được kết quả duyệt.", "The review was not recorded."};
inline constexpr Tr kResultsFailed{"Chưa tính được kết quả.", "The result could not be computed."};
inline constexpr Tr kNeedName{"Hãy nhập họ tên của bạn.", "Please type your name."};
inline constexpr Tr kNeedWard{"Hãy nhập mã phường bạn khảo sát (ví dụ 00004).",
                              "Please type the code of your ward (for example 00004)."};
inline constexpr Tr kNeedComment{"Hãy ghi lý do trả lại phiếu.",
                                 "Please say why the record is returned."};
inline constexpr Tr kFixAnswers{"Sửa câu trả lời", "Fix the answers"};
inline constexpr Tr kStoreMissing{"Không tìm thấy tệp dữ liệu.", "The data file was not found."};

// Sync and enrolment failures.
inline constexpr Tr kSyncTimeout{
    "Máy chủ không trả lời kịp — dữ liệu vẫn an toàn trên máy này.",
    "The server did not answer in time — your data is safe on this laptop."};
inline constexpr Tr kBadCode{"Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.",
                             "The enrolment code is wrong, already used or expired."};
inline constexpr Tr kAskNewCode{"Xin mã mới từ người giám sát",
                                "Ask your supervisor for a new code"};
inline constexpr Tr kDeviceRefused{"Máy chủ không nhận máy này (có thể đã bị thu hồi).",
                                   "The server does not accept this laptop (it may be revoked)."};
inline constexpr Tr kCallSupervisor{"Gọi người giám sát", "Call your supervisor"};
inline constexpr Tr kClockSkew{"Đồng hồ của máy lệch quá 5 phút so với máy chủ.",
                               "This laptop's clock is more than 5 minutes off the server's."};
inline constexpr Tr kFixClock{"Chỉnh đồng hồ rồi thử lại", "Set the clock, then try again"};
inline constexpr Tr kBadServerAddress{
    "Địa chỉ máy chủ không đúng: cần có dạng http://máy:cổng, ví dụ http://192.168.1.10:8470.",
    "The server address is not valid: it must look like http://host:port, for example "
    "http://192.168.1.10:8470."};
inline constexpr Tr kServerRefused{
    "Máy chủ từ chối yêu cầu — dữ liệu vẫn an toàn trên máy này.",
    "The server refused the request — your data is safe on this laptop."};
inline constexpr Tr kServerFault{"Máy chủ đang gặp lỗi — dữ liệu vẫn an toàn trên máy này.",
                                 "The server has a fault — your data is safe on this laptop."};
inline constexpr Tr kBadAnswer{"Câu trả lời của máy chủ không hợp lệ — dữ liệu vẫn an toàn.",
                               "The server's answer is not valid — your data is safe."};
inline constexpr Tr kLocalStoreFault{"Không ghi được dữ liệu trên máy này.",
                                     "Data could not be written on this laptop."};
inline constexpr Tr kSyncStopped{"Đã dừng đồng bộ.", "Sync stopped."};
inline constexpr Tr kAlreadyEnrolled{"Máy này đã đăng ký rồi.", "This laptop is already enrolled."};
inline constexpr Tr kSending{"Đang gửi thay đổi…", "Sending changes…"};
inline constexpr Tr kReceiving{"Đang nhận thay đổi…", "Receiving changes…"};
inline constexpr Tr kSyncDone{"Đồng bộ xong.", "Sync finished."};
inline constexpr Tr kNoSyncClient{"Bản này không có phần đồng bộ.", "This build has no sync."};
}  // namespace txt

}  // namespace c5::surveyor
