'use strict';
// 守望 · routine care (issue 11): 今日关爱任务 (what is due and overdue, one tap from recording a contact), the
// recording sheet, the elder page's care timeline and four-party agreement, and the supervision page.
(() => {
  const { el, api, say, time, field, form, values } = SW;
  const NEEDS = [['HEALTH', '健康'], ['DAILY_LIVING', '生活起居'], ['SAFETY_HAZARD', '安全隐患'], ['EMOTIONAL', '精神慰藉'],
    ['OTHER', '其他']];
  const KINDS = { VISIT: '上门', PHONE: '电话', OTHER: '其他' };
  const STATUSES = [['DRAFT', '草拟'], ['SIGNED', '已签订'], ['ENDED', '已终止']];
  const URGENT = { OVERDUE: 0, DUE: 1, MET: 2, SUSPENDED: 3, UPCOMING: 4 };

  // A key for one opening of the sheet: a double tap on 保存 sends it twice and the server writes one record.
  function requestKey() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  const pct = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`);
  const minutes = (s) => (s === null || s === undefined ? '—' : s < 60 ? `${Math.round(s)} 秒`
    : s < 3600 ? `${(s / 60).toFixed(1)} 分钟` : `${(s / 3600).toFixed(1)} 小时`);

  function dutyLine(i) {
    const when = i.period === 'DAY' ? (i.start === i.end && i.state !== 'OVERDUE' ? '今日' : i.start.slice(5))
      : `本周 ${i.start.slice(5)}～${i.end.slice(5)}`;
    return el('li', { class: `duty duty-${i.state}`, 'data-role': i.role, 'data-state': i.state, 'data-period': i.period },
      el('span', { class: 'role' }, i.roleLabel), ' ',
      el('span', {}, `${i.assignee || '未指定'} · ${when} ${i.done}/${i.required}`), ' ',
      el('strong', { class: 'duty-state' }, i.stateLabel),
      i.extremeWeather ? el('small', { class: 'warn' }, ' 极端天气每日联系') : null);
  }

  // The running periods one line each, then the overdue ones one line per role and person ("逾期 3 天"), so a
  // week of missed neighbour calls does not push today's duties off the screen.
  function dutyList(items) {
    const current = items.filter((i) => i.state !== 'OVERDUE');
    const groups = new Map();
    items.filter((i) => i.state === 'OVERDUE').forEach((i) => {
      const key = `${i.role}/${i.period}/${i.assigneeContactId}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    });
    const overdue = [...groups.values()].map((g) => {
      const first = g[0];
      const from = g.map((i) => i.start).sort()[0];
      const to = g.map((i) => i.end).sort().slice(-1)[0];
      return el('li', { class: 'duty duty-OVERDUE', 'data-role': first.role, 'data-state': 'OVERDUE', 'data-period': first.period },
        el('span', { class: 'role' }, first.roleLabel), ' ',
        el('span', {}, `${first.assignee || '未指定'} · ${from.slice(5)}～${to.slice(5)}`), ' ',
        el('strong', { class: 'duty-state' }, `逾期 ${g.length} ${first.period === 'DAY' ? '天' : '周'}`));
    });
    return el('ul', { class: 'duties' }, current.map(dutyLine), overdue);
  }

  // ---- the recording sheet: optional text, needs chips, follow-up, save ----
  function openSheet(elder, kind, onSaved) {
    document.querySelectorAll('.sheet').forEach((s) => s.remove());
    const key = requestKey();
    const content = el('textarea', { name: 'content', maxlength: '500', rows: '2', placeholder: '服务内容（可不填）',
      'aria-label': '服务内容' });
    const chips = el('div', { class: 'chips', role: 'group', 'aria-label': '发现的需求' }, NEEDS.map(([code, label]) =>
      el('button', { type: 'button', class: 'chip', 'data-need': code, 'aria-pressed': 'false',
        onclick: (e) => e.currentTarget.setAttribute('aria-pressed',
          String(e.currentTarget.getAttribute('aria-pressed') !== 'true')) }, label)));
    const followUp = el('input', { type: 'checkbox', name: 'followUp' });
    const on = (elder.helpers || []).filter((h) => h.contactId);
    const who = on.length ? el('select', { name: 'contactId', 'aria-label': '服务人' },
      el('option', { value: '' }, '本人'), on.map((h) => el('option', { value: String(h.contactId) },
        `${h.roleLabel} ${h.name}（代记）`))) : null;
    const save = el('button', { type: 'button', class: 'primary', 'data-action': 'save' }, '保存');
    const title = `sheet-title-${elder.id}`;
    const sheet = el('div', { class: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': title },
      el('div', { class: 'sheet-body' },
        el('h3', { id: title }, `${KINDS[kind]} · ${elder.name}`),
        content, chips,
        el('label', { class: 'check' }, followUp, ' 需要跟进'),
        who ? field('服务人', who) : null,
        el('p', { class: 'error', role: 'alert' }),
        el('div', { class: 'actions' }, save,
          el('button', { type: 'button', onclick: () => close() }, '取消'))));
    const close = () => { sheet.remove(); document.removeEventListener('keydown', esc); };
    const esc = (e) => { if (e.key === 'Escape') close(); };
    document.addEventListener('keydown', esc);
    save.addEventListener('click', async () => {
      save.disabled = true;
      const body = { kind, requestKey: key, content: content.value.trim() || undefined,
        needs: [...chips.querySelectorAll('[aria-pressed="true"]')].map((b) => b.dataset.need),
        followUp: followUp.checked };
      if (who && who.value) body.contactId = Number(who.value);
      try {
        const saved = await api(`/api/elders/${elder.id}/care-records`, { body });
        close();
        say(`已记录：${elder.name} ${saved.kindLabel}（${saved.carerName}）`);
        onSaved(saved);
      } catch (e) {
        sheet.querySelector('.error').textContent = e.message;
        save.disabled = false;
      }
    });
    document.body.append(sheet);
    save.focus();
    return sheet;
  }

  function contactButtons(elder, onSaved) {
    return el('div', { class: 'actions contact-buttons' },
      el('button', { type: 'button', class: 'primary', 'data-kind': 'VISIT', onclick: () => openSheet(elder, 'VISIT', onSaved) }, '上门'),
      el('button', { type: 'button', class: 'primary', 'data-kind': 'PHONE', onclick: () => openSheet(elder, 'PHONE', onSaved) }, '电话'),
      el('button', { type: 'button', 'data-kind': 'OTHER', onclick: () => openSheet(elder, 'OTHER', onSaved) }, '其他'));
  }

  // Duty items grouped by elder, most urgent elder first; the care-team members on the elder's duties are the
  // people a contact can be recorded for (a neighbour who phoned it in).
  function byElder(items) {
    const elders = new Map();
    items.forEach((i) => {
      if (!elders.has(i.elderId)) {
        elders.set(i.elderId, { id: i.elderId, name: i.elderName, street: i.street, community: i.community,
          keyElder: i.keyElder, items: [], helpers: [] });
      }
      const e = elders.get(i.elderId);
      e.items.push(i);
      if (i.role !== 'COMMUNITY_WORKER' && i.assigneeContactId && !e.helpers.some((h) => h.contactId === i.assigneeContactId)) {
        e.helpers.push({ contactId: i.assigneeContactId, name: i.assignee, roleLabel: i.roleLabel });
      }
    });
    const urgency = (e) => Math.min(...e.items.map((i) => URGENT[i.state]));
    return [...elders.values()].sort((a, b) => urgency(a) - urgency(b) || a.community.localeCompare(b.community, 'zh')
      || a.name.localeCompare(b.name, 'zh'));
  }

  // ---- 今日关爱任务 ----
  SW.route(/^\/care$/, async (page) => {
    const box = el('div', { id: 'care-tasks' });
    const summary = el('p', { class: 'muted', id: 'care-summary' });
    async function load() {
      const d = await api('/api/duties');
      const elders = byElder(d.items);
      summary.textContent = `${d.date} · ${elders.length} 位老人 · 待完成 ${d.items.filter((i) => i.state === 'DUE').length} 项`
        + ` · 已逾期 ${d.items.filter((i) => i.state === 'OVERDUE').length} 项`;
      SW.put(box, elders.length ? el('ul', { class: 'care-list' }, elders.map((e) => el('li', {
        class: `care-elder${e.items.some((i) => i.state === 'OVERDUE') ? ' has-overdue' : ''}`, 'data-elder': String(e.id) },
      el('div', { class: 'heading' }, el('a', { href: `#/elder/${e.id}` }, el('strong', {}, e.name)),
        e.keyElder ? el('span', { class: 'tag' }, '重点老人') : null,
        el('span', { class: 'muted' }, e.community)),
      dutyList(e.items),
      contactButtons(e, () => load())))) : el('p', { class: 'empty' }, '今天没有关爱任务。'));
    }
    SW.add(page, el('h2', {}, '今日关爱任务'), summary, box);
    await load();
  });

  // ---- the elder page: this elder's duties, contacts and incidents on one timeline, the agreement ----
  function timelineList(entries) {
    if (!entries.length) return el('p', { class: 'muted' }, '近期没有关爱联系或事件');
    return el('ol', { class: 'timeline care-timeline', 'aria-label': '关爱联系与事件' }, entries.map((t) => {
      if (t.type === 'CARE_RECORD') {
        const r = t.record;
        return el('li', { class: 'tl-CARE' }, el('time', { datetime: r.at }, time(r.at)),
          el('strong', {}, `关爱联系：${r.kindLabel}`), `（${r.carerName}，${r.roleLabel}）`,
          r.content ? `：${r.content}` : '',
          r.needs.length ? el('span', { class: 'warn' }, ` 需求：${r.needs.map((n) => n.label).join('、')}`) : null,
          r.needsNote ? ` ${r.needsNote}` : '', r.followUp ? el('span', { class: 'tag' }, '需跟进') : null);
      }
      const i = t.incident;
      const state = i.state === 'resolved' ? `已办结：${i.outcome || ''}` : i.state === 'acknowledged' ? '处置中' : '待处置';
      return el('li', { class: 'tl-INCIDENT' }, el('time', { datetime: i.openedAt }, time(i.openedAt)),
        el('strong', {}, '事件：'), el('a', { href: `#/incident/${i.id}` }, `${i.code} ${i.ruleLabel}`), `（${state}）`);
    }));
  }

  function elderCare(elder) {
    const duties = el('div', {}, el('p', { class: 'muted' }, '正在加载……'));
    const timeline = el('div');
    async function load() {
      try {
        const [d, t] = await Promise.all([api(`/api/duties?elderId=${elder.id}`), api(`/api/elders/${elder.id}/timeline`)]);
        const helpers = byElder(d.items)[0];
        const who = { id: elder.id, name: elder.name, helpers: helpers ? helpers.helpers : [] };
        SW.put(duties, d.items.length ? dutyList(d.items)
          : el('p', { class: 'muted' }, '该老人目前没有联系任务（非重点老人且未签四方协议）'), contactButtons(who, () => load()));
        SW.put(timeline, timelineList(t.entries));
      } catch (e) {
        SW.put(duties, el('p', { class: 'error' }, e.message));
      }
    }
    load();
    return el('section', { 'aria-labelledby': 'h-care' }, el('h3', { id: 'h-care' }, '关爱任务与联系记录'), duties,
      el('h4', {}, '近 31 天关爱联系与事件'), timeline,
      el('p', {}, el('a', { href: `/api/care-records/export?elderId=${elder.id}`, download: '' }, '导出服务记录卡（.xlsx）')));
  }

  function agreementSection(elder) {
    const box = el('div', {}, el('p', { class: 'muted' }, '正在加载……'));
    const workers = elder.contacts.filter((c) => c.role === 'COMMUNITY_WORKER');
    const neighbours = elder.contacts.filter((c) => c.role === 'NEIGHBOUR_VOLUNTEER');
    const options = (list, chosen) => [el('option', { value: '' }, '未指定'),
      ...list.map((c) => el('option', { value: String(c.id), selected: c.id === chosen }, c.name))];
    async function load() {
      let a = null;
      try { a = await api(`/api/elders/${elder.id}/agreement`); } catch (e) {
        if (e.status !== 404) { SW.put(box, el('p', { class: 'error' }, e.message)); return; }
      }
      const mayDecide = SW.can('STREET', 'DISTRICT');
      const locked = !mayDecide && a && a.status !== 'DRAFT';
      const status = el('select', { name: 'status', disabled: locked }, STATUSES
        .filter(([v]) => mayDecide || v === 'DRAFT' || (a && a.status === v))
        .map(([v, l]) => el('option', { value: v, selected: a ? a.status === v : v === 'DRAFT' }, l)));
      const f = form(async (formEl) => {
        const body = values(formEl);
        ['communityWorkerId', 'neighbourId'].forEach((k) => { if (body[k]) body[k] = Number(body[k]); });
        await api(`/api/elders/${elder.id}/agreement`, { method: 'PUT', body });
        say('四方协议已保存');
        load();
      },
      field('状态', status),
      field('甲方街道签约人', el('input', { name: 'streetRepresentative', maxlength: '50', value: a ? a.streetRepresentative || '' : '' })),
      field('乙方社区工作者', el('select', { name: 'communityWorkerId' }, options(workers, a && a.communityWorkerId))),
      field('丙方邻里/志愿者', el('select', { name: 'neighbourId' }, options(neighbours, a && a.neighbourId))),
      field('健康状况', el('input', { name: 'healthStatus', maxlength: '200', value: a ? a.healthStatus || '' : '' })),
      field('签订日期', el('input', { name: 'signedOn', type: 'date', value: a && a.signedOn ? a.signedOn : '' })),
      field('终止日期', el('input', { name: 'endedOn', type: 'date', value: a && a.endedOn ? a.endedOn : '' })),
      locked ? null : el('button', { type: 'submit', class: 'primary' }, a ? '保存协议' : '草拟协议'));
      const scan = el('input', { type: 'file', accept: 'application/pdf,image/jpeg,image/png', 'aria-label': '签字协议扫描件' });
      scan.addEventListener('change', async () => {
        const file = scan.files[0];
        if (!file) return;
        try {
          await api(`/api/elders/${elder.id}/agreement/scan`, { method: 'PUT', raw: file, contentType: file.type || 'application/octet-stream' });
          say('扫描件已上传');
          load();
        } catch (e) { say(e.message, true); }
      });
      SW.put(box,
        a ? el('p', { class: 'state' }, `${a.statusLabel}${a.signedOn ? ` · 签订于 ${a.signedOn}` : ''}`,
          el('small', { class: 'muted' }, `（${a.recordedBy} 记录于 ${time(a.recordedAt)}）`)) : el('p', { class: 'warn' }, '尚未登记四方协议'),
        !mayDecide ? el('p', { class: 'muted' }, '协议由街道签订：社区工作者可草拟，签订与终止由街道人员登记。') : null,
        f,
        a ? el('div', { class: 'actions' },
          el('a', { class: 'button', href: `/api/elders/${elder.id}/agreement.docx`, download: '' }, '生成协议文本（.docx）'),
          a.hasScan ? el('a', { class: 'button', href: `/api/elders/${elder.id}/agreement/scan`, download: '' }, '下载扫描件') : null,
          el('label', { class: 'field' }, el('span', {}, a.hasScan ? '更换扫描件' : '上传签字扫描件'), scan)) : null);
    }
    load();
    return el('section', { 'aria-labelledby': 'h-agreement' }, el('h3', { id: 'h-agreement' }, '四方关爱协议'), box);
  }

  // ---- supervision (街道监管 / 区督查) ----
  SW.route(/^\/supervision$/, async (page) => {
    const streets = await api('/api/streets');
    const me = SW.state.me;
    const street = el('select', { name: 'street', 'aria-label': '街道' },
      SW.can('DISTRICT') ? el('option', { value: '' }, '全区') : null,
      streets.map((s) => el('option', { value: s.name, selected: s.name === me.street }, s.name)));
    const community = el('select', { name: 'community', 'aria-label': '社区' });
    const fillCommunities = () => {
      const s = streets.find((x) => x.name === street.value);
      SW.put(community, el('option', { value: '' }, '全部社区'), (s ? s.communities : []).map((c) => el('option', { value: c }, c)));
    };
    fillCommunities();
    const week = el('input', { type: 'week', name: 'week', 'aria-label': '周次' });
    const month = el('input', { type: 'month', name: 'month', 'aria-label': '月份' });
    const out = el('div', { id: 'supervision' });
    const query = (extra) => {
      const p = new URLSearchParams();
      if (street.value) p.set('street', street.value);
      if (community.value) p.set('community', community.value);
      Object.entries(extra || {}).forEach(([k, v]) => { if (v) p.set(k, v); });
      return p.toString();
    };
    async function load() {
      try {
        const [c, r] = await Promise.all([api(`/api/compliance?${query({ week: week.value })}`),
          api(`/api/response-times?${query({ month: month.value })}`)]);
        if (!week.value) week.value = c.week;
        if (!month.value) month.value = r.month;
        render(c, r);
      } catch (e) {
        SW.put(out, el('p', { class: 'error', role: 'alert' }, e.message));
      }
    }
    const table = (headers, rows) => el('table', { class: 'list cards' }, el('thead', {}, el('tr', {},
      headers.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, rows));
    function render(c, r) {
      const year = c.monday.slice(0, 4);
      const quarter = Math.floor((Number(c.monday.slice(5, 7)) - 1) / 3) + 1;
      const reportStreet = street.value || '';
      SW.put(out,
        el('p', { class: 'state', id: 'compliance-total' }, `${c.week}（${c.monday} 至 ${c.sunday}）联系任务完成 ${c.met}/${c.due}，完成率 ${pct(c.rate)}`),
        el('section', {}, el('h3', {}, '近 12 周完成率'), el('div', { class: 'chart-box' }, SW.trendChart(c.trend))),
        el('section', {}, el('h3', {}, '各社区'), c.communities.length ? table(['街道', '社区', '完成/应完成', '完成率'],
          c.communities.map((x) => el('tr', {}, el('td', { 'data-label': '街道' }, x.street), el('td', { 'data-label': '社区' }, x.community),
            el('td', { 'data-label': '完成/应完成' }, `${x.met}/${x.due}`), el('td', { 'data-label': '完成率' }, pct(x.rate)))))
          : el('p', { class: 'muted' }, '本周尚无到期的联系任务')),
        el('section', {}, el('h3', {}, '各责任人'), c.people.length ? table(['社区', '角色', '责任人', '完成/应完成', '完成率'],
          c.people.map((x) => el('tr', {}, el('td', { 'data-label': '社区' }, x.community), el('td', { 'data-label': '角色' }, x.roleLabel),
            el('td', { 'data-label': '责任人' }, x.person), el('td', { 'data-label': '完成/应完成' }, `${x.met}/${x.due}`),
            el('td', { 'data-label': '完成率' }, pct(x.rate))))) : el('p', { class: 'muted' }, '无')),
        el('section', {}, el('h3', {}, `未签四方协议的重点老人（${c.withoutAgreement.length}）`), c.withoutAgreement.length
          ? el('ul', { id: 'unsigned' }, c.withoutAgreement.map((u) => el('li', {}, el('a', { href: `#/elder/${u.elderId}` }, u.name),
            ` ${u.community} · ${u.statusLabel}`))) : el('p', { class: 'muted' }, '全部已签订')),
        el('section', {}, el('h3', {}, `逾期未联系（${c.overdue.length}）`), c.overdue.length
          ? el('ul', { class: 'duties', id: 'overdue' }, c.overdue.map((i) => el('li', { class: 'duty duty-OVERDUE' },
            el('a', { href: `#/elder/${i.elderId}` }, i.elderName), ` ${i.community} · ${i.roleLabel} ${i.assignee || '未指定'} · `
            + `${i.start === i.end ? i.start : `${i.start}～${i.end}`} ${i.done}/${i.required}`)))
          : el('p', { class: 'muted' }, '没有逾期的联系任务')),
        el('section', {}, el('h3', {}, `未送达的关爱短信（近7天，${(c.undelivered || []).length}）`), (c.undelivered || []).length
          ? el('ul', { id: 'undelivered' }, c.undelivered.map((m) => el('li', { class: 'duty duty-OVERDUE' },
            el('a', { href: `#/elder/${m.elderId}` }, m.elderName), ` · ${m.kindLabel}${m.roleLabel ? ` · ${m.roleLabel}` : ''}`
            + ` · ${m.recipient} · ${m.createdAtLocal}（${m.error || '未送达'}）`)))
          : el('p', { class: 'muted' }, '全部送达')),
        el('section', {}, el('h3', {}, `${r.month} 响应情况（不含设备故障）`),
          el('dl', { class: 'facts-list', id: 'response-times' },
            [['事件数', r.incidents], ['已确认', r.acknowledged],
              ['报警→确认 中位数', minutes(r.acknowledgeMedianSeconds)], ['报警→确认 90%', minutes(r.acknowledgeP90Seconds)],
              ['已到达现场', r.arrived], ['确认→到达 中位数', minutes(r.arrivalMedianSeconds)],
              ['确认→到达 90%', minutes(r.arrivalP90Seconds)]].map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]))),
        el('section', {}, el('h3', {}, '导出'), el('div', { class: 'actions' },
          el('a', { class: 'button', download: '', href: `/api/care-records/export?${query({ from: c.monday, to: c.sunday })}` },
            '本周服务记录卡（.xlsx）'),
          reportStreet ? el('a', { class: 'button', download: '',
            href: `/api/compliance/report?street=${encodeURIComponent(reportStreet)}&year=${year}&quarter=${quarter}` },
          `${year} 年第 ${quarter} 季度督查报表（.xlsx）`) : el('span', { class: 'muted' }, '选择街道后可导出季度督查报表'))));
    }
    street.addEventListener('change', () => { fillCommunities(); load(); });
    [community, week, month].forEach((x) => x.addEventListener('change', load));
    SW.add(page, el('h2', {}, '关爱督查'), el('div', { class: 'form' }, field('街道', street), field('社区', community),
      field('周次', week), field('响应统计月份', month)), out);
    await load();
  });

  SW.care = { elderCare, agreementSection, openSheet };
})();
