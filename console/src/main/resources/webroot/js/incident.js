'use strict';
// 守望 · one incident: what happened, the elder and the care team to call, seven days of water use,
// the whole timeline (pages and their delivery included), acknowledge, resolve, service-record notes.
(() => {
  const { el, api, say, time, since, phone, provider } = SW;
  const WORDS = { system: '系统', console: '控制台', voice: '语音电话', sms: '短信' };

  // An elder fact that is masked for this role can be shown in clear, once, with a line in the audit log.
  function revealable(elderId, fieldName, label, value) {
    const out = el('span', { class: 'masked' }, value || '无');
    const button = el('button', { type: 'button', class: 'link', onclick: async () => {
      if (!confirm(`查看完整${label}会记录在审计日志中，确定继续吗？`)) return;
      try {
        const r = await api(`/api/elders/${elderId}/reveal`, { body: { field: fieldName } });
        out.textContent = r.value || '无';
        out.classList.remove('masked');
        button.remove();
      } catch (e) { say(e.message, true); }
    } }, `显示${label}`);
    return el('span', {}, out, ' ', value ? button : null);
  }
  SW.revealable = revealable;

  function elderFacts(elder) {
    const facts = [
      ['姓名', el('a', { href: `#/elder/${elder.id}` }, elder.name)],
      ['年龄', elder.age === null || elder.age === undefined ? '未知' : `${elder.age} 岁`],
      ['重点老人', elder.keyElder ? `是（${elder.keyElderBasis}）` : '否'],
      ['街道/社区', `${elder.street} ${elder.community}`],
      ['住址', elder.addressMasked ? revealable(elder.id, 'address', '住址', elder.address) : elder.address],
      ['电话', elder.phoneMasked ? revealable(elder.id, 'phone', '电话', elder.phone) : phone(elder.phone, false)],
      ['身份证号', revealable(elder.id, 'idNumber', '身份证号', elder.idNumber)],
    ];
    return el('dl', { class: 'facts-list' }, facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  function careTeam(contacts) {
    if (!contacts || !contacts.length) return el('p', { class: 'muted' }, '尚未登记照护人员');
    return el('ul', { class: 'team' }, contacts.map((c) => el('li', {},
      el('span', { class: 'role' }, c.roleLabel), ` ${c.name} `, phone(c.phone, c.phoneMasked), ' ',
      provider(c.provider))));
  }

  function timeline(entries) {
    return el('ol', { class: 'timeline', 'aria-label': '事件经过' }, entries.map((t) => el('li', { class: `tl-${t.kind}` },
      el('time', { datetime: t.at }, time(t.at)), el('strong', {}, t.kindLabel),
      t.actor && t.kind !== 'PAGE' ? `（${WORDS[t.actor] || t.actor}）` : '',
      t.detail ? `：${WORDS[t.detail] || t.detail}` : '')));
  }

  SW.route(/^\/incident\/(\d+)$/, async (page, id) => {
    async function render() {
      const d = await api(`/api/incidents/${id}`);
      const actions = el('div', { class: 'actions' });
      if (d.state === 'open') {
        actions.append(el('button', { type: 'button', class: 'primary', onclick: async (e) => {
          if (await SW.live.acknowledge(d.id, e.target)) render();
        } }, '确认接手'));
      }
      if (d.state !== 'resolved') {
        actions.append(el('button', { type: 'button', 'data-action': 'arrive', onclick: async (e) => {
          e.target.disabled = true;
          try {
            await api(`/api/incidents/${d.id}/arrive`, { body: {} });
            say('已记录到达现场');
            render();
          } catch (err) { say(err.message, true); e.target.disabled = false; }
        } }, d.arrivedAt ? '再次到达' : '到达现场'));
        actions.append(SW.live.resolveForm(d, () => render(), true));
      }
      const state = d.state === 'resolved' ? `已办结：${d.outcome}（${d.resolvedBy}，${time(d.resolvedAt)}）`
        : d.state === 'acknowledged' ? `处置中：${d.acknowledgedBy} 于 ${time(d.acknowledgedAt)} 确认接手` : '待处置';
      const chartBox = el('div', { class: 'chart-box' }, el('p', { class: 'muted' }, '正在加载用水数据……'));
      const note = el('input', { name: 'note', maxlength: '500', required: true, 'aria-label': '服务记录内容',
        placeholder: '如：已电话联系老人，平安' });
      const notes = SW.form(async () => {
        await api(`/api/incidents/${d.id}/notes`, { body: { note: note.value } });
        say('服务记录已保存');
        render();
      }, note, el('button', { type: 'submit' }, '添加服务记录'));
      SW.put(page, 
        el('p', {}, el('a', { href: '#/' }, '← 返回事件队列')),
        el('div', { class: 'heading' }, el('h2', {}, `${d.code} ${d.ruleLabel}`),
          el('span', { class: `sev sev-${d.severity}` }, d.severityLabel)),
        el('p', { class: 'state' }, `${state} · 发生于 ${time(d.openedAt)}（${since(d.openedAt)}）`
          + (d.arrivedAt ? ` · ${d.arrivedBy} 于 ${time(d.arrivedAt)} 到达现场` : '')),
        actions,
        el('div', { class: 'columns' },
          el('section', { 'aria-labelledby': 'h-elder' }, el('h3', { id: 'h-elder' }, '老人信息'),
            d.elder ? elderFacts(d.elder) : el('p', {}, '未找到老人档案'),
            el('h3', {}, '照护团队'), careTeam(d.elder && d.elder.contacts)),
          el('section', { 'aria-labelledby': 'h-timeline' }, el('h3', { id: 'h-timeline' }, '事件经过'),
            timeline(d.timeline), notes)),
        el('section', { 'aria-labelledby': 'h-water' }, el('h3', { id: 'h-water' }, '近 7 天用水量（每小时）'), chartBox));
      if (d.elder) {
        api(`/api/elders/${d.elder.id}/water`).then((w) => SW.put(chartBox, SW.waterChart(w),
          el('p', { class: 'muted' }, `7 天共用水 ${w.totalLiters} 升`)))
          .catch((e) => SW.put(chartBox, el('p', { class: 'error' }, e.message)));
      }
    }
    await render();
    const listener = { resync() {}, update(i) { if (String(i.id) === id) render(); } };
    SW.live.listeners.add(listener);
    return { leave: () => SW.live.listeners.delete(listener) };
  });

  SW.elderFacts = elderFacts;
  SW.careTeam = careTeam;
})();
