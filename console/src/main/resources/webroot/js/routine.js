'use strict';
// 守望 · 用水习惯 on the elder's page: what the learned rule (用水习惯异常, ROUTINE_BREAK) has learned of the
// elder's water meter, drawn as one day (SW.routineChart) with today and the no-use gap in progress over it, one
// sentence saying where today stands, and the rule's two settings.
(() => {
  const { el, api } = SW;
  // The Chinese names of the learned rule's thresholds (RuleThresholds routineSensitivity, routineFloor).
  const LABELS = { routineSensitivity: '用水习惯灵敏度', routineFloor: '习惯规则最短时长' };

  // "2小时10分", "3小时", "45分钟", as the alert texts say it (Routine.hours).
  const duration = (minutes) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h === 0 ? `${m}分钟` : `${h}小时${m ? `${m}分` : ''}`;
  };
  const clock = (iso) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: 'numeric',
    minute: '2-digit', hour12: false });
  const hm = (hhmm) => hhmm.replace(/^0(\d)/, '$1');
  // A time of the chart's day as 7:15, of another day with its date.
  const dayOf = (iso) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const at = (iso, day) => (dayOf(iso) === day ? clock(iso) : SW.time(iso));
  // The data lags the clock by more than this (an hourly or once-a-day meter): say how far it reaches.
  const LAG_MS = 20 * 60000;

  function sentence(r) {
    if (!r.meterId) return '未登记智能水表，无法学习用水习惯';
    if (!r.armed) return `正在学习用水习惯（已学习 ${r.learnedDays} 天，需 ${r.daysNeeded} 天）`;
    const parts = [];
    if (r.usualFirstUse) parts.push(`通常 ${hm(r.usualFirstUse)} 前开始用水`);
    const g = r.gap;
    if (r.away) {
      parts.push('外出登记期间不按用水习惯判断');
    } else if (!g) {
      parts.push('近期没有用水数据，无法计算未用水时长');
    } else {
      const lag = Date.parse(r.now) - Date.parse(g.until) > LAG_MS;
      let s = lag ? `截至 ${at(g.until, r.day)} ` : '此刻';
      s += g.since !== g.lastUse ? `自 ${at(g.since, r.day)} 起重新计时，已 ${duration(g.minutes)}`
        : `距上次用水 ${duration(g.minutes)}`;
      if (r.enabled) s += `，习惯上限 ${duration(g.limitMinutes)}`;
      parts.push(s);
    }
    return parts.join('；');
  }

  // The chart's text alternative: the same story in one breath.
  function summary(r) {
    const busiest = r.typicalByHour.map((litres, hour) => ({ litres, hour })).filter((x) => x.litres > 0)
      .sort((a, b) => b.litres - a.litres).slice(0, 3).sort((a, b) => a.hour - b.hour);
    const usedToday = r.today.reduce((sum, v) => sum + (v || 0), 0);
    const parts = [`用水习惯图：平时用水集中在 ${busiest.length ? busiest.map((x) => `${x.hour}时`).join('、') : '（暂无）'}`,
      `今日已用水 ${usedToday.toFixed(1)} 升`];
    if (r.armed && r.enabled) {
      parts.push(`习惯未用水上限 ${duration(Math.min(...r.limits))} 至 ${duration(Math.max(...r.limits))}`);
    }
    if (r.gap) parts.push(`当前已 ${duration(r.gap.minutes)} 未用水${r.gap.over ? '，超过习惯上限' : ''}`);
    return parts.join('；');
  }

  const swatch = (cls, text) => el('li', {}, el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);

  function legend(r) {
    return el('ul', { class: 'legend' }, swatch('typical', '平时每小时用水（中位数，左轴）'), swatch('today', '今日用水'),
      r.armed && r.enabled ? swatch('limit', '习惯未用水上限（右轴，小时）') : null,
      r.gap ? swatch(r.gap.over ? 'gap over' : 'gap', '当前未用水时长') : null);
  }

  // The chart's numbers as a table, for screen readers and for reading exact values.
  function table(r) {
    return el('details', { class: 'routine-table' }, el('summary', {}, '以表格查看'),
      el('table', {}, el('thead', {}, el('tr', {}, ['时段', '平时（升）', '今日（升）', '习惯上限']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, r.typicalByHour.map((litres, hour) => el('tr', {},
        el('th', { scope: 'row' }, `${hour}:00–${hour + 1}:00`), el('td', {}, litres),
        el('td', {}, r.today[hour] === null ? '—' : r.today[hour]),
        el('td', {}, r.armed && r.enabled ? duration(r.limits[hour * 4 + 3]) : '—'))))));
  }

  function settings(r) {
    const s = r.settings;
    return el('p', { class: 'muted routine-settings' },
      `${LABELS.routineSensitivity} ${s.routineSensitivity}（0 = 关闭）· ${LABELS.routineFloor} ${duration(s.routineFloorMinutes)}`,
      s.extremeWeather ? `· 极端天气模式：按灵敏度 ${+s.sensitivity.toFixed(2)} 判断` : '');
  }

  function render(box, r) {
    const narrow = window.matchMedia('(max-width: 700px)').matches;
    const parts = [el('p', { class: 'routine-sentence', id: 'routine-sentence' }, sentence(r))];
    if (r.meterId) {
      parts.unshift(el('figure', { class: 'chart-box routine-figure' }, SW.routineChart(r, summary(r), narrow),
        el('figcaption', {}, legend(r))));
    }
    if (!r.enabled) parts.push(el('p', { class: 'warn' }, '用水习惯规则已关闭（灵敏度为 0），不会据此告警'));
    if (r.explanation) parts.push(el('p', { class: 'error', id: 'routine-explanation' }, r.explanation));
    parts.push(settings(r));
    if (r.meterId) parts.push(table(r));
    SW.put(box, ...parts);
  }

  // The section, filled in when the answer comes; the rest of the page does not wait for it.
  SW.routine = (elderId) => {
    const box = el('div', {}, el('p', { class: 'muted' }, '正在读取用水习惯…'));
    api(`/api/elders/${elderId}/routine`).then((r) => render(box, r),
      (e) => SW.put(box, el('p', { class: 'muted' }, `用水习惯暂不可用：${e.message}`)));
    return el('section', { class: 'routine', id: 'routine' }, el('h3', {}, '用水习惯'), box);
  };
})();
