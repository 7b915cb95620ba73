'use strict';
// 守望 · charts as inline SVG (no chart library, no network): hourly water use over seven days, and the
// weekly completion rate of contact duties over twelve weeks.
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
})();
