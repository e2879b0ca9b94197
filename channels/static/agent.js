// 坐席控制台: search as you type, township lookup, filings and callback queues.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };

  function api(path, options) {
    return fetch(path, Object.assign({ credentials: "same-origin" }, options || {})).then(function (r) {
      if (r.status === 401) { location.reload(); throw new Error("signed out"); }
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.message || r.statusText); }
        return body;
      });
    });
  }

  function setStatus(path, status) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" },
                       body: JSON.stringify({ status: status }) });
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text == null ? "" : text;
    row.appendChild(td);
    return td;
  }

  function statusSelect(statuses, current, onChange, label) {
    var select = document.createElement("select");
    select.setAttribute("aria-label", label);
    Object.keys(statuses).forEach(function (key) {
      var option = new Option(statuses[key], key, false, key === current);
      select.appendChild(option);
    });
    select.addEventListener("change", function () { onChange(select.value); });
    return select;
  }

  // --- lookup -------------------------------------------------------------------------
  var latest = 0, timer = null;
  function lookup() {
    var q = $("q").value.trim();
    var ticket = ++latest;
    if (!q) { $("results").innerHTML = ""; $("elapsed").textContent = ""; return; }
    var params = new URLSearchParams({ q: q, person_type: $("person-type").value, region: $("region").value });
    api("lookup?" + params).then(function (body) {
      if (ticket !== latest) { return; }  // an older answer arriving late
      $("elapsed").textContent = "服务器用时 " + body.elapsed_ms + " 毫秒";
      var list = $("results");
      list.innerHTML = "";
      if (!body.results.length) { $("card").textContent = "没有找到相关事项。"; return; }
      body.results.forEach(function (result, index) {
        var li = document.createElement("li"), button = document.createElement("button");
        button.type = "button";
        button.textContent = result.name + "（" + result.regions.join("、") + "）";
        button.addEventListener("click", function () { show(result, button); });
        li.appendChild(button);
        list.appendChild(li);
        if (index === 0) { show(result, button); }
      });
    }).catch(function (error) { $("card").textContent = "查询失败：" + error.message; });
  }
  function show(result, button) {
    Array.prototype.forEach.call($("results").querySelectorAll("button"), function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    $("card").textContent = result.card;
  }
  $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 120); });
  $("person-type").addEventListener("change", lookup);
  $("region").addEventListener("change", lookup);

  // --- township → hospital ------------------------------------------------------------
  api("townships").then(function (body) {
    body.townships.forEach(function (name) { $("township").appendChild(new Option(name, name)); });
  });
  $("township").addEventListener("change", function () {
    if (!this.value) { return; }
    api("hospital?" + new URLSearchParams({ township: this.value })).then(function (body) {
      $("hospital").textContent = body.text;
    }).catch(function (error) { $("hospital").textContent = error.message; });
  });

  // --- filings ------------------------------------------------------------------------
  function loadFilings() {
    var status = $("filing-filter").value;
    api("filings" + (status ? "?status=" + status : "")).then(function (body) {
      if ($("filing-filter").options.length === 1) {
        Object.keys(body.statuses).forEach(function (key) {
          $("filing-filter").appendChild(new Option(body.statuses[key], key));
        });
      }
      var rows = $("filings");
      rows.innerHTML = "";
      body.filings.forEach(function (filing) {
        var tr = document.createElement("tr"), open = document.createElement("button");
        open.type = "button";
        open.textContent = filing.reference;
        open.title = "打开记录（显示完整身份证号）";
        open.addEventListener("click", function () { openFiling(filing.reference); });
        cell(tr, "").appendChild(open);
        cell(tr, filing.matter);
        cell(tr, filing.applicant);
        cell(tr, filing.id_number);
        cell(tr, filing.phone);
        cell(tr, "").appendChild(statusSelect(body.statuses, filing.status, function (value) {
          setStatus("filings/" + filing.reference + "/status", value).then(loadFilings);
        }, "预约 " + filing.reference + " 的状态"));
        rows.appendChild(tr);
      });
    });
  }
  function openFiling(reference) {
    api("filings/" + reference).then(function (f) {
      var detail = $("filing-detail");
      detail.hidden = false;
      detail.textContent = ["编号：" + f.reference, "业务：" + f.matter, "申请人：" + f.applicant,
        "身份证号：" + f.id_number, "手机：" + f.phone, "人员类别：" + (f.person_type || "—"),
        "乡镇：" + (f.township || "—"), "备注：" + (f.note || "—"), "状态：" + f.status_label,
        "提交时间：" + f.created_at].join("\n");
    });
  }
  $("filing-filter").addEventListener("change", loadFilings);

  // --- 差评 callbacks ----------------------------------------------------------------
  function loadCallbacks() {
    api("callbacks?status=").then(function (body) {
      var rows = $("callbacks");
      rows.innerHTML = "";
      body.callbacks.forEach(function (review) {
        var tr = document.createElement("tr");
        cell(tr, review.callback_due + (review.callback_due_basis === "chinese_calendar" ? "" : "（按周末推算）"));
        cell(tr, review.level);
        cell(tr, review.subject);
        cell(tr, review.comment);
        cell(tr, review.phone);
        cell(tr, "").appendChild(statusSelect(body.statuses, review.callback_status, function (value) {
          setStatus("callbacks/" + review.id + "/status", value).then(loadCallbacks);
        }, "差评回访状态"));
        rows.appendChild(tr);
      });
    });
  }

  loadFilings();
  loadCallbacks();
  setInterval(function () { loadFilings(); loadCallbacks(); }, 30000);
})();
