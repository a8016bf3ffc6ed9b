// Shared helpers of the results pages: reading the API, building elements (never from
// HTML strings, so no value can become markup), status words, numbers and dates.
"use strict";

const c5 = {};

c5.STATUS_WORDS = {
    pass: "✓ Đạt",
    fail: "✗ Không đạt",
    incomplete: "… Chưa đủ dữ liệu",
};

c5.LEVEL_WORDS = { ward: "Phường", district: "Quận/huyện" };

// GET a JSON answer; without a session the login page takes over.
c5.api = async function (path) {
    const res = await fetch(path, { credentials: "same-origin" });
    if (res.status === 401) {
        location.href = "/web/login";
        throw new Error("not logged in");
    }
    const body = await res.json();
    if (!res.ok) {
        const error = new Error(body.message || "request failed");
        error.status = res.status;
        throw error;
    }
    return body;
};

// el("td", {class: "num"}, "12", child...): attributes as properties, children as text.
c5.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null) continue;
        if (key === "class") node.className = value;
        else if (key === "dataset") Object.assign(node.dataset, value);
        else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
};

// Narrow tables use the short words; the title says the full ones.
c5.SHORT_WORDS = { pass: "✓ Đạt", fail: "✗ Không", incomplete: "… Thiếu" };

c5.statusBadge = function (status, short = false) {
    if (!status) return c5.el("span", { class: "status status-none" }, "—");
    const words = (short ? c5.SHORT_WORDS : c5.STATUS_WORDS)[status] || status;
    return c5.el("span", { class: "status status-" + status, dataset: { status },
                           title: c5.STATUS_WORDS[status] }, words);
};

// Lower case without diacritics, so "phuc xa" finds "Phường Phúc Xá" (đ has no mark to
// strip: it is its own letter).
c5.fold = function (text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
};

// A share as a percentage, rounded as the reasons round it, except that a share short of 1
// is cut instead of reaching 100 % (a failing 99.996 % must not read "100 %").
c5.percent = function (value, decimals = 2) {
    if (value === null || value === undefined) return "—";
    const scale = Math.pow(10, decimals);
    let shown = Math.round(value * 100 * scale) / scale;
    if (value < 1 && shown >= 100) shown = Math.floor(value * 100 * scale) / scale;
    return shown.toFixed(decimals).replace(".", ",") + " %";
};

c5.dateTime = function (ms) {
    if (ms === null || ms === undefined) return "—";
    const d = new Date(ms);
    const two = (n) => String(n).padStart(2, "0");
    return two(d.getDate()) + "/" + two(d.getMonth() + 1) + "/" + d.getFullYear() + " " +
        two(d.getHours()) + ":" + two(d.getMinutes());
};

c5.isoDateTime = function (iso) {
    return iso ? c5.dateTime(Date.parse(iso)) : "—";
};

c5.label = function (label) {
    if (!label) return "";
    return typeof label === "string" ? label : (label.vi || label.en || "");
};

// The annex of the criteria for a level ("ward", "district").
c5.annex = function (criteria, level) {
    return (criteria.annexes || []).find((a) => a.level === level) || { contents: [] };
};

// The bar at the top: home, who is logged in, and logging out (a POST with the CSRF token).
c5.header = async function () {
    const me = await c5.api("/web/api/me");
    const role = me.user.role === "province" ? "cấp tỉnh" : "giám sát " + me.user.unit_code;
    const logout = c5.el("button", { type: "button", id: "logout" }, "Đăng xuất");
    logout.addEventListener("click", async () => {
        await fetch("/web/api/logout", {
            method: "POST",
            credentials: "same-origin",
            headers: { "X-CSRF-Token": me.csrf },
        });
        location.href = "/web/login";
    });
    const bar = c5.el("header", { class: "top" },
        c5.el("a", { href: "/web/" }, "Tiêu chí 5 — Kết quả đánh giá"),
        c5.el("span", { class: "who", id: "who" }, me.user.name + " (" + role + ")", logout));
    document.body.prepend(bar);
    return me;
};

c5.fail = function (where, error) {
    where.replaceChildren(c5.el("p", { class: "error", id: "failure" },
        "Không tải được dữ liệu: " + error.message));
};
