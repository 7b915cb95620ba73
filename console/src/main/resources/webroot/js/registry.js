'use strict';
// 守望 · the registry: elder search, the elder's page (facts, edit, deactivate, care team, devices,
// absence calendar; routine.js adds the learned routine, care.js the care timeline and the agreement) and the device-health list for maintenance.
(() => {
  const { el, api, say, time, date, field, form, values } = SW;
  const ROLES = [['NEIGHBOUR_VOLUNTEER', '邻里/志愿者'], ['COMMUNITY_WORKER', '社区工作者'],
    ['STREET_EMERGENCY_TEAM', '街道应急队'], ['HOME_CARE_ORG', '居家养老服务机构'], ['FAMILY_CONTACT', '家属联系人'],
    ['STREET_OFFICE', '街道办']];
  const KINDS = [['WATER_METER', '智能水表'], ['CALL_BUTTON', '一键呼']];
  // The roster's columns (policy annex 3); the API takes the names, the profile gives the labels.
  const CATEGORIES = [['', '未登记'], ['NO_CHILDREN_OR_CARER', '无子女或赡养人'], ['CARER_UNABLE', '子女或赡养人无照顾能力'],
    ['EMPTY_NEST', '空巢'], ['LIVING_ALONE', '独居']];
  const CHILDREN = [['', '无 / 未登记'], ['OUTSIDE_DISTRICT', '区外'], ['OUTSIDE_STREET', '街道外']];
  const nameOf = (options, label) => (options.find(([, l]) => l === label) || [''])[0];

  const input = (name, attrs) => el('input', { name, ...attrs });
  const select = (name, options, chosen) => el('select', { name }, options.map(([v, l]) =>
    el('option', { value: v, selected: v === chosen }, l)));

  async function placeInputs(elder) {
    const streets = await api('/api/streets');
    const me = SW.state.me;
    const street = select('street', streets.map((s) => [s.name, s.name]), elder ? elder.street : me.street);
    const communities = el('datalist', { id: 'communities' });
    const fill = () => {
      const s = streets.find((x) => x.name === street.value);
      SW.put(communities, (s ? s.communities : []).map((c) => el('option', { value: c })));
    };
    street.addEventListener('change', fill);
    fill();
    const community = input('community', { list: 'communities', required: true, maxlength: '50',
      value: elder ? elder.community : (me.role === 'COMMUNITY_WORKER' ? me.communities[0] : '') });
    return [field('街道', street), field('社区', community), communities];
  }

  // 类别, 子女住处, 低保失能 and the agreement date: with the age from the ID number they decide 重点老人.
  function factInputs(elder) {
    const low = el('input', { type: 'checkbox', name: 'lowIncomeDisabled', checked: !!(elder && elder.lowIncomeDisabled) });
    return [
      field('类别', select('category', CATEGORIES, elder ? nameOf(CATEGORIES, elder.category) : '')),
      field('子女或赡养人住处', select('childrenLocation', CHILDREN, elder ? nameOf(CHILDREN, elder.childrenLocation) : ''),
        '空巢、独居须选区外或街道外；无子女或赡养人的不选'),
      el('label', { class: 'check' }, low, ' 低保家庭中失能、半失能'),
      field('四方协议签订日期', input('agreementSignedOn', { type: 'date',
        value: elder && elder.agreementSignedOn ? elder.agreementSignedOn : '' }))];
  }

  async function elderForm(elder, onSaved) {
    const f = form(async (formEl) => {
      const body = values(formEl);
      body.lowIncomeDisabled = formEl.elements.lowIncomeDisabled.checked;
      const saved = elder ? await api(`/api/elders/${elder.id}`, { method: 'PUT', body })
        : await api('/api/elders', { body });
      say(elder ? '老人信息已保存' : `已登记 ${saved.name}`);
      onSaved(saved);
    },
    field('姓名', input('name', { required: true, maxlength: '50', value: elder ? elder.name : '' })),
    elder ? null : field('身份证号', input('idNumber', { required: true, maxlength: '18', autocomplete: 'off',
      pattern: '[0-9]{15}|[0-9]{17}[0-9Xx]' }), '18 位，末位可为 X；旧证 15 位自动转换'),
    ...(await placeInputs(elder)),
    // A masked address or phone is not shown; left empty, the stored value stays (the server keeps it).
    field('住址', input('address', { required: !(elder && elder.addressMasked), maxlength: '200',
      value: elder && !elder.addressMasked ? elder.address : '',
      placeholder: elder && elder.addressMasked ? '已隐藏，留空则不变' : '' })),
    field('联系电话', input('phone', { type: 'tel', maxlength: '30', value: elder && !elder.phoneMasked ? elder.phone || '' : '',
      placeholder: elder && elder.phoneMasked ? '已隐藏，留空则不变' : '' }),
      '手机 11 位，固话带区号，如 0512-65221234'),
    ...factInputs(elder),
    el('button', { type: 'submit', class: 'primary' }, elder ? '保存' : '登记'));
    return f;
  }

  // ---- search ----
  SW.route(/^\/elders$/, async (page) => {
    const q = input('q', { type: 'search', placeholder: '姓名、社区或住址', 'aria-label': '搜索老人' });
    const inactive = el('input', { type: 'checkbox', name: 'inactive' });
    const body = el('tbody');
    const newBox = el('div');
    async function search() {
      const rows = await api(`/api/elders?q=${encodeURIComponent(q.value.trim())}&inactive=${inactive.checked}&limit=200`);
      SW.put(body, ...rows.map((e) => el('tr', {},
        el('td', { 'data-label': '姓名' }, el('a', { href: `#/elder/${e.id}` }, e.name)),
        el('td', { 'data-label': '街道/社区' }, `${e.street} ${e.community}`),
        el('td', { 'data-label': '住址' }, e.address),
        el('td', { 'data-label': '身份证号' }, e.idNumber),
        el('td', { 'data-label': '状态' }, e.active ? '在册' : '已注销'))));
      say(`找到 ${rows.length} 位老人`);
    }
    SW.add(page, el('h2', {}, '老人档案'),
      form(search, field('搜索', q), el('label', { class: 'check' }, inactive, ' 含已注销'),
        el('button', { type: 'submit', class: 'primary' }, '搜索')),
      el('button', { type: 'button', 'aria-expanded': 'false', onclick: async (e) => {
        const open = newBox.childElementCount === 0;
        e.target.setAttribute('aria-expanded', String(open));
        SW.put(newBox, ...(open ? [el('h3', {}, '登记老人'),
          await elderForm(null, (saved) => { location.hash = `#/elder/${saved.id}`; })] : []));
      } }, '登记老人'), newBox,
      el('table', { class: 'list cards' }, el('thead', {}, el('tr', {}, ['姓名', '街道/社区', '住址', '身份证号', '状态']
        .map((h) => el('th', { scope: 'col' }, h)))), body));
    await search();
  });

  // ---- one elder ----
  function contactForm(elderId, contact, onSaved) {
    return form(async (f) => {
      const body = values(f);
      body.priority = Number(body.priority || 0);
      if (contact) await api(`/api/contacts/${contact.id}`, { method: 'PUT', body });
      else await api(`/api/elders/${elderId}/contacts`, { body });
      say('联系人已保存');
      onSaved();
    },
    field('角色', select('role', ROLES, contact ? contact.role : 'NEIGHBOUR_VOLUNTEER')),
    field('姓名', input('name', { required: true, maxlength: '50', value: contact ? contact.name : '' })),
    field('电话', input('phone', { type: 'tel', required: true, maxlength: '30',
      value: contact && !contact.phoneMasked ? contact.phone : '' })),
    field('优先级', input('priority', { type: 'number', min: '0', max: '99', value: contact ? contact.priority : 0 })),
    el('button', { type: 'submit', class: 'primary' }, contact ? '保存' : '添加联系人'));
  }

  function devicesTable(devices, reload) {
    return el('table', { class: 'list cards' }, el('thead', {}, el('tr', {}, ['设备', '类型', '最后上报', '电量', '信号', '状况', '操作']
      .map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, devices.map((d) => el('tr', {},
      el('td', { 'data-label': '设备' }, d.deviceId),
      el('td', { 'data-label': '类型' }, d.kindLabel),
      el('td', { 'data-label': '最后上报' }, d.lastSeenAt ? time(d.lastSeenAt) : '从未'),
      el('td', { 'data-label': '电量' }, d.battery === null || d.battery === undefined ? '—' : `${d.battery}%`),
      el('td', { 'data-label': '信号' }, d.rssi === null || d.rssi === undefined ? '—' : `${d.rssi} dBm`),
      el('td', { 'data-label': '状况' }, d.problems.length ? el('span', { class: 'warn' }, d.problems.map((p) => p.label).join('、')) : '正常'),
      el('td', { 'data-label': '操作' }, el('button', { type: 'button', onclick: async () => {
        await api(`/api/devices/${encodeURIComponent(d.deviceId)}/active`, { body: { active: !d.active } });
        say(d.active ? '设备已停用' : '设备已启用');
        reload();
      } }, d.active ? '停用' : '启用'))))));
  }

  // The absence calendar of the rules API: an elder away (hospital, family visit) is not paged for no water use,
  // and the learned routine neither judges those days nor learns from them.
  async function absences(elderId) {
    const box = el('div');
    async function load() {
      let rows;
      try { rows = await api(`/api/elders/${elderId}/absences`); } catch (e) {
        SW.put(box, el('p', { class: 'muted' }, `外出登记暂不可用：${e.message}`));
        return;
      }
      const from = input('from', { type: 'date', required: true });
      const to = input('to', { type: 'date', required: true });
      const reason = input('reason', { maxlength: '50', required: true, placeholder: '如：住院、探亲' });
      SW.put(box, 
        rows.length ? el('ul', { class: 'absences' }, rows.map((a) => el('li', {},
          // The end is stored as the start of the day after the last day away.
          `${date(a.from)} 至 ${date(new Date(new Date(a.to).getTime() - 1).toISOString())} ${a.reason || ''}`,
          a.createdBy ? el('small', { class: 'muted' }, `（${a.createdBy} 登记）`) : null, ' ',
          el('button', { type: 'button', onclick: async () => {
            await api(`/api/absences/${a.id}`, { method: 'DELETE' });
            say('已取消外出登记');
            load();
          } }, '取消')))) : el('p', { class: 'muted' }, '没有外出登记'),
        form(async (f) => {
          await api(`/api/elders/${elderId}/absences`, { body: values(f) });
          say('外出登记已保存');
          load();
        }, field('第一天', from), field('最后一天', to), field('原因', reason),
        el('button', { type: 'submit' }, '登记外出')));
    }
    await load();
    return box;
  }

  SW.route(/^\/elder\/(\d+)$/, async (page, id) => {
    async function render() {
      const e = await api(`/api/elders/${id}`);
      const editBox = el('div');
      const contactBox = el('div');
      const deviceForm = form(async (f) => {
        await api('/api/devices', { body: { ...values(f), elderId: Number(id) } });
        say('设备已登记');
        render();
      }, field('设备编号', input('deviceId', { required: true, maxlength: '64' })), field('类型', select('kind', KINDS)),
      el('button', { type: 'submit' }, '登记设备'));
      const facts = [['性别', e.sex || '未知'], ['类别', e.category || '未登记'], ['子女住处', e.childrenLocation || '—'],
        ['低保失能', e.lowIncomeDisabled ? '是' : '否'], ['四方协议签订', e.agreementSignedOn || '未登记'],
        ['状态', e.active ? '在册' : '已注销']];
      SW.put(page, 
        el('p', {}, el('a', { href: '#/elders' }, '← 返回老人档案')),
        el('h2', {}, `${e.name}${e.keyElder ? ' · 重点老人' : ''}`),
        el('div', { class: 'columns' },
          el('section', {}, el('h3', {}, '基本信息'), SW.elderFacts(e),
            el('dl', { class: 'facts-list' }, facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
            el('div', { class: 'actions' },
              el('button', { type: 'button', onclick: async () => {
                SW.put(editBox, el('h3', {}, '修改信息'), await elderForm(e, () => render()));
              } }, '修改'),
              e.active ? el('button', { type: 'button', class: 'danger', onclick: async () => {
                const reason = prompt('注销原因（如：迁出、去世、不再属于保障对象）');
                if (!reason) return;
                await api(`/api/elders/${id}/deactivate`, { body: { reason } }).then(() => { say('已注销'); render(); },
                  (err) => say(err.message, true));
              } }, '注销') : null),
            editBox),
          el('section', {}, el('h3', {}, '照护团队'),
            el('ul', { class: 'team' }, e.contacts.map((c) => el('li', {}, el('span', { class: 'role' }, c.roleLabel),
              ` ${c.name} `, SW.phone(c.phone, c.phoneMasked), ' ', SW.provider(c.provider), ' ',
              el('button', { type: 'button', class: 'link', onclick: () => SW.put(contactBox, 
                el('h3', {}, `修改联系人 ${c.name}`), contactForm(id, c, render)) }, '修改'),
              el('button', { type: 'button', class: 'link', onclick: async () => {
                if (!confirm(`将 ${c.name} 移出照护团队？`)) return;
                await api(`/api/contacts/${c.id}/retire`, { body: {} });
                say('已移出照护团队');
                render();
              } }, '移出')))),
            el('button', { type: 'button', onclick: () => SW.put(contactBox, el('h3', {}, '添加联系人'),
              contactForm(id, null, render)) }, '添加联系人'), contactBox)),
        el('section', {}, el('h3', {}, '设备'), devicesTable(e.devices, render), deviceForm),
        el('section', {}, el('h3', {}, '未办结事件'), e.incidents.length ? el('ul', {}, e.incidents.map((i) =>
          el('li', {}, el('a', { href: `#/incident/${i.id}` }, `${i.code} ${i.ruleLabel}`), ` ${time(i.openedAt)}`)))
          : el('p', { class: 'muted' }, '无')),
        SW.routine ? SW.routine(id) : null,
        el('section', {}, el('h3', {}, '外出登记（期间不按未用水、用水习惯告警）'), await absences(id)),
        SW.care ? SW.care.elderCare(e) : null,
        SW.care ? SW.care.agreementSection(e) : null);
    }
    await render();
  });

  // ---- carrier meters that pushed data but are bound to no device (issue 14) ----
  const DECODERS = [['', '产品默认'], ['properties', '属性 JSON（properties）'], ['cjt188', 'CJ/T 188（cjt188）'],
    ['frozen-intervals', '冻结间隔数据（frozen-intervals）']];
  async function carrierUnbound(box, reloadDevices) {
    const list = await api('/api/carrier/unbound');
    SW.put(box, list.length ? el('ul', { class: 'list' }, list.map((u) => {
      const bind = form(async (f) => {
        const v = values(f);
        const body = { platform: u.platform, carrierDeviceId: u.carrierDeviceId, deviceId: v.deviceId };
        if (v.decoder) body.decoder = v.decoder;
        if (v.uploadIntervalHours) body.uploadIntervalHours = Number(v.uploadIntervalHours);
        const r = await api('/api/carrier/bind', { body });
        say(`已绑定到 ${r.deviceId}，已收到的 ${r.requeued} 条数据正在解码`);
        await carrierUnbound(box, reloadDevices);
        await reloadDevices();
      }, field('绑定到水表编号', input('deviceId', { required: true, maxlength: '64' })),
      field('解码方式', select('decoder', DECODERS)),
      field('上传间隔（小时）', input('uploadIntervalHours', { type: 'number', min: '1', max: '744', step: '1' }), '留空用产品默认'),
      el('button', { type: 'submit' }, '绑定'));
      return el('li', { 'data-carrier-device': u.carrierDeviceId },
        el('p', {}, el('strong', {}, `${u.platformLabel} ${u.carrierDeviceId}`),
          `${u.imei ? `（IMEI ${u.imei}）` : ''}${u.productId ? ` 产品 ${u.productId}` : ''}：未登记设备，已收到 ${u.seenCount} 次，最近 ${time(u.lastSeen)}`),
        bind);
    })) : el('p', { class: 'empty' }, '没有未登记的运营商平台设备。'));
  }

  // ---- device health ----
  SW.route(/^\/devices$/, async (page) => {
    const only = el('input', { type: 'checkbox', checked: true });
    const box = el('div');
    async function load() {
      const rows = await api(`/api/devices?problems=${only.checked}`);
      SW.put(box, rows.length ? el('table', { class: 'list cards' }, el('thead', {}, el('tr', {},
        ['设备', '老人', '街道/社区', '最后上报', '下次上传预计', '电量', '信号', '需要处理'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((d) => el('tr', {},
        el('td', { 'data-label': '设备' }, `${d.deviceId}（${d.kindLabel}）`),
        el('td', { 'data-label': '老人' }, el('a', { href: `#/elder/${d.elderId}` }, d.elderName)),
        el('td', { 'data-label': '街道/社区' }, `${d.street} ${d.community}`),
        el('td', { 'data-label': '最后上报' }, d.lastSeenAt ? time(d.lastSeenAt) : '从未'),
        el('td', { 'data-label': '下次上传预计' }, d.nextUploadDue ? `${time(d.nextUploadDue)}（每 ${d.uploadIntervalHours} 小时）` : '—'),
        el('td', { 'data-label': '电量' }, d.battery === null || d.battery === undefined ? '—' : `${d.battery}%`),
        el('td', { 'data-label': '信号' }, d.rssi === null || d.rssi === undefined ? '—' : `${d.rssi} dBm`),
        el('td', { 'data-label': '需要处理' }, d.problems.length ? el('span', { class: 'warn' },
          d.problems.map((p) => p.label).join('、')) : '正常')))))
        : el('p', { class: 'empty' }, only.checked ? '所有设备状况正常。' : '没有设备。'));
    }
    only.addEventListener('change', load);
    const unbound = el('div', { id: 'carrier-unbound' });
    SW.add(page, el('h2', {}, '设备维护'), el('label', { class: 'check' }, only, ' 只看需要处理的设备'), box,
      el('h2', {}, '未登记设备（运营商平台推送）'), unbound);
    await load();
    await carrierUnbound(unbound, load);
    // The paging providers (issue 13): whether pages get out at all is the first thing to check.
    if (SW.can('DISTRICT') || SW.can('STREET')) {
      const providers = el('div', { id: 'providers' });
      SW.add(page, el('h2', {}, '通知服务商'), providers);
      try {
        const list = await api('/api/operations/providers');
        SW.put(providers, list.length ? el('table', { class: 'list cards' }, el('thead', {}, el('tr', {},
          ['服务商', '最近成功发送', '最近失败', '状态'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, list.map((p) => el('tr', { 'data-provider': p.name },
          el('td', { 'data-label': '服务商' }, p.label),
          el('td', { 'data-label': '最近成功发送' }, p.lastSuccess ? time(p.lastSuccess) : '尚无'),
          el('td', { 'data-label': '最近失败' }, p.lastFailure ? `${time(p.lastFailure)}（${p.lastFailureWhy || ''}）` : '无'),
          el('td', { 'data-label': '状态' }, p.down ? el('strong', { class: 'error' }, '发送失败，请检查') : '正常')))))
          : el('p', { class: 'empty' }, '未配置通知服务商。'));
      } catch (e) {
        SW.put(providers, el('p', { class: 'error' }, `无法获取通知服务商状态：${e.message}`));
      }
    }
  });

})();
