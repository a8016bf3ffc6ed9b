// The login form: posts the name and password, then opens the overview.
"use strict";

document.getElementById("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("login-error");
    error.textContent = "";
    const body = new URLSearchParams({
        name: document.getElementById("name").value,
        password: document.getElementById("password").value,
    });
    const res = await fetch("/web/api/login", {
        method: "POST",
        credentials: "same-origin",
        body,
    });
    if (res.ok) {
        location.href = "/web/";
        return;
    }
    const answer = await res.json().catch(() => ({}));
    error.textContent = res.status === 401 ? "Sai tên tài khoản hoặc mật khẩu."
        : res.status === 429 ? "Đăng nhập sai quá nhiều lần. " + (answer.message || "")
        : "Không đăng nhập được: " + (answer.message || res.status);
});
