// 濮阳县医保办事指引助手 — chat widget for the county website.
// Embed: <script src="https://<assistant>/webhooks/widget/widget.js" defer></script>
// Options on the script tag: data-open="true" opens the chat on load.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, "");
  var endpoint = script.getAttribute("data-endpoint") || base + "/webhook";
  var storeKey = "yibao-assistant:" + endpoint;
  var HOTLINE = "0393-8669566";
  var OFFLINE = "暂时连不上服务器，您的问题还在输入框里，请稍后点“发送”重试，或拨打医保监督电话 " + HOTLINE + "。";

  var state = load();

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey) || "null");
      if (saved && saved.conversation && Array.isArray(saved.items)) { return saved; }
    } catch (e) { /* storage blocked or corrupt: start afresh */ }
    return { conversation: newId(), items: [], open: false };
  }
  function save() {
    state.items = state.items.slice(-120);
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // --- look -------------------------------------------------------------------------
  var css = [
    ".yb-launch{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;font:inherit;font-size:1rem;",
    "background:#1d4ed8;color:#fff;border:0;border-radius:2rem;padding:.75rem 1.2rem;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}",
    ".yb-panel{position:fixed;right:1rem;bottom:1rem;z-index:2147483001;width:24rem;max-width:calc(100vw - 2rem);",
    "height:36rem;max-height:calc(100vh - 2rem);display:flex;flex-direction:column;background:#fff;color:#101828;",
    "border-radius:.75rem;box-shadow:0 8px 30px rgba(0,0,0,.3);font:1rem/1.6 system-ui,'Noto Sans CJK SC',sans-serif}",
    ".yb-panel[hidden],.yb-launch[hidden]{display:none}",
    ".yb-head{display:flex;justify-content:space-between;align-items:center;padding:.6rem .9rem;background:#1d4ed8;color:#fff;border-radius:.75rem .75rem 0 0}",
    ".yb-head h2{font-size:1.05rem;margin:0}",
    ".yb-close{background:transparent;color:#fff;border:1px solid #fff;border-radius:.3rem;font:inherit;padding:0 .6rem;cursor:pointer}",
    ".yb-log{flex:1;overflow-y:auto;padding:.8rem;background:#f3f5f8}",
    ".yb-msg{max-width:85%;margin:.35rem 0;padding:.5rem .75rem;border-radius:.75rem;white-space:pre-wrap;word-break:break-word}",
    ".yb-bot{background:#fff;border:1px solid #e4e7ec;margin-right:auto}",
    ".yb-user{background:#1d4ed8;color:#fff;margin-left:auto}",
    ".yb-error{background:#fef3f2;border:1px solid #fda29b;color:#912018}",
    ".yb-buttons{display:flex;flex-wrap:wrap;gap:.4rem;margin:.2rem 0 .5rem}",
    ".yb-buttons button{font:inherit;font-size:.95rem;background:#eef2ff;color:#1d4ed8;border:1px solid #a5b4fc;border-radius:1rem;padding:.25rem .8rem;cursor:pointer}",
    ".yb-buttons button:disabled{opacity:.55;cursor:default}",
    ".yb-typing{color:#667085;font-size:.9rem;padding:0 .9rem .3rem;background:#f3f5f8}",
    ".yb-form{display:flex;gap:.5rem;padding:.6rem;border-top:1px solid #e4e7ec}",
    ".yb-form textarea{flex:1;font:inherit;resize:none;border:1px solid #98a2b3;border-radius:.4rem;padding:.4rem .6rem;min-height:2.6rem}",
    ".yb-form button{font:inherit;background:#1d4ed8;color:#fff;border:0;border-radius:.4rem;padding:0 1rem;cursor:pointer}",
    ".yb-panel :focus-visible,.yb-launch:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}",
    "@media (max-width:600px){.yb-panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}",
    ".yb-head{border-radius:0}}"
  ].join("");
  var style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text != null) { node.textContent = text; }
    return node;
  }

  var launch = el("button", "yb-launch", "医保咨询");
  launch.type = "button";
  launch.setAttribute("aria-haspopup", "dialog");
  var panel = el("section", "yb-panel");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "濮阳县医保办事指引助手");
  panel.hidden = true;
  var head = el("div", "yb-head");
  head.appendChild(el("h2", null, "医保办事指引助手"));
  var close = el("button", "yb-close", "收起");
  close.type = "button";
  close.setAttribute("aria-label", "收起对话框");
  head.appendChild(close);
  var log = el("div", "yb-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("tabindex", "0");
  var typing = el("div", "yb-typing", "助手正在输入…");
  typing.hidden = true;
  var form = el("form", "yb-form");
  var input = el("textarea");
  input.rows = 1;
  input.setAttribute("aria-label", "输入您的问题");
  input.placeholder = "输入您的问题，按回车发送";
  input.maxLength = 500;
  var send = el("button", null, "发送");
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(form);

  function mount() {
    document.body.appendChild(launch);
    document.body.appendChild(panel);
    state.items.forEach(function (item) { render(item, true); });
    if (state.open || script.getAttribute("data-open") === "true") { openPanel(false); }
  }

  // --- conversation -------------------------------------------------------------------
  function render(item, restoring) {
    if (item.kind === "buttons") {
      var row = el("div", "yb-buttons");
      item.buttons.forEach(function (b) {
        var button = el("button", null, b.title);
        button.type = "button";
        button.disabled = !!item.used;
        button.addEventListener("click", function () {
          item.used = true;
          Array.prototype.forEach.call(row.querySelectorAll("button"), function (x) { x.disabled = true; });
          save();
          ask(b.payload, b.title);
        });
        row.appendChild(button);
      });
      log.appendChild(row);
    } else {
      log.appendChild(el("div", "yb-msg yb-" + item.kind, item.text));
    }
    if (!restoring) { log.scrollTop = log.scrollHeight; }
  }
  function add(item) {
    state.items.push(item);
    save();
    render(item, false);
  }

  var busy = false;
  function ask(message, shown) {
    if (busy) { return Promise.resolve(false); }
    busy = true;
    send.disabled = true;
    if (shown) { add({ kind: "user", text: shown }); }
    typing.hidden = false;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) { controller.abort(); } }, 20000);
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ conversation: state.conversation, message: message }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.message || "服务器出错"); }
        return body;
      });
    }).then(function (replies) {
      replies.forEach(function (reply) {
        if (reply.text) { add({ kind: "bot", text: reply.text }); }
        if (reply.buttons && reply.buttons.length) {
          add({ kind: "buttons", buttons: reply.buttons.map(function (b) { return { title: b.title, payload: b.payload }; }) });
        }
      });
      return true;
    }).catch(function () {
      add({ kind: "bot yb-error", text: OFFLINE });
      return false;
    }).finally(function () {
      clearTimeout(timer);
      busy = false;
      send.disabled = false;
      typing.hidden = true;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) { return; }
    ask(text, text).then(function (ok) {
      if (ok) { input.value = ""; }   // on failure the question stays for another try
      input.focus();
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  function openPanel(focus) {
    panel.hidden = false;
    launch.hidden = true;
    state.open = true;
    save();
    log.scrollTop = log.scrollHeight;
    if (focus !== false) { input.focus(); }
    if (!state.items.length) { ask("/greet", null); }
  }
  function closePanel() {
    panel.hidden = true;
    launch.hidden = false;
    state.open = false;
    save();
    launch.focus();
  }
  launch.addEventListener("click", function () { openPanel(true); });
  close.addEventListener("click", closePanel);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { closePanel(); } });

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mount); } else { mount(); }
})();
