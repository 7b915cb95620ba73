'use strict';
// 守望 · charts as inline SVG (no chart library, no network): hourly water use over seven days, the weekly
// completion rate of contact duties over twelve weeks, and the elder's learned day (用水习惯).
(() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 720;
  const H = 180;
  const PAD = { left: 44, right: 8, top: 10, bottom: 28 };

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // hours: [{hour: ISO, liters}], oldest first.
  SW.waterChart = (data) => {
    const hours = data.hours || [];
    const max = Math.max(1, ...hours.map((h) => h.liters));
    const top = Math.ceil(max / 5) * 5;
    const plotW = W - PAD.left - PAD.right;
    const plotH = H - PAD.top - PAD.bottom;
    const barW = plotW / Math.max(1, hours.length);
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img',
      'aria-label': `近 7 天每小时用水量，共 ${data.totalLiters} 升，最高每小时 ${max.toFixed(1)} 升` });
    root.append(svg('title', {}, '近 7 天每小时用水量（升）'));
    [0, 0.5, 1].forEach((f) => {
      const y = PAD.top + plotH * (1 - f);
      root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }));
      root.append(svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, `${(top * f).toFixed(0)}升`));
    });
    hours.forEach((h, i) => {
      const at = new Date(h.hour);
      const local = new Date(at.getTime() + 8 * 3600 * 1000);
      if (local.getUTCHours() === 0) {
        const x = PAD.left + i * barW;
        root.append(svg('line', { x1: x, x2: x, y1: PAD.top, y2: PAD.top + plotH, class: 'day' }));
        root.append(svg('text', { x: x + 2, y: H - 10, class: 'axis' }, `${local.getUTCMonth() + 1}/${local.getUTCDate()}`));
      }
      if (h.liters > 0) {
        const bh = plotH * (h.liters / top);
        const bar = svg('rect', { x: PAD.left + i * barW, y: PAD.top + plotH - bh, width: Math.max(1, barW - 0.5),
          height: bh, class: 'bar' });
        bar.append(svg('title', {}, `${SW.time(h.hour)}：${h.liters} 升`));
        root.append(bar);
      }
    });
    return root;
  };

  // points: [{week: '2026-W49', due, met, rate}], oldest first; a week with nothing due has no bar.
  SW.trendChart = (points) => {
    const w = 720;
    const h = 200;
    const plotW = w - PAD.left - PAD.right;
    const plotH = h - PAD.top - PAD.bottom - 14;
    const slot = plotW / Math.max(1, points.length);
    const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'chart trend', role: 'img', 'aria-label':
      `近 ${points.length} 周联系任务完成率：${points.map((p) => `${p.week} ${p.rate === null || p.rate === undefined ? '无任务'
        : `${Math.round(p.rate * 100)}%`}`).join('，')}` });
    root.append(svg('title', {}, '近 12 周联系任务完成率'));
    [0, 0.5, 1].forEach((f) => {
      const y = PAD.top + 14 + plotH * (1 - f);
      root.append(svg('line', { x1: PAD.left, x2: w - PAD.right, y1: y, y2: y, class: 'grid' }));
      root.append(svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, `${f * 100}%`));
    });
    points.forEach((p, i) => {
      const x = PAD.left + i * slot;
      root.append(svg('text', { x: x + slot / 2, y: h - 10, 'text-anchor': 'middle', class: 'axis' }, p.week.slice(5)));
      if (p.rate === null || p.rate === undefined) return;
      const bh = Math.max(1, plotH * p.rate);
      const y = PAD.top + 14 + plotH - bh;
      const bar = svg('rect', { x: x + slot * 0.15, y, width: slot * 0.7, height: bh,
        class: p.rate < 0.8 ? 'bar low' : 'bar' });
      bar.append(svg('title', {}, `${p.week}：${p.met}/${p.due}`));
      root.append(bar);
      root.append(svg('text', { x: x + slot / 2, y: y - 3, 'text-anchor': 'middle', class: 'axis' },
        `${Math.round(p.rate * 100)}%`));
    });
    return root;
  };

  // The learned day of GET /api/elders/{id}/routine over one day, 0-24 h Asia/Shanghai: typical litres by hour and
  // today's (bars, left axis), the learned no-use limit by quarter hour (dashed step line, right axis in hours) and
  // the gap in progress (a line rising one minute per minute from its start up to the meter's data, right axis).
  // `narrow` draws fewer, larger labels for a phone. `label` is the text alternative (the caller's summary).
  SW.routineChart = (r, label, narrow) => {
    const w = narrow ? 360 : 720;
    const h = narrow ? 220 : 240;
    const pad = { left: narrow ? 34 : 44, right: narrow ? 34 : 44, top: 12, bottom: 24 };
    const plotW = w - pad.left - pad.right;
    const plotH = h - pad.top - pad.bottom;
    const dayStart = Date.parse(`${r.day}T00:00:00+08:00`);
    const hoursOf = (iso) => (Date.parse(iso) - dayStart) / 3600000;
    const x = (hours) => pad.left + plotW * Math.max(0, Math.min(24, hours)) / 24;
    const today = r.today.map((v) => (v === null || v === undefined ? null : v));
    const litresTop = Math.ceil(Math.max(1, ...r.typicalByHour, ...today.filter((v) => v !== null)) / 5) * 5;
    const yL = (litres) => pad.top + plotH * (1 - litres / litresTop);
    const showLimit = r.armed && r.enabled;
    const gap = r.gap;
    const maxLimit = showLimit ? Math.max(...r.limits) : 0;
    // The hours axis fits the limits and the gap, but a gap of days is not allowed to flatten the limits.
    const wanted = Math.max(maxLimit, gap ? gap.minutes : 0, 180);
    const minutesTop = Math.ceil(Math.min(wanted, Math.max(maxLimit * 1.5, 720)) / 120) * 120;
    const yM = (minutes) => pad.top + plotH * (1 - Math.min(minutes, minutesTop) / minutesTop);
    const fontSize = narrow ? 13 : 11;
    const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: narrow ? 'chart routine narrow' : 'chart routine', role: 'img', 'aria-label': label });
    root.append(svg('title', {}, label));

    [0, 0.5, 1].forEach((f) => {
      const y = pad.top + plotH * (1 - f);
      root.append(svg('line', { x1: pad.left, x2: w - pad.right, y1: y, y2: y, class: 'grid' }));
      root.append(svg('text', { x: pad.left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis' },
        `${+(litresTop * f).toFixed(1)}升`));
      if (showLimit || gap) {
        root.append(svg('text', { x: w - pad.right + 4, y: y + 4, class: 'axis' },
          `${+(minutesTop * f / 60).toFixed(1)}时`));
      }
    });
    const every = narrow ? 6 : 3;
    for (let hour = 0; hour <= 24; hour += every) {
      root.append(svg('text', { x: x(hour), y: h - 6, 'text-anchor': 'middle', class: 'axis' },
        `${hour}:00`));
    }

    const slot = plotW / 24;
    r.typicalByHour.forEach((litres, hour) => {
      if (litres <= 0) return;
      const bar = svg('rect', { x: x(hour) + slot * 0.1, y: yL(litres), width: slot * 0.4,
        height: yL(0) - yL(litres), class: 'typical' });
      bar.append(svg('title', {}, `${hour}时 平时 ${litres} 升`));
      root.append(bar);
    });
    today.forEach((litres, hour) => {
      if (litres === null || litres <= 0) return;
      const bar = svg('rect', { x: x(hour) + slot * 0.5, y: yL(litres), width: slot * 0.4,
        height: yL(0) - yL(litres), class: 'today' });
      bar.append(svg('title', {}, `${hour}时 今日 ${litres} 升`));
      root.append(bar);
    });

    if (showLimit) {
      const points = [];
      r.limits.forEach((minutes, s) => {
        points.push(`${x(s / 4).toFixed(1)},${yM(minutes).toFixed(1)}`, `${x((s + 1) / 4).toFixed(1)},${yM(minutes).toFixed(1)}`);
      });
      root.append(svg('polyline', { points: points.join(' '), class: 'limit' }));
    }

    const now = hoursOf(r.now);
    root.append(svg('line', { x1: x(now), x2: x(now), y1: pad.top, y2: pad.top + plotH, class: 'now' }));
    root.append(svg('text', { x: x(now) + 3, y: pad.top + fontSize, class: 'axis' }, '此刻'));

    if (gap) {
      // Drawn within today: where it began before midnight it enters at its length then.
      const end = hoursOf(gap.until);
      const start = Math.max(0, hoursOf(gap.since));
      if (end > 0) {
        const atStart = gap.minutes - (end - start) * 60;
        const points = [[start, atStart]];
        if (gap.minutes > minutesTop) {
          const reach = start + (minutesTop - atStart) / 60;
          if (reach > start) points.push([reach, minutesTop]);
        }
        points.push([end, gap.minutes]);
        root.append(svg('polyline', { points: points.map(([t, m]) => `${x(t).toFixed(1)},${yM(m).toFixed(1)}`).join(' '),
          class: gap.over ? 'gap over' : 'gap' }));
        root.append(svg('circle', { cx: x(end), cy: yM(gap.minutes), r: narrow ? 4 : 3.5,
          class: gap.over ? 'gap-end over' : 'gap-end' }));
      }
    }
    return root;
  };
})();
