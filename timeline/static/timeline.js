/* The page at /: vis-timeline over the API. Every pan or zoom asks the API for the visible
   window only; filters and search narrow the same requests; a click opens the event's
   excerpt with the mentions that dated it highlighted. Everything the API sends as text is
   put in with textContent, except vis `content`, which the API sends as escaped HTML. */
"use strict";
(function () {
  const api = document.body.dataset.api;
  const params = new URLSearchParams(window.location.search);
  const $ = (id) => document.getElementById(id);
  const state = {
    q: params.get("q") || "",
    types: params.get("type") ? new Set(params.get("type").split(",")) : null, // null: every type
    known: new Set(),
    window: null,
    seq: 0,
    loads: 0,
  };
  $("q").value = state.q;

  const items = new vis.DataSet();
  const groups = new vis.DataSet();
  const timeline = new vis.Timeline($("timeline"), items, groups, {
    minHeight: 260,
    maxHeight: Math.max(320, Math.round(window.innerHeight * 0.62)),
    stack: true,
    orientation: { axis: "top" },
    groupOrder: "id",
    zoomMin: 1000 * 60 * 60 * 24 * 7,
    margin: { item: 6 },
    tooltip: { followMouse: true, overflowMethod: "cap" },
  });

  const pad = (n) => String(n).padStart(2, "0");
  function day(date) {
    const y = date.getFullYear();
    if (y < 1) return "0001-01-01";
    if (y > 9999) return "9999-12-31";
    return `${String(y).padStart(4, "0")}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function setStatus(text, isError) {
    $("status").textContent = text;
    $("status").classList.toggle("error", Boolean(isError));
  }

  function query(extra) {
    const p = new URLSearchParams({ format: "vis" });
    if (state.q) p.set("q", state.q);
    if (state.types) p.set("type", [...state.types].join(","));
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    return p;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      const err = body.error || {};
      const detail = err.details ? " " + JSON.stringify(err.details) : "";
      throw new Error(`${err.message || response.status}${detail}`);
    }
    return body;
  }

  function done() {
    state.loads += 1;
    document.body.dataset.state = "ready";
    document.body.dataset.loads = String(state.loads);
  }

  // -- types ------------------------------------------------------------------------
  function learnTypes(list, asRows) {
    let added = false;
    for (const g of list) {
      if (state.known.has(g.id)) continue;
      state.known.add(g.id);
      added = true;
    }
    if (added) renderTypes();
    if (asRows) groups.update(list.filter((g) => !state.types || state.types.has(g.id)));
  }

  function renderTypes() {
    const box = $("types");
    box.textContent = "";
    for (const type of [...state.known].sort()) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = type;
      input.checked = !state.types || state.types.has(type);
      input.addEventListener("change", onTypesChanged);
      label.append(input, " ", type);
      box.append(label);
    }
  }

  function onTypesChanged() {
    const boxes = [...$("types").querySelectorAll("input")];
    const checked = boxes.filter((b) => b.checked).map((b) => b.value);
    state.types = checked.length === boxes.length ? null : new Set(checked);
    groups.remove(groups.getIds().filter((id) => state.types && !state.types.has(id)));
    reload();
  }

  // -- loading ------------------------------------------------------------------------
  async function loadWindow(start, end, fit) {
    const seq = ++state.seq;
    if (state.types && state.types.size === 0) {
      items.clear();
      setStatus("No type selected.");
      done();
      return;
    }
    const p = query({ start, end, undated: "exclude" });
    setStatus("Loading\u2026");
    try {
      const data = await getJSON(`${api}/timeline?${p}`);
      if (seq !== state.seq) return; // a newer window was asked for meanwhile
      learnTypes(data.groups, true);
      const ids = new Set(data.items.map((i) => i.id));
      items.remove(items.getIds().filter((id) => !ids.has(id)));
      items.update(data.items);
      const more = data.next_cursor ? " (the first ones: zoom in for the rest)" : "";
      setStatus(data.items.length ? `${data.items.length} events in view${more}`
        : "No dated events here: zoom out, or change the search.");
      if (fit && data.items.length) fitAll(false);
    } catch (err) {
      setStatus(`The timeline could not be loaded: ${err.message}`, true);
    } finally {
      if (seq === state.seq) done();
    }
  }

  async function loadUndated() {
    const list = $("undated");
    try {
      const data = await getJSON(`${api}/timeline?${query({ undated: "only", limit: "200" })}`);
      learnTypes(data.groups, false);
      list.textContent = "";
      for (const item of data.undated) {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.id = item.id;
        button.innerHTML = item.content; // escaped HTML from the API
        const type = document.createElement("small");
        type.textContent = item.group;
        button.append(" ", type);
        button.addEventListener("click", () => openEvent(item.id));
        li.append(button);
        list.append(li);
      }
      $("undated-count").textContent = data.next_cursor ? `(first ${data.undated.length})`
        : `(${data.undated.length})`;
    } catch (err) {
      list.textContent = `Could not load: ${err.message}`;
    }
  }

  function reload() {
    const w = timeline.getWindow();
    state.window = null;
    loadWindow(day(w.start), day(w.end), false);
    loadUndated();
  }

  let timer = null;
  timeline.on("rangechanged", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const w = timeline.getWindow();
      const key = `${day(w.start)}/${day(w.end)}`;
      if (key === state.window) return;
      state.window = key;
      loadWindow(day(w.start), day(w.end), false);
    }, 200);
  });

  function fitAll(animation) {
    // timeline.fit() cuts a point's label at the right edge: leave room after the last event
    const range = timeline.getItemRange();
    if (!range.min || !range.max) return;
    const span = Math.max(range.max - range.min, 1000 * 60 * 60 * 24 * 30);
    timeline.setWindow(range.min - span * 0.05, range.max.valueOf() + span * 0.25, { animation });
  }

  // -- one event ------------------------------------------------------------------------
  function describe(span) {
    if (!span) return "not given in the text";
    const when = span.start === span.end ? span.start : `${span.start} \u2013 ${span.end}`;
    return span.precision ? `${when} (${span.precision})` : when;
  }

  function highlighted(text, mentions) {
    // offsets count code points (Python's str), so slice code points, not UTF-16 units
    const chars = Array.from(text);
    const out = document.createDocumentFragment();
    let pos = 0;
    for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
      if (m.start < pos || m.end > chars.length) continue;
      out.append(chars.slice(pos, m.start).join(""));
      const mark = document.createElement("mark");
      mark.textContent = chars.slice(m.start, m.end).join("");
      mark.title = m.explain || "";
      out.append(mark);
      pos = m.end;
    }
    out.append(chars.slice(pos).join(""));
    return out;
  }

  function explainRow(list, term, text) {
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = text;
    list.append(dt, dd);
  }

  async function openEvent(id) {
    let ev;
    try {
      ev = await getJSON(`${api}/events/${encodeURIComponent(id)}`);
    } catch (err) {
      setStatus(`The event could not be opened: ${err.message}`, true);
      return;
    }
    $("detail").hidden = false;
    $("d-summary").textContent = ev.summary;
    const who = [...(ev.actors || []), ...(ev.places || [])].join(", ");
    $("d-meta").textContent = `${ev.type} \u00b7 happened: ${describe(ev.occurred)} \u00b7 reported: `
      + `${describe(ev.reported)}${who ? " \u00b7 " + who : ""}`;
    const quote = $("d-excerpt");
    const explain = $("d-explain");
    quote.textContent = "";
    explain.textContent = "";
    const prov = ev.provenance;
    if (prov) {
      quote.append(highlighted(prov.excerpt.text, prov.mentions));
      if (prov.excerpt.reference_date) explainRow(explain, "published", prov.excerpt.reference_date);
      for (const m of prov.mentions) explainRow(explain, `\u201c${m.text}\u201d`, `${m.value}: ${m.explain}`);
    } else {
      quote.textContent = "Loaded as a ready-made event: there is no excerpt.";
    }
    for (const [key, text] of Object.entries((prov && prov.explain) || ev.explain || {})) {
      explainRow(explain, key, String(text));
    }
    if (items.get(id)) timeline.setSelection([id]);
    document.body.dataset.open = id;
    $("detail").scrollIntoView({ block: "nearest" });
  }

  timeline.on("select", (props) => {
    if (props.items.length) openEvent(props.items[0]);
  });
  $("close").addEventListener("click", () => {
    $("detail").hidden = true;
    timeline.setSelection([]);
    delete document.body.dataset.open;
  });

  // -- controls ------------------------------------------------------------------------
  let typing = null;
  $("q").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.q = $("q").value.trim();
      reload();
    }, 300);
  });
  $("zoom-in").addEventListener("click", () => timeline.zoomIn(0.5));
  $("zoom-out").addEventListener("click", () => timeline.zoomOut(0.5));
  $("fit").addEventListener("click", () => fitAll(true));

  window.timelineApp = { timeline, items, groups, state, openEvent };
  loadWindow(params.get("start"), params.get("end"), true);
  loadUndated();
})();
