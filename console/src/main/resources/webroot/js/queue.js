'use strict';
// 守望 · the live incident queue: one EventSource for the whole page (the alarm sounds on any page),
// the queue view with acknowledge and resolve in one or two clicks.
(() => {
  const { el, api, say, since, time, $ } = SW;
  const OUTCOMES = ['老人安全', '误报', '设备故障', '已送医', '其他'];
  const TABS = [['open', '待处置'], ['acknowledged', '处置中'], ['resolved', '已办结']];
  const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, TECHNICAL: 3 };

  // ---- the live stream, shared by every page ----
  const live = { source: null, listeners: new Set(), open: new Set(), connected: false };

  function connect() {
    if (live.source) live.source.close();
    live.source = new EventSource('/api/incidents/stream');
    live.source.addEventListener('ready', () => {
      live.connected = true;
      connection();
      refreshCount();
      live.listeners.forEach((l) => l.resync());
    });
    live.source.addEventListener('incident', (e) => {
      const row = JSON.parse(e.data);
      const isNew = !live.open.has(row.id) && row.state === 'open' && row.change === 'opened';
      if (row.state === 'open') live.open.add(row.id); else live.open.delete(row.id);
      badge();
      if (isNew && row.severity === 'CRITICAL') alarm(row);
      // Someone took the alarming case: the banner has done its job.
      if (row.state !== 'open' && $('alarm').dataset.id === String(row.id)) $('alarm').hidden = true;
      live.listeners.forEach((l) => l.update(row, isNew));
    });
    live.source.onerror = () => {
      live.connected = false;
      connection();
      // A closed stream (401 after logout or expiry) is not retried by the browser: check the session.
      if (live.source.readyState === EventSource.CLOSED) setTimeout(() => SW.checkSession().then((ok) => ok && connect()), 3000);
    };
  }

  function stop() {
    if (live.source) live.source.close();
    live.source = null;
    live.open.clear();
    badge();
  }

  async function refreshCount() {
    try {
      const open = await api('/api/incidents?state=open');
      live.open = new Set(open.map((i) => i.id));
      badge();
    } catch (e) { /* the queue page reports errors itself */ }
  }

  function badge() {
    const n = live.open.size;
    $('open-count').textContent = n ? String(n) : '';
    document.title = `${n ? `(${n}) ` : ''}守望 · 事件处置台`;
  }

  function connection() {
    const c = $('live-state');
    if (c) c.textContent = live.connected ? '● 实时更新中' : '○ 连接中断，正在重连……';
    if (c) c.classList.toggle('error', !live.connected);
  }

  // A short two-tone beep (no sound file needed) and a banner that stays until dismissed.
  function alarm(row) {
    const elder = row.elder || {};
    const banner = $('alarm');
    SW.put(banner, el('strong', {}, '新的紧急事件！'), ` ${elder.name || ''} · ${row.ruleLabel} · ${elder.community || ''} `,
      el('a', { href: `#/incident/${row.id}` }, '查看'), ' ',
      el('button', { type: 'button', onclick: () => { banner.hidden = true; } }, '知道了'));
    banner.dataset.id = String(row.id);
    banner.hidden = false;
    banner.classList.remove('flash');
    void banner.offsetWidth;
    banner.classList.add('flash');
    try {
      const ctx = SW.audio || (SW.audio = new AudioContext());
      ctx.resume();
      [880, 660, 880].forEach((f, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = f;
        gain.gain.value = 0.15;
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + i * 0.25);
        osc.stop(ctx.currentTime + i * 0.25 + 0.2);
      });
    } catch (e) { /* no audio device: the banner is enough */ }
  }

  // ---- actions shared with the incident page ----
  async function acknowledge(id, button) {
    button.disabled = true;
    try {
      const done = await api(`/api/incidents/${id}/ack`, { body: {} });
      say(`已确认接手 ${done.code}`);
      return done;
    } catch (e) {
      say(e.message, true);
      return null;
    } finally {
      button.disabled = false;
    }
  }

  // withVisit: offer "resolved at the door", which also counts as the resolver's care contact (incident page).
  function resolveForm(incident, onDone, withVisit) {
    const select = el('select', { name: 'outcome', required: true, 'aria-label': `${incident.code} 处置结果` },
      el('option', { value: '' }, '选择处置结果'), OUTCOMES.map((o) => el('option', { value: o }, o)));
    const note = el('input', { name: 'note', maxlength: '500', placeholder: '服务记录（可选）',
      'aria-label': `${incident.code} 服务记录` });
    const visited = withVisit ? el('input', { type: 'checkbox', name: 'visited' }) : null;
    const f = SW.form(async () => {
      if (!select.value) { say('请先选择处置结果', true); select.focus(); return; }
      let done;
      try {
        // alertsSeen: the server refuses (409) if an alert arrived after this view was drawn, so it is seen first.
        done = await api(`/api/incidents/${incident.id}/resolve`,
          { body: { outcome: select.value, note: note.value.trim() || undefined,
            visited: visited ? visited.checked : undefined, alertsSeen: incident.alerts } });
      } catch (e) {
        if (e.status === 409 && e.body && typeof e.body.alerts === 'number') {
          say(e.message, true);
          onDone(null);
          return;
        }
        throw e;
      }
      say(`已办结 ${done.code}：${select.value}${done.careRecordId ? '，已计为一次上门联系' : ''}`);
      onDone(done);
    }, select, note, visited ? el('label', { class: 'check' }, visited, ' 已上门查看（计为关爱联系）') : null,
    el('button', { type: 'submit', class: 'primary' }, '办结'));
    f.classList.add('resolve');
    return f;
  }

  // ---- the queue page ----
  SW.route(/^\/$/, async (page) => {
    const view = { state: 'open', rows: new Map(), fresh: new Set() };
    const tabs = el('div', { class: 'tabs', role: 'group', 'aria-label': '按状态查看事件' },
      TABS.map(([s, label]) => el('button', { type: 'button', 'data-state': s, 'aria-pressed': String(s === view.state),
        onclick: () => { view.state = s; tabs.querySelectorAll('button').forEach((b) =>
          b.setAttribute('aria-pressed', String(b.dataset.state === s))); load(); } }, label)));
    const body = el('tbody', { id: 'rows' });
    const empty = el('p', { class: 'empty', hidden: true }, '当前没有此类事件。');
    SW.add(page, el('div', { class: 'heading' }, el('h2', {}, '事件队列'),
      el('span', { id: 'live-state', class: 'live' })), tabs,
    el('table', { class: 'queue cards' }, el('caption', { class: 'visually-hidden' }, '事件队列'),
      el('thead', {}, el('tr', {}, ['严重程度', '老人', '住址', '事件类型', '已发生', '已通知', '状态', '操作']
        .map((h) => el('th', { scope: 'col' }, h)))), body), empty);
    connection();

    function sorted() {
      const rows = [...view.rows.values()];
      if (view.state === 'resolved') return rows.sort((a, b) => (b.resolvedAt || '').localeCompare(a.resolvedAt || ''));
      return rows.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
        || a.openedAt.localeCompare(b.openedAt) || a.id - b.id);
    }

    function paged(i) {
      if (!i.paged || !i.paged.length) return el('span', { class: 'muted' }, '尚未通知');
      return el('ul', { class: 'paged' }, i.paged.map((p) =>
        el('li', {}, `${p.name}${p.roleLabel ? `（${p.roleLabel}）` : ''} ${p.channelLabel}：${p.statusLabel}`, when(p))));
    }

    // Delivered only on the provider's report; otherwise the time it was sent, said as such.
    function when(p) {
      if (p.deliveredAt) return el('time', { datetime: p.deliveredAt, class: 'muted' }, `（送达 ${time(p.deliveredAt)}）`);
      if (p.sentAt) return el('time', { datetime: p.sentAt, class: 'muted' }, `（发送 ${time(p.sentAt)}）`);
      return null;
    }

    function stateText(i) {
      if (i.state === 'acknowledged') return `处置中（${i.acknowledgedBy || ''}）`;
      if (i.state === 'resolved') return `已办结：${i.outcome || ''}`;
      return '待处置';
    }

    function row(i) {
      const elder = i.elder || {};
      const actions = el('td', { class: 'actions', 'data-label': '操作' });
      if (i.state === 'open') {
        actions.append(el('button', { type: 'button', class: 'primary', 'data-key': `ack-${i.id}`,
          onclick: async (e) => { const d = await acknowledge(i.id, e.target); if (d) load(); } }, '确认接手'));
      } else if (i.state === 'acknowledged') {
        actions.append(resolveForm(i, () => load()));
      }
      actions.append(el('a', { href: `#/incident/${i.id}`, class: 'button' }, '详情'));
      const tr = el('tr', { 'data-id': String(i.id), class: [`sev-row-${i.severity}`, view.fresh.has(i.id) ? 'flash' : '', i.unreached ? 'unreached' : '']
        .join(' ') },
      el('td', { 'data-label': '严重程度' }, el('span', { class: `sev sev-${i.severity}` }, i.severityLabel)),
      el('td', { 'data-label': '老人' }, el('a', { href: `#/incident/${i.id}` }, elder.name || '（未知）'),
        el('div', { class: 'muted' }, `${elder.street || ''} ${elder.community || ''}`)),
      el('td', { 'data-label': '住址' }, elder.address || ''),
      el('td', { 'data-label': '事件类型' }, i.ruleLabel),
      el('td', { 'data-label': '已发生' }, el('time', { datetime: i.openedAt, title: time(i.openedAt) }, since(i.openedAt))),
      el('td', { 'data-label': '已通知' }, i.unreached ? el('strong', { class: 'error' }, '最近一轮通知无人接通！') : null, paged(i)),
      el('td', { 'data-label': '状态' }, stateText(i)),
      actions);
      return tr;
    }

    function render() {
      // Keep a half-filled resolve form: re-rendering under someone's hands would lose their choice.
      const a = document.activeElement;
      if (a && body.contains(a) && (a.tagName === 'SELECT' || a.tagName === 'INPUT')) return;
      const focused = a && a.dataset && a.dataset.key;
      const rows = sorted();
      SW.put(body, ...rows.map(row));
      empty.hidden = rows.length > 0;
      const again = focused && body.querySelector(`[data-key="${focused}"]`);
      if (again) again.focus();
    }

    async function load() {
      try {
        const rows = await api(`/api/incidents?state=${view.state}`);
        view.rows = new Map(rows.map((r) => [r.id, r]));
        render();
      } catch (e) {
        say(`无法获取事件：${e.message}`, true);
      }
    }

    const listener = {
      resync: load,
      update(i, isNew) {
        if (i.state === view.state) view.rows.set(i.id, i); else view.rows.delete(i.id);
        if (isNew) {
          view.fresh.add(i.id);
          setTimeout(() => { view.fresh.delete(i.id); }, 10000);
          say(`新事件：${(i.elder || {}).name || ''} ${i.ruleLabel}`);
        }
        render();
      },
    };
    live.listeners.add(listener);
    const ticker = setInterval(render, 30000);
    await load();
    return { leave: () => { live.listeners.delete(listener); clearInterval(ticker); } };
  });

  SW.live = { connect, stop, listeners: live.listeners, acknowledge, resolveForm, OUTCOMES };
})();
