'use strict';
// 守望 · operations: the extreme-weather switch (rules API), the roster upload and export, accounts.
(() => {
  const { el, api, say, time, field, form, values, can } = SW;

  const isOn = (m) => Boolean(m.active ?? m.on ?? m.enabled ?? m.extreme);

  // ---- extreme weather (严寒酷暑): per street or district-wide ----
  SW.route(/^\/weather$/, async (page) => {
    const box = el('div');
    const history = el('div');
    async function load() {
      let w;
      try { w = await api('/api/weather'); } catch (e) {
        SW.put(box, el('p', { class: 'error' }, `极端天气模式暂不可用：${e.message}`));
        return;
      }
      const modes = Array.isArray(w) ? w : (w.streets || []);
      const district = Array.isArray(w) ? null : (w.district ?? null);
      const me = SW.state.me;
      SW.put(box, 
        district === null ? null : el('p', { class: district && isOn(district) ? 'warn' : '' },
          `全区：${district && isOn(district) ? '极端天气模式已开启' : '常规模式'}`),
        el('ul', { class: 'weather' }, modes.map((m) => {
          const street = m.street || m.name || '全区';
          const on = isOn(m);
          const inForce = m.inForce ?? on;
          const mine = can('DISTRICT') || (can('STREET') && street === me.street);
          const mode = on ? '极端天气模式（每日联系）' : inForce ? '极端天气模式（全区开启）' : '常规模式';
          return el('li', { class: inForce ? 'on' : '' }, el('strong', {}, street), ` ${mode} `,
            m.since || m.changedAt ? el('small', {}, `自 ${time(m.since || m.changedAt)}${m.changedBy ? `（${m.changedBy}）` : ''}`) : null, ' ',
            mine ? el('button', { type: 'button', class: on ? '' : 'primary', onclick: () => toggle(street === '全区' ? null : street, !on) },
              on ? '恢复常规' : '开启极端天气模式') : null);
        })),
        can('DISTRICT') ? el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'primary', onclick: () => toggle(null, true) }, '全区开启极端天气模式'),
          el('button', { type: 'button', onclick: () => toggle(null, false) }, '全区恢复常规')) : null,
        can('COMMUNITY_WORKER') ? el('p', { class: 'muted' }, '极端天气模式由街道或区级人员切换。') : null);
      try {
        const h = await api('/api/weather/history');
        SW.put(history, el('h3', {}, '切换记录'), el('ul', {}, (Array.isArray(h) ? h : []).map((x) =>
          el('li', {}, `${time(x.at || x.changedAt || x.since)} ${x.street || '全区'} ${isOn(x) ? '开启' : '关闭'} ${x.actor || x.by || ''}`))));
      } catch (e) { SW.put(history, ); }
    }
    async function toggle(street, on) {
      try {
        await api('/api/weather', { body: { street: street || undefined, on } });
        say(on ? '已开启极端天气模式' : '已恢复常规模式');
      } catch (e) { say(e.message, true); }
      load();
    }
    SW.add(page, el('h2', {}, '极端天气模式'),
      el('p', { class: 'muted' }, '严寒酷暑时开启：未用水告警提前到 12 小时，用水习惯异常判断更灵敏，社区工作者与邻里志愿者每日联系。'), box, history);
    await load();
  });

  // ---- roster (摸排表) ----
  SW.route(/^\/roster$/, async (page) => {
    const me = SW.state.me;
    const file = el('input', { type: 'file', name: 'file', accept: '.xlsx,.csv', required: true });
    const skip = el('input', { type: 'checkbox', name: 'skipInvalid' });
    const report = el('pre', { class: 'report', 'aria-live': 'polite' });
    const upload = form(async () => {
      const chosen = file.files[0];
      if (!chosen) { say('请选择文件', true); return; }
      report.textContent = '正在导入……';
      const r = await api(`/api/roster/import?name=${encodeURIComponent(chosen.name)}&skipInvalid=${skip.checked}`,
        { raw: await chosen.arrayBuffer() });
      report.textContent = r.summary;
      say(r.refused ? '导入被拒绝，请查看问题清单' : '导入完成', r.refused);
    }, field('摸排表文件（.xlsx 或 .csv）', file), el('label', { class: 'check' }, skip, ' 跳过有误的行，导入其余'),
    el('button', { type: 'submit', class: 'primary' }, '上传导入'));
    const streets = await api('/api/streets');
    const now = new Date();
    const quarter = el('input', { name: 'quarter', value: `${now.getFullYear()}Q${Math.floor(now.getMonth() / 3) + 1}`,
      pattern: '[0-9]{4}Q[1-4]', required: true });
    const street = el('select', { name: 'street' }, streets.map((s) => el('option', { value: s.name, selected: s.name === me.street }, s.name)));
    const download = form(async (f) => {
      const v = values(f);
      location.href = `/api/roster/export?street=${encodeURIComponent(v.street)}&quarter=${encodeURIComponent(v.quarter)}`;
      say('正在下载摸排表');
    }, field('街道', street), field('季度', quarter, '如 2026Q4'), el('button', { type: 'submit' }, '导出 .xlsx'));
    SW.add(page, el('h2', {}, '摸排表'), el('section', {}, el('h3', {}, '导入'), upload, report),
      el('section', {}, el('h3', {}, '导出报送（含完整身份证号与电话，导出会记录在审计日志中）'), download));
  });

  // ---- accounts ----
  SW.route(/^\/accounts$/, async (page) => {
    const me = SW.state.me;
    const body = el('tbody');
    async function load() {
      const rows = await api('/api/accounts');
      SW.put(body, ...rows.map((a) => el('tr', {},
        el('td', { 'data-label': '用户名' }, a.username), el('td', { 'data-label': '姓名' }, a.displayName),
        el('td', { 'data-label': '角色' }, a.roleLabel),
        el('td', { 'data-label': '范围' }, a.role === 'DISTRICT' ? '全区' : `${a.street} ${a.communities.join('、')}`),
        el('td', { 'data-label': '状态' }, a.active ? '启用' : '停用'),
        el('td', { 'data-label': '操作' }, a.username === me.username ? '（本人）' : el('button', { type: 'button', onclick: async () => {
          try { await api(`/api/accounts/${a.id}/active`, { body: { active: !a.active } }); load(); } catch (e) { say(e.message, true); }
        } }, a.active ? '停用' : '启用')))));
    }
    const roles = can('DISTRICT') ? [['STREET', '街道'], ['COMMUNITY_WORKER', '社区工作者'], ['DISTRICT', '区级']]
      : [['COMMUNITY_WORKER', '社区工作者'], ['STREET', '街道']];
    const create = form(async (f) => {
      const v = values(f);
      if (v.communities) v.communities = v.communities.split(/[，,、\s]+/).filter(Boolean);
      await api('/api/accounts', { body: v });
      say(`已创建账户 ${v.username}`);
      f.reset();
      load();
    }, field('用户名', el('input', { name: 'username', required: true, maxlength: '50', autocomplete: 'off' })),
    field('姓名', el('input', { name: 'displayName', required: true, maxlength: '50' })),
    field('角色', el('select', { name: 'role' }, roles.map(([v, l]) => el('option', { value: v }, l)))),
    field('街道', el('input', { name: 'street', value: me.street || '', readonly: me.role === 'STREET' })),
    field('社区（社区工作者填写，多个用顿号分隔）', el('input', { name: 'communities' })),
    field('初始密码', el('input', { name: 'password', type: 'password', required: true, minlength: '10', autocomplete: 'new-password' })),
    el('button', { type: 'submit', class: 'primary' }, '创建账户'));
    const current = el('input', { name: 'current', type: 'password', required: true, autocomplete: 'current-password' });
    const next = el('input', { name: 'password', type: 'password', required: true, minlength: '10', autocomplete: 'new-password' });
    const password = form(async (f) => {
      SW.state.me = await api('/api/session/password', { body: values(f) });
      f.reset();
      say('密码已修改，其他设备上的登录已退出');
    }, field('当前密码', current), field('新密码（至少 10 个字符）', next), el('button', { type: 'submit' }, '修改密码'));
    const manager = can('DISTRICT', 'STREET');
    SW.add(page, el('h2', {}, '账户'),
      manager ? el('table', { class: 'list cards' }, el('thead', {}, el('tr', {}, ['用户名', '姓名', '角色', '范围', '状态', '操作']
        .map((h) => el('th', { scope: 'col' }, h)))), body) : null,
      manager ? el('section', {}, el('h3', {}, '创建账户'), create) : null,
      el('section', {}, el('h3', {}, '修改我的密码'), password));
    if (manager) await load();
  });
})();
