'use strict';
// 守望 · 事件处置台: polls the incident queue (SSE arrives with issue 6), acknowledges and resolves.
(() => {
  const POLL_MS = 5000;
  const OUTCOMES = ['老人安全', '误报', '设备故障', '已送医', '其他'];
  const CAPTIONS = { open: '待处置事件', acknowledged: '处置中事件', resolved: '已办结事件' };
  const COLUMNS = ['严重程度', '老人', '街道/社区', '事件类型', '发生时间', '状态'];
  const WORDS = { system: '系统', console: '控制台', voice: '语音电话', sms: '短信' };
  const view = { state: 'open', expanded: new Set(), drafts: new Map(), details: new Map() };
  const $ = (id) => document.getElementById(id);

  // Builds elements with textContent only, so nothing from the server is ever parsed as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null) node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : String(c ?? '')));
    return node;
  }

  async function api(path, body) {
    const options = body === undefined ? {} :
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    const res = await fetch(path, options);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error || `请求失败（${res.status}）`);
    return json;
  }

  const time = (iso) => iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';

  function say(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', Boolean(isError));
  }

  function actor() {
    const name = $('actor').value.trim();
    return name ? { actor: name } : {};
  }

  function stateText(i) {
    if (i.state === 'acknowledged') return `处置中（${i.acknowledgedBy || ''}）`;
    if (i.state === 'resolved') return `已办结：${i.outcome || ''}`;
    return '待处置';
  }

  function cells(i) {
    const elder = i.elder || {};
    const values = [el('span', { class: `sev sev-${i.severity}` }, i.severityLabel), elder.name,
      `${elder.street || ''} / ${elder.community || ''}`, i.ruleLabel,
      el('time', { datetime: i.openedAt }, time(i.openedAt)), stateText(i)];
    return values.map((v, n) => el('td', { 'data-label': COLUMNS[n] }, v));
  }

  function actions(i) {
    const td = el('td', { class: 'actions' });
    if (i.state === 'open') {
      td.append(el('button', { type: 'button', class: 'primary', 'data-key': `ack-${i.id}`,
        onclick: (e) => act(e.target, `/api/incidents/${i.id}/ack`, actor(), `已确认接手 ${i.code}`) }, '确认接手'));
    } else if (i.state === 'acknowledged') {
      td.append(...resolveForm(i));
    }
    const open = view.expanded.has(i.id);
    td.append(el('button', { type: 'button', 'data-key': `detail-${i.id}`, 'aria-expanded': String(open),
      'aria-controls': `detail-${i.id}`, onclick: () => toggle(i.id) }, open ? '收起' : '详情'));
    return td;
  }

  function resolveForm(i) {
    const draft = view.drafts.get(i.id) || { outcome: '', note: '' };
    const keep = () => view.drafts.set(i.id, { outcome: select.value, note: note.value });
    const select = el('select', { 'aria-label': `${i.code} 处置结果`, 'data-key': `outcome-${i.id}`, onchange: keep },
      el('option', { value: '' }, '选择处置结果'), OUTCOMES.map((o) => el('option', { value: o }, o)));
    select.value = draft.outcome;
    const note = el('input', { type: 'text', maxlength: '500', placeholder: '备注（可选）',
      'aria-label': `${i.code} 备注`, 'data-key': `note-${i.id}`, oninput: keep });
    note.value = draft.note;
    const done = el('button', { type: 'button', class: 'primary', 'data-key': `resolve-${i.id}`, onclick: (e) => {
      if (!select.value) { say('请先选择处置结果', true); select.focus(); return; }
      const body = { ...actor(), outcome: select.value, note: note.value.trim() || undefined };
      act(e.target, `/api/incidents/${i.id}/resolve`, body, `已办结 ${i.code}：${select.value}`)
        .then((ok) => ok && view.drafts.delete(i.id));
    } }, '办结');
    return [select, note, done];
  }

  function detailRow(id) {
    const d = view.details.get(id);
    const td = el('td', { colspan: String(COLUMNS.length + 1) });
    if (!d) {
      td.append('正在加载……');
    } else {
      const elder = d.elder || {};
      td.append(el('p', { class: 'facts' }, `${d.code} · 住址 ${elder.address || ''} · 电话 ${elder.phone || '无'}`),
        el('ol', { class: 'timeline', 'aria-label': '事件经过' }, d.timeline.map((t) => el('li', {},
          el('time', { datetime: t.at }, time(t.at)), `${t.kindLabel}（${WORDS[t.actor] || t.actor || '系统'}）`,
          t.detail ? `：${WORDS[t.detail] || t.detail}` : ''))));
    }
    return el('tr', { class: 'detail', id: `detail-${id}` }, td);
  }

  function render(incidents) {
    const focused = document.activeElement && document.activeElement.dataset.key;
    const rows = incidents.flatMap((i) => {
      const tr = el('tr', {}, cells(i), actions(i));
      return view.expanded.has(i.id) ? [tr, detailRow(i.id)] : [tr];
    });
    $('rows').replaceChildren(...rows);
    $('empty').hidden = incidents.length > 0;
    // A keyboard user keeps their place across the periodic refresh.
    const again = focused && document.querySelector(`[data-key="${focused}"]`);
    if (again) again.focus();
  }

  let last = [];
  let offline = false;
  async function refresh(force) {
    try {
      const open = await api('/api/incidents?state=open');
      last = view.state === 'open' ? open : await api(`/api/incidents?state=${view.state}`);
      await Promise.all([...view.expanded].map(loadDetail));
      $('open-count').textContent = open.length ? String(open.length) : '';
      document.title = `${open.length ? `(${open.length}) ` : ''}守望 · 事件处置台`;
      if (force || !typing()) render(last);
      $('refreshed').textContent = `${new Date().toLocaleTimeString('zh-CN')} 已刷新，每 ${POLL_MS / 1000} 秒自动刷新`;
      if (offline) say('已恢复连接');
      offline = false;
    } catch (e) {
      offline = true;
      say(`无法获取事件，稍后自动重试：${e.message}`, true);
    }
  }

  // Rebuilding the table would close an open list or drop the caret mid-word; wait for the next poll.
  function typing() {
    const a = document.activeElement;
    return a && $('rows').contains(a) && (a.tagName === 'SELECT' || a.tagName === 'INPUT');
  }

  async function loadDetail(id) {
    try {
      view.details.set(id, await api(`/api/incidents/${id}`));
    } catch (e) {
      view.expanded.delete(id);
    }
  }

  async function toggle(id) {
    if (view.expanded.delete(id)) {
      render(last);
      return;
    }
    view.expanded.add(id);
    render(last);
    await loadDetail(id);
    render(last);
  }

  async function act(button, path, body, done) {
    button.disabled = true;
    try {
      await api(path, body);
      say(done);
      return true;
    } catch (e) {
      say(e.message, true);
      return false;
    } finally {
      button.disabled = false;
      await refresh(true);
    }
  }

  function showState(state) {
    view.state = state;
    document.querySelectorAll('.tabs button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.state === state)));
    $('caption').textContent = CAPTIONS[state];
    last = [];
    render(last);
    $('empty').hidden = true;
    refresh();
  }

  document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => showState(b.dataset.state)));
  $('actor').value = localStorage.getItem('shouwang.actor') || '';
  $('actor').addEventListener('change', () => localStorage.setItem('shouwang.actor', $('actor').value.trim()));
  refresh();
  setInterval(() => { if (!document.hidden) refresh(); }, POLL_MS);
})();
